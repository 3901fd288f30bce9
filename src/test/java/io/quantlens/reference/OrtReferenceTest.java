package io.quantlens.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.reference.OrtReference.FloatType;
import io.quantlens.reference.OrtReference.QType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Pins down what ONNX Runtime 1.23.2 (CPU) does, against the hand-derived vectors in
 * shared/specs/golden.md and against values computed by hand here. If ORT ever disagreed with
 * golden.md, the assertion states what ORT does and a comment says so.
 */
class OrtReferenceTest {

  private static final float[] ONE = {1f};
  private static final int[] ZERO = {0};

  // ------------------------------------------------------------------ support

  @Test
  void ort_1_23_2_cpu_supports_every_type_the_reference_offers() {
    for (QType t : QType.values()) {
      assertTrue(OrtReference.supports(t), t::name);
    }
    for (FloatType t : FloatType.values()) {
      assertTrue(OrtReference.supports(t), t::name);
    }
  }

  // ------------------------------------------------------------------ golden.md: QuantizeLinear

  @Test
  void int8_scale_1_rounds_half_to_even_and_saturates() {
    float[] x = {0.5f, 1.5f, 2.5f, 3.5f, -0.5f, -2.5f, -3.5f, 126.5f, 127.5f, -128.5f, -129f, 300f};
    int[] expected = {0, 2, 2, 4, 0, -2, -4, 126, 127, -128, -128, 127};
    long[] shape = {x.length};

    assertArrayEquals(expected, OrtReference.quantize(x, shape, ONE, ZERO, 0, QType.INT8));
    assertArrayEquals(
        toFloats(expected), OrtReference.quantizeDequantize(x, shape, ONE, ZERO, 0, QType.INT8));
  }

  @Test
  void uint8_scale_half_zero_point_128() {
    float[] x = {1.25f, 1.75f, -1.25f, 63.75f, 64f, -64.25f, -70f};
    int[] expected = {130, 132, 126, 255, 255, 0, 0};
    long[] shape = {x.length};
    float[] scale = {0.5f};
    int[] zp = {128};

    assertArrayEquals(expected, OrtReference.quantize(x, shape, scale, zp, 0, QType.UINT8));
    float[] dequantized = new float[expected.length];
    for (int i = 0; i < expected.length; i++) {
      dequantized[i] = (expected[i] - 128) * 0.5f; // exact in float32
    }
    assertArrayEquals(
        dequantized, OrtReference.quantizeDequantize(x, shape, scale, zp, 0, QType.UINT8));
  }

  @Test
  void int4_scale_1_codes_and_low_nibble_first_packing() {
    float[] x = {2.5f, -3.5f, 7.5f, -8.5f, 0.5f};
    int[] expected = {2, -4, 7, -8, 0};
    long[] shape = {x.length};

    assertArrayEquals(expected, OrtReference.quantize(x, shape, ONE, ZERO, 0, QType.INT4));
    assertArrayEquals(
        toFloats(expected), OrtReference.quantizeDequantize(x, shape, ONE, ZERO, 0, QType.INT4));
    // golden.md packs these codes as c2 87 00; the same packing builds the zero-point initializers.
    assertArrayEquals(
        new byte[] {(byte) 0xc2, (byte) 0x87, 0x00}, OnnxGraphs.packNibbles(expected));
  }

  @Test
  void uint4_with_zero_point_saturates_to_0_15() {
    // scale 0.5, zp 8: q = clamp(rne(x / 0.5) + 8, 0, 15)
    float[] x = {0.25f, 0.75f, -0.25f, -0.75f, 3.5f, 3.75f, -4f, -4.25f, 100f};
    // x/0.5: 0.5→0, 1.5→2, -0.5→-0, -1.5→-2, 7, 7.5→8, -8, -8.5→-8; 200
    int[] expected = {8, 10, 8, 6, 15, 15, 0, 0, 15};
    long[] shape = {x.length};

    assertArrayEquals(
        expected,
        OrtReference.quantize(x, shape, new float[] {0.5f}, new int[] {8}, 0, QType.UINT4));
  }

  @Test
  void quantize_dynamic_style_uint8_weight_params() {
    float[] x = {
      -0.6200000047683716f,
      0.12999999523162842f,
      1.0700000524520874f,
      -0.004999999888241291f,
      0.5f,
      0.9800000190734863f,
      -0.33000001311302185f,
      0.0f,
      0.25f,
      -0.10000000149011612f
    };
    float scale = Float.intBitsToFloat(0x3bd92b17);
    int[] expected = {0, 114, 255, 93, 169, 242, 44, 94, 132, 79};

    assertArrayEquals(
        expected,
        OrtReference.quantize(
            x, new long[] {x.length}, new float[] {scale}, new int[] {94}, 0, QType.UINT8));
  }

