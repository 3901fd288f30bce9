package io.quantlens.analysis;

import static io.quantlens.analysis.InMemoryModels.model;
import static io.quantlens.analysis.InMemoryModels.tensor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.quant.Scheme;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Plan totals on weights small enough to quantize by hand. Layer {@code a} = [1, 0.4, −0.6, 0] at
 * int2 per tensor (codes −1..1, scale = absmax = 1) becomes [1, 0, −1, 0]: errors 0, 0.4, 0.4, 0.
 * Layer {@code b} = [3, 4] stays FP32. Layer {@code c} = [1000, 1] at FP8 E4M3 saturates 1000 to
 * 448 and keeps 1 exactly.
 */
class PlanSummaryTest {
  private static final Scheme INT2 = Scheme.parse("int2:tensor:sym");
  private static final Scheme FP8 = Scheme.parse("fp8e4m3");
  private static final Scheme INT8 = Scheme.parse("int8:channel:sym");

  private static final Layer A =
      new Layer("a", "Gemm", tensor("wa", new float[] {1f, 0.4f, -0.6f, 0f}, 2, 2), null, 0);
  private static final Layer B =
      new Layer("b", "Gemm", tensor("wb", new float[] {3f, 4f}, 2), null, 0);
  private static final Layer C =
      new Layer("c", "Gemm", tensor("wc", new float[] {1000f, 1f}, 2), null, 0);

  private static ModelAnalysis analyse(Model model, Scheme... schemes) throws Exception {
    return new Analyzer(new AnalysisCache())
        .analyze(
            model,
            new AnalysisOptions(List.of(schemes), 16, 1),
            AnalysisProgress.NONE,
            () -> false);
  }

  @Test
  void sumsQuantizedAndFp32LayersByHand() throws Exception {
    ModelAnalysis analysis = analyse(model(A, B), INT2, INT8);
    PlanSummary s = PlanSummary.of(analysis, PrecisionPlan.only("a", INT2));

    assertEquals(2, s.layers().size());
    PlanSummary.LayerRow a = s.layers().get(0);
    assertEquals(A, a.layer());
    assertEquals(INT2, a.scheme());
    assertEquals(4, a.weights());
    // 4 codes of 2 bits + one float32 scale = 40 bits = 5 bytes, 10 bits per weight.
    assertEquals(5, a.storedBytes());
    assertEquals(10.0, a.bitsPerWeight(), 1e-12);
    // Σx² = 1 + 0.16 + 0.36 = 1.52; Σe² = 0.16 + 0.16 = 0.32.
    assertEquals(10 * Math.log10(1.52 / 0.32), a.sqnrDb(), 1e-5);
    assertEquals(0.0, a.clippedFraction());
    assertNotNull(a.result());
    assertTrue(!a.isFp32());

    PlanSummary.LayerRow b = s.layers().get(1);
    assertEquals(PrecisionPlan.FP32, b.scheme());
    assertEquals(2, b.weights());
    assertEquals(Double.POSITIVE_INFINITY, b.sqnrDb());
    assertEquals(32.0, b.bitsPerWeight());
    assertEquals(8, b.storedBytes());
    assertEquals(0.0, b.clippedFraction());
    assertNull(b.result());
    assertTrue(b.isFp32());

    assertEquals(6, s.weights());
    assertEquals(24, s.fp32Bytes());
    assertEquals(13, s.storedBytes());
    assertEquals(8.0 * 13 / 6, s.bitsPerWeight(), 1e-12);
    assertEquals(24.0 / 13, s.compression(), 1e-12);
    assertEquals(1, s.quantizedLayerCount());
    // FP32 layer b adds its signal 9 + 16 = 25 and no noise.
    assertEquals(10 * Math.log10((1.52 + 25) / 0.32), s.sqnrDb(), 1e-5);
  }

  @Test
  void clippingAndSaturationComeFromTheAnalysis() throws Exception {
    ModelAnalysis analysis = analyse(model(A, C), INT2, FP8);
    PlanSummary s =
        PlanSummary.of(analysis, new PrecisionPlan(PrecisionPlan.FP32, Map.of("c", FP8)));
    PlanSummary.LayerRow c = s.layers().get(1);
    assertEquals(0.5, c.clippedFraction());
    assertEquals(2, c.storedBytes());
    assertEquals(8.0, c.bitsPerWeight());
    // 1000 saturates to 448: error 552; 1 is exact.
    double signal = 1000.0 * 1000 + 1;
    assertEquals(10 * Math.log10(signal / (552.0 * 552)), c.sqnrDb(), 1e-9);
    assertEquals(10 * Math.log10((signal + 1.52) / (552.0 * 552)), s.sqnrDb(), 1e-9);
    assertEquals(4 * 4 + 2, s.storedBytes());
  }

  @Test
  void anAllFp32PlanIsExactAndFullSize() throws Exception {
    PlanSummary s = PlanSummary.of(analyse(model(A, B, C), INT2), PrecisionPlan.fp32());
    assertEquals(Double.POSITIVE_INFINITY, s.sqnrDb());
    assertEquals(32, s.fp32Bytes());
    assertEquals(32, s.storedBytes());
    assertEquals(32.0, s.bitsPerWeight());
    assertEquals(0, s.quantizedLayerCount());
  }

  @Test
  void missingSchemesAreListedAndRefused() throws Exception {
    ModelAnalysis analysis = analyse(model(A, B, C), INT2);
    Scheme int4 = Scheme.parse("int4:g32:sym");
    PrecisionPlan plan =
        new PrecisionPlan(PrecisionPlan.FP32, Map.of("a", INT2, "b", int4, "c", FP8));
    assertEquals(Set.of(int4, FP8), PlanSummary.missingSchemes(analysis, plan));
    assertEquals(
        List.of(int4, FP8), List.copyOf(PlanSummary.missingSchemes(analysis, plan)), "model order");
    assertEquals(Set.of(), PlanSummary.missingSchemes(analysis, PrecisionPlan.fp32()));
    assertEquals(Set.of(), PlanSummary.missingSchemes(analysis, PrecisionPlan.only("a", INT2)));

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PlanSummary.of(analysis, plan));
    assertTrue(e.getMessage().contains("'b'"), e.getMessage());
    assertTrue(e.getMessage().contains("int4:g32:sym"), e.getMessage());
  }

  @Test
  void layersThePlanNamesButTheModelLacksAreIgnored() throws Exception {
    ModelAnalysis analysis = analyse(model(A, B), INT2);
    PlanSummary s = PlanSummary.of(analysis, PrecisionPlan.only("nosuch", INT8));
    assertEquals(Double.POSITIVE_INFINITY, s.sqnrDb());
    assertEquals(s.fp32Bytes(), s.storedBytes());
  }
}
