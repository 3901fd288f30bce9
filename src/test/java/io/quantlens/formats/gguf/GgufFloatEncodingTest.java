package io.quantlens.formats.gguf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quantlens.quant.HalfFloats;
import org.junit.jupiter.api.Test;

/** float32 → FP16/BF16 bit patterns, rounding ties to even (expected bits worked out by hand). */
class GgufFloatEncodingTest {

  @Test
  void fp16RoundsToNearestEven() {
    assertEquals(0x3C00, bits(HalfFloats.toFp16(1f)));
    assertEquals(0xC000, bits(HalfFloats.toFp16(-2f)));
    assertEquals(0x3C00, bits(HalfFloats.toFp16(1f + 0x1p-11f)), "tie to even, down");
    assertEquals(0x3C02, bits(HalfFloats.toFp16(1f + 3 * 0x1p-11f)), "tie to even, up");
    assertEquals(0x7BFF, bits(HalfFloats.toFp16(65504f)));
    assertEquals(0x7BFF, bits(HalfFloats.toFp16(65519f)));
    assertEquals(0x7C00, bits(HalfFloats.toFp16(65520f)));
    assertEquals(0xFC00, bits(HalfFloats.toFp16(Float.NEGATIVE_INFINITY)));
    assertEquals(0x7E00, bits(HalfFloats.toFp16(Float.NaN)));
    assertEquals(0x0001, bits(HalfFloats.toFp16(0x1p-24f)));
    assertEquals(0x0000, bits(HalfFloats.toFp16(0x1p-25f)), "tie to even, to zero");
    assertEquals(0x0002, bits(HalfFloats.toFp16(3 * 0x1p-25f)));
    assertEquals(0x0400, bits(HalfFloats.toFp16(0x1p-14f)));
    assertEquals(0x8000, bits(HalfFloats.toFp16(-0f)));
  }

  @Test
  void bf16RoundsToNearestEven() {
    assertEquals(0x3F80, bits(HalfFloats.toBf16(1f)));
    assertEquals(0x3F80, bits(HalfFloats.toBf16(1f + 0x1p-8f)));
    assertEquals(0x3F82, bits(HalfFloats.toBf16(1f + 3 * 0x1p-8f)));
    assertEquals(0x7FC0, bits(HalfFloats.toBf16(Float.NaN)));
  }

  private static int bits(short s) {
    return s & 0xFFFF;
  }
}
