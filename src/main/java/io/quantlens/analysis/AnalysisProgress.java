package io.quantlens.analysis;

/** Receives progress from worker threads; implementations must be thread-safe. */
@FunctionalInterface
public interface AnalysisProgress {
  AnalysisProgress NONE = (done, total) -> {};

  void update(long weightsDone, long weightsTotal);
}
