package io.quantlens.eval;

import io.quantlens.quant.Scheme;
import java.util.List;

/**
 * Per-layer sensitivity to one scheme.
 *
 * @param scheme the scheme each layer was quantized to in turn
 * @param task what was compared
 * @param layers one entry per layer, in model order
 */
public record SensitivityReport(Scheme scheme, EvalTask task, List<LayerSensitivity> layers) {
  public SensitivityReport {
    layers = List.copyOf(layers);
  }

  /** The layers, the one that hurts most first. */
  public List<LayerSensitivity> ranked() {
    return layers.stream().sorted(LayerSensitivity.MOST_HARMFUL_FIRST).toList();
  }
}
