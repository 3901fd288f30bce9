package io.quantlens.analysis;

import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.model.TensorNames;
import io.quantlens.quant.Scheme;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OpenVINO NNCF {@code nncf.compress_weights}: INT8_ASYM (the default mode) and INT4_SYM group 128
 * with a ratio, as nncf @ ef8e1dbd decides per layer (src/nncf/quantization/algorithms/
 * weight_compression/algorithm.py {@code get_weight_compression_parameters}, {@code
 * _get_ratio_defining_params}; mixed_precision.py {@code MixedPrecisionCriterion.apply}).
 *
 * <p>NNCF compresses MatMul/Gemm, embedding (Gather) and convolution weights. With a 4-bit mode and
 * all_layers=False, only MatMuls except the last one are "ratio-defining"; embeddings, convolutions
 * and the last MatMul keep the backup INT8_ASYM. Other layers stay float.
 */
final class NncfPresets {
  private static final String SOURCE =
      "nncf @ ef8e1dbd: src/nncf/quantization/algorithms/weight_compression/algorithm.py"
          + " (get_weight_compression_configuration, get_weight_compression_parameters,"
          + " _get_ratio_defining_params), weight_lowering.py (calculate_integer_quantization_params,"
          + " _calculate_signed_scale, _calculate_integer_quantized_weight), fake_quantize.py"
          + " (calculate_scale_zero_point)";

  static final Scheme INT8_ASYM = Scheme.parse("int8:channel:asym:nncf");
  static final Scheme INT4_SYM = Scheme.parse("int4:g128:sym:nncf");
  private static final int GROUP = 128;

  private NncfPresets() {}

  static List<PlanPreset> all() {
    return List.of(
        new PlanPreset(
            "nncf-int8-asym",
            "NNCF INT8_ASYM",
            "OpenVINO NNCF compress_weights() defaults: every MatMul, embedding and convolution"
                + " weight in asymmetric 8-bit per output channel over its own min-max range.",
            SOURCE,
            NncfPresets::int8Asym),
        int4Preset("nncf-int4-sym", "NNCF INT4_SYM g128", 1.0),
        int4Preset("nncf-int4-sym-r0.8", "NNCF INT4_SYM g128, ratio 0.8", 0.8));
  }

  private static PlanPreset int4Preset(String id, String name, double ratio) {
    return new PlanPreset(
        id,
        name,
        "OpenVINO NNCF compress_weights(mode=INT4_SYM, ratio="
            + ratio
            + "): MatMul weights but the last in signed-scale 4-bit groups of 128"
            + (ratio < 1 ? " up to that share of their weights, chosen by INT8 error," : "")
            + " embeddings, convolutions and the rest in INT8_ASYM.",
        SOURCE + "; mixed_precision.py (MixedPrecisionCriterion.apply, DataFreeCriterion)",
        model -> int4Sym(model, ratio));
  }

  static PrecisionPlan int8Asym(Model model) {
    Map<String, Scheme> layers = new LinkedHashMap<>();
    for (Layer layer : compressible(model)) {
      layers.put(layer.name(), INT8_ASYM);
    }
    return new PrecisionPlan(PrecisionPlan.FP32, layers);
  }

  /**
   * INT4_SYM with {@code ratio}: the ratio-defining layers sorted by NNCF's score 1 / (INT8 error +
   * eps), lowest first (so the largest INT8 error comes first; Python's sort is stable), go to INT4
   * while (weights so far + this layer's) / all ratio-defining weights &lt; ratio; the first layer
   * that would reach the ratio stops the walk. A ratio-defining layer whose rows do not divide into
   * groups of 128 makes NNCF stop (group_size_fallback_mode ERROR); here it keeps the backup.
   */
  static PrecisionPlan int4Sym(Model model, double ratio) {
    List<Layer> compressible = compressible(model);
    List<Layer> ratioDefining = ratioDefining(compressible);
    List<Layer> primary = ratio >= 1 ? ratioDefining : mostInt8ErrorFirst(ratioDefining, ratio);
    Map<String, Scheme> layers = new LinkedHashMap<>();
    for (Layer layer : compressible) {
      layers.put(layer.name(), primary.contains(layer) ? INT4_SYM : INT8_ASYM);
    }
    return new PrecisionPlan(PrecisionPlan.FP32, layers);
  }

  private static List<Layer> compressible(Model model) {
    return Analyzer.analysable(model).stream()
        .filter(
            l ->
                ToolchainLayers.isLinear(l)
                    || ToolchainLayers.isEmbedding(l)
                    || ToolchainLayers.isConvolution(l))
        .toList();
  }

  /** MatMuls but the last (the language-model head when one is named so), rows divisible by 128. */
  private static List<Layer> ratioDefining(List<Layer> compressible) {
    List<Layer> matMuls = compressible.stream().filter(ToolchainLayers::isLinear).toList();
    Layer last =
        matMuls.stream()
            .filter(l -> TensorNames.role(l.name()) == TensorNames.Role.OUTPUT)
            .findFirst()
            .orElse(matMuls.isEmpty() ? null : matMuls.get(matMuls.size() - 1));
    return matMuls.stream()
        .filter(l -> l != last && ToolchainLayers.rowLength(l) % GROUP == 0)
        .toList();
  }

  private static List<Layer> mostInt8ErrorFirst(List<Layer> candidates, double ratio) {
    Map<Layer, Double> error = new LinkedHashMap<>();
    for (Layer layer : candidates) {
      error.put(layer, NncfSensitivity.int8AsymError(layer));
    }
    List<Layer> order = new ArrayList<>(candidates);
    order.sort(Comparator.comparingDouble((Layer l) -> error.get(l)).reversed());
    long total = candidates.stream().mapToLong(l -> l.weight().elementCount()).sum();
    List<Layer> primary = new ArrayList<>();
    long inInt4 = 0;
    for (Layer layer : order) {
      long n = layer.weight().elementCount();
      if ((double) (inInt4 + n) / total >= ratio) {
        break;
      }
      primary.add(layer);
      inInt4 += n;
    }
    return primary;
  }
}
