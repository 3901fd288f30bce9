package io.quantlens.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.formats.ModelFiles;
import io.quantlens.formats.onnx.ActivationQuant;
import io.quantlens.model.Model;
import io.quantlens.quant.ActivationRange;
import io.quantlens.quant.ActivationScheme;
import io.quantlens.quant.Scheme;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bundled CNN with its activations quantized: calibration split, ranges and measured loss. */
class MnistActivationsEvalTest {
  private static final int CALIBRATION = 64;
  private static EvalData data;
  private static Evaluator evaluator;

  @BeforeAll
  static void open() throws Exception {
    Path folder = Path.of(System.getProperty("basedir", "."), "sample-models", "mnist-cnn");
    Model model = ModelFiles.open(folder.resolve("mnist-cnn.onnx"));
    data = EvalDataLoader.load(folder.resolve("eval"), model, DataOrigin.BUNDLED);
    evaluator =
        new Evaluator(
            model,
            data,
            EvalTask.detect(model, null),
            new EvalOptions(2, 500).withCalibration(CALIBRATION));
  }

  @AfterAll
  static void close() {
    evaluator.close();
  }

  private static PrecisionPlan w8(String activations) {
    return PrecisionPlan.uniform(Scheme.parse("int8"))
        .withActivations(ActivationScheme.parse(activations));
  }

  @Test
  void staticPlansAreMeasuredOutsideTheCalibrationSplit() throws Exception {
    EvalResult weightOnly =
        evaluator.evaluate(PrecisionPlan.uniform(Scheme.parse("int8")), EvalProgress.NONE);
    EvalResult w8a8 = evaluator.evaluate(w8("int8"), EvalProgress.NONE);
    assertEquals(2000, weightOnly.samples());
    assertEquals(2000 - CALIBRATION, w8a8.samples());
    assertTrue(w8a8.data().startsWith("1936 of 2000 samples"), w8a8.data());
    assertTrue(w8a8.data().endsWith("the last 64 held out for calibration"), w8a8.data());
    assertTrue(w8a8.accuracyDropPoints() < 1, "W8A8 drop " + w8a8.accuracyDropPoints());
    assertTrue(
        w8a8.outputSqnrDb() < weightOnly.outputSqnrDb(),
        "activations add error: " + w8a8.outputSqnrDb() + " vs " + weightOnly.outputSqnrDb());
    EvalResult w8a4 = evaluator.evaluate(w8("int4"), EvalProgress.NONE);
    assertTrue(w8a4.outputSqnrDb() < w8a8.outputSqnrDb() - 10, "A4 " + w8a4.outputSqnrDb());
  }

  @Test
  void theFirstLayersRangeIsThePixelRangeOfTheCalibrationSamples() throws Exception {
    // conv1 reads Cast(image) · (1/255): on the last 64 digits, [0, brightest pixel / 255].
    var image = data.inputs().get("image");
    int perSample = 28 * 28;
    int brightest = 0;
    for (int i = (2000 - CALIBRATION) * perSample; i < 2000 * perSample; i++) {
      brightest = Math.max(brightest, image.data().get(i) & 0xff);
    }
    Map<String, ActivationQuant> quant =
        evaluator.activationQuantization(w8("int8"), EvalProgress.NONE);
    assertEquals(new ActivationRange(0f, brightest * (1f / 255f)), quant.get("conv1").range());
    assertEquals(4, quant.size());
    Map<String, ActivationQuant> dynamic =
        evaluator.activationQuantization(w8("int8:dynamic"), EvalProgress.NONE);
    assertNull(dynamic.get("conv1").range());
  }

  @Test
  void dynamicPlansUseEverySample() throws Exception {
    EvalResult r = evaluator.evaluate(w8("int8:dynamic"), EvalProgress.NONE);
    assertEquals(2000, r.samples());
    assertTrue(r.accuracyDropPoints() < 1, "dynamic drop " + r.accuracyDropPoints());
    EvalResult weightOnly =
        evaluator.evaluate(PrecisionPlan.uniform(Scheme.parse("int8")), EvalProgress.NONE);
    assertNotEquals(weightOnly.outputSqnrDb(), r.outputSqnrDb());
  }

  @Test
  void anActivationTheModelsOpsetCannotExpressIsRefusedBeforeRunning() {
    EvalException e =
        assertThrows(
            EvalException.class, () -> evaluator.evaluate(w8("fp8e4m3"), EvalProgress.NONE));
    assertEquals(
        "the input of layer 'conv1' cannot be quantized as fp8e4m3:tensor:static: fp8e4m3"
            + " activations need ONNX opset 19 or later for their operators; this model imports"
            + " opset 13; leave its activation at fp32 in the plan",
        e.getMessage());
  }
}
