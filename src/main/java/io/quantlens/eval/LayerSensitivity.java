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
   * Worst first: by accuracy drop when there are labels, else by top-1 disagreement, then by KL
   * divergence; embeddings by 1 − mean cosine; other outputs by lower output SQNR.
   */
  public static final Comparator<LayerSensitivity> MOST_HARMFUL_FIRST =
      Comparator.comparingDouble(LayerSensitivity::primaryLoss)
          .thenComparingDouble(LayerSensitivity::secondaryLoss)
          .reversed();

  /** The quantity ranked on; larger hurts more. */
  public double primaryLoss() {
    return switch (result.task().kind()) {
      case CLASSIFIER ->
          result.hasLabels() ? result.accuracyDropPoints() : 1 - result.top1Agreement();
      case EMBEDDING -> 1 - result.meanCosine();
      case TENSOR -> -result.outputSqnrDb();
    };
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
