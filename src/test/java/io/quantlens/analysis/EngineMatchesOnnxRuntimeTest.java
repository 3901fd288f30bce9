package io.quantlens.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.model.Tensor;
import io.quantlens.quant.FloatFormat;
import io.quantlens.quant.GroupParams;
import io.quantlens.quant.IntFormat;
import io.quantlens.quant.RangeEstimator;
import io.quantlens.quant.Scheme;
import io.quantlens.quant.Symmetry;
import io.quantlens.reference.OrtReference;
import io.quantlens.reference.OrtReference.FloatType;
import io.quantlens.reference.OrtReference.QType;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine's quantize → dequantize against ONNX Runtime's QuantizeLinear → DequantizeLinear and
 * Cast, value for value and bit for bit, with the scales and zero points the engine chose.
 */
class EngineMatchesOnnxRuntimeTest {

  /** Gaussian weights with ±0, float32 subnormals, values at the extremes and repeated values. */
  static float[] awkward(int n, long seed) {
    Random random = new Random(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (random.nextGaussian() * 0.05);
      switch (i % 17) {
        case 3 -> x[i] = 0f;
        case 5 -> x[i] = -0f;
        case 7 ->
            x[i] = Float.MIN_VALUE * (1 + random.nextInt(1000)) * (random.nextBoolean() ? 1 : -1);
        case 11 -> x[i] = x[i - 1];
        default -> {}
      }
    }
    return x;
  }