  // ------------------------------------------------------------------ per-axis and blocked

  @Test
  void per_axis_int8_along_rows_and_columns() {
    float[] x = {1f, -2f, 3f, 4f, 5.5f, -6f};
    long[] shape = {2, 3};

    // axis 0: row 0 scale 2 zp 1, row 1 scale 0.5 zp -3
    // row 0: x/2 = 0.5, -1, 1.5 → 0, -1, 2 → +1 → 1, 0, 3
    // row 1: x/0.5 = 8, 11, -12 → -3 → 5, 8, -15
    int[] rows = {1, 0, 3, 5, 8, -15};
    float[] s0 = {2f, 0.5f};
    int[] z0 = {1, -3};
    assertArrayEquals(rows, OrtReference.quantize(x, shape, s0, z0, 0, QType.INT8));
    assertArrayEquals(
        new float[] {0f, -2f, 4f, 4f, 5.5f, -6f},
        OrtReference.quantizeDequantize(x, shape, s0, z0, 0, QType.INT8));

    // axis 1 (given as -1): column scales 1, 4, 0.25, zero points 0, 2, -100
    // col 0: 1, 4 → 1, 4;  col 1: -0.5, 1.375 → -0(→0), 1 → +2 → 2, 3;
    // col 2: 12, -24 → -100 → -88, -124
    int[] cols = {1, 2, -88, 4, 3, -124};
    float[] s1 = {1f, 4f, 0.25f};
    int[] z1 = {0, 2, -100};
    assertArrayEquals(cols, OrtReference.quantize(x, shape, s1, z1, -1, QType.INT8));
    assertArrayEquals(
        new float[] {1f, 0f, 3f, 4f, 4f, -6f},
        OrtReference.quantizeDequantize(x, shape, s1, z1, -1, QType.INT8));
  }

  @Test
  void per_axis_int4_zero_points_are_packed_low_nibble_first() {
    // Three channels with distinct zero points: a swapped nibble order would shift every code.
    float[] x = {0f, 0f, 0f, 1f, 1f, 1f};
    long[] shape = {2, 3};
    int[] zp = {1, -2, 3};
    int[] expected = {1, -2, 3, 2, -1, 4};
    assertArrayEquals(
        expected, OrtReference.quantize(x, shape, new float[] {1f, 1f, 1f}, zp, 1, QType.INT4));

    int[] uzp = {15, 0, 9};
    // x/2 = 0 or 0.5 → rne 0 → zp; clamps do not bite
    int[] uexpected = {15, 0, 9, 15, 0, 9};
    assertArrayEquals(
        uexpected, OrtReference.quantize(x, shape, new float[] {2f, 2f, 2f}, uzp, 1, QType.UINT4));
  }

  @Test
  void blocked_int8_along_last_axis_with_a_partial_last_block() {
    // shape [2,5], block 2 along axis 1 → scale shape [2,3]; blocks are cols {0,1},{2,3},{4}
    float[] x = {1f, 2f, 3f, 4f, 5f, -1f, -2f, -3f, -4f, -5f};
    long[] shape = {2, 5};
    float[] scales = {1f, 2f, 4f, 0.5f, 3f, 10f};
    int[] zps = {0, 1, -1, 0, 0, 5};
    // row 0: 1/1, 2/1 → 1, 2;  3/2=1.5→2, 4/2=2 → +1 → 3, 3;  5/4=1.25→1 → -1 → 0
    //   dequant: 1, 2, (3-1)*2=4, 4, (0+1)*4=4
    // row 1: -1/.5=-2, -2/.5=-4;  -3/3=-1, -4/3=-1.33→-1;  -5/10=-0.5→-0 → +5 → 5
    //   dequant: -1, -2, -3, -3, 0
    float[] expected = {1f, 2f, 4f, 4f, 4f, -1f, -2f, -3f, -3f, 0f};
    assertArrayEquals(
        new int[] {1, 2, 3, 3, 0, -2, -4, -1, -1, 5},
        OrtReference.quantizeBlocked(x, shape, scales, zps, 1, 2, QType.INT8));
    assertArrayEquals(
        expected, OrtReference.quantizeDequantizeBlocked(x, shape, scales, zps, 1, 2, QType.INT8));
  }

