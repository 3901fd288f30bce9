package io.quantlens.formats.openvino;

import io.quantlens.model.DType;
import java.util.List;

/**
 * The operations QuantLens shows as weight layers, which of their inputs may hold the weight, and
 * which weight axis indexes output channels (docs/file-formats.md#openvino-ir-weight-layers).
 */
final class WeightLayers {
  private WeightLayers() {}

  /**
   * @param irType the IR's operation type
   * @param opType the operator name QuantLens's analyses know it by
   * @param weightInputs the inputs tried, in order
   */
  record Kind(String irType, String opType, List<Integer> weightInputs) {}

  private static final List<Kind> KINDS =
      List.of(
          new Kind("MatMul", "MatMul", List.of(1, 0)),
          new Kind("Convolution", "Conv", List.of(1)),
          new Kind("GroupConvolution", "Conv", List.of(1)),
          new Kind("Gather", "Gather", List.of(0)));

  static Kind kind(IrNet.Layer layer) {
    for (Kind k : KINDS) {
      if (k.irType().equals(layer.type())) {
        return k;
      }
    }
    return null;
  }

  /**
   * A weight is a float tensor (stored so or decompressed) with elements, of rank 2 or more for
   * MatMul and Gather and 3 or more for convolutions; integer constants read as they are (index
   * tables, shapes) are not weights.
   */
  static boolean isWeight(Kind kind, DecompressionWalk.Weight w) {
    var t = w.tensor();
    boolean integers =
        w.form().steps().isEmpty()
            && !w.codes().type().isFloat()
            && t.dtype() != DType.FLOAT8_E4M3
            && t.dtype() != DType.FLOAT8_E5M2;
    int minRank = kind.opType().equals("Conv") ? 3 : 2;
    return !integers && t.rank() >= minRank && t.elementCount() > 0;
  }

  /**
   * MatMul: {@code B} is {@code [..., K, N]}, or {@code [..., N, K]} with {@code transpose_b}, so
   * its output channels are the last axis or the one before; a constant {@code A} has its rows
   * (output rows) on the axis before last, or the last with {@code transpose_a}. Convolution
   * weights {@code [C_out, C_in, ...]} and GroupConvolution's {@code [G, C_out/G, C_in/G, ...]},
   * and embedding tables {@code [vocabulary, hidden]}, use axis 0.
   */
  static int channelAxis(Kind kind, IrNet.Layer layer, int input, int rank) {
    if (!kind.irType().equals("MatMul") || rank < 2) {
      return 0;
    }
    boolean transposed = flag(layer, input == 1 ? "transpose_b" : "transpose_a");
    if (input == 1) {
      return transposed ? rank - 2 : rank - 1;
    }
    return transposed ? rank - 1 : rank - 2;
  }

  /** The storage text, with the IR's operation type when it is not the operator's own name. */
  static String storage(IrNet.Layer layer, StoredForm form) {
    String text = form.describe();
    if (layer.type().equals("GroupConvolution")) {
      return text.isEmpty() ? "GroupConvolution weight" : text + "; GroupConvolution weight";
    }
    return text;
  }

  private static boolean flag(IrNet.Layer layer, String name) {
    String v = layer.data().getOrDefault(name, "false").trim();
    return v.equalsIgnoreCase("true") || v.equals("1");
  }
}
