package io.quantlens.session;

import io.quantlens.analysis.Analyzer;
import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.formats.onnx.OnnxQuantizedWriter.Form;
import io.quantlens.formats.onnx.OnnxQuantizedWriter.Kind;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.quant.FloatFormat;
import io.quantlens.quant.Granularity;
import io.quantlens.quant.IntFormat;
import io.quantlens.quant.IntRecipe;
import io.quantlens.quant.Scheme;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A plan as ONNX Runtime stores quantized weights (docs/onnx-weights.md#writing-a-plan-as-onnx): an
 * 8-bit integer scheme per channel ({@code int8:channel:sym}, {@code int8:channel:asym}) is
 * weight-only QDQ; a 4-bit scheme in groups of 16 to 256 (a power of two, e.g. {@code
 * int4:g32:sym}) on a MatMul or Gemm weight is MatMulNBits; {@code fp16} and {@code bf16} are the
 * weight stored in that type behind a Cast to float; FP32, the plan's "as stored", leaves the layer
 * as it is. Other schemes have no ONNX form here.
 */
public final class OnnxPlanForms {
  private OnnxPlanForms() {}

  /**
   * Layer name → form for every layer whose plan scheme is not FP32.
   *
   * @throws IllegalArgumentException naming the layer and scheme when a scheme has no ONNX form
   */
  public static Map<String, Form> of(Model model, PrecisionPlan plan) {
    Map<String, Form> forms = new LinkedHashMap<>();
    for (Layer layer : Analyzer.analysable(model)) {
      Scheme scheme = plan.schemeFor(layer.name());
      if (!scheme.equals(PrecisionPlan.FP32)) {
        forms.put(layer.name(), new Form(kind(layer, scheme), scheme));
      }
    }
    return forms;
  }

  private static Kind kind(Layer layer, Scheme scheme) {
    if (scheme.format() == FloatFormat.FP16 || scheme.format() == FloatFormat.BF16) {
      return Kind.CAST;
    }
    if (scheme.format() instanceof IntFormat f && scheme.recipe() == IntRecipe.ONNX) {
      Granularity g = scheme.granularity();
      if (f.bits() == 8 && g.kind() == Granularity.Kind.CHANNEL) {
        return Kind.QDQ;
      }
      boolean matMul = layer.opType().equals("MatMul") || layer.opType().equals("Gemm");
      if (f.bits() == 4 && g.kind() == Granularity.Kind.GROUP && isBlockSize(g.groupSize())) {
        if (matMul) {
          return Kind.MATMUL_NBITS;
        }
        throw new IllegalArgumentException(
            layer.name()
                + ": "
                + scheme.id()
                + " on a "
                + layer.opType()
                + " has no ONNX form; MatMulNBits takes MatMul and Gemm weights");
      }
    }
    throw new IllegalArgumentException(
        layer.name()
            + ": "
            + scheme.id()
            + " has no ONNX form; ONNX takes fp16|bf16 (Cast), int8:channel:sym|asym (QDQ) and,"
            + " on MatMul and Gemm, int4:g32|g64|g128:sym|asym (MatMulNBits)");
  }

  private static boolean isBlockSize(int size) {
    return size >= 16 && size <= 256 && Integer.bitCount(size) == 1;
  }
}
