package io.quantlens.eval;

/**
 * The one number a sensitivity scan ranks layers by, in a unit people read: accuracy points,
 * percent of samples, dB. Which one depends on what the model outputs and whether there are labels.
 */
public enum SensitivityMetric {
  /** FP32 accuracy minus quantized accuracy, in percentage points. */
  ACCURACY_DROP,
  /** Share of samples whose top-1 class differs from FP32's, in percent. */
  DISAGREEMENT,
  /** 1 − mean cosine similarity of the output vectors (embeddings). */
  COSINE_LOSS,
  /** Output SQNR in dB; the only one where lower is worse. */
  OUTPUT_SQNR;

  /** The metric for a task: labels make accuracy measurable; class scores make top-1 comparable. */
  public static SensitivityMetric of(EvalTask.Kind kind, boolean labelled) {
    return switch (kind) {
      case CLASSIFIER -> labelled ? ACCURACY_DROP : DISAGREEMENT;
      case EMBEDDING -> COSINE_LOSS;
      case TENSOR -> OUTPUT_SQNR;
    };
  }

  /** The metric that applies to {@code r}. */
  public static SensitivityMetric of(EvalResult r) {
    return of(r.task().kind(), r.hasLabels());
  }

  /** The value in this metric's unit. */
  public double value(EvalResult r) {
    return switch (this) {
      case ACCURACY_DROP -> r.accuracyDropPoints();
      case DISAGREEMENT -> 100 * (1 - r.top1Agreement());
      case COSINE_LOSS -> 1 - r.meanCosine();
      case OUTPUT_SQNR -> r.outputSqnrDb();
    };
  }

  public boolean lowerIsWorse() {
    return this == OUTPUT_SQNR;
  }

  /** The value turned so that larger always hurts more. */
  public double loss(EvalResult r) {
    double v = value(r);
    return lowerIsWorse() ? -v : v;
  }
}
