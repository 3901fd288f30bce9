package io.quantlens.eval;

import java.util.OptionalInt;

/**
 * How evaluations run.
 *
 * @param threads ONNX Runtime intra-op threads and weight quantization workers
 * @param batchSize samples per ONNX Runtime call asked for; empty for the model's fixed batch, else
 *     {@value #DEFAULT_BATCH} (see {@link CallBatch})
 */
public record EvalOptions(int threads, OptionalInt batchSize) {
  public static final int DEFAULT_BATCH = 64;

  public EvalOptions {
    if (threads < 1 || (batchSize.isPresent() && batchSize.getAsInt() < 1)) {
      throw new IllegalArgumentException("threads and batch size must be at least 1");
    }
  }

  /** {@code threads} threads and exactly {@code batchSize} samples per call. */
  public EvalOptions(int threads, int batchSize) {
    this(threads, OptionalInt.of(batchSize));
  }

  /** {@code threads} threads and the batch the model and data allow. */
  public static EvalOptions withThreads(int threads) {
    return new EvalOptions(threads, OptionalInt.empty());
  }

  public static EvalOptions defaults() {
    return withThreads(Runtime.getRuntime().availableProcessors());
  }
}
