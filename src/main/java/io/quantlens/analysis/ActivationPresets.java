package io.quantlens.analysis;

import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.quant.ActivationScheme;
import io.quantlens.quant.Scheme;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Presets that quantize layer inputs as well as weights, as deployment toolchains do. */
final class ActivationPresets {
  private static final Scheme INT8_TENSOR_SYM = Scheme.parse("int8:tensor:sym");
  static final ActivationScheme STATIC_INT8 = ActivationScheme.parse("int8:tensor:asym:static");
  static final ActivationScheme DYNAMIC_INT8 = ActivationScheme.parse("int8:tensor:asym:dynamic");
  private static final Scheme INT8_CHANNEL_REDUCED = Scheme.parse("int8:channel:sym:reduce");
  private static final Scheme UINT8_TENSOR_SYM = Scheme.parse("int8:tensor:sym:unsigned");
  private static final String ORT_DYNAMIC =
      "onnxruntime/python/tools/quantization/quantize.py (quantize_dynamic: IntegerOps, QInt8"
          + " weights, WeightSymmetric); operators/matmul.py (MatMulInteger: quantize_inputs with"
          + " reduce_range=True, op_level_per_channel=True), operators/conv.py (ConvInteger:"
          + " per tensor, no reduce_range), operators/gather.py (the table as an activation,"
          + " QUInt8); quant_utils.py (get_qmin_qmax_for_qType, compute_scale_zp)";

  private ActivationPresets() {}

  static List<PlanPreset> all() {
    return List.of(
        PlanPresets.uniform(
            "ort-static-int8",
            "W8A8 static (ORT QDQ)",
            "ONNX Runtime quantize_static's defaults: per-channel symmetric int8 weights, and"
                + " each layer input quantized per tensor, asymmetric, with a min/max range"
                + " calibrated on the calibration samples (QuantizeLinear → DequantizeLinear).",
            PlanPresets.ORT_QUANTIZATION
                + "; onnxruntime/python/tools/quantization/quantize.py (quantize_static:"
                + " QDQ format, QInt8, CalibrationMethod.MinMax, per_channel as chosen)",
            PrecisionPlan.uniform(PlanPresets.INT8_CHANNEL).withActivations(STATIC_INT8)),
        new PlanPreset(
            "full-int8",
            "Full integer INT8 (TFLite, Edge TPU)",
            "Every layer computes in int8, as TensorFlow Lite's full-integer quantization and"
                + " the Edge TPU need: convolution weights per channel and fully connected"
                + " weights per tensor, symmetric; every layer input int8 per tensor,"
                + " asymmetric, from calibrated min/max ranges.",
            "TensorFlow Lite 8-bit quantization specification"
                + " (ai.google.dev/edge/litert/models/quantization_spec): per-axis weights for"
                + " Conv2D and DepthwiseConv2D, per-tensor for FullyConnected, int8 activations"
                + " with a zero point",
            ActivationPresets::fullInteger),
        new PlanPreset(
            "ort-dynamic",
            "W8A8 dynamic (ORT quantize_dynamic)",
            "ONNX Runtime quantize_dynamic's defaults: MatMul and Conv weights int8 per tensor,"
                + " symmetric, their inputs quantized at run time over the whole input tensor"
                + " (DynamicQuantizeLinear: uint8, asymmetric), so results depend on how samples"
                + " are batched; Gather tables uint8 with a symmetric range; Gemm and the rest"
                + " float.",
            ORT_DYNAMIC,
            model -> ortDynamic(model, false)),
        new PlanPreset(
            "ort-dynamic-per-channel",
            "W8A8 dynamic, per channel, reduce_range (ORT)",
            "quantize_dynamic with per_channel=True and reduce_range=True, as the int8"
                + " all-MiniLM-L6-v2 build in the langchain4j -q package was made: MatMul weights"
                + " per output column with codes −64 … 64, Conv per tensor, inputs quantized at"
                + " run time per batch, Gather tables uint8 symmetric.",
            ORT_DYNAMIC,
            model -> ortDynamic(model, true)),
        PlanPresets.uniform(
            "w8a8-smoothquant",
            "W8A8 with SmoothQuant (α 0.5)",
            "SmoothQuant's simulated W8A8: int8 weights per output channel and int8 inputs per"
                + " token, symmetric, dynamic; each MatMul and Gemm input divided and its weight"
                + " rows multiplied by s = max|X|^0.5 / max|W|^0.5 per input channel, read on the"
                + " calibration samples (Plan ▸ SmoothQuant sets another α).",
            "Xiao et al., \"SmoothQuant\" (ICML 2023, arXiv:2211.10438), eq. 4 and α = 0.5;"
                + " the authors' smoothquant/fake_quant.py (W8A8Linear: per_channel weights,"
                + " per_token activations) and smooth.py (scales clamped at 1e-5)",
            PrecisionPlan.uniform(PlanPresets.INT8_CHANNEL)
                .withActivations(ActivationScheme.parse("int8:token:sym:dynamic"))
                .withSmoothQuant(0.5)),
        PlanPresets.uniform(
            "w4a16",
            "W4A16 (LLM weight-only)",
            "4-bit asymmetric weights in groups of 128 with FP16 layer inputs, as GPTQ and AWQ"
                + " checkpoints run: INT4 storage, FP16 arithmetic.",
            "Frantar et al., \"GPTQ\" (arXiv:2210.17323); Lin et al., \"AWQ\""
                + " (arXiv:2306.00978): group size 128, FP16 activations",
            PrecisionPlan.uniform(Scheme.parse("int4:g128:asym"))
                .withActivations(ActivationScheme.parse("fp16"))));
  }

  /**
   * What quantize_dynamic does to each operator: MatMulInteger (per output column and 7-bit reduced
   * codes when asked), ConvInteger (always per tensor, full range), Gather tables as uint8; a
   * dynamic int8 input for MatMul and Conv only.
   */
  static PrecisionPlan ortDynamic(Model model, boolean perChannelReduced) {
    Map<String, Scheme> layers = new LinkedHashMap<>();
    Map<String, ActivationScheme> activations = new LinkedHashMap<>();
    for (Layer layer : Analyzer.analysable(model)) {
      switch (layer.opType()) {
        case "MatMul" -> {
          layers.put(layer.name(), perChannelReduced ? INT8_CHANNEL_REDUCED : INT8_TENSOR_SYM);
          activations.put(layer.name(), DYNAMIC_INT8);
        }
        case "Conv" -> {
          layers.put(layer.name(), INT8_TENSOR_SYM);
          activations.put(layer.name(), DYNAMIC_INT8);
        }
        case "Gather" -> layers.put(layer.name(), UINT8_TENSOR_SYM);
        default -> {}
      }
    }
    return new PrecisionPlan(PrecisionPlan.FP32, layers, ActivationScheme.NONE, activations);
  }

  /** Conv weights per channel, the others per tensor, all symmetric int8; W8A8 throughout. */
  static PrecisionPlan fullInteger(Model model) {
    Map<String, Scheme> layers = new LinkedHashMap<>();
    for (Layer layer : Analyzer.analysable(model)) {
      layers.put(
          layer.name(),
          layer.opType().startsWith("Conv") ? PlanPresets.INT8_CHANNEL : INT8_TENSOR_SYM);
    }
    return new PrecisionPlan(INT8_TENSOR_SYM, layers, STATIC_INT8, Map.of());
  }
}
