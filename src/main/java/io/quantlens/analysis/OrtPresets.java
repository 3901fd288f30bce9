package io.quantlens.analysis;

import io.quantlens.model.Layer;
import io.quantlens.quant.Scheme;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ONNX Runtime's 4-bit weight-only quantizers, which rewrite MatMul nodes into MatMulNBits and
 * leave every other operator (Gemm, Conv, Gather) in float.
 */
final class OrtPresets {
  private static final String GENAI_BUILDER =
      "onnxruntime-genai @ a0c04eb1, src/python/py/models/builders/quant_config.py WeightsConfig"
          + " (block_size=32, symmetric=True, op_types=(\"MatMul\",)); builders/base.py"
          + " (embeddings quantized only when Gather is among the op types, as shared_embeddings"
          + " adds it); ONNX Runtime contrib operators, com.microsoft.MatMulNBits";
  private static final String NBITS_QUANTIZER =
      "onnxruntime/python/tools/quantization/matmul_nbits_quantizer.py"
          + " (DefaultWeightOnlyQuantConfig: block_size=128, is_symmetric=False,"
          + " op_types_to_quantize default {MatMul})";

  static final Scheme GENAI_SCHEME = Scheme.parse("int4:g32:sym");
  static final Scheme QUANTIZER_SCHEME = Scheme.parse("int4:g128:asym");

  static final PlanPreset GENAI_INT4 =
      matMulOnly(
          "int4",
          "INT4 block 32 (ORT GenAI)",
          "MatMul weights in symmetric 4-bit blocks of 32 as ONNX Runtime GenAI's model builder"
              + " makes them (MatMulNBits), every other layer left in float.",
          GENAI_BUILDER,
          GENAI_SCHEME);

  static final PlanPreset QUANTIZER_INT4 =
      matMulOnly(
          "int4-g128-asym",
          "INT4 block 128, asymmetric (ORT)",
          "MatMul weights in asymmetric 4-bit blocks of 128 with zero points, ONNX Runtime"
              + " MatMulNBits quantizer's defaults, every other layer left in float.",
          NBITS_QUANTIZER,
          QUANTIZER_SCHEME);

  private OrtPresets() {}

  private static PlanPreset matMulOnly(
      String id, String name, String description, String source, Scheme scheme) {
    return new PlanPreset(
        id,
        name,
        description,
        source,
        model -> {
          Map<String, Scheme> layers = new LinkedHashMap<>();
          for (Layer layer : Analyzer.analysable(model)) {
            if (layer.opType().equals("MatMul")) {
              layers.put(layer.name(), scheme);
            }
          }
          return new PrecisionPlan(PrecisionPlan.FP32, layers);
        });
  }
}
