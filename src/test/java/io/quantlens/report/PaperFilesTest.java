package io.quantlens.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.eval.DataOrigin;
import io.quantlens.eval.EvalResult;
import io.quantlens.eval.EvalTask;
import io.quantlens.eval.SampleResult;
import io.quantlens.model.ModelFormatException;
import io.quantlens.quant.Scheme;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files a report folder adds for papers: plans naming their model, accuracy summaries. */
class PaperFilesTest {
  @TempDir Path dir;

  private static final PrecisionPlan PLAN =
      new PrecisionPlan(PrecisionPlan.FP32, Map.of("fc1", Scheme.parse("int4:g32:sym")));

  @Test
  void aPlanFileOfAnEarlierVersionWithoutAModelStillReads() throws Exception {
    Path old =
        Files.writeString(
            dir.resolve("plan.json"),
            "{\n  \"version\" : 1,\n  \"default\" : \"fp32\",\n"
                + "  \"layers\" : {\n    \"fc1\" : \"int4:g32:sym\"\n  }\n}\n");
    assertEquals(PLAN, PlanJson.read(old));
    assertEquals(Optional.empty(), PlanJson.model(old));
  }

  @Test
  void aPlanNamesItsModelAndReadsBackTheSame() throws Exception {
    Path model = Files.write(dir.resolve("net.onnx"), new byte[] {1, 2, 3});
    ModelIdentity id = ModelIdentity.of(model);
    // SHA-256 of the bytes 01 02 03, from sha256sum.
    assertEquals("039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81", id.sha256());
    Path file = dir.resolve("plan.json");
    PlanJson.write(PLAN, id, file);
    assertTrue(
        Files.readString(file).contains("\"model\" : {\n    \"name\" : \"net.onnx\""),
        Files.readString(file));
    assertEquals(PLAN, PlanJson.read(file));
    assertEquals(Optional.of(id), PlanJson.model(file));
  }

  @Test
  void aModelEntryThatIsNotAnObjectWithANameIsRefused() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.json"), "{\"model\": \"net.onnx\"}");
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> PlanJson.read(bad));
    assertTrue(e.getMessage().contains("'model' is an object with a name"), e.getMessage());
  }

  @Test
  void theAccuracySummaryHasOneRowPerMetricThatAppliesInLocaleNeutralNumbers() throws Exception {
    EvalResult result =
        new EvalResult(
            PLAN,
            new EvalTask("logits", EvalTask.Kind.CLASSIFIER, null),
            "3 samples, test",
            DataOrigin.FOLDER,
            3,
            0.98765,
            0.5,
            2.0 / 3,
            0.0125,
            18.25,
            0.9925,
            Double.NaN,
            List.of(
                new SampleResult(0, 1, 1, 1, 0.01, 0.99, -1, -1),
                new SampleResult(1, 2, 2, 0, 0.02, 0.98, -1, -1),
                new SampleResult(2, 0, 0, 0, 0.0075, 0.9975, -1, -1)),
            "FP32");
    Path file = dir.resolve("accuracy.csv");
    Locale before = Locale.getDefault();
    Locale.setDefault(Locale.GERMANY);
    try {
      EvalCsv.writeSummary(result, "mixed: 1 fp32, 1 int4:g32:sym", file);
    } finally {
      Locale.setDefault(before);
    }
    assertEquals(
        List.of(
            "metric,value,unit,plan,reference,samples,data",
            "reference_accuracy,0.98765,fraction,\"mixed: 1 fp32, 1 int4:g32:sym\",FP32,3,\"3 samples, test\"",
            "plan_accuracy,0.5,fraction,\"mixed: 1 fp32, 1 int4:g32:sym\",FP32,3,\"3 samples, test\"",
            "accuracy_drop,48.765,percentage points,\"mixed: 1 fp32, 1 int4:g32:sym\",FP32,3,\"3 samples, test\"",
            "top1_agreement,0.6666666666666666,fraction,\"mixed: 1 fp32, 1 int4:g32:sym\",FP32,3,\"3 samples, test\"",
            "mean_kl,0.0125,nats,\"mixed: 1 fp32, 1 int4:g32:sym\",FP32,3,\"3 samples, test\"",
            "output_sqnr,18.25,dB,\"mixed: 1 fp32, 1 int4:g32:sym\",FP32,3,\"3 samples, test\"",
            "mean_cosine,0.9925,cosine,\"mixed: 1 fp32, 1 int4:g32:sym\",FP32,3,\"3 samples, test\"",
            "flipped_samples,1,samples,\"mixed: 1 fp32, 1 int4:g32:sym\",FP32,3,\"3 samples, test\""),
        Files.readAllLines(file),
        "no neighbour agreement: it is NaN for class scores");
  }
}
