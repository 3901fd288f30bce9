package io.quantlens.formats.onnx;

import io.quantlens.model.TensorReader;
import java.nio.ByteBuffer;

/** Readers for tensors stored as FLOAT, DOUBLE, FLOAT16 and BFLOAT16. */
final class FloatReaders {
  private FloatReaders() {}

  static TensorReader float32(ByteRegion region, long elements) {
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

  static TensorReader float64(ByteRegion region, long elements) {
    return (start, dst, dstOffset, count) -> {
      Bounds.check(elements, start, dst, dstOffset, count);
      int done = 0;
      while (done < count) {
        ByteBuffer view = region.view((start + done) * 8L);
        int n = Math.min(count - done, view.remaining() / 8);
        int base = view.position();
        for (int i = 0; i < n; i++) {
          dst[dstOffset + done + i] = (float) view.getDouble(base + 8 * i);
        }
        done += n;
      }
    };
  }

  static TensorReader float16(ByteRegion region, long elements) {
    return (start, dst, dstOffset, count) -> {
      Bounds.check(elements, start, dst, dstOffset, count);
      int done = 0;
      while (done < count) {
        ByteBuffer view = region.view((start + done) * 2L);
        int n = Math.min(count - done, view.remaining() / 2);
        int base = view.position();
        for (int i = 0; i < n; i++) {
          dst[dstOffset + done + i] = HalfFloats.fp16ToFloat(view.getShort(base + 2 * i));
        }
        done += n;
      }
    };
  }

  static TensorReader bfloat16(ByteRegion region, long elements) {
    return (start, dst, dstOffset, count) -> {
      Bounds.check(elements, start, dst, dstOffset, count);
      int done = 0;
      while (done < count) {
        ByteBuffer view = region.view((start + done) * 2L);
        int n = Math.min(count - done, view.remaining() / 2);
        int base = view.position();
        for (int i = 0; i < n; i++) {
          dst[dstOffset + done + i] = HalfFloats.bf16ToFloat(view.getShort(base + 2 * i));
        }
        done += n;
      }
    };
  }
}