  /** absmax 127 ⇒ symmetric int8 scale exactly 1, so every k + 0.5 is an exact rounding tie. */
  static float[] ties(int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (i % 254) - 127 + 0.5f;
    }
    x[0] = 127f;
    x[1] = -127f;
    return x;
  }

  static float[] constant(int n, float value) {
    float[] x = new float[n];
    java.util.Arrays.fill(x, value);
    return x;
  }

  static float[] huge(int n) {
    float[] x = awkward(n, 5);
    x[n / 2] = 3.0e38f;
    x[n / 3] = -1.0e30f;
    return x;
  }

  static Stream<Arguments> perTensorCases() {
    Stream.Builder<Arguments> cases = Stream.builder();
    String[] schemes = {
      "int8:tensor:sym", "int8:tensor:asym", "int4:tensor:sym", "int4:tensor:asym"
    };
    for (String scheme : schemes) {
      cases.add(Arguments.of(scheme, "gaussian", awkward(4096, 1)));
      cases.add(Arguments.of(scheme, "ties", ties(1016)));
      cases.add(Arguments.of(scheme, "constant", constant(64, 0.3f)));
      cases.add(Arguments.of(scheme, "negative constant", constant(64, -0.7f)));
      cases.add(Arguments.of(scheme, "zeros", constant(64, 0f)));
      cases.add(Arguments.of(scheme, "huge", huge(2048)));
    }
    return cases.build();
  }

  private static QType qtype(Scheme scheme) {
    boolean sym = scheme.symmetry() == Symmetry.SYM;
    return scheme.format().bits() == 8
        ? (sym ? QType.INT8 : QType.UINT8)
        : (sym ? QType.INT4 : QType.UINT4);
  }

  /**
   * The reference must run: ONNX Runtime 1.23.2 on CPU runs every type this test uses
   * (OrtReferenceTest), so a missing one is a failure, not a skip.
   */
  private static void assertOrtRuns(QType type) {
    assertTrue(OrtReference.supports(type), () -> "ONNX Runtime cannot run Q/DQ for " + type);
  }

  private static void assertBitsEqual(float[] expected, float[] actual, String what) {
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      int index = i;
      assertEquals(
          Float.floatToIntBits(expected[i]),
          Float.floatToIntBits(actual[i]),
          () -> what + " at " + index + ": ORT " + expected[index] + ", engine " + actual[index]);
    }
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("perTensorCases")
  void perTensor(String schemeText, String data, float[] x) {
    Scheme scheme = Scheme.parse(schemeText);
    assertOrtRuns(qtype(scheme));
    Tensor t = InMemoryModels.tensor("w", x, x.length);
    float[] engine = FakeQuantizer.roundTrip(t, 0, scheme);
    GroupParams p =
        RangeEstimator.intParams(
            (IntFormat) scheme.format(),
            scheme.symmetry(),
            scheme.clip(),
            x,
            0,
            x.length,
            new float[x.length]);
    float[] ort =
        OrtReference.quantizeDequantize(
            x,
            new long[] {x.length},
            new float[] {p.scale()},
            new int[] {p.zeroPoint()},
            0,
            qtype(scheme));
    assertBitsEqual(ort, engine, schemeText + " on " + data);
  }

  static Stream<Arguments> perChannelCases() {
    return Stream.of(
        Arguments.of("int8:channel:sym", 0),
        Arguments.of("int8:channel:asym", 0),
        Arguments.of("int4:channel:sym", 1),
        Arguments.of("int4:channel:asym", 1),
        Arguments.of("int8:channel:sym", 1));
  }

  /** A [48, 80] weight with channels on axis 0 (Conv, Gemm transB) or axis 1 (MatMul [K, N]). */
  @ParameterizedTest(name = "{0} axis {1}")
  @MethodSource("perChannelCases")
  void perChannel(String schemeText, int axis) {
    Scheme scheme = Scheme.parse(schemeText);
    assertOrtRuns(qtype(scheme));
    int rows = 48;
    int cols = 80;
    float[] x = awkward(rows * cols, 2);
    for (int i = 0; i < x.length; i++) {
      int channel = axis == 0 ? i / cols : i % cols;
      x[i] *= 1 + channel % 9; // a different range per channel
    }
    int channels = axis == 0 ? rows : cols;
    int reduction = axis == 0 ? cols : rows;
    float[] scales = new float[channels];
    int[] zeroPoints = new int[channels];
    for (int c = 0; c < channels; c++) {
      float[] v = new float[reduction];
      for (int r = 0; r < reduction; r++) {
        v[r] = axis == 0 ? x[c * cols + r] : x[r * cols + c];
      }
      GroupParams p =
          RangeEstimator.intParams(
              (IntFormat) scheme.format(),
              scheme.symmetry(),
              scheme.clip(),
              v,
              0,
              reduction,
              new float[reduction]);
      scales[c] = p.scale();
      zeroPoints[c] = p.zeroPoint();
    }
    float[] engine =
        FakeQuantizer.roundTrip(InMemoryModels.tensor("w", x, rows, cols), axis, scheme);
    float[] ort =
        OrtReference.quantizeDequantize(
            x, new long[] {rows, cols}, scales, zeroPoints, axis, qtype(scheme));
    assertBitsEqual(ort, engine, schemeText + " axis " + axis);
  }

  static Stream<Arguments> groupCases() {
    return Stream.of(
        Arguments.of("int4:g32:sym", 1, 80, 24),
        Arguments.of("int4:g32:asym", 1, 80, 24),
        Arguments.of("int8:g16:asym", 1, 40, 8),
        Arguments.of("int4:g16:sym", 0, 12, 70));
  }

  /**
   * Groups of N consecutive weights along the reduction axis: for MatMul [K, N] (channel axis 1)
   * the blocks run down K, which is ONNX blocked quantization along axis 0; for channel axis 0 they
   * run along axis 1. K = 80 with groups of 32 leaves a short last group, as MatMulNBits pads.
   */
  @ParameterizedTest(name = "{0} channel axis {1}, shape [{2}, {3}]")
  @MethodSource("groupCases")
  void groups(String schemeText, int channelAxis, int rows, int cols) {
    Scheme scheme = Scheme.parse(schemeText);
    assertOrtRuns(qtype(scheme));
    int group = scheme.granularity().groupSize();
    float[] x = awkward(rows * cols, 3);
    int blockAxis = 1 - channelAxis;
    int blockDim = blockAxis == 0 ? rows : cols;
    int blocks = (blockDim + group - 1) / group;
    long[] scaleShape = blockAxis == 0 ? new long[] {blocks, cols} : new long[] {rows, blocks};
    float[] scales = new float[(int) (scaleShape[0] * scaleShape[1])];
    int[] zeroPoints = new int[scales.length];
    for (int i = 0; i < scaleShape[0]; i++) {
      for (int j = 0; j < scaleShape[1]; j++) {
        int block = blockAxis == 0 ? i : j;
        int length = Math.min(group, blockDim - block * group);
        float[] v = new float[length];
        for (int k = 0; k < length; k++) {
          int b = block * group + k;
          v[k] = blockAxis == 0 ? x[b * cols + j] : x[i * cols + b];
        }
        GroupParams p =
            RangeEstimator.intParams(
                (IntFormat) scheme.format(),
                scheme.symmetry(),
                scheme.clip(),
                v,
                0,
                length,
                new float[length]);
        scales[(int) (i * scaleShape[1] + j)] = p.scale();
        zeroPoints[(int) (i * scaleShape[1] + j)] = p.zeroPoint();
      }
    }
    float[] engine =
        FakeQuantizer.roundTrip(InMemoryModels.tensor("w", x, rows, cols), channelAxis, scheme);
    float[] ort =
        OrtReference.quantizeDequantizeBlocked(
            x, new long[] {rows, cols}, scales, zeroPoints, blockAxis, group, qtype(scheme));
    assertBitsEqual(ort, engine, schemeText);
  }

  static Stream<Arguments> castCases() {
    return Stream.of(
        Arguments.of(FloatFormat.FP16, FloatType.FLOAT16),
        Arguments.of(FloatFormat.BF16, FloatType.BFLOAT16),
        Arguments.of(FloatFormat.FP8_E4M3, FloatType.FLOAT8E4M3FN),
        Arguments.of(FloatFormat.FP8_E5M2, FloatType.FLOAT8E5M2));
  }

  /** Random float32 bit patterns (every exponent, subnormals, Inf, NaN) plus exact ties. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("castCases")
  void casts(FloatFormat format, FloatType type) {
    assertTrue(OrtReference.supports(type), () -> "ONNX Runtime cannot Cast to " + type);
    Random random = new Random(4);
    int n = 1 << 17;
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = Float.intBitsToFloat(random.nextInt());
    }
    // Values halfway between neighbours of the target format, near 1 and near its extremes.
    int dropped = 23 - format.mantissaBits();
    for (int i = 0; i < 4096; i++) {
      int exponent = 127 + (i % 64) - 32;
      int bits =
          (exponent << 23)
              | (random.nextInt(1 << format.mantissaBits()) << dropped)
              | (1 << (dropped - 1));
      x[i] = Float.intBitsToFloat(bits | (random.nextBoolean() ? 0x80000000 : 0));
    }
    x[4096] = Float.POSITIVE_INFINITY;
    x[4097] = Float.NEGATIVE_INFINITY;
    x[4098] = Float.NaN;
    x[4099] = -0f;
    x[4100] = format.maxFinite();
    float[] ort = OrtReference.castRoundTrip(x, type);
    for (int i = 0; i < n; i++) {
      float engine = format.round(x[i]);
      if (Float.isNaN(ort[i])) {
        assertTrue(Float.isNaN(engine), "NaN expected for " + x[i]);
      } else {
        int index = i;
        assertEquals(
            Float.floatToRawIntBits(ort[i]),
            Float.floatToRawIntBits(engine),
            () -> format + "(" + x[index] + "): ORT " + ort[index] + ", engine " + engine);
      }
    }
  }
}
