package io.quantlens.formats.gguf;

import io.quantlens.formats.mapped.Bounds;
import io.quantlens.formats.mapped.ByteRegion;
import io.quantlens.model.TensorReader;
import java.nio.ByteBuffer;

/** Readers for GGUF's plain integer tensors (I8, I32, I64), converted to float. */
final class IntegerReaders {
  private IntegerReaders() {}

  static TensorReader int8(ByteRegion region, long elements) {
    return perElement(region, elements, 1, (view, at) -> view.get(at));
  }

  static TensorReader int32(ByteRegion region, long elements) {
    return perElement(region, elements, 4, (view, at) -> view.getInt(at));
  }

  static TensorReader int64(ByteRegion region, long elements) {
    return perElement(region, elements, 8, (view, at) -> view.getLong(at));
  }

  private interface ElementDecoder {
    float decode(ByteBuffer view, int byteIndex);
  }

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
