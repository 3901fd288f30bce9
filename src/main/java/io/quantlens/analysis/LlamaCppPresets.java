package io.quantlens.analysis;

import io.quantlens.analysis.LlamaCppRules.FileType;
import io.quantlens.analysis.LlamaCppRules.Weight;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.quant.Scheme;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * llama.cpp's {@code llama-quantize} file types as presets: {@link LlamaCppRules} picks each
 * tensor's ggml type and the ggml schemes ({@code q8_0}, {@code q6_k}, …) reproduce the blocks.
 * Layers llama.cpp keeps (norms, routers) or refuses stay FP32.
 */
final class LlamaCppPresets {
  private static final String SOURCE =
      "ggml-org/llama.cpp @ 007dbbf3, src/llama-quant.cpp (llama_tensor_get_type,"
          + " llama_tensor_get_type_impl, tensor_type_fallback, tensor_allows_quantization);"
          + " no importance matrix; checked against llama_model_quantize of ggml 0.25.1"
          + " (0ad4a86)";

  private LlamaCppPresets() {}

  /** The presets, their plans built with {@code schemeOf} (ggml type name → scheme). */
  static List<PlanPreset> all(Function<String, Scheme> schemeOf) {
    return List.of(
        new PlanPreset(
            "llama-q8_0",
            "llama.cpp Q8_0",
            "llama-quantize Q8_0: every 2-D weight in q8_0 blocks of 32.",
            SOURCE,
            model -> plan(model, FileType.Q8_0, schemeOf)),
        new PlanPreset(
            "llama-q4_0",
            "llama.cpp Q4_0",
            "llama-quantize Q4_0: weights in q4_0 blocks of 32, the output matrix in q6_k as"
                + " llama.cpp keeps it.",
            SOURCE,
            model -> plan(model, FileType.Q4_0, schemeOf)),
        new PlanPreset(
            "llama-q4_k_m",
            "llama.cpp Q4_K_M",
            "llama-quantize Q4_K_M: q4_k weights, q6_k for the output and for attn_v (Phi-3's"
                + " fused attn_qkv) and ffn_down in the first and last eighth of the blocks and"
                + " every third between.",
            SOURCE,
            model -> plan(model, FileType.Q4_K_M, schemeOf)));
  }

  /** ggml type names as schemes; {@code f16} is the plain FP16 cast. */
  static Scheme ggmlScheme(String type) {
    return Scheme.parse(type.equals(LlamaCppRules.F16) ? "fp16" : type);
  }

  static PrecisionPlan plan(Model model, FileType fileType, Function<String, Scheme> schemeOf) {
    List<Weight> weights = new ArrayList<>();
    for (Layer layer : Analyzer.analysable(model)) {
      weights.add(
          new Weight(layer.name(), layer.weight().rank(), ToolchainLayers.rowLength(layer)));
    }
    Map<String, Scheme> layers = new LinkedHashMap<>();
    LlamaCppRules.types(weights, fileType)
        .forEach((name, type) -> layers.put(name, schemeOf.apply(type)));
    return new PrecisionPlan(PrecisionPlan.FP32, layers);
  }
}
