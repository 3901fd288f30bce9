package io.quantlens.formats.openvino;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How a decompressed weight is stored, in the words the layer table and the compare view show
 * (docs/file-formats.md#openvino-ir-decompression): NNCF's mode name when the subgraph has the
 * shape NNCF writes ({@code int8_asym}, {@code int4_sym}, {@code nf4}, ...), the granularity
 * ({@code per-channel}, {@code per-tensor} or {@code g128}), and the bits each weight costs with
 * its scales and zero points.
 *
 * @param codes the stored codes (or floats)
 * @param zeroPoint the zero point's constant, or null
 * @param zeroPointValue its value when it has one element, else NaN
 * @param scale the scale's constant, or null
 * @param reshaped whether a Reshape follows the arithmetic (NNCF's grouped layout)
 * @param arithmetic the type Subtract and Multiply compute in
 * @param steps the subgraph's operations in order, e.g. {@code Convert to f16}
 */
record StoredForm(
    IrConstant codes,
    IrConstant zeroPoint,
    float zeroPointValue,
    IrConstant scale,
    boolean reshaped,
    IrElementType arithmetic,
    List<String> steps) {
  StoredForm {
    steps = List.copyOf(steps);
  }

  /** The layer's storage text; empty for a constant read as it is. */
  String describe() {
    if (steps.isEmpty()) {
      return "";
    }
    String typeName = codes.type().irName();
    if (scale == null && zeroPoint == null) {
      return typeName + " Const, then " + String.join(", ", steps);
    }
    List<String> parts = new ArrayList<>();
    parts.add(typeName + " codes");
    if (zeroPoint != null) {
      parts.add(zeroPoint.type().irName() + " zero points " + Arrays.toString(zeroPoint.shape()));
    }
    if (scale != null) {
      parts.add(scale.type().irName() + " scales " + Arrays.toString(scale.shape()));
    }
    String head =
        (codes.type().isCode() && scale != null ? "NNCF " + mode() : "decompressed " + typeName)
            + " "
            + granularity();
    return head
        + ", "
        + bitsText()
        + " bits per weight ("
        + String.join(", ", parts)
        + "; "
        + String.join(", ", steps)
        + ")";
  }

  /** NNCF's name for the mode, from the code type and the zero point. */
  String mode() {
    int bits = codes.type().bits();
    return switch (codes.type()) {
      case NF4 -> "nf4";
      case F4E2M1 -> scaleType() == IrElementType.F8E8M0 ? "mxfp4" : "fp4";
      case F8E4M3 -> scaleType() == IrElementType.F8E8M0 ? "mxfp8_e4m3" : "fp8_e4m3";
      case I8, I4 -> "int" + bits + (zeroPoint == null ? "_sym" : "_asym");
      default -> {
        // NNCF may write a symmetric mode as unsigned codes with the one zero point 2^(b−1).
        boolean offsetOnly =
            zeroPoint != null && zeroPoint.elements() == 1 && zeroPointValue == (1 << (bits - 1));
        yield "int"
            + bits
            + (offsetOnly ? "_sym" : zeroPoint == null ? " unsigned, no zero point" : "_asym");
      }
    };
  }

  /**
   * {@code per-tensor} (one value), {@code gN} (after a Reshape, one axis of N reduced: NNCF's
   * groups), {@code per-channel} (no Reshape, some axes reduced), else the scale's shape.
   */
  String granularity() {
    IrConstant p = scale != null ? scale : zeroPoint;
    if (p.elements() == 1) {
      return "per-tensor";
    }
    long[] shape = codes.shape();
    long[] ps = p.shape();
    int shift = shape.length - ps.length;
    List<Integer> reduced = new ArrayList<>();
    for (int i = 0; i < shape.length; i++) {
      long d = i < shift ? 1 : ps[i - shift];
      if (d == 1 && shape[i] > 1) {
        reduced.add(i);
      }
    }
    if (reshaped && reduced.size() == 1) {
      return "g" + shape[reduced.get(0)];
    }
    if (!reshaped && !reduced.isEmpty()) {
      return "per-channel"; // one value per output channel, shared across the reduced axes
    }
    return "scales " + Arrays.toString(ps);
  }

  private IrElementType scaleType() {
    return scale == null ? null : scale.type();
  }

  /** Stored bits per weight: codes, scales and zero points. */
  double bitsPerWeight() {
    long n = codes.elements();
    if (n == 0) {
      return 0;
    }
    double bits = (double) codes.type().bits() * n;
    if (scale != null) {
      bits += (double) scale.type().bits() * scale.elements();
    }
    if (zeroPoint != null) {
      bits += (double) zeroPoint.type().bits() * zeroPoint.elements();
    }
    return bits / n;
  }

  private String bitsText() {
    return BigDecimal.valueOf(bitsPerWeight())
        .setScale(3, RoundingMode.HALF_EVEN)
        .stripTrailingZeros()
        .toPlainString();
  }
}
