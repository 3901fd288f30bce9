package io.quantlens.formats.onnx;

/**
 * The scale and zero-point layout of a DequantizeLinear node: {@code y = (q - zeroPoint) * scale},
 * with one parameter pair for the whole tensor, one per index of an axis, or one per block of an
 * axis (docs/file-formats.md#onnx-quantized-weights). Immutable.
 */
final class Dequantization {
  private static final Dequantization IDENTITY =
      new Dequantization(new float[] {1f}, null, 1, 1, 0);

  private final float[] scales;
  private final int[] zeroPoints;
  private final long inner;
  private final long axisDim;
  private final int blockSize;

  private Dequantization(
      float[] scales, int[] zeroPoints, long inner, long axisDim, int blockSize) {
    this.scales = scales;
    this.zeroPoints = zeroPoints;
    this.inner = inner;
    this.axisDim = axisDim;
    this.blockSize = blockSize;
  }

  /** Integers read as they are (scale 1, zero point 0). */
  static Dequantization identity() {
    return IDENTITY;
  }

  static Dequantization perTensor(float scale, int zeroPoint) {
    return new Dequantization(new float[] {scale}, new int[] {zeroPoint}, 1, 1, 0);
  }

  /**
   * One pair per index of {@code axis}.
   *
   * @param zeroPoints null for all zero
   */
  static Dequantization perAxis(float[] scales, int[] zeroPoints, long[] shape, int axis) {
    return new Dequantization(scales.clone(), copy(zeroPoints), inner(shape, axis), shape[axis], 0);
  }

  /**
   * One pair per block of {@code blockSize} consecutive indices of {@code axis}: the scale tensor
   * has the weight's shape with dimension {@code axis} replaced by {@code ceil(D / blockSize)}.
   */
  static Dequantization blocked(
      float[] scales, int[] zeroPoints, long[] shape, int axis, int blockSize) {
    return new Dequantization(
        scales.clone(), copy(zeroPoints), inner(shape, axis), shape[axis], blockSize);
  }

  /**
   * Per tensor when there is one scale, else per index of {@code axis}; a single zero point is
   * shared by every index. Null when the counts fit neither.
   */
  static Dequantization broadcast(float[] scales, int[] zeroPoints, long[] shape, int axis) {
    int z = zeroPoints == null ? 0 : zeroPoints.length;
    if (scales.length == 1 && z <= 1) {
      return perTensor(scales[0], z == 0 ? 0 : zeroPoints[0]);
    }
    long d = shape[axis];
    if ((scales.length != 1 && scales.length != d) || (z > 1 && z != d)) {
      return null;
    }
    float[] s = new float[(int) d];
    int[] zp = z == 0 ? null : new int[(int) d];
    for (int i = 0; i < d; i++) {
      s[i] = scales[scales.length == 1 ? 0 : i];
      if (zp != null) {
        zp[i] = zeroPoints[z == 1 ? 0 : i];
      }
    }
    return perAxis(s, zp, shape, axis);
  }

  private static int[] copy(int[] values) {
    return values == null ? null : values.clone();
  }

  private static long inner(long[] shape, int axis) {
    long inner = 1;
    for (int i = axis + 1; i < shape.length; i++) {
      inner *= shape[i];
    }
    return inner;
  }

  /** Index of the scale and zero point that apply to element {@code element} (row-major). */
  int paramIndex(long element) {
    if (scales.length == 1) {
      return 0;
    }
    long outerAndAxis = element / inner;
    long index = outerAndAxis % axisDim;
    if (blockSize == 0) {
      return (int) index;
    }
    long blocks = (axisDim + blockSize - 1) / blockSize;
    long outer = outerAndAxis / axisDim;
    return (int) (((outer * blocks) + index / blockSize) * inner + element % inner);
  }

  /** How many elements from {@code element} on share its parameter index (at least 1). */
  long run(long element) {
    if (scales.length == 1) {
      return Long.MAX_VALUE;
    }
    if (blockSize == 0) {
      return inner - element % inner;
    }
    if (inner == 1) {
      long index = element % axisDim;
      return Math.min(blockSize - index % blockSize, axisDim - index);
    }
    return 1;
  }

  /** The layout in words, e.g. "per channel (axis 0), asymmetric" or "blocks of 32 on axis 1". */
  String describe() {
    String layout =
        scales.length == 1
            ? "per tensor"
            : blockSize == 0
                ? "per channel (" + axisDim + " on its axis)"
                : "blocks of " + blockSize;
    boolean symmetric = true;
    if (zeroPoints != null) {
      for (int z : zeroPoints) {
        symmetric &= z == zeroPoints[0];
      }
    }
    return layout
        + (zeroPoints == null || (symmetric && zeroPoints[0] == 0)
            ? ", zero point 0"
            : symmetric ? ", zero point " + zeroPoints[0] : ", zero point per group");
  }

  float scale(int index) {
    return scales[index];
  }

  int zeroPoint(int index) {
    return zeroPoints == null ? 0 : zeroPoints[index];
  }
}
