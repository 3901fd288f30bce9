package io.quantlens.analysis;

import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.quant.ActivationScheme;
import io.quantlens.quant.Scheme;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in plan presets. The generic ones use FP32 or schemes among {@link
 * AnalysisOptions#DEFAULT_SCHEMES}, so a default analysis already holds every number they need; the
 * toolchain presets (NNCF, MLX) bring their own schemes, which the window analyses on demand.
 */
public final class PlanPresets {
  static final String ORT_QUANTIZATION =
      "ONNX Runtime documentation, \"Quantize ONNX models\""
          + " (onnxruntime.ai/docs/performance/model-optimizations/quantization.html)";
  private static final String ONNX_CAST = "ONNX operator specification, Cast";

  static final Scheme INT8_CHANNEL = Scheme.parse("int8:channel:sym");
  static final Scheme INT8_TENSOR_ASYM = Scheme.parse("int8:tensor:asym");
  private static final Scheme INT4_G32 = Scheme.parse("int4:g32:sym");

  private static final List<PlanPreset> GENERIC =
      List.of(
          uniform(
              "fp32",
              "All FP32",
              "Every layer keeps its float32 weights: the reference the other plans are compared"
                  + " with.",
              "IEEE 754-2019, binary32 format",
              PrecisionPlan.FP32),
          uniform(
              "fp16",
              "All FP16",
              "Every weight and every layer input is cast to IEEE half precision with round to"
                  + " nearest even, as a model converted to FP16 computes.",
              "IEEE 754-2019, binary16 format; " + ONNX_CAST,
              PrecisionPlan.uniform(Scheme.parse("fp16"))
                  .withActivations(ActivationScheme.parse("fp16"))),
          uniform(
              "bf16",
              "All BF16",
              "Every weight and every layer input is cast to bfloat16, float32's exponent range"
                  + " with 7 mantissa bits.",
              "Intel, \"BFLOAT16 – Hardware Numerics Definition\" (white paper 338302-001US, 2018)",
              PrecisionPlan.uniform(Scheme.parse("bf16"))
                  .withActivations(ActivationScheme.parse("bf16"))),
          uniform(
              "fp8e4m3",
              "All FP8 E4M3",
              "Every weight is cast to FP8 E4M3, saturating at ±448.",
              "Micikevicius et al., \"FP8 Formats for Deep Learning\" (arXiv:2209.05433); "
                  + ONNX_CAST
                  + " (saturate=1)",
              Scheme.parse("fp8e4m3")),
          uniform(
              "int8",
              "All INT8",
              "ONNX Runtime QDQ-like: per-channel symmetric int8 weights.",
              ORT_QUANTIZATION,
              INT8_CHANNEL),
          uniform(
              "int8-tensor-asym",
              "INT8 per tensor, asymmetric",
              "One float32 scale and uint8 zero point per weight tensor, the coarsest 8-bit"
                  + " choice.",
              ORT_QUANTIZATION
                  + "; onnxruntime/python/tools/quantization/quant_utils.py"
                  + " (compute_scale_zp)",
              INT8_TENSOR_ASYM),
          OrtPresets.GENAI_INT4,
          OrtPresets.QUANTIZER_INT4,
          new PlanPreset(
              "int4-int8-ends",
              "INT4, first and last layers INT8",
              "Block-32 symmetric INT4 everywhere except the model's first and last weight layers,"
                  + " which get per-channel INT8.",
              "Esser et al., \"Learned Step Size Quantization\" (arXiv:1902.08153), which keeps"
                  + " the first and last layers at 8 bits",
              PlanPresets::int4WithInt8Ends));

  /** The presets that imitate a toolchain, after the generic ones. */
  private static final List<PlanPreset> ALL = withToolchains();

  private PlanPresets() {}

  private static List<PlanPreset> withToolchains() {
    List<PlanPreset> all = new ArrayList<>(GENERIC);
    all.addAll(ActivationPresets.all());
    all.addAll(LlamaCppPresets.all(LlamaCppPresets::ggmlScheme));
    all.addAll(NncfPresets.all());
    all.addAll(MlxPresets.all());
    return List.copyOf(all);
  }

  /** Every preset, in the order a menu shows them. */
  public static List<PlanPreset> all() {
    return ALL;
  }

  public static Optional<PlanPreset> byId(String id) {
    return ALL.stream().filter(p -> p.id().equals(id)).findFirst();
  }

  private static PlanPreset uniform(
      String id, String name, String description, String source, Scheme scheme) {
    return uniform(id, name, description, source, PrecisionPlan.uniform(scheme));
  }

  static PlanPreset uniform(
      String id, String name, String description, String source, PrecisionPlan plan) {
    return new PlanPreset(id, name, description, source, model -> plan);
  }

  /**
   * INT4 g32 everywhere, the first and last layers with weights (in model order) at INT8 per
   * channel; a single-layer model gets INT8.
   */
  static PrecisionPlan int4WithInt8Ends(Model model) {
    List<Layer> layers = Analyzer.analysable(model);
    Map<String, Scheme> ends = new LinkedHashMap<>();
    if (!layers.isEmpty()) {
      ends.put(layers.get(0).name(), INT8_CHANNEL);
      ends.put(layers.get(layers.size() - 1).name(), INT8_CHANNEL);
    }
    return new PrecisionPlan(INT4_G32, ends);
  }
}
