package io.quantlens.formats.onnx;

import io.quantlens.formats.mapped.Bounds;
import io.quantlens.formats.mapped.ByteRegion;
import io.quantlens.model.TensorReader;
import java.nio.ByteBuffer;

/**
 * Reads INT8, UINT8, INT4, UINT4 and INT32 tensors as float32 values {@code (q - zeroPoint) *
 * scale}; with {@link Dequantization#identity()} the integers themselves.
 */
final class IntegerReader implements TensorReader {
  private final ByteRegion region;
  private final long elements;
  private final int dataType;
  private final Dequantization dq;

  IntegerReader(ByteRegion region, long elements, int dataType, Dequantization dq) {
    if (!OnnxDataType.isReadableInteger(dataType)) {
      throw new IllegalArgumentException("not an integer type: " + OnnxDataType.name(dataType));
    }
    this.region = region;
    this.elements = elements;
    this.dataType = dataType;
    this.dq = dq;
  }

  @Override
  public void read(long start, float[] dst, int dstOffset, int count) {
    Bounds.check(elements, start, dst, dstOffset, count);
    boolean packed = dataType == OnnxDataType.INT4 || dataType == OnnxDataType.UINT4;
    int size = packed ? 1 : OnnxDataType.bits(dataType) / 8;
    int done = 0;
    while (done < count) {
      long element = start + done;
      ByteBuffer view = region.view(packed ? element >> 1 : element * size);
      long available = packed ? 2L * view.remaining() - (element & 1) : view.remaining() / size;
      int n = (int) Math.min(count - done, available);
      decode(view, element, dst, dstOffset + done, n);
      done += n;
    }
  }

  /** Decodes {@code n} elements from {@code first}, whose bytes start at the view's position. */
  private void decode(ByteBuffer view, long first, float[] dst, int offset, int n) {
    int base = view.position();
    int i = 0;
    while (i < n) {
      long element = first + i;
      int p = dq.paramIndex(element);
      float scale = dq.scale(p);
      int zeroPoint = dq.zeroPoint(p);
      int end = (int) Math.min(n, i + dq.run(element));
      for (; i < end; i++) {
        int q = quantized(view, base, first, i);
        dst[offset + i] = (float) (q - zeroPoint) * scale;
      }
    }
  }

  private int quantized(ByteBuffer view, int base, long first, int i) {
    return switch (dataType) {
      case OnnxDataType.INT8 -> view.get(base + i);
      case OnnxDataType.UINT8 -> view.get(base + i) & 0xFF;
      case OnnxDataType.INT32 -> view.getInt(base + 4 * i);
      default -> {
        long element = first + i;
        int b = view.get(base + (int) ((element >> 1) - (first >> 1)));
        int nibble = (element & 1) == 0 ? b & 0xF : (b >> 4) & 0xF;
        yield dataType == OnnxDataType.INT4 ? (nibble ^ 8) - 8 : nibble;
      }
    };
  }
}
