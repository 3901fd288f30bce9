package io.quantlens.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.formats.ModelFiles;
import io.quantlens.model.Model;
import io.quantlens.quant.Scheme;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bundled CNN on its 2,000 held-out digits, measured through ONNX Runtime. */
class MnistEvalTest {
  private static Evaluator evaluator;

  @BeforeAll
  static void open() throws Exception {
    Path folder = Path.of(System.getProperty("basedir", "."), "sample-models", "mnist-cnn");
    Model model = ModelFiles.open(folder.resolve("mnist-cnn.onnx"));
    EvalData data = EvalDataLoader.load(folder.resolve("eval"), model, DataOrigin.BUNDLED);
    evaluator = new Evaluator(model, data, EvalTask.detect(model, null), new EvalOptions(2, 500));
  }

  @AfterAll
  static void close() {
    evaluator.close();
  }

  private static EvalResult evaluate(String scheme) throws Exception {
    return evaluator.evaluate(PrecisionPlan.uniform(Scheme.parse(scheme)), EvalProgress.NONE);
  }

  @Test
  void fp32PlanHasExactlyNoLoss() throws Exception {
    EvalResult r = evaluate("fp32");
    assertEquals(EvalTask.Kind.CLASSIFIER, r.task().kind());
    assertEquals("logits", r.task().output());
    assertEquals(2000, r.samples());
    assertEquals(0.0, r.accuracyDropPoints());
    assertEquals(1.0, r.top1Agreement());
    assertEquals(0.0, r.meanKlDivergence());
    assertTrue(r.referenceAccuracy() >= 0.97, "FP32 accuracy " + r.referenceAccuracy());
  }

  @Test
  void int8PerChannelLosesUnderHalfAPoint() throws Exception {
    EvalResult r = evaluate("int8:channel:sym");
    assertEquals(4, r.plan().quantizedLayers(evaluator.model()).size());
    assertTrue(r.accuracyDropPoints() < 0.5, "int8 drop " + r.accuracyDropPoints());
    assertTrue(r.top1Agreement() > 0.99, "int8 agreement " + r.top1Agreement());
    assertTrue(r.meanKlDivergence() > 0, "int8 is not exact");
  }

  @Test
  void fewerBitsLoseMore() throws Exception {
    List<EvalResult> results =
        List.of(evaluate("int8"), evaluate("int4"), evaluate("int3"), evaluate("int2"));
    for (int i = 1; i < results.size(); i++) {
      EvalResult more = results.get(i - 1);
      EvalResult fewer = results.get(i);
      assertTrue(fewer.meanKlDivergence() > more.meanKlDivergence(), fewer.plan().describe());
      assertTrue(fewer.outputSqnrDb() < more.outputSqnrDb(), fewer.plan().describe());
      assertTrue(fewer.top1Agreement() <= more.top1Agreement(), fewer.plan().describe());
    }
    double int8Drop = results.get(0).accuracyDropPoints();
    double int2Drop = results.get(3).accuracyDropPoints();
    assertTrue(int2Drop > int8Drop + 5, "int2 drop " + int2Drop + " vs int8 " + int8Drop);
  }

  @Test
  void flippedDigitsAreListedWithTheirLabels() throws Exception {
    EvalResult r = evaluate("int2");
    List<SampleResult> flipped = r.flipped();
    assertEquals(Math.round((1 - r.top1Agreement()) * r.samples()), flipped.size());
    for (SampleResult s : flipped) {
      assertTrue(s.referenceClass() != s.quantizedClass());
      assertTrue(s.label() >= 0 && s.label() <= 9);
    }
  }

  @Test
  void sensitivityRanksTheFourLayers() throws Exception {
    SensitivityReport report =
        SensitivityScan.run(
            evaluator, evaluator.model().layers(), Scheme.parse("int2"), EvalProgress.NONE);
    assertEquals(4, report.ranked().size());
    double previous = Double.POSITIVE_INFINITY;
    for (LayerSensitivity row : report.ranked()) {
      assertTrue(row.primaryLoss() <= previous);
      // Every layer's int2 weights reach the run: the output changes.
      assertTrue(row.result().outputSqnrDb() < 40, row.layer().name() + " " + row.result());
      previous = row.primaryLoss();
    }
  }
}
