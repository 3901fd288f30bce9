package io.quantlens.eval;

/** Receives progress of an evaluation; implementations must be thread-safe. */
@FunctionalInterface
public interface EvalProgress {
  EvalProgress NONE = (done, total, step) -> {};

  /**
   * @param done units finished (batches, or layers in a sensitivity scan)
   * @param total units in all
   * @param step what is being done, e.g. {@code quantizing weights}
   */
  void update(int done, int total, String step);
}
