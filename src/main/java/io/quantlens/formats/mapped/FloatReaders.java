package io.quantlens.formats.mapped;

import io.quantlens.model.TensorReader;
import io.quantlens.quant.HalfFloats;
import java.nio.ByteBuffer;

/**
 * Readers for tensors stored as float64, float32, float16, bfloat16, FP8 (E4M3FN, E5M2) and plain
 * integers (I8, U8, I32, I64; read as their integer values).
 */
public final class FloatReaders {
  private FloatReaders() {}

  public static TensorReader float32(ByteRegion region, long elements) {
    return (start, dst, dstOffset, count) -> {
      Bounds.check(elements, start, dst, dstOffset, count);
      int done = 0;
      while (done < count) {
        ByteBuffer view = region.view((start + done) * 4L);
        int n = Math.min(count - done, view.remaining() / 4);
        view.asFloatBuffer().get(dst, dstOffset + done, n);
        done += n;
      }
    };
  }

  public static TensorReader float64(ByteRegion region, long elements) {
    return perElement(region, elements, 8, (view, at) -> (float) view.getDouble(at));
  }

  public static TensorReader float16(ByteRegion region, long elements) {
    return perElement(region, elements, 2, (view, at) -> HalfFloats.fp16ToFloat(view.getShort(at)));
  }

  public static TensorReader bfloat16(ByteRegion region, long elements) {
    return perElement(region, elements, 2, (view, at) -> HalfFloats.bf16ToFloat(view.getShort(at)));
  }

  public static TensorReader float8E4m3fn(ByteRegion region, long elements) {
    return perElement(region, elements, 1, (view, at) -> Float8s.e4m3fnToFloat(view.get(at)));
  }

  public static TensorReader float8E5m2(ByteRegion region, long elements) {
    return perElement(region, elements, 1, (view, at) -> Float8s.e5m2ToFloat(view.get(at)));
  }

  public static TensorReader int8(ByteRegion region, long elements) {
    return perElement(region, elements, 1, (view, at) -> view.get(at));
  }

  public static TensorReader uint8(ByteRegion region, long elements) {
    return perElement(region, elements, 1, (view, at) -> view.get(at) & 0xFF);
  }

  public static TensorReader int32(ByteRegion region, long elements) {
    return perElement(region, elements, 4, (view, at) -> view.getInt(at));
  }

  public static TensorReader int64(ByteRegion region, long elements) {
    return perElement(region, elements, 8, (view, at) -> view.getLong(at));
  }

  /** Decodes one element stored at an absolute byte index of a little-endian view. */
  private interface ElementDecoder {
    float decode(ByteBuffer view, int byteIndex);
  }

  /** A reader that converts element by element, crossing region chunks as needed. */
  private static TensorReader perElement(
      ByteRegion region, long elements, int elementBytes, ElementDecoder decoder) {
    return (start, dst, dstOffset, count) -> {
      Bounds.check(elements, start, dst, dstOffset, count);
      int done = 0;
      while (done < count) {
        ByteBuffer view = region.view((start + done) * elementBytes);
        int n = Math.min(count - done, view.remaining() / elementBytes);
        int base = view.position();
        for (int i = 0; i < n; i++) {
          dst[dstOffset + done + i] = decoder.decode(view, base + elementBytes * i);
        }
        done += n;
      }
    };
  }
}
