package io.quantlens.formats.openvino;

import io.quantlens.quant.GroupParams;
import io.quantlens.quant.HalfFloats;
import io.quantlens.quant.NncfQuantizer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One weight compressed as NNCF compresses it (docs/file-formats.md#writing-an-nncf-ir): the
 * parameters of each group from its min and max and the codes from them by {@link NncfQuantizer},
 * the same arithmetic the analysis' NNCF kernel runs, with the groups the analysis uses (each
 * output channel's reduction vector, cut into {@code groupSize} pieces when grouped). The codes
 * keep the weight's element order; a grouped weight's codes take NNCF's shape, the reduction axis
 * split in two, {@code [N, K/g, g]} for {@code [N, K]} and {@code [K/g, g, N]} for {@code [K, N]},
 * and its scales and zero points {@code [N, K/g, 1]} or {@code [K/g, 1, N]}; per channel they are
 * the weight's shape with every axis but the channel's of size 1. Scales are stored f16, rounded to
 * nearest even as OpenVINO's f16 constant does.
 *
 * @param codeShape the codes' shape
 * @param paramShape the scales' and zero points' shape
 * @param codes the codes, packed as the mode's element type
 * @param zeroPoints the zero points packed likewise, or null for a symmetric mode
 * @param scales the f16 scales, little-endian
 */
record NncfWeight(
    long[] codeShape, long[] paramShape, byte[] codes, byte[] zeroPoints, byte[] scales) {

  /**
   * Why {@code form} cannot be written for a weight of {@code shape} with its output channels on
   * {@code channelAxis}, or null when it can.
   */
  static String refusal(long[] shape, int channelAxis, NncfForm form) {
    long elements = Arrays.stream(shape).reduce(1, Math::multiplyExact);
    if (elements > Integer.MAX_VALUE - 8) {
      return "its " + elements + " weights are more than one layer can be compressed in";
    }
    if (!form.grouped()) {
      return null;
    }
    if (shape.length != 2) {
      return "groups of "
          + form.groupSize()
          + " need a 2-D weight (NNCF groups along one reduction axis); it is "
          + Arrays.toString(shape);
    }
    long reduction = shape[1 - channelAxis];
    if (reduction % form.groupSize() != 0) {
      return "its reduction axis of "
          + reduction
          + " weights does not divide into groups of "
          + form.groupSize();
    }
    return null;
  }

  /** Compresses {@code values}, a weight of {@code shape} checked by {@link #refusal}. */
  static NncfWeight of(float[] values, long[] shape, int channelAxis, NncfForm form) {
    int rank = shape.length;
    long outer = 1;
    for (int i = 0; i < channelAxis; i++) {
      outer *= shape[i];
    }
    int channels = (int) shape[channelAxis];
    int inner = 1;
    for (int i = channelAxis + 1; i < rank; i++) {
      inner *= (int) shape[i];
    }
    int reduction = (int) (outer * inner);
    int group = form.grouped() ? form.groupSize() : reduction;
    int groups = reduction / group;
    NncfForm.Mode mode = form.mode();
    int[] codes = new int[values.length];
    int[] zeroPoints = new int[channels * groups];
    float[] scales = new float[channels * groups];
    // the channel-last grouped layout [K/g, 1, N] orders parameters group-major
    boolean groupMajor = form.grouped() && channelAxis == rank - 1;
    for (int c = 0; c < channels; c++) {
      for (int j = 0; j < groups; j++) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (int r = j * group; r < (j + 1) * group; r++) {
          float v = values[flat(c, r, channels, inner)];
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
        GroupParams p = NncfQuantizer.params(mode.format(), mode.symmetry(), min, max);
        int at = groupMajor ? j * channels + c : c * groups + j;
        scales[at] = p.scale();
        zeroPoints[at] = p.zeroPoint();
        for (int r = j * group; r < (j + 1) * group; r++) {
          int i = flat(c, r, channels, inner);
          codes[i] = NncfQuantizer.code(values[i], p);
        }
      }
    }
    long[] codeShape = shape.clone();
    long[] paramShape = new long[rank];
    Arrays.fill(paramShape, 1);
    paramShape[channelAxis] = channels;
    if (form.grouped()) {
      int axis = 1 - channelAxis;
      codeShape = splice(shape, axis, groups, group);
      paramShape = splice(shape, axis, groups, 1);
    }
    return new NncfWeight(
        codeShape,
        paramShape,
        pack(codes, mode.codes()),
        mode.zeroPoint() ? pack(zeroPoints, mode.codes()) : null,
        halves(scales));
  }

  /** Flat index of weight {@code r} of channel {@code c}'s reduction vector (TensorLayout's). */
  private static int flat(int c, int r, int channels, int inner) {
    return (r / inner) * channels * inner + c * inner + r % inner;
  }

  /** {@code shape} with axis {@code axis} replaced by the two sizes {@code a, b}. */
  private static long[] splice(long[] shape, int axis, long a, long b) {
    long[] out = new long[shape.length + 1];
    for (int i = 0, o = 0; i < shape.length; i++) {
      if (i == axis) {
        out[o++] = a;
        out[o++] = b;
      } else {
        out[o++] = shape[i];
      }
    }
    return out;
  }

  /** 8-bit codes a byte each; 4-bit ones two a byte, element 2k in the low nibble of byte k. */
  static byte[] pack(int[] codes, IrElementType type) {
    if (type.bits() == 8) {
      byte[] out = new byte[codes.length];
      for (int i = 0; i < codes.length; i++) {
        out[i] = (byte) codes[i];
      }
      return out;
    }
    byte[] out = new byte[(codes.length + 1) / 2];
    for (int i = 0; i < codes.length; i++) {
      out[i >> 1] |= (byte) ((codes[i] & 0xF) << ((i & 1) * 4));
    }
    return out;
  }

  private static byte[] halves(float[] values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      b.putShort(HalfFloats.toFp16(v));
    }
    return b.array();
  }

  /** Whether every scale is finite once stored as f16. */
  boolean scalesFit() {
    ByteBuffer b = ByteBuffer.wrap(scales).order(ByteOrder.LITTLE_ENDIAN);
    while (b.hasRemaining()) {
      if ((b.getShort() & 0x7C00) == 0x7C00) {
        return false;
      }
    }
    return true;
  }
}
