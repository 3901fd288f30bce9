package io.quantlens.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HalfFloatsTest {

  @Test
  void fp16HandDerivedPatterns() {
    assertEquals(1.0f, HalfFloats.fp16ToFloat(0x3c00)); // exponent 15 = bias, mantissa 0
    assertEquals(-2.0f, HalfFloats.fp16ToFloat(0xc000)); // sign, exponent 16
    assertEquals(0x1p-24f, HalfFloats.fp16ToFloat(0x0001)); // smallest subnormal
    assertEquals(1023 * 0x1p-24f, HalfFloats.fp16ToFloat(0x03ff)); // largest subnormal
    assertEquals(0x1p-14f, HalfFloats.fp16ToFloat(0x0400)); // smallest normal
    assertEquals(65504f, HalfFloats.fp16ToFloat(0x7bff)); // largest finite: 2^15 * (2 - 2^-10)
    assertEquals(Float.POSITIVE_INFINITY, HalfFloats.fp16ToFloat(0x7c00));
    assertEquals(Float.NEGATIVE_INFINITY, HalfFloats.fp16ToFloat(0xfc00));
    assertTrue(Float.isNaN(HalfFloats.fp16ToFloat(0x7e00)));
    assertTrue(Float.isNaN(HalfFloats.fp16ToFloat(0xfc01)));
    assertEquals(0x8000_0000, Float.floatToRawIntBits(HalfFloats.fp16ToFloat(0x8000))); // -0
    assertEquals(0, Float.floatToRawIntBits(HalfFloats.fp16ToFloat(0x0000)));
    assertEquals(0.333251953125f, HalfFloats.fp16ToFloat(0x3555)); // 2^-2 * (1 + 341/1024)
  }

  @Test
  void fp16AllPatternsMatchTheDefinition() {
    for (int bits = 0; bits < 0x10000; bits++) {
      int sign = bits >> 15;
      int exponent = (bits >> 10) & 0x1f;
      int mantissa = bits & 0x3ff;
      double magnitude;
      if (exponent == 0x1f) {
        magnitude = mantissa == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
      } else if (exponent == 0) {
        magnitude = Math.scalb((double) mantissa, -24);
      } else {
        magnitude = Math.scalb(1.0 + mantissa / 1024.0, exponent - 15);
      }
      double expected = sign == 1 ? -magnitude : magnitude;
      float got = HalfFloats.fp16ToFloat(bits);
      if (Double.isNaN(expected)) {
        assertTrue(Float.isNaN(got), Integer.toHexString(bits));
      } else {
        assertEquals((float) expected, got, Integer.toHexString(bits));
        assertEquals(sign == 1, (Float.floatToRawIntBits(got) >>> 31) == 1);
      }
    }
  }

  @Test
  void bf16IsTheTopHalfOfAFloat32() {
    assertEquals(1.0f, HalfFloats.bf16ToFloat(0x3f80));
    assertEquals(-2.0f, HalfFloats.bf16ToFloat(0xc000));
    assertEquals(-3.140625f, HalfFloats.bf16ToFloat(0xc049)); // -(1 + 73/128) * 2
    assertEquals(Float.POSITIVE_INFINITY, HalfFloats.bf16ToFloat(0x7f80));
    assertEquals(0x1p-133f, HalfFloats.bf16ToFloat(0x0001)); // smallest bf16 subnormal
    assertTrue(Float.isNaN(HalfFloats.bf16ToFloat(0x7fc0)));
  }
}
