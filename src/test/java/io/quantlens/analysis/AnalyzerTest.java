package io.quantlens.analysis;

import static io.quantlens.analysis.InMemoryModels.gaussian;
import static io.quantlens.analysis.InMemoryModels.model;
import static io.quantlens.analysis.InMemoryModels.tensor;
import static io.quantlens.analysis.InMemoryModels.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.quant.ErrorStats;
import io.quantlens.quant.Scheme;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnalyzerTest {

  private static ErrorStats analyse(Model model, String scheme, int threads) throws Exception {
    ModelAnalysis a =
        new Analyzer(new AnalysisCache())
            .analyze(
                model,
                new AnalysisOptions(List.of(Scheme.parse(scheme)), 64, threads),
                AnalysisProgress.NONE,
                () -> false);
    return a.layers().get(0).results().get(0).stats();
  }

  /**
   * A full-scale uniform signal on [−A, A): noise Δ²/12 against power A²/3 gives SQNR =
   * 20·log10(2A/Δ). Symmetric codes ±(2^(b−1)−1) give 2A/Δ = 2^b − 2; asymmetric codes 0..2^b−1
   * give 2^b − 1; both approach the textbook 6.02·b dB as b grows.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "int8:tensor:sym, 254",
    "int8:tensor:asym, 255",
    "int4:tensor:sym, 14",
    "int4:tensor:asym, 15",
    "int2:tensor:asym, 3"
  })
  void uniformSignalMatchesTheClosedForm(String scheme, double levels) throws Exception {
    float[] x = uniform(1 << 20, 1);
    Model m = model(new Layer("fc", "MatMul", tensor("w", x, 1024, 1024), null, 1));
    ErrorStats s = analyse(m, scheme, 2);
    assertEquals(20 * Math.log10(levels), s.sqnrDb(), 0.05, "SQNR dB");
    if (scheme.startsWith("int8")) {
      assertEquals(6.02 * 8, s.sqnrDb(), 0.1, "≈ 6.02·b dB at 8 bits");
    }
  }

  @Test
  void gaussianWeightsMatchTheUniformNoisePredictionAtEightBits() throws Exception {
    float[] x = gaussian(512 * 768, 2);
    Model m = model(new Layer("fc", "MatMul", tensor("w", x, 512, 768), null, 1));
    ErrorStats s8 = analyse(m, "int8:channel:sym", 2);
    assertEquals(1.0, s8.mse() / s8.predictedMse(), 0.02, "8 bits: error is uniform, MSE ≈ Δ²/12");
    assertEquals(0, s8.clippedFraction());
    ErrorStats s2 = analyse(m, "int2:channel:sym", 2);
    assertTrue(
        Math.abs(s2.mse() / s2.predictedMse() - 1) > 0.05,
        "2 bits: too few levels for the uniform-noise model: " + s2.mse() / s2.predictedMse());
  }

  /** Per-column quantization of a MatMul [K, N] weight, computed independently here. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"int8:channel:sym, 0", "int4:g16:sym, 16", "int3:g48:sym, 48"})
  void perChannelAndGroupsFollowTheOutputAxis(String scheme, int group) throws Exception {
    int k = 96;
    int n = 40;
    float[] x = gaussian(k * n, 3);
    for (int c = 0; c < n; c++) {
      x[5 * n + c] *= 1 + c; // a different range per output column
    }
    Model m = model(new Layer("fc", "MatMul", tensor("w", x, k, n), null, 1));
    int qmax = scheme.startsWith("int8") ? 127 : scheme.startsWith("int4") ? 7 : 3;
    int rows = group == 0 ? k : group;
    double signal = 0;
    double noise = 0;
    for (int c = 0; c < n; c++) {
      for (int r0 = 0; r0 < k; r0 += rows) {
        float absmax = 0;
        for (int r = r0; r < r0 + rows; r++) {
          absmax = Math.max(absmax, Math.abs(x[r * n + c]));
        }
        float scale = absmax / qmax;
        for (int r = r0; r < r0 + rows; r++) {
          float v = x[r * n + c];
          float q = (float) Math.rint(v / scale);
          double e = (double) v - q * scale;
          signal += (double) v * v;
          noise += e * e;
        }
      }
    }
    ErrorStats s = analyse(m, scheme, 2);
    assertEquals(10 * Math.log10(signal / noise), s.sqnrDb(), 1e-9);
  }

  @Test
  void resultsDoNotDependOnTheNumberOfThreads() throws Exception {
    Model m =
        model(
            new Layer("a", "MatMul", tensor("wa", gaussian(300 * 700, 4), 300, 700), null, 1),
            new Layer("b", "Conv", tensor("wb", gaussian(64 * 32 * 9, 5), 64, 32, 3, 3), null, 0),
            new Layer("c", "Gather", tensor("wc", gaussian(5000 * 64, 6), 5000, 64), null, 0));
    AnalysisOptions one = new AnalysisOptions(AnalysisOptions.defaultSchemes(), 256, 1);
    AnalysisOptions eight = new AnalysisOptions(AnalysisOptions.defaultSchemes(), 256, 8);
    ModelAnalysis a =
        new Analyzer(new AnalysisCache()).analyze(m, one, AnalysisProgress.NONE, () -> false);
    ModelAnalysis b =
        new Analyzer(new AnalysisCache()).analyze(m, eight, AnalysisProgress.NONE, () -> false);
    assertEquals(a.layers(), b.layers());
  }

  @Test
  void exactCastHasInfiniteSqnrAndCosineOne() throws Exception {
    float[] x = {0.5f, -0.25f, 1f, 2f};
    Model m = model(new Layer("fc", "MatMul", tensor("w", x, 2, 2), null, 1));
    ErrorStats s = analyse(m, "fp16", 1);
    assertEquals(Double.POSITIVE_INFINITY, s.sqnrDb());
    assertEquals(1.0, s.cosine());
    assertEquals(0.0, s.maxAbsError());
  }

  @Test
  void handDerivedStatistics() throws Exception {
    // int2 sym: qmax 1, absmax 1 → scale 1; x̂ = rne(x): 0.75→1, −0.25→0, 1→1, −0.5→0 (tie to
    // even).
    float[] x = {0.75f, -0.25f, 1f, -0.5f};
    Model m = model(new Layer("fc", "MatMul", tensor("w", x, 1, 4), null, 0));
    ErrorStats s = analyse(m, "int2:tensor:sym", 1);
    double signal = 0.5625 + 0.0625 + 1 + 0.25;
    double noise = 0.0625 + 0.0625 + 0 + 0.25;
    assertEquals(10 * Math.log10(signal / noise), s.sqnrDb(), 1e-12);
    assertEquals(noise / 4, s.mse(), 1e-15);
    assertEquals(0.5, s.maxAbsError());
    assertEquals((-0.25 - 0.25 + 0 - 0.5) / 4, s.meanError(), 1e-15);
    assertEquals((0.75 + 1) / Math.sqrt(signal * 2), s.cosine(), 1e-15);
    assertEquals(1.0 / 12, s.predictedMse(), 1e-15);
  }

  @Test
  void cachedResultsAreReused() throws Exception {
    float[] x = gaussian(1000, 8);
    int[] reads = {0};
    io.quantlens.model.Tensor counting =
        new io.quantlens.model.Tensor(
            "w",
            io.quantlens.model.DType.FLOAT32,
            new long[] {10, 100},
            (start, dst, off, count) -> {
              reads[0]++;
              System.arraycopy(x, (int) start, dst, off, count);
            });
    Model m = model(new Layer("fc", "MatMul", counting, null, 1));
    AnalysisCache cache = new AnalysisCache();
    AnalysisOptions options = new AnalysisOptions(AnalysisOptions.defaultSchemes(), 32, 2);
    new Analyzer(cache).analyze(m, options, AnalysisProgress.NONE, () -> false);
    int afterFirst = reads[0];
    new Analyzer(cache).analyze(m, options, AnalysisProgress.NONE, () -> false);
    assertEquals(afterFirst, reads[0], "a second analysis reads no weights");
    assertEquals(7, cache.size());
  }

  @Test
  void weightsWithAZeroDimensionAreLeftOut() throws Exception {
    Model m =
        model(
            new Layer("empty", "MatMul", tensor("w0", new float[0], 0, 16), null, 1),
            new Layer("fc", "MatMul", tensor("w1", gaussian(64, 10), 4, 16), null, 1));
    ModelAnalysis a =
        new Analyzer(new AnalysisCache())
            .analyze(
                m,
                new AnalysisOptions(AnalysisOptions.defaultSchemes(), 16, 2),
                AnalysisProgress.NONE,
                () -> false);
    assertEquals(List.of("fc"), a.layers().stream().map(l -> l.layer().name()).toList());
  }

  @Test
  void cancellationStopsTheAnalysis() {
    Model m = model(new Layer("fc", "MatMul", tensor("w", gaussian(1000, 9), 10, 100), null, 1));
    AnalysisOptions options = new AnalysisOptions(AnalysisOptions.defaultSchemes(), 32, 2);
    assertThrows(
        CancellationException.class,
        () ->
            new Analyzer(new AnalysisCache())
                .analyze(m, options, AnalysisProgress.NONE, () -> true));
  }
}
