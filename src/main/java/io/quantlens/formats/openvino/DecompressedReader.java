package io.quantlens.formats.openvino;

import io.quantlens.formats.mapped.Bounds;
import io.quantlens.model.TensorReader;
import io.quantlens.quant.HalfFloats;

/**
 * Computes a weight the way its decompression subgraph does (docs/file-formats.md#openvino-ir-
 * decompression): each stored code converted to the subgraph's arithmetic type, minus its zero
 * point, times its scale, each result rounded to that type, then converted to the output type. Zero
 * points and scales are read per call through their own readers, so nothing but the mapping is
 * held.
 */
final class DecompressedReader implements TensorReader {
  /** Parameter values read in one piece when their indices span at most this many. */
  private static final int SPAN = 1 << 20;

  /** A zero point or scale: its values and where each weight element finds its own. */
  record Parameter(TensorReader values, long elements, BroadcastIndex index) {}

  private final TensorReader codes;
  private final long elements;
  private final IrElementType arithmetic;
  private final Parameter zeroPoint;
  private final Parameter scale;
  private final IrElementType output;

  /**
   * @param codes the stored values as float32 (integers, or NF4 table values)
   * @param arithmetic F16 or F32: the type every step computes in
   * @param zeroPoint subtracted first, or null
   * @param scale multiplied next, or null
   * @param output F16 or F32: the type of the result
   */
  DecompressedReader(
      TensorReader codes,
      long elements,
      IrElementType arithmetic,
      Parameter zeroPoint,
      Parameter scale,
      IrElementType output) {
    this.codes = codes;
    this.elements = elements;
    this.arithmetic = arithmetic;
    this.zeroPoint = zeroPoint;
    this.scale = scale;
    this.output = output;
  }

  /** {@code x} rounded to {@code type} (F16 or BF16 with ties to even; F32 as it is). */
  static float round(IrElementType type, float x) {
    return switch (type) {
      case F16 -> HalfFloats.fp16ToFloat(HalfFloats.toFp16(x));
      case BF16 -> HalfFloats.bf16ToFloat(HalfFloats.toBf16(x));
      default -> x;
    };
  }

  @Override
  public void read(long start, float[] dst, int dstOffset, int count) {
    Bounds.check(elements, start, dst, dstOffset, count);
    codes.read(start, dst, dstOffset, count);
    float[] z = zeroPoint == null ? null : values(zeroPoint, start, count);
    float[] s = scale == null ? null : values(scale, start, count);
    for (int i = 0; i < count; i++) {
      float v = round(arithmetic, dst[dstOffset + i]);
      if (z != null) {
        v = round(arithmetic, v - z[i]);
      }
      if (s != null) {
        v = round(arithmetic, v * s[i]);
      }
      dst[dstOffset + i] = round(output, v);
    }
  }

  /** The parameter's value for each of the elements, converted to the arithmetic type. */
  private float[] values(Parameter p, long start, int count) {
    long[] at = new long[count];
    p.index().indices(start, count, at);
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (long a : at) {
      min = Math.min(min, a);
      max = Math.max(max, a);
    }
    float[] out = new float[count];
    if (max - min < SPAN) {
      float[] span = new float[(int) (max - min + 1)];
      p.values().read(min, span, 0, span.length);
      for (int i = 0; i < count; i++) {
        out[i] = round(arithmetic, span[(int) (at[i] - min)]);
      }
    } else {
      float[] one = new float[1];
      for (int i = 0; i < count; i++) {
        p.values().read(at[i], one, 0, 1);
        out[i] = round(arithmetic, one[0]);
      }
    }
    return out;
  }
}
