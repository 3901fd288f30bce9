package io.quantlens.session;

import io.quantlens.analysis.Analyzer;
import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.formats.gguf.GgmlType;
import io.quantlens.formats.gguf.LlamaFileTypes;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.quant.FloatFormat;
import io.quantlens.quant.GgmlFormat;
import io.quantlens.quant.Scheme;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A plan as the ggml type of each GGUF tensor: a ggml block scheme ({@code q4_k}, {@code q8_0}, …)
 * is that type, {@code fp16} is F16 and {@code bf16} BF16; FP32, the plan's "as stored", keeps the
 * tensor's own type. Other schemes have no GGUF type.
 */
public final class GgufPlanTypes {
  /** llama.cpp's file type (llama.h enum llama_ftype) of each llama.cpp preset. */
  private static final Map<String, Integer> PRESET_FILE_TYPES =
      Map.of("llama-q8_0", 7, "llama-q4_0", 2, "llama-q4_k_m", 15);

  private GgufPlanTypes() {}

  /**
   * Tensor name → ggml type for every layer whose plan scheme is not FP32.
   *
   * @throws IllegalArgumentException naming the layer and scheme when a scheme has no GGUF type
   */
  public static Map<String, GgmlType> of(Model model, PrecisionPlan plan) {
    Map<String, GgmlType> types = new LinkedHashMap<>();
    for (Layer layer : Analyzer.analysable(model)) {
      Scheme scheme = plan.schemeFor(layer.name());
      if (!scheme.equals(PrecisionPlan.FP32)) {
        types.put(layer.weight().name(), type(layer, scheme));
      }
    }
    return types;
  }

  /**
   * The {@code general.file_type} to write: the preset's, else the type most weights are written in
   * (llama.cpp names a file after its dominant type the same way).
   */
  public static int fileType(Optional<String> presetId, Model model, Map<String, GgmlType> types) {
    Integer preset = presetId.map(PRESET_FILE_TYPES::get).orElse(null);
    if (preset != null) {
      return preset;
    }
    Map<GgmlType, Long> weights = new HashMap<>();
    for (Layer layer : Analyzer.analysable(model)) {
      GgmlType t = types.get(layer.weight().name());
      if (t == null) {
        t = stored(layer);
      }
      weights.merge(t, layer.weight().elementCount(), Long::sum);
    }
    GgmlType dominant =
        weights.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    return LlamaFileTypes.forType(dominant);
  }

  private static GgmlType stored(Layer layer) {
    for (GgmlType t : GgmlType.values()) {
      if (t.dtype() == layer.weight().dtype()) {
        return t;
      }
    }
    return GgmlType.F32;
  }

  private static GgmlType type(Layer layer, Scheme scheme) {
    if (scheme.format() instanceof GgmlFormat g) {
      return GgmlType.valueOf(g.id().toUpperCase(Locale.ROOT));
    }
    if (scheme.format() == FloatFormat.FP16) {
      return GgmlType.F16;
    }
    if (scheme.format() == FloatFormat.BF16) {
      return GgmlType.BF16;
    }
    throw new IllegalArgumentException(
        layer.name()
            + ": "
            + scheme.id()
            + " has no GGUF type; GGUF takes ggml types (q8_0, q4_k …), fp16 and bf16");
  }
}
