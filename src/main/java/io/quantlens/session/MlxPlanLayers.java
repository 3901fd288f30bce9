package io.quantlens.session;

import io.quantlens.analysis.Analyzer;
import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.analysis.ToolchainLayers;
import io.quantlens.formats.safetensors.MlxWriter.Quantization;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.quant.Granularity;
import io.quantlens.quant.IntFormat;
import io.quantlens.quant.IntRecipe;
import io.quantlens.quant.Scheme;
import io.quantlens.quant.Symmetry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plan as MLX quantizes a checkpoint: an MLX affine scheme ({@code int4:g64:asym:mlx}, 2 to 8
 * bits) is that layer's bits and group size; FP32, the plan's "as stored", leaves the layer in
 * float. Any other scheme has no MLX form.
 *
 * @param quantized layer name → bits and group size
 * @param unquantized the linear and embedding layers left in float, which config.json marks
 */
public record MlxPlanLayers(Map<String, Quantization> quantized, List<String> unquantized) {
  public MlxPlanLayers {
    quantized = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(quantized));
    unquantized = List.copyOf(unquantized);
  }

  /**
   * @throws IllegalArgumentException naming the layer and scheme when a scheme has no MLX form
   */
  public static MlxPlanLayers of(Model model, PrecisionPlan plan) {
    Map<String, Quantization> quantized = new LinkedHashMap<>();
    List<String> unquantized = new ArrayList<>();
    for (Layer layer : Analyzer.analysable(model)) {
      Scheme s = plan.schemeFor(layer.name());
      if (s.equals(PrecisionPlan.FP32)) {
        if (ToolchainLayers.isLinear(layer) || ToolchainLayers.isEmbedding(layer)) {
          unquantized.add(layer.name());
        }
        continue;
      }
      if (!(s.format() instanceof IntFormat f)
          || s.recipe() != IntRecipe.MLX
          || s.symmetry() != Symmetry.ASYM
          || s.granularity().kind() != Granularity.Kind.GROUP) {
        throw new IllegalArgumentException(
            layer.name()
                + ": "
                + s.id()
                + " has no MLX form; MLX takes affine groups such as int4:g64:asym:mlx");
      }
      quantized.put(layer.name(), new Quantization(f.bits(), s.granularity().groupSize()));
    }
    return new MlxPlanLayers(quantized, unquantized);
  }
}
