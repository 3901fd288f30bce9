package io.quantlens.analysis;

import static io.quantlens.analysis.InMemoryModels.gaussian;
import static io.quantlens.analysis.InMemoryModels.model;
import static io.quantlens.analysis.InMemoryModels.tensor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quantlens.model.Layer;
import io.quantlens.quant.ErrorStats;
import io.quantlens.quant.Granularity;
import io.quantlens.quant.Scheme;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Layer detail on tensors quantized by hand, and against the analysis engine's statistics. */
class LayerDetailTest {
  private static final double DB = 1e-4;

  private static LayerDetail detail(Layer layer, String scheme) {
    return LayerDetail.compute(layer, Scheme.parse(scheme), () -> false);
  }

  /**
   * Gemm weight [2, 4], channels on axis 0. Row 0 has absmax 1 (scale 1/127): 0.5 → 63.5 → 64, 0.25
   * → 31.75 → 32, 0.75 → 95.25 → 95, errors −0.5, −0.25, 0.25 steps: SQNR = 1.875 / (0.375 / 127²)
   * = 80645. Row 1 has absmax 2.54 (scale 0.02): −1.27 and 0.01 sit half a step off a level (error
   * 0.01 either way), 2.54 and 0.5 are exact: SQNR = 8.3146 / 0.0002.
   */
  private static final Layer GEMM =
      new Layer(
          "gemm",
          "Gemm",
          tensor("w", new float[] {0.5f, -1f, 0.25f, 0.75f, 2.54f, -1.27f, 0.01f, 0.5f}, 2, 4),
          null,
          0);

  @Test
  void int8PerChannelByHand() {
    LayerDetail d = detail(GEMM, "int8:channel:sym");
    assertEquals(Granularity.Kind.CHANNEL, d.groupKind());
    assertEquals(4, d.groupSize());
    assertEquals(1, d.groupsPerChannel());
    assertEquals(2, d.groupCount());
    assertArrayEquals(new float[] {1f / 127, 2.54f / 127}, d.scales());
    assertEquals(10 * Math.log10(80645), d.groupSqnrDb(0), DB);
    assertEquals(10 * Math.log10(8.3146 / 0.0002), d.groupSqnrDb(1), DB);

    assertEquals(1, d.levelsGroup(), "row 1 has the larger scale");
    double[] levels = d.levels();
    assertEquals(255, levels.length, "codes −127 … 127");
    assertEquals(-2.54, levels[0], 1e-6);
    assertEquals(0.0, levels[127]);
    assertEquals(0.02, levels[128], 1e-8);
    assertEquals(2.54, levels[254], 1e-6);
    assertEquals(levels[0], d.clipLo());
    assertEquals(levels[254], d.clipHi());
    assertEquals(0.02, d.step(), 1e-8);

    double noise = 0.375 / (127 * 127) + 0.0002;
    assertEquals(10 * Math.log10((1.875 + 8.3146) / noise), d.sqnrDb(), DB);
    assertEquals(Math.sqrt(noise / 8), d.measuredSigma(), 1e-8);
    double s0 = 1.0 / 127;
    double s1 = 0.02;
    assertEquals(Math.sqrt((4 * s0 * s0 + 4 * s1 * s1) / 12 / 8), d.predictedSigma(), 1e-8);
    assertEquals(6.02 * 8 + 1.76, d.ruleOfThumbDb(), 1e-12);
    assertEquals(0.0, d.clippedFraction());
  }

