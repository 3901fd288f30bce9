package io.quantlens.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import io.quantlens.analysis.FakeQuantizer;
import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.formats.ModelFiles;
import io.quantlens.formats.npy.NpyArray;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.quant.Scheme;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluatorTest {
  private static final int SAMPLES = 300;

  @TempDir Path dir;

  private Evaluator classifierEvaluator() throws Exception {
    Model model = ModelFiles.open(EvalModels.classifier(dir));
    float[] x = EvalModels.features(SAMPLES, 11);
    EvalModels.save(
        dir.resolve("data/x.npy"), NpyArray.ofFloats(new long[] {SAMPLES, EvalModels.FEATURES}, x));
    // Labels: the FP32 prediction for most samples, a wrong class for every tenth.
    EvalData unlabelled = EvalDataLoader.load(dir.resolve("data"), model, DataOrigin.FOLDER);
    float[][] fp32;
    try (Evaluator probe =
        new Evaluator(model, unlabelled, EvalTask.detect(model, null), options())) {
      fp32 = probe.reference(EvalProgress.NONE);
    }
    long[] labels = new long[SAMPLES];
    for (int i = 0; i < SAMPLES; i++) {
      int predicted = OutputComparison.argmax(fp32[i]);
      labels[i] = i % 10 == 0 ? (predicted + 1) % EvalModels.CLASSES : predicted;
    }
    EvalModels.save(dir.resolve("data/labels.npy"), NpyArray.ofLongs(new long[] {SAMPLES}, labels));
    EvalData data = EvalDataLoader.load(dir.resolve("data"), model, DataOrigin.FOLDER);
    return new Evaluator(model, data, EvalTask.detect(model, null), options());
  }

  private static EvalOptions options() {
    return new EvalOptions(2, 64);
  }

  @Test
  void anAllFp32PlanChangesNothing() throws Exception {
    try (Evaluator evaluator = classifierEvaluator()) {
      EvalResult r = evaluator.evaluate(PrecisionPlan.fp32(), EvalProgress.NONE);
      assertEquals(EvalTask.Kind.CLASSIFIER, r.task().kind());
      assertEquals(SAMPLES, r.samples());
      assertEquals(0.9, r.referenceAccuracy(), 1e-12);
      assertEquals(0.0, r.accuracyDropPoints());
      assertEquals(1.0, r.top1Agreement());
      assertEquals(0.0, r.meanKlDivergence());
      assertEquals(Double.POSITIVE_INFINITY, r.outputSqnrDb());
      assertEquals(1.0, r.meanCosine());
      assertTrue(r.flipped().isEmpty());
    }
  }

  @Test
  void fewerBitsHurtMore() throws Exception {
    try (Evaluator evaluator = classifierEvaluator()) {
      EvalResult int8 =
          evaluator.evaluate(PrecisionPlan.uniform(Scheme.parse("int8")), EvalProgress.NONE);
      EvalResult int4 =
          evaluator.evaluate(PrecisionPlan.uniform(Scheme.parse("int4")), EvalProgress.NONE);
      EvalResult int2 =
          evaluator.evaluate(PrecisionPlan.uniform(Scheme.parse("int2")), EvalProgress.NONE);
      assertTrue(int8.outputSqnrDb() > int4.outputSqnrDb() + 10, int8 + " vs " + int4);
      assertTrue(int4.outputSqnrDb() > int2.outputSqnrDb());
      assertTrue(int8.meanKlDivergence() < int4.meanKlDivergence());
      assertTrue(int4.meanKlDivergence() < int2.meanKlDivergence());
      assertTrue(int8.top1Agreement() > int2.top1Agreement());
      assertTrue(int8.top1Agreement() >= 0.97, "int8 agreement " + int8.top1Agreement());
      assertTrue(int8.meanKlDivergence() > 0, "int8 changes the outputs a little");
      // Flipped samples are exactly those whose class changed.
      assertEquals(Math.round((1 - int2.top1Agreement()) * SAMPLES), int2.flipped().size());
    }
  }

  @Test
  void onnxRuntimeRunsWithTheEnginesDequantizedWeights() throws Exception {
    int k = 24;
    int m = 10;
    float[] weights = EvalModels.gaussian(new SplittableRandom(3), k * m);
    Model model = ModelFiles.open(EvalModels.probe(dir, k, m, weights));
    Layer layer = model.layers().get(0);
    float[] identity = new float[k * k];
    for (int i = 0; i < k; i++) {
      identity[i * k + i] = 1;
    }
    EvalData onehot =
        new EvalData(
            Map.of("x", NpyArray.ofFloats(new long[] {k, k}, identity)),
            null,
            k,
            DataOrigin.FOLDER,
            dir);
    for (String text :
        List.of("int8", "int4:g8:asym", "int3:tensor:sym:mse", "nf4:g16", "fp8e4m3", "bf16")) {
      Scheme scheme = Scheme.parse(text);
      float[] expected = FakeQuantizer.roundTrip(layer.weight(), layer.channelAxis(), scheme);
      float[][] rows = runQuantized(model, scheme, onehot, 7);
      float[] ran = new float[k * m];
      for (int r = 0; r < k; r++) {
        System.arraycopy(rows[r], 0, ran, r * m, m);
      }
      assertArrayEquals(expected, ran, 0f, text);
      assertFalse(java.util.Arrays.equals(weights, ran), text + " changed the weights");
    }
  }

  @Test
  void convolutionsRunWithTheEnginesDequantizedWeightsToo() throws Exception {
    int k = 16;
    int m = 8;
    int taps = k * 9;
    float[] weights = EvalModels.gaussian(new SplittableRandom(4), m * taps);
    Model model = ModelFiles.open(EvalModels.convProbe(dir, k, m, weights));
    Layer layer = model.layers().get(0);
    float[] onehot = new float[taps * taps];
    for (int i = 0; i < taps; i++) {
      onehot[i * taps + i] = 1;
    }
    EvalData data =
        new EvalData(
            Map.of("x", NpyArray.ofFloats(new long[] {taps, k, 3, 3}, onehot)),
            null,
            taps,
            DataOrigin.FOLDER,
            dir);
    Scheme scheme = Scheme.parse("int2");
    float[] expected = FakeQuantizer.roundTrip(layer.weight(), layer.channelAxis(), scheme);
    float[][] rows = runQuantized(model, scheme, data, 50);
    float[] ran = new float[m * taps];
    for (int tap = 0; tap < taps; tap++) {
      for (int out = 0; out < m; out++) {
        ran[out * taps + tap] = rows[tap][out];
      }
    }
    assertArrayEquals(expected, ran, 0f);
  }

  /** The model's outputs with every layer at {@code scheme}, straight from ONNX Runtime. */
  private static float[][] runQuantized(Model model, Scheme scheme, EvalData data, int batch)
      throws Exception {
    var pool = Executors.newSingleThreadExecutor();
    try (OrtRunner runner =
        new OrtRunner(
            OrtEnvironment.getEnvironment(),
            OrtRunner.Source.file(
                model.source(),
                FakeQuantizedWeights.compute(model, PrecisionPlan.uniform(scheme), Map.of(), pool)),
            2)) {
      return runner.run(data, EvalTask.detect(model, null), batch, EvalProgress.NONE, "probe");
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void sensitivityRanksEveryLayerAndCachesIt() throws Exception {
    try (Evaluator evaluator = classifierEvaluator()) {
      Scheme int2 = Scheme.parse("int2");
      List<Layer> layers = evaluator.model().layers();
      AtomicInteger updates = new AtomicInteger();
      SensitivityReport report =
          SensitivityScan.run(
              evaluator, layers, int2, (done, total, step) -> updates.incrementAndGet());
      assertEquals(2, report.layers().size());
      assertEquals(
          List.of("fc1", "fc2"), report.layers().stream().map(l -> l.layer().name()).toList());
      List<LayerSensitivity> ranked = report.ranked();
      assertTrue(
          ranked.get(0).primaryLoss() > ranked.get(1).primaryLoss()
              || ranked.get(0).secondaryLoss() >= ranked.get(1).secondaryLoss());
      for (LayerSensitivity row : report.layers()) {
        assertEquals(1, row.result().plan().quantizedLayers(evaluator.model()).size());
        assertTrue(row.result().meanKlDivergence() > 0);
      }
      // The scan's results are cached: the same probe runs nothing.
      AtomicInteger later = new AtomicInteger();
      EvalResult again =
          evaluator.evaluate(
              PrecisionPlan.only("fc1", int2), (done, total, step) -> later.incrementAndGet());
      assertEquals(0, later.get());
      assertEquals(report.layers().get(0).result().meanKlDivergence(), again.meanKlDivergence());
    }
  }

  @Test
  void anInterruptedEvaluationStops() throws Exception {
    try (Evaluator evaluator = classifierEvaluator()) {
      Thread.currentThread().interrupt();
      assertThrows(
          InterruptedException.class,
          () -> evaluator.evaluate(PrecisionPlan.uniform(Scheme.parse("int4")), EvalProgress.NONE));
      assertFalse(Thread.interrupted());
      // Still usable afterwards.
      assertEquals(
          1.0, evaluator.evaluate(PrecisionPlan.fp32(), EvalProgress.NONE).top1Agreement());
    }
  }

  @Test
  void generatedInputsGiveAgreementOnly() throws Exception {
    Model model = ModelFiles.open(EvalModels.classifier(dir));
    EvalData data = GeneratedInputs.forModel(model, 32, 1);
    assertEquals(DataOrigin.GENERATED, data.origin());
    assertArrayEquals(new long[] {32, EvalModels.FEATURES}, data.inputs().get("x").shape());
    try (Evaluator evaluator =
        new Evaluator(model, data, EvalTask.detect(model, null), options())) {
      EvalResult r =
          evaluator.evaluate(PrecisionPlan.uniform(Scheme.parse("int4")), EvalProgress.NONE);
      assertFalse(r.hasLabels());
      assertTrue(Double.isNaN(r.accuracyDropPoints()));
      assertTrue(r.top1Agreement() > 0 && r.top1Agreement() <= 1);
      assertTrue(r.data().contains("generated"), r.data());
    }
  }
}
