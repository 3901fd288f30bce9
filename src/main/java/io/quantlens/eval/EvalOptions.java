package io.quantlens.eval;

import java.util.OptionalInt;

/**
 * How evaluations run.
 *
 * @param threads ONNX Runtime intra-op threads and weight quantization workers
 * @param batchSize samples per ONNX Runtime call asked for; empty for the model's fixed batch, else
 *     {@value #DEFAULT_BATCH} (see {@link CallBatch})
 * @param calibrationSamples how many samples, taken from the end of the evaluation data, calibrate
 *     static activation ranges; a plan that needs them is measured on the samples before them
 */
public record EvalOptions(int threads, OptionalInt batchSize, int calibrationSamples) {
  public static final int DEFAULT_BATCH = 64;
  public static final int DEFAULT_CALIBRATION = 64;

  public EvalOptions {
    if (threads < 1 || (batchSize.isPresent() && batchSize.getAsInt() < 1)) {
      throw new IllegalArgumentException("threads and batch size must be at least 1");
    }
    if (calibrationSamples < 1) {
      throw new IllegalArgumentException("calibration takes at least 1 sample");
    }
  }

  public EvalOptions(int threads, OptionalInt batchSize) {
    this(threads, batchSize, DEFAULT_CALIBRATION);
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

  /** The same options with {@code samples} calibration samples. */
  public EvalOptions withCalibration(int samples) {
    return new EvalOptions(threads, batchSize, samples);
  }
}
