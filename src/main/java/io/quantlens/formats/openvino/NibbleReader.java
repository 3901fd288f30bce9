package io.quantlens.formats.openvino;

import io.quantlens.formats.mapped.Bounds;
import io.quantlens.formats.mapped.ByteRegion;
import io.quantlens.model.TensorReader;
import io.quantlens.quant.Nf4Format;
import java.nio.ByteBuffer;

/**
 * Reads OpenVINO's 4-bit element types, two to a byte with element {@code 2k} in the low nibble of
 * byte {@code k} and {@code 2k + 1} in its high nibble (docs/file-formats.md#openvino-ir-element-
 * types): {@code u4} as 0 … 15, {@code i4} as two's complement −8 … 7, {@code nf4} as the value of
 * its code in the NF4 table, {@code f4e2m1} as its float value.
 */
final class NibbleReader implements TensorReader {
  /**
   * The 16 values of f4e2m1, sign in bit 3, two exponent bits (bias 1) and one mantissa bit: 0, 0.5
   * (subnormal), 1, 1.5, 2, 3, 4, 6 and their negatives (OpenVINO's float4_e2m1.cpp).
   */
  private static final float[] E2M1 = {
    0f, 0.5f, 1f, 1.5f, 2f, 3f, 4f, 6f, -0f, -0.5f, -1f, -1.5f, -2f, -3f, -4f, -6f
  };

  private final ByteRegion region;
  private final long elements;
  private final IrElementType type;

  NibbleReader(ByteRegion region, long elements, IrElementType type) {
    if (type != IrElementType.U4
        && type != IrElementType.I4
        && type != IrElementType.NF4
        && type != IrElementType.F4E2M1) {
      throw new IllegalArgumentException(type.irName());
    }
    this.region = region;
    this.elements = elements;
    this.type = type;
  }

  /** The value of one 4-bit code as OpenVINO converts it to a float. */
  static float value(IrElementType type, int code) {
    return switch (type) {
      case I4 -> code >= 8 ? code - 16 : code;
      case NF4 -> Nf4Format.NF4.level(code);
      case F4E2M1 -> E2M1[code];
      default -> code;
    };
  }

  @Override
  public void read(long start, float[] dst, int dstOffset, int count) {
    Bounds.check(elements, start, dst, dstOffset, count);
    int done = 0;
    while (done < count) {
      long element = start + done;
      ByteBuffer view = region.view(element / 2);
      int base = view.position();
      long fitting = (long) view.remaining() * 2 - (element & 1);
      int n = (int) Math.min(count - done, fitting);
      for (int i = 0; i < n; i++) {
        long e = element + i;
        int b = view.get(base + (int) ((e - (element & ~1L)) >>> 1)) & 0xFF;
        int code = (e & 1) == 0 ? b & 0x0F : b >>> 4;
        dst[dstOffset + done + i] = value(type, code);
      }
      done += n;
    }
  }
}