  @Test
  void blocked_int4_along_first_axis() {
    // shape [3,2], block 2 along axis 0 → scale shape [2,2]: rows {0,1} and {2}
    float[] x = {0.75f, -2f, 1.25f, 30f, -9f, 0.5f};
    long[] shape = {3, 2};
    float[] scales = {0.5f, 2f, 1f, 0.25f}; // [block 0: col0, col1], [block 1: col0, col1]
    int[] zps = {-1, 0, 2, -7};
    // (0,0) 0.75/0.5=1.5→2 -1=1 → (1+1)*0.5=1;   (0,1) -2/2=-1 → -1 → -2
    // (1,0) 1.25/0.5=2.5→2 -1=1 → 1;             (1,1) 30/2=15 → 7 (sat) → 14
    // (2,0) -9/1=-9 +2=-7 → (-7-2)*1=-9;         (2,1) 0.5/0.25=2 -7=-5 → (-5+7)*0.25=0.5
    assertArrayEquals(
        new int[] {1, -1, 1, 7, -7, -5},
        OrtReference.quantizeBlocked(x, shape, scales, zps, 0, 2, QType.INT4));
    assertArrayEquals(
        new float[] {1f, -2f, 1f, 14f, -9f, 0.5f},
        OrtReference.quantizeDequantizeBlocked(x, shape, scales, zps, 0, 2, QType.INT4));
  }

  @Test
  void int8_and_uint8_give_the_same_results_at_opsets_13_19_and_21() {
    Random random = new Random(20240613);
    float[] x = new float[400];
    for (int i = 0; i < x.length; i++) {
      // half-step grid (exact ties) plus arbitrary values, some beyond the saturation range
      x[i] = i % 2 == 0 ? (random.nextInt(701) - 350) * 0.5f : (float) random.nextGaussian() * 90f;
    }
    long[] shape = {20, 20};
    float[] perTensor = {0.75f};
    float[] perAxis = new float[20];
    int[] zps8 = new int[20];
    int[] zpsU8 = new int[20];
    for (int i = 0; i < 20; i++) {
      perAxis[i] = 0.05f + 0.1f * i;
      zps8[i] = i * 3 - 30;
      zpsU8[i] = 100 + i * 3;
    }
    for (int opset : new int[] {13, 19}) {
      assertArrayEquals(
          OrtReference.quantize(x, shape, perTensor, new int[] {-5}, 0, QType.INT8),
          OrtReference.quantize(x, shape, perTensor, new int[] {-5}, 0, QType.INT8, opset));
      assertArrayEquals(
          OrtReference.quantize(x, shape, perAxis, zps8, 1, QType.INT8),
          OrtReference.quantize(x, shape, perAxis, zps8, 1, QType.INT8, opset));
      assertArrayEquals(
          OrtReference.quantizeDequantize(x, shape, perAxis, zpsU8, 0, QType.UINT8),
          OrtReference.quantizeDequantize(x, shape, perAxis, zpsU8, 0, QType.UINT8, opset));
    }
  }

  @Test
  void quantize_divides_by_the_scale_and_never_multiplies_by_its_reciprocal() {
    // Float32 values where rne(x / s) and rne(x * (1/s)) differ (found by search, s = 0.3f).
    // ORT's answer matches division on every path (per-tensor, per-axis, blocked, all four
    // types), so an engine that precomputes 1/scale is not bit-exact. 96 elements so the
    // vectorized kernels run as well as the scalar tail.
    float s = 0.3f;
    float[] base = {-2.25f, -1.65f, -0.75000006f, 0.75000006f, 1.65f, 2.25f};
    int[] byDivision = {-7, -5, -2, 2, 5, 7};
    int[] byReciprocal = {-8, -6, -3, 3, 6, 8};
    float[] x = new float[96];
    int[] expected = new int[96];
    for (int i = 0; i < x.length; i++) {
      x[i] = base[i % 6];
      expected[i] = byDivision[i % 6];
      assertEquals(byDivision[i % 6], (int) Math.rint(x[i] / s));
      assertEquals(byReciprocal[i % 6], (int) Math.rint(x[i] * (1f / s)));
    }
    for (QType t : QType.values()) {
      int zp = t.min() == 0 ? 8 : 0;
      int[] shifted = expected.clone();
      for (int i = 0; i < shifted.length; i++) {
        shifted[i] += zp;
      }
      float[] s2 = {s, s};
      int[] zp2 = {zp, zp};
      assertArrayEquals(
          shifted,
          OrtReference.quantize(x, new long[] {96}, new float[] {s}, new int[] {zp}, 0, t),
          t + " per-tensor");
      assertArrayEquals(
          shifted, OrtReference.quantize(x, new long[] {48, 2}, s2, zp2, 1, t), t + " per-axis");
      assertArrayEquals(
          shifted,
          OrtReference.quantizeBlocked(x, new long[] {96}, s2, zp2, 0, 48, t),
          t + " blocked");
    }
  }

