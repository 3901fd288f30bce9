package io.quantlens.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.formats.ModelFiles;
import io.quantlens.formats.npy.NpyArray;
import io.quantlens.model.InputDims;
import io.quantlens.model.Model;
import io.quantlens.quant.Scheme;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Models with a fixed batch, symbolic image sides, scalar inputs and inputs without a batch. */
class ShapedInputsTest {
  private static final int K = ShapedModels.K;

  @TempDir Path dir;

  private static EvalOptions automatic() {
    return EvalOptions.withThreads(2);
  }

  private static NpyArray scalar(float value) {
    ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(value).flip();
    return new NpyArray(io.quantlens.formats.npy.NpyType.FLOAT32, new long[0], b);
  }

  @Test
  void aBatchOneModelRunsOneSamplePerCallWithTheMetricsWorkedByHand() throws Exception {
    Model model = ModelFiles.open(ShapedModels.batchOneProbe(dir, ShapedModels.diagonalWeights()));
    EvalModels.save(
        dir.resolve("data/x.npy"), NpyArray.ofFloats(new long[] {K, K}, ShapedModels.identity()));
    EvalData data = EvalDataLoader.load(dir.resolve("data"), model, DataOrigin.FOLDER);
    try (Evaluator evaluator =
        new Evaluator(model, data, EvalTask.detect(model, null), automatic())) {
      assertEquals(new CallBatch(1, true, "fixed by input 'x' [1, 4]"), evaluator.batch());
      EvalResult r =
          evaluator.evaluate(PrecisionPlan.uniform(Scheme.parse("int8")), EvalProgress.NONE);
      // int8 per channel, symmetric: every channel's absmax is 127, so the scale is 1; 127 stays,
      // 0.25 rounds to 0. One-hot rows read the weights: signal 4·127² + 0.25², noise 0.25².
      double sqnr = 10 * Math.log10((4 * 127.0 * 127 + 0.0625) / 0.0625);
      assertEquals(sqnr, r.outputSqnrDb(), 1e-9);
      assertEquals(60.137878, r.outputSqnrDb(), 1e-6);
      assertEquals(1.0, r.top1Agreement());
      assertEquals(K, r.samples());
      double cosineRow0 = 127 / Math.sqrt(127.0 * 127 + 0.0625);
      assertEquals((cosineRow0 + K - 1) / K, r.meanCosine(), 1e-12);
    }
  }

  @Test
  void aBatchThatContradictsTheFixedOneIsRefusedBeforeAnythingRuns() throws Exception {
    Model model = ModelFiles.open(ShapedModels.fixedBatchConv(dir, 1));
    EvalData data = GeneratedInputs.forModel(model, InputDims.defaults(), 0);
    EvalException e =
        assertThrows(
            EvalException.class,
            () -> new Evaluator(model, data, EvalTask.detect(model, null), new EvalOptions(2, 8)));
    assertEquals(
        model.source()
            + ": --batch 8 contradicts input 'x' [1, 3, 8, 8], which takes 1 sample per call;"
            + " leave --batch out or use --batch 1",
        e.getMessage());
  }

  @Test
  void generatedDataComesInWholeBatchesOfTheFixedSize() throws Exception {
    Model model = ModelFiles.open(ShapedModels.fixedBatchConv(dir, 5));
    EvalData data = GeneratedInputs.forModel(model, InputDims.defaults(), 0);
    assertEquals(65, data.samples(), "the least multiple of 5 that is at least 64");
    assertArrayEquals(new long[] {65, 3, 8, 8}, data.inputs().get("x").shape());
    try (Evaluator evaluator =
        new Evaluator(model, data, EvalTask.detect(model, null), automatic())) {
      assertEquals(5, evaluator.batch().size());
      EvalResult r =
          evaluator.evaluate(PrecisionPlan.uniform(Scheme.parse("int8")), EvalProgress.NONE);
      assertEquals(65, r.samples());
      assertTrue(Double.isFinite(r.outputSqnrDb()) && r.outputSqnrDb() > 30, r.toString());
    }
  }

  @Test
  void symbolicImageSidesGetTheDefaultsCostUsesOrTheGivenSizes() throws Exception {
    Model model = ModelFiles.open(ShapedModels.symbolicImage(dir, "height", "width"));
    EvalData defaults = GeneratedInputs.forModel(model, InputDims.defaults(), 0);
    assertArrayEquals(
        new long[] {64, 3, InputDims.DEFAULT_IMAGE_SIDE, InputDims.DEFAULT_IMAGE_SIDE},
        defaults.inputs().get("images").shape());
    EvalData set =
        GeneratedInputs.forModel(model, new InputDims(Map.of("height", 20L, "width", 12L)), 0);
    assertArrayEquals(new long[] {64, 3, 20, 12}, set.inputs().get("images").shape());
    assertThrows(
        IllegalArgumentException.class,
        () -> GeneratedInputs.forModel(model, new InputDims(Map.of("depth", 2L)), 0));
  }