  /**
   * MatMul weight [K=4, N=2]: output channels are columns, groups of 2 run down each column. Column
   * 0 = [0.7, 0.35 | −1.4, 0.1], column 1 = [−0.1, 0.05 | 0.2, 0.3]; int4 codes ±7.
   */
  @Test
  void int4GroupsOfTwoFollowTheReductionAxis() {
    Layer matMul =
        new Layer(
            "mm",
            "MatMul",
            tensor("w", new float[] {0.7f, -0.1f, 0.35f, 0.05f, -1.4f, 0.2f, 0.1f, 0.3f}, 4, 2),
            null,
            1);
    LayerDetail d = detail(matMul, "int4:g2:sym");
    assertEquals(Granularity.Kind.GROUP, d.groupKind());
    assertEquals(2, d.groupSize());
    assertEquals(2, d.groupsPerChannel());
    assertArrayEquals(new float[] {0.7f / 7, 1.4f / 7, 0.1f / 7, 0.3f / 7}, d.scales());
    // [0.7, 0.35] / 0.1: 0.35 is half a step off → error 0.05.
    assertEquals(10 * Math.log10((0.49 + 0.1225) / 0.0025), d.groupSqnrDb(0), DB);
    // [−1.4, 0.1] / 0.2: 0.1 is half a step off → error 0.1.
    assertEquals(10 * Math.log10((1.96 + 0.01) / 0.01), d.groupSqnrDb(1), DB);
    // [−0.1, 0.05] / (0.1/7): 0.05 is half a step off → error 0.05/7.
    assertEquals(10 * Math.log10(0.0125 / Math.pow(0.05 / 7, 2)), d.groupSqnrDb(2), DB);
    // [0.2, 0.3] / (0.3/7): 0.2 → 4.67 → 5, error 0.2 − 1.5/7 = −0.1/7.
    assertEquals(10 * Math.log10(0.13 / Math.pow(0.1 / 7, 2)), d.groupSqnrDb(3), DB);

    assertEquals(1, d.levelsGroup());
    double[] levels = d.levels();
    assertEquals(15, levels.length);
    for (int q = -7; q <= 7; q++) {
      assertEquals(q * 0.2, levels[q + 7], 1e-6);
    }
    assertEquals(0.2, d.step(), 1e-7);
    assertEquals(6.02 * 4 + 1.76, d.ruleOfThumbDb(), 1e-12);
  }

  /** [−1, 0, 0.5, 2] asymmetric: scale 3/255, zero point 85, levels (q − 85)·scale. */
  @Test
  void int8PerTensorAsymmetric() {
    Layer l = new Layer("t", "Gemm", tensor("w", new float[] {-1f, 0f, 0.5f, 2f}, 2, 2), null, 0);
    LayerDetail d = detail(l, "int8:tensor:asym");
    assertEquals(Granularity.Kind.TENSOR, d.groupKind());
    assertEquals(4, d.groupSize());
    assertEquals(0, d.groupsPerChannel());
    assertArrayEquals(new float[] {(float) (3.0 / 255)}, d.scales());
    double[] levels = d.levels();
    assertEquals(256, levels.length);
    assertEquals(-1.0, levels[0], 1e-6);
    assertEquals(0.0, levels[85]);
    assertEquals(2.0, levels[255], 1e-6);
    assertEquals(-1.0, d.clipLo(), 1e-6);
    assertEquals(2.0, d.clipHi(), 1e-6);
    assertEquals(3.0 / 255, d.step(), 1e-8);
    assertEquals(d.sqnrDb(), d.groupSqnrDb(0));
  }

  /** [0.5, −1, 0.25, 1/3]: only 1/3 is off the FP16 grid, which steps by 2^-12 there. */
  @Test
  void fp16HasNoScalesAndTooManyLevelsToList() {
    float third = 1f / 3;
    Layer l =
        new Layer("h", "Gemm", tensor("w", new float[] {0.5f, -1f, 0.25f, third}, 2, 2), null, 0);
    LayerDetail d = detail(l, "fp16");
    assertEquals(Granularity.Kind.TENSOR, d.groupKind());
    assertEquals(1, d.groupCount());
    assertEquals(Float.NaN, d.scale(0));
    assertEquals(0, d.levels().length, "FP16 has thousands of values in [−1, 0.5]");
    assertEquals(Double.NaN, d.step());
    assertEquals(-65504.0, d.clipLo());
    assertEquals(65504.0, d.clipHi());
    double error = (double) third - 1365.0 / 4096; // 1/3 · 4096 = 1365.33 → 1365
    double signal = 0.25 + 1 + 0.0625 + (double) third * third;
    assertEquals(10 * Math.log10(signal / (error * error)), d.sqnrDb(), DB);
    assertEquals(d.sqnrDb(), d.groupSqnrDb(0));
    assertEquals(Math.abs(error) / 2, d.measuredSigma(), 1e-12, "√(e²/4)");
    assertEquals(6.02 * 16 + 1.76, d.ruleOfThumbDb(), 1e-12);
  }