  // ------------------------------------------------------------------ golden.md: FP16 / BF16

  @Test
  void fp16_round_to_nearest_even() {
    int[] inputBits = {
      0x3f801000,
      0x3f803000,
      0x477fe000,
      0x477feffd,
      0x477ff000,
      0x33800000,
      0x33000000,
      0x33c00000,
      0x80000000
    };
    int[] fp16Bits = {0x3c00, 0x3c02, 0x7bff, 0x7bff, 0x7c00, 0x0001, 0x0000, 0x0002, 0x8000};
    assertCastBits(inputBits, fp16Bits, FloatType.FLOAT16, OrtReferenceTest::decodeFp16);
  }

  @Test
  void bf16_round_to_nearest_even() {
    int[] inputBits = {0x3f808000, 0x3f818000, 0x3f808008, 0x7f7fffff, 0x7f800001};
    int[] bf16Bits = {0x3f80, 0x3f82, 0x3f81, 0x7f80, 0x7fc0};
    assertCastBits(inputBits, bf16Bits, FloatType.BFLOAT16, b -> Float.intBitsToFloat(b << 16));
  }

  // ------------------------------------------------------------------ golden.md: FP8, saturate=1

  private static final float[] FP8_INPUTS = {
    0f,
    -0f,
    1f,
    1.0625f,
    1.125f,
    1.1875f,
    1.375f,
    1.4375f,
    0.1f,
    0.001953125f,
    0.0009765625f,
    0.0029296875f,
    448f,
    460f,
    464f,
    470f,
    1000f,
    -1000f,
    57344f,
    61440f,
    1000000f,
    Float.POSITIVE_INFINITY
  };

  @Test
  void fp8_e4m3fn_saturate() {
    int[] bytes = {
      0x00, 0x80, 0x38, 0x38, 0x39, 0x3a, 0x3b, 0x3c, 0x1d, 0x01, 0x00, 0x02, 0x7e, 0x7e, 0x7e,
      0x7e, 0x7e, 0xfe, 0x7e, 0x7e, 0x7e, 0x7e
    };
    assertCast(FP8_INPUTS, bytes, FloatType.FLOAT8E4M3FN, OrtReferenceTest::decodeE4m3fn);
  }

  @Test
  void fp8_e5m2_saturate() {
    int[] bytes = {
      0x00, 0x80, 0x3c, 0x3c, 0x3c, 0x3d, 0x3e, 0x3e, 0x2e, 0x18, 0x14, 0x1a, 0x5f, 0x5f, 0x5f,
      0x5f, 0x64, 0xe4, 0x7b, 0x7b, 0x7b, 0x7b
    };
    assertCast(FP8_INPUTS, bytes, FloatType.FLOAT8E5M2, OrtReferenceTest::decodeE5m2);
  }

  @Test
  void nan_stays_nan_and_negative_infinity_saturates_only_for_fp8() {
    float[] x = {Float.NaN, Float.NEGATIVE_INFINITY};
    float[] fp16 = OrtReference.castRoundTrip(x, FloatType.FLOAT16);
    float[] bf16 = OrtReference.castRoundTrip(x, FloatType.BFLOAT16);
    float[] e4m3 = OrtReference.castRoundTrip(x, FloatType.FLOAT8E4M3FN);
    float[] e5m2 = OrtReference.castRoundTrip(x, FloatType.FLOAT8E5M2);
    assertTrue(Float.isNaN(fp16[0]) && Float.isNaN(bf16[0]));
    assertTrue(Float.isNaN(e4m3[0]) && Float.isNaN(e5m2[0]));
    // saturate only exists for FP8 targets; 16-bit casts keep infinities
    assertEquals(Float.NEGATIVE_INFINITY, fp16[1]);
    assertEquals(Float.NEGATIVE_INFINITY, bf16[1]);
    assertEquals(-448f, e4m3[1]);
    assertEquals(-57344f, e5m2[1]);
  }

  @Test
  void hand_decoders_match_the_documented_extremes() {
    assertEquals(448f, decodeE4m3fn(0x7e));
    assertEquals(0x1p-9f, decodeE4m3fn(0x01));
    assertTrue(Float.isNaN(decodeE4m3fn(0x7f)));
    assertEquals(57344f, decodeE5m2(0x7b));
    assertEquals(0x1p-16f, decodeE5m2(0x01));
    assertEquals(Float.POSITIVE_INFINITY, decodeE5m2(0x7c));
    assertEquals(65504f, decodeFp16(0x7bff));
    assertEquals(0x1p-24f, decodeFp16(0x0001));
  }