  @Test
  void aScalarInputFromTheDataFolderGoesWholeToEveryBatch() throws Exception {
    float[] w = ShapedModels.diagonalWeights();
    Model model = ModelFiles.open(ShapedModels.scalarGain(dir, w));
    int samples = 3 * K;
    float[] x = new float[samples * K];
    for (int i = 0; i < samples; i++) {
      x[i * K + i % K] = 1;
    }
    EvalModels.save(dir.resolve("data/x.npy"), NpyArray.ofFloats(new long[] {samples, K}, x));
    EvalModels.save(dir.resolve("data/gain.npy"), scalar(2));
    EvalData data = EvalDataLoader.load(dir.resolve("data"), model, DataOrigin.FOLDER);
    assertEquals(samples, data.samples());
    assertEquals(Set.of("gain"), data.wholeInputs());
    try (Evaluator evaluator =
        new Evaluator(model, data, EvalTask.detect(model, null), new EvalOptions(2, 5))) {
      float[][] y = evaluator.reference(EvalProgress.NONE);
      for (int i = 0; i < samples; i++) {
        float[] expected = new float[K];
        for (int j = 0; j < K; j++) {
          expected[j] = 2 * w[(i % K) * K + j];
        }
        assertArrayEquals(expected, y[i], 0f, "sample " + i);
      }
    }
  }

  @Test
  void anInputWithoutABatchAxisIsPassedWholeFromAFolderAndWhenGenerated() throws Exception {
    float[] w = ShapedModels.diagonalWeights();
    Model model = ModelFiles.open(ShapedModels.biasInput(dir, w));
    EvalModels.save(
        dir.resolve("data/x.npy"), NpyArray.ofFloats(new long[] {K, K}, ShapedModels.identity()));
    EvalModels.save(
        dir.resolve("data/bias.npy"),
        NpyArray.ofFloats(new long[] {1, K}, new float[] {10, 20, 30, 40}));
    EvalData data = EvalDataLoader.load(dir.resolve("data"), model, DataOrigin.FOLDER);
    assertEquals(Set.of("bias"), data.wholeInputs());
    try (Evaluator evaluator =
        new Evaluator(model, data, EvalTask.detect(model, null), automatic())) {
      float[][] y = evaluator.reference(EvalProgress.NONE);
      assertArrayEquals(new float[] {137, 20.25f, 30, 40}, y[0], 0f);
      assertArrayEquals(new float[] {10, 147, 30, 40}, y[1], 0f);
    }
    EvalData generated = GeneratedInputs.forModel(model, InputDims.defaults(), 0);
    assertEquals(Set.of("bias"), generated.wholeInputs());
    assertArrayEquals(new long[] {1, K}, generated.inputs().get("bias").shape());
    try (Evaluator evaluator =
        new Evaluator(model, generated, EvalTask.detect(model, null), automatic())) {
      EvalResult r = evaluator.evaluate(PrecisionPlan.fp32(), EvalProgress.NONE);
      assertEquals(GeneratedInputs.DEFAULT_SAMPLES, r.samples());
    }
  }

  @Test
  void aGeneratedScalarIsZeroDimensionalAndRuns() throws Exception {
    Model model = ModelFiles.open(ShapedModels.scalarGain(dir, ShapedModels.diagonalWeights()));
    EvalData data = GeneratedInputs.forModel(model, InputDims.defaults(), 0);
    assertEquals(0, data.inputs().get("gain").shape().length);
    assertTrue(data.isWhole("gain"));
    assertFalse(data.isWhole("x"));
    try (Evaluator evaluator =
        new Evaluator(model, data, EvalTask.detect(model, null), automatic())) {
      EvalResult r =
          evaluator.evaluate(PrecisionPlan.uniform(Scheme.parse("int8")), EvalProgress.NONE);
      assertEquals(GeneratedInputs.DEFAULT_SAMPLES, r.samples());
      assertTrue(Double.isFinite(r.outputSqnrDb()), r.toString());
    }
  }

  @Test
  void aFailingModelIsReportedOnTheFirstBatchInOneLineWithWhatToTry() throws Exception {
    // Sides named unk__1 and unk__2 of two planes say nothing, so they default to 1: too small
    // for a 3×3 Conv.
    Model model = ModelFiles.open(ShapedModels.symbolicPlanes(dir, "unk__1", "unk__2"));
    EvalData data = GeneratedInputs.forModel(model, InputDims.defaults(), 0);
    java.util.List<Integer> progress = new java.util.ArrayList<>();
    try (Evaluator evaluator =
        new Evaluator(
            model, data, EvalTask.detect(model, null), new EvalOptions(2, OptionalInt.of(8)))) {
      EvalException e =
          assertThrows(
              EvalException.class,
              () -> evaluator.reference((done, total, step) -> progress.add(done)));
      assertEquals(1, e.getMessage().lines().count(), e.getMessage());
      assertTrue(
          e.getMessage().startsWith(model.source() + ": ONNX Runtime cannot run"), e.getMessage());
      assertTrue(
          e.getMessage()
              .endsWith(
                  "try --batch 1 or --dim NAME=VALUE for unk__1, unk__2 or --data DIR with one .npy"
                      + " per input (see README, evaluation data)"),
          e.getMessage());
      assertFalse(progress.contains(1), "no batch ran: " + progress);
    }
  }
}
