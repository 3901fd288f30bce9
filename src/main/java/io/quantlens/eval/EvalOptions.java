package io.quantlens.eval;

/**
 * How evaluations run.
 *
 * @param threads ONNX Runtime intra-op threads and weight quantization workers
 * @param batchSize samples per ONNX Runtime call
 */
public record EvalOptions(int threads, int batchSize) {
  public static final int DEFAULT_BATCH = 64;

  public EvalOptions {
    if (threads < 1 || batchSize < 1) {
      throw new IllegalArgumentException("threads and batch size must be at least 1");
    }
  }

  public static EvalOptions defaults() {
    return new EvalOptions(Runtime.getRuntime().availableProcessors(), DEFAULT_BATCH);
  }
}