  // ------------------------------------------------------------------ argument checks

  @Test
  void rejects_inconsistent_arguments() {
    float[] x = {1f, 2f, 3f, 4f};
    assertThrows(
        IllegalArgumentException.class,
        () -> OrtReference.quantize(x, new long[] {3}, ONE, ZERO, 0, QType.INT8));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            OrtReference.quantize(
                x,
                new long[] {2, 2},
                new float[] {1f, 1f, 1f},
                new int[] {0, 0, 0},
                1,
                QType.INT8));
    assertThrows(
        IllegalArgumentException.class,
        () -> OrtReference.quantize(x, new long[] {4}, ONE, new int[] {8}, 0, QType.INT4));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            OrtReference.quantizeDequantizeBlocked(
                x, new long[] {2, 2}, ONE, ZERO, 1, 2, QType.INT8));
  }

  // ------------------------------------------------------------------ helpers

  private interface Decoder {
    float decode(int bits);
  }

  /** Cast round trip of the given float32 bit patterns, compared bit for bit. */
  private static void assertCastBits(
      int[] inputBits, int[] narrowBits, FloatType type, Decoder decoder) {
    float[] x = new float[inputBits.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = Float.intBitsToFloat(inputBits[i]);
      assertEquals(inputBits[i], Float.floatToRawIntBits(x[i]), "input bits must survive Java");
    }
    assertCast(x, narrowBits, type, decoder);
  }

  private static void assertCast(float[] x, int[] narrowBits, FloatType type, Decoder decoder) {
    float[] actual = OrtReference.castRoundTrip(x, type);
    List<String> expected = new ArrayList<>();
    List<String> got = new ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      String in = x[i] + " (" + hex(Float.floatToRawIntBits(x[i])) + ") -> ";
      expected.add(in + hex(Float.floatToRawIntBits(decoder.decode(narrowBits[i]))));
      got.add(in + hex(Float.floatToRawIntBits(actual[i])));
    }
    assertEquals(expected, got, type.name());
  }

  private static String hex(int bits) {
    return String.format("%08x", bits);
  }

  private static float[] toFloats(int[] values) {
    float[] f = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      f[i] = values[i];
    }
    return f;
  }

  /** IEEE binary16: 1/5/10, bias 15 (docs/numeric-rules.md#fp16-and-bf16). */
  static float decodeFp16(int bits) {
    int sign = (bits >> 15) & 1;
    int exp = (bits >> 10) & 0x1f;
    int man = bits & 0x3ff;
    float magnitude;
    if (exp == 0x1f) {
      magnitude = man == 0 ? Float.POSITIVE_INFINITY : Float.NaN;
    } else if (exp == 0) {
      magnitude = Math.scalb((float) man, -24); // 2^(1-15) * man/2^10
    } else {
      magnitude = Math.scalb(1f + man / 1024f, exp - 15);
    }
    return sign == 1 ? -magnitude : magnitude;
  }

  /** E4M3FN: 1/4/3, bias 7, no infinities, S.1111.111 is NaN (docs/numeric-rules.md#fp8). */
  static float decodeE4m3fn(int bits) {
    int sign = (bits >> 7) & 1;
    int exp = (bits >> 3) & 0xf;
    int man = bits & 0x7;
    float magnitude;
    if (exp == 0xf && man == 0x7) {
      magnitude = Float.NaN;
    } else if (exp == 0) {
      magnitude = Math.scalb((float) man, -9); // 2^(1-7) * man/2^3
    } else {
      magnitude = Math.scalb(1f + man / 8f, exp - 7);
    }
    return sign == 1 ? -magnitude : magnitude;
  }

  /**
   * E5M2: 1/5/2, bias 15, S.11111.00 is infinity, S.11111.{01,10,11} NaN
   * (docs/numeric-rules.md#fp8).
   */
  static float decodeE5m2(int bits) {
    int sign = (bits >> 7) & 1;
    int exp = (bits >> 2) & 0x1f;
    int man = bits & 0x3;
    float magnitude;
    if (exp == 0x1f) {
      magnitude = man == 0 ? Float.POSITIVE_INFINITY : Float.NaN;
    } else if (exp == 0) {
      magnitude = Math.scalb((float) man, -16); // 2^(1-15) * man/2^2
    } else {
      magnitude = Math.scalb(1f + man / 4f, exp - 15);
    }
    return sign == 1 ? -magnitude : magnitude;
  }
}
