package io.quantlens.analysis;

import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.quant.Scheme;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Apple MLX affine quantization as {@code mlx_lm.convert -q} applies it: {@code nn.quantize}
 * replaces Linear and Embedding layers (the modules with {@code to_quantized}) whose last weight
 * dimension is a multiple of the group size, and leaves every other layer (convolutions, norms, odd
 * widths) in float.
 */
final class MlxPresets {
  private static final int GROUP = 64;
  private static final String SOURCE =
      "ml-explore/mlx @ 846d1762: mlx/backend/cpu/quantized.cpp (quantize), python/mlx/nn/layers/"
          + "quantized.py (quantize: Linear and Embedding via to_quantized; affine defaults"
          + " group 64, 4 bits); mlx-lm mlx_lm/utils.py (quantize_model skips weights whose last"
          + " dimension is not a multiple of the group size)";

  private MlxPresets() {}

  static List<PlanPreset> all() {
    return List.of(preset(4), preset(8));
  }

  /** The affine schemes of the presets: 4 and 8 bits in groups of 64. */
  static List<Scheme> schemes() {
    return List.of(scheme(4), scheme(8));
  }

  private static Scheme scheme(int bits) {
    return Scheme.parse("int" + bits + ":g" + GROUP + ":asym:mlx");
  }

  private static PlanPreset preset(int bits) {
    Scheme scheme = scheme(bits);
    return new PlanPreset(
        "mlx-" + bits + "bit",
        "MLX affine " + bits + "-bit, group 64",
        "Apple MLX mlx.nn.quantize(bits="
            + bits
            + "): Linear and embedding weights in affine "
            + bits
            + "-bit groups of 64 with a scale and bias each, the rest left in float.",
        SOURCE,
        model -> plan(model, scheme));
  }

  static PrecisionPlan plan(Model model, Scheme scheme) {
    Map<String, Scheme> layers = new LinkedHashMap<>();
    for (Layer layer : Analyzer.analysable(model)) {
      boolean quantizable = ToolchainLayers.isLinear(layer) || ToolchainLayers.isEmbedding(layer);
      if (quantizable && ToolchainLayers.rowLength(layer) % GROUP == 0) {
        layers.put(layer.name(), scheme);
      }
    }
    return new PrecisionPlan(PrecisionPlan.FP32, layers);
  }
}