  @Test
  void fp8ListsItsValuesBetweenTheWeightsMinAndMax() {
    Layer l =
        new Layer("f", "Gemm", tensor("w", new float[] {0.5f, 0.6f, 0.7f, 1f}, 2, 2), null, 0);
    LayerDetail d = detail(l, "fp8e4m3");
    double[] expected = new double[9];
    for (int k = 0; k <= 8; k++) {
      expected[k] = 0.5 + k / 16.0;
    }
    assertArrayEquals(expected, d.levels());
    assertEquals(-448.0, d.clipLo());
    assertEquals(448.0, d.clipHi());
  }

  @Test
  void nf4ScalesByAbsmaxAndUsesTheNormalFloatLevels() {
    LayerDetail d = detail(GEMM, "nf4:g4");
    assertArrayEquals(new float[] {1f, 2.54f}, d.scales());
    double[] levels = d.levels();
    assertEquals(16, levels.length);
    assertEquals(-2.54, levels[0], 1e-6);
    assertEquals(0.0, levels[7]);
    assertEquals(0.7229568362236023 * 2.54, levels[14], 1e-6);
    assertEquals(2.54, levels[15], 1e-6);
    assertEquals(Double.NaN, d.step());
    assertEquals(Double.NaN, d.predictedSigma());
  }

  /** The detail's statistics are the analysis's, bit for bit, for every layout and scheme. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "fp16",
        "bf16",
        "fp8e4m3",
        "int8:channel:sym",
        "int8:tensor:asym",
        "int4:g32:sym",
        "int4:g128:asym",
        "nf4",
        "int3:channel:sym:p99",
        "int4:tensor:sym:mse"
      })
  void statisticsEqualTheAnalysis(String text) throws Exception {
    Scheme scheme = Scheme.parse(text);
    float[] big = gaussian(300 * 700, 11);
    big[12345] = 3f; // an outlier, so clipping schemes clip
    List<Layer> layers =
        List.of(
            new Layer("mm", "MatMul", tensor("wm", big, 300, 700), null, 1),
            new Layer("conv", "Conv", tensor("wc", gaussian(8 * 4 * 9, 12), 8, 4, 3, 3), null, 0),
            new Layer("emb", "Gather", tensor("we", gaussian(500 * 64, 13), 500, 64), null, 0));
    ModelAnalysis analysis =
        new Analyzer(new AnalysisCache())
            .analyze(
                model(layers.toArray(Layer[]::new)),
                new AnalysisOptions(List.of(scheme), 64, 2),
                AnalysisProgress.NONE,
                () -> false);
    for (LayerAnalysis la : analysis.layers()) {
      ErrorStats s = la.result(scheme).stats();
      LayerDetail d = LayerDetail.compute(la.layer(), scheme, () -> false);
      String what = la.layer().name();
      assertEquals(s.sqnrDb(), d.sqnrDb(), what);
      assertEquals(Math.sqrt(s.mse()), d.measuredSigma(), what);
      assertEquals(Math.sqrt(s.predictedMse()), d.predictedSigma(), what);
      assertEquals(s.clippedFraction(), d.clippedFraction(), what);
    }
  }

  /** Per-channel scales and SQNRs of a Conv weight [8, 4, 3, 3], recomputed here per channel. */
  @Test
  void convChannelsMatchAnIndependentComputation() {
    float[] x = gaussian(8 * 36, 21);
    Layer conv = new Layer("c", "Conv", tensor("w", x, 8, 4, 3, 3), null, 0);
    LayerDetail d = detail(conv, "int8:channel:sym");
    int widest = 0;
    float widestScale = 0;
    for (int c = 0; c < 8; c++) {
      float absmax = 0;
      for (int i = 0; i < 36; i++) {
        absmax = Math.max(absmax, Math.abs(x[c * 36 + i]));
      }
      float scale = absmax / 127;
      double signal = 0;
      double noise = 0;
      for (int i = 0; i < 36; i++) {
        float v = x[c * 36 + i];
        double e = (double) v - (float) Math.rint(v / scale) * scale;
        signal += (double) v * v;
        noise += e * e;
      }
      assertEquals(scale, d.scale(c));
      assertEquals(10 * Math.log10(signal / noise), d.groupSqnrDb(c), 1e-9);
      if (scale > widestScale) {
        widest = c;
        widestScale = scale;
      }
    }
    assertEquals(widest, d.levelsGroup());
  }

