package io.quantlens.eval;

import io.quantlens.model.Layer;
import java.util.Comparator;

/**
 * The effect of quantizing one layer alone (every other layer FP32).
 *
 * @param layer the layer quantized
 * @param result the measured comparison with FP32
 */
public record LayerSensitivity(Layer layer, EvalResult result) {

  /**
   * Worst first: by accuracy drop when there are labels, else by top-1 disagreement (percent), then
   * by KL divergence; embeddings by 1 − mean cosine; other outputs by lower output SQNR.
   */
  public static final Comparator<LayerSensitivity> MOST_HARMFUL_FIRST =
      Comparator.comparingDouble(LayerSensitivity::primaryLoss)
          .thenComparingDouble(LayerSensitivity::secondaryLoss)
          .reversed();

  /** What {@link #primaryLoss()} measures for this model's task. */
  public SensitivityMetric metric() {
    return SensitivityMetric.of(result);
  }

  /** The {@link #metric()}'s value, e.g. 0.40 (accuracy points) or 23.8 (output SQNR, dB). */
  public double value() {
    return metric().value(result);
  }

  /** The quantity ranked on, in the metric's unit; larger hurts more (SQNR is negated). */
  public double primaryLoss() {
    return metric().loss(result);
  }

  /** Breaks ties of {@link #primaryLoss()}. */
  public double secondaryLoss() {
    return switch (result.task().kind()) {
      case CLASSIFIER -> result.meanKlDivergence();
      case EMBEDDING -> 1 - result.neighbourAgreement();
      case TENSOR -> 1 - result.meanCosine();
    };
  }
}
