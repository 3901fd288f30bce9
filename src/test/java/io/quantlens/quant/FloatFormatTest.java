package io.quantlens.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Round-to-nearest-even cases from shared/specs/golden.md; expected values are the decoded target
 * encodings, written out by hand.
 */
class FloatFormatTest {

  private static void assertSameFloat(float expected, float actual, String what) {
    assertEquals(
        Float.floatToRawIntBits(expected),
        Float.floatToRawIntBits(actual),
        () -> what + ": expected " + expected + " got " + actual);
  }

  @ParameterizedTest(name = "fp16 {0} -> {1}")
  @CsvSource({
    "3f801000, 3f800000", // 1+2^-11: tie to even, down to 1.0
    "3f803000, 3f804000", // 1+3·2^-11: tie to even, up to 1+2^-9
    "477fe000, 477fe000", // 65504: max finite
    "477feffd, 477fe000", // 65519.99 rounds down to max
    "477ff000, 7f800000", // 65520: tie to even = 2^16, overflow to +Inf
    "33800000, 33800000", // 2^-24: smallest subnormal
    "33000000, 00000000", // 2^-25: tie between 0 and 2^-24 → 0
    "33c00000, 34000000", // 3·2^-25: tie → 2·2^-24
    "80000000, 80000000", // -0.0 keeps its sign
    "c7800000, ff800000", // -65536 → -Inf
  })
  void fp16(String inputBits, String expectedBits) {
    float x = Float.intBitsToFloat(Integer.parseUnsignedInt(inputBits, 16));
    float expected = Float.intBitsToFloat(Integer.parseUnsignedInt(expectedBits, 16));
    assertSameFloat(expected, FloatFormat.FP16.round(x), "fp16(" + x + ")");
  }

  @ParameterizedTest(name = "bf16 {0} -> {1}")
  @CsvSource({
    "3f808000, 3f800000", // 1+2^-8: tie → even, down
    "3f818000, 3f820000", // 1+3·2^-8: tie → even, up
    "3f808008, 3f810000", // just above the tie → up
    "7f7fffff, 7f800000", // FLT_MAX → +Inf
    "00000001, 00000000", // smallest float32 subnormal → 0
  })
  void bf16(String inputBits, String expectedBits) {
    float x = Float.intBitsToFloat(Integer.parseUnsignedInt(inputBits, 16));
    float expected = Float.intBitsToFloat(Integer.parseUnsignedInt(expectedBits, 16));
    assertSameFloat(expected, FloatFormat.BF16.round(x), "bf16(" + x + ")");
  }

  @ParameterizedTest(name = "fp8 {0}: e4m3 {1}, e5m2 {2}")
  @CsvSource({
    "0.0, 0.0, 0.0",
    "-0.0, -0.0, -0.0",
    "1.0, 1.0, 1.0",
    "1.0625, 1.0, 1.0",
    "1.125, 1.125, 1.0",
    "1.1875, 1.25, 1.25",
    "1.375, 1.375, 1.5",
    "1.4375, 1.5, 1.5",
    "0.1, 0.1015625, 0.09375",
    "0.001953125, 0.001953125, 0.001953125",
    "0.0009765625, 0.0, 0.0009765625",
    "0.0029296875, 0.00390625, 0.0029296875",
    "448.0, 448.0, 448.0",
    "460.0, 448.0, 448.0",
    "464.0, 448.0, 448.0",
    "470.0, 448.0, 448.0",
    "1000.0, 448.0, 1024.0",
    "-1000.0, -448.0, -1024.0",
    "57344.0, 448.0, 57344.0",
    "61440.0, 448.0, 57344.0",
    "1000000.0, 448.0, 57344.0",
    "Infinity, 448.0, 57344.0",
  })
  void fp8Saturating(float x, float e4m3, float e5m2) {
    assertSameFloat(e4m3, FloatFormat.FP8_E4M3.round(x), "e4m3(" + x + ")");
    assertSameFloat(e5m2, FloatFormat.FP8_E5M2.round(x), "e5m2(" + x + ")");
  }

  @ParameterizedTest
  @CsvSource({"FP16", "BF16", "FP8_E4M3", "FP8_E5M2"})
  void nanStaysNan(FloatFormat format) {
    assertTrue(Float.isNaN(format.round(Float.NaN)));
  }

  @org.junit.jupiter.api.Test
  void clippingMeansRoundingBeyondTheLargestFiniteValue() {
    assertFalse(FloatFormat.FP8_E4M3.clips(464f), "464 rounds to 448 by ordinary rounding");
    assertTrue(FloatFormat.FP8_E4M3.clips(470f), "470 would round to 480 and saturates");
    assertFalse(FloatFormat.FP16.clips(65519f));
    assertTrue(FloatFormat.FP16.clips(65520f));
    assertFalse(FloatFormat.FP16.clips(Float.POSITIVE_INFINITY), "Inf is not finite input");
  }

  @org.junit.jupiter.api.Test
  void ulpIsTheSpacingAtTheValue() {
    assertEquals(Math.scalb(1.0, -10), FloatFormat.FP16.ulp(1.5f));
    assertEquals(Math.scalb(1.0, -24), FloatFormat.FP16.ulp(1e-6f), "subnormal spacing");
    assertEquals(32.0, FloatFormat.FP8_E4M3.ulp(448f));
  }
}