  @Test
  void cancellingStopsTheComputation() {
    Layer l = new Layer("mm", "MatMul", tensor("w", gaussian(1024, 1), 32, 32), null, 1);
    assertThrows(
        CancellationException.class,
        () -> LayerDetail.compute(l, Scheme.parse("int4:g32:sym"), () -> true));
  }

  @Test
  void aLayerWithoutWeightsIsRefused() {
    Layer l = new Layer("e", "MatMul", tensor("w", new float[0], 0, 4), null, 1);
    assertThrows(
        IllegalArgumentException.class,
        () -> LayerDetail.compute(l, Scheme.parse("int8"), () -> false));
  }

  @Test
  void resultsAreImmutable() {
    LayerDetail d = detail(GEMM, "int8:channel:sym");
    d.scales()[0] = 42f;
    d.levels()[0] = 42;
    assertEquals(1f / 127, d.scale(0));
    assertEquals(d, detail(GEMM, "int8:channel:sym"));
  }

  /**
   * q4_0 on a Gemm weight [2, 40]: each row is one 32-block and one block of 8 padded with zeros.
   * Row 0 = (j − 8)/4 for j < 16, then zeros | 1, 0.875, …, 0.125: max −2 gives d = 0.25 and max 1
   * gives d = −0.125, every value on a level. Row 1 = 3, then 31 × 0.1 | 8 zeros: d = −0.375, 0.1 ·
   * (−1/0.375) + 8.5 = 8.23 truncates to code 8 (value 0), error 0.1 each; the zero block has d =
   * 0.
   */
  @Test
  void q4_0BlocksByHand() {
    float[] w = new float[80];
    for (int j = 0; j < 16; j++) {
      w[j] = (j - 8) / 4f;
    }
    for (int j = 0; j < 8; j++) {
      w[32 + j] = 1f - j / 8f;
    }
    w[40] = 3f;
    for (int j = 41; j < 72; j++) {
      w[j] = 0.1f;
    }
    Layer gemm = new Layer("gemm", "Gemm", tensor("w", w, 2, 40), null, 0);
    LayerDetail d = detail(gemm, "q4_0");
    assertEquals(Granularity.Kind.GROUP, d.groupKind());
    assertEquals(32, d.groupSize());
    assertEquals(2, d.groupsPerChannel());
    assertArrayEquals(new float[] {0.25f, 0.125f, 0.375f, 0f}, d.scales());
    assertEquals(Double.POSITIVE_INFINITY, d.groupSqnrDb(0));
    assertEquals(Double.POSITIVE_INFINITY, d.groupSqnrDb(1));
    assertEquals(10 * Math.log10((9 + 31 * 0.01) / (31 * 0.01)), d.groupSqnrDb(2), DB);
    assertEquals(2, d.levelsGroup());
    double[] levels = d.levels();
    assertEquals(16, levels.length);
    assertEquals(-2.625, levels[0]);
    assertEquals(0.0, levels[7]);
    assertEquals(3.0, levels[15]);
    assertEquals(-2.625, d.clipLo());
    assertEquals(3.0, d.clipHi());
    assertEquals(0.375, d.step());
    assertEquals(Math.sqrt(31 * 0.01 / 80), d.measuredSigma(), 1e-6);
    double predicted = (32 * 0.0625 + 8 * 0.015625 + 32 * 0.140625) / 12 / 80;
    assertEquals(Math.sqrt(predicted), d.predictedSigma(), 1e-12);
    assertEquals(0.0, d.clippedFraction());
    assertEquals(6.02 * 4 + 1.76, d.ruleOfThumbDb(), 1e-12);
  }
}
