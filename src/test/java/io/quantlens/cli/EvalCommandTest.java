package io.quantlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.eval.EvalModels;
import io.quantlens.formats.npy.NpyArray;
import io.quantlens.formats.npy.NpyType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code eval}, {@code sensitivity} and plan files, run the way a user runs them. */
class EvalCommandTest {
  private static final int SAMPLES = 120;

  @TempDir Path dir;
  private Path model;
  private Path data;

  @BeforeEach
  void writeModelAndData() throws IOException {
    model = EvalModels.classifier(dir);
    data = dir.resolve("data");
    EvalModels.save(
        data.resolve("x.npy"),
        NpyArray.ofFloats(
            new long[] {SAMPLES, EvalModels.FEATURES}, EvalModels.features(SAMPLES, 5)));
    long[] labels = new long[SAMPLES];
    Arrays.setAll(labels, i -> i % EvalModels.CLASSES);
    EvalModels.save(data.resolve("labels.npy"), NpyArray.ofLongs(new long[] {SAMPLES}, labels));
  }

  @Test
  void evalPrintsTheMetricsAndWritesPerSampleRows() throws IOException {
    Path csv = dir.resolve("out/samples.csv");
    Cli.Result r = Cli.run("eval", model, "--data", data, "--scheme", "int4:g4:sym", "--csv", csv);
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(
        r.out().contains(SAMPLES + " samples, evaluation data " + data + " (labelled)"), r.out());
    assertTrue(r.out().contains("Plan       int4:g4:sym for all 2 layers\n"), r.out());
    for (String metric :
        List.of(
            "top-1 accuracy",
            "top-1 agreement with FP32",
            "mean KL",
            "output SQNR",
            "mean cosine")) {
      assertTrue(r.out().contains(metric), metric + "\n" + r.out());
    }
    List<String> lines = Files.readAllLines(csv);
    assertEquals(
        "sample,label,fp32_class,quantized_class,flipped,kl_nats,cosine,fp32_neighbour,quantized_neighbour",
        lines.get(0));
    assertEquals(SAMPLES + 1, lines.size());
    assertTrue(lines.get(2).startsWith("1,1,"), lines.get(2));
  }

  @Test
  void aPlanFileQuantizesOnlyTheLayersItNames() throws IOException {
    Path plan =
        Files.writeString(
            dir.resolve("plan.json"),
            "{\"version\":1,\"default\":\"fp32\",\"layers\":{\"fc2\":\"int2:tensor:asym\"}}");
    Cli.Result r = Cli.run("eval", model, "--data", data, "--plan", plan);
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.out().contains("Plan       mixed: 1 fp32, 1 int2:tensor:asym\n"), r.out());
  }

  @Test
  void smoothQuantIsNamedInThePlanAndChangesTheResult() {
    Cli.Result plain = Cli.run("eval", model, "--data", data, "--activations", "int8");
    Cli.Result smoothed =
        Cli.run("eval", model, "--data", data, "--activations", "int8", "--smoothquant", "0.5");
    assertEquals(0, smoothed.exitCode(), smoothed.toString());
    assertTrue(smoothed.out().contains(", SmoothQuant α 0.5\n"), smoothed.out());
    assertFalse(plain.out().contains("SmoothQuant"), plain.out());
    assertFalse(
        sqnrLine(plain.out()).equals(sqnrLine(smoothed.out())),
        sqnrLine(plain.out()) + " | " + sqnrLine(smoothed.out()));

    Cli.Result bad = Cli.run("eval", model, "--data", data, "--smoothquant", "1.5");
    assertEquals(2, bad.exitCode(), bad.toString());
    assertTrue(bad.err().contains("SmoothQuant's alpha is between 0 and 1, not 1.5"), bad.err());
  }

  @Test
  void benchWithActivationsTimesCalibrationEvaluationAndTheView() {
    Cli.Result r =
        Cli.run(
            "bench",
            model,
            "--activations",
            "int8:entropy",
            "--data",
            data,
            "--warmup",
            "0",
            "--repeat",
            "1");
    assertEquals(0, r.exitCode(), r.toString());
    for (String line :
        List.of(
            "Plan               int8:channel:sym weights, inputs int8:tensor:asym:static:entropy",
            "Calibration        ",
            "Evaluation         ",
            "Profiles           ",
            "Activation view    median ")) {
      assertTrue(r.out().contains(line), line + "\n" + r.out());
    }
    assertTrue(r.out().contains("; 2 layers × 1 runs)"), r.out());
  }

  @Test
  void biterrorsFlipsTheSameBitsForASeedAndCountsTheEccOutcomes() {
    Cli.Result a =
        Cli.run("biterrors", model, "--data", data, "--format", "fp16", "--ber", "0.001");
    Cli.Result b =
        Cli.run("biterrors", model, "--data", data, "--format", "fp16", "--ber", "0.001");
    assertEquals(0, a.exitCode(), a.toString());
    assertEquals(a.out(), b.out(), "the same seed flips the same bits");
    assertTrue(a.out().contains("Stored     fp16, no ECC, BER 0.001, seed 1\n"), a.out());
    assertTrue(a.out().contains("top-1 accuracy"), a.out());
    Cli.Result secded =
        Cli.run(
            "biterrors",
            model,
            "--data",
            data,
            "--format",
            "int8",
            "--ecc",
            "secded",
            "--ber",
            "0.01");
    assertTrue(secded.out().contains("ECC        "), secded.out());
    assertTrue(secded.out().contains(" words corrected, "), secded.out());
    Cli.Result bad = Cli.run("biterrors", model, "--data", data, "--format", "int3");
    assertEquals(2, bad.exitCode(), bad.toString());
    assertTrue(
        bad.err().contains("--format is one of [fp32, fp16, int8, int4], not 'int3'"), bad.err());
    Cli.Result parity = Cli.run("biterrors", model, "--data", data, "--ecc", "parity");
    assertTrue(parity.err().contains("parity protects INT4 codes only"), parity.err());
  }

  /**
   * An embedding model has no labels: its accuracy is whether each sentence keeps its nearest
   * neighbour, so biterrors reports that agreement without and with the flips.
   */
  @Test
  void biterrorsOnAnEmbeddingModelReportsNearestNeighbourAgreement() {
    Cli.Result clean = Cli.run("biterrors", "all-minilm-l6-v2", "--format", "int8", "--ber", "0");
    Cli.Result flipped =
        Cli.run("biterrors", "all-minilm-l6-v2", "--format", "int8", "--ber", "1e-4");
    assertEquals(0, flipped.exitCode(), flipped.toString());
    String[] none = neighbours(clean.out()).trim().split("\\s{2,}");
    String[] some = neighbours(flipped.out()).trim().split("\\s{2,}");
    assertEquals("nearest-neighbour agreement", some[0], flipped.out());
    assertEquals(none[1], none[2], "no flip changes nothing");
    assertEquals(none[1], some[1], "the same stored INT8 weights before the flips");
    double before = Double.parseDouble(some[1].replace(" %", ""));
    double after = Double.parseDouble(some[2].replace(" %", ""));
    assertTrue(after < before - 10, "18,000 flipped INT8 codes move the neighbours: " + after);
    assertFalse(flipped.out().contains("top-1 accuracy"), "no labels, no accuracy");
  }

  private static String neighbours(String out) {
    return out.lines().filter(l -> l.startsWith("nearest-neighbour")).findFirst().orElse("none");
  }

  private static String sqnrLine(String out) {
    return out.lines().filter(l -> l.startsWith("output SQNR")).findFirst().orElse("none");
  }

  @Test
  void withoutDataTheInputsAreGeneratedAndSaidToBe() {
    Cli.Result r = Cli.run("eval", model, "--scheme", "int8");
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.out().contains("64 samples, generated inputs"), r.out());
    assertTrue(r.out().contains("only agreement with the reference is meaningful"), r.out());
    assertFalse(r.out().contains("top-1 accuracy"), r.out());
  }

  @Test
  void sensitivityRanksTheLayers() throws IOException {
    Path csv = dir.resolve("sens.csv");
    Cli.Result r = Cli.run("sensitivity", model, "--data", data, "--scheme", "int2", "--csv", csv);
    assertEquals(0, r.exitCode(), r.toString());
    List<String> lines = Files.readAllLines(csv);
    assertEquals(3, lines.size());
    assertTrue(lines.get(0).startsWith("rank,layer,op,params,scheme,samples,data,fp32_accuracy"));
    assertTrue(lines.get(1).startsWith("1,fc"), lines.get(1));
    assertTrue(lines.get(2).startsWith("2,fc"), lines.get(2));
    assertTrue(r.out().contains("int2:channel:sym, one layer at a time"), r.out());
  }

  /** Plan files with a mistake, and what the message must say. */
  enum BadPlan {
    UNKNOWN_LAYER("{\"layers\":{\"fc9\":\"int8\"}}", "no layer named 'fc9'"),
    BAD_SCHEME("{\"layers\":{\"fc1\":\"int9\"}}", "layer 'fc1': bad scheme 'int9'"),
    BAD_DEFAULT("{\"default\":\"float8\"}", "default: bad scheme 'float8'"),
    NOT_JSON("default = int8", "not a valid JSON plan"),
    UNKNOWN_KEY("{\"layer\":{}}", "unknown key 'layer'"),
    NEWER("{\"version\":3}", "plan version 3 is newer"),
    NOT_A_STRING("{\"layers\":{\"fc1\":8}}", "layer 'fc1': a scheme is a string");

    final String json;
    final String message;

    BadPlan(String json, String message) {
      this.json = json;
      this.message = message;
    }
  }

  @ParameterizedTest
  @EnumSource(BadPlan.class)
  void badPlansAreRefusedWithTheReason(BadPlan bad) throws IOException {
    Path plan = Files.writeString(dir.resolve("plan.json"), bad.json);
    Cli.Result r = Cli.run("eval", model, "--data", data, "--plan", plan);
    assertEquals(3, r.exitCode(), r.toString());
    assertTrue(r.err().startsWith("quantlens: " + plan + ": "), r.err());
    assertTrue(r.err().contains(bad.message), r.err());
    assertFalse(r.hasStackTrace());
  }

  /** Evaluation data with a mistake, and what the message must say. */
  enum BadData {
    WRONG_SHAPE("x.npy", "shape [120, 7] does not fit input 'x' [N, 8]") {
      @Override
      void spoil(Path data) throws IOException {
        EvalModels.save(
            data.resolve("x.npy"),
            NpyArray.ofFloats(new long[] {SAMPLES, 7}, new float[SAMPLES * 7]));
      }
    },
    WRONG_DTYPE("x.npy", "holds float64 (<f8) but input 'x' of classifier.onnx takes FLOAT (<f4)") {
      @Override
      void spoil(Path data) throws IOException {
        var bytes = java.nio.ByteBuffer.allocate(SAMPLES * EvalModels.FEATURES * 8);
        EvalModels.save(
            data.resolve("x.npy"),
            new NpyArray(NpyType.FLOAT64, new long[] {SAMPLES, EvalModels.FEATURES}, bytes));
      }
    },
    FEWER_LABELS("labels.npy", "fewer labels (100) than input samples (120)") {
      @Override
      void spoil(Path data) throws IOException {
        EvalModels.save(
            data.resolve("labels.npy"), NpyArray.ofLongs(new long[] {100}, new long[100]));
      }
    },
    CORRUPT("x.npy", "truncated") {
      @Override
      void spoil(Path data) throws IOException {
        byte[] bytes = Files.readAllBytes(data.resolve("x.npy"));
        Files.write(data.resolve("x.npy"), Arrays.copyOf(bytes, bytes.length - 100));
      }
    },
    MISSING_INPUT("", "no x.npy for model input 'x' (found: labels.npy)") {
      @Override
      void spoil(Path data) throws IOException {
        Files.delete(data.resolve("x.npy"));
      }
    },
    FLOAT_LABELS("labels.npy", "labels must be integers") {
      @Override
      void spoil(Path data) throws IOException {
        EvalModels.save(
            data.resolve("labels.npy"),
            NpyArray.ofFloats(new long[] {SAMPLES}, new float[SAMPLES]));
      }
    };

    final String file;
    final String message;

    BadData(String file, String message) {
      this.file = file;
      this.message = message;
    }

    abstract void spoil(Path data) throws IOException;
  }

  @ParameterizedTest
  @EnumSource(BadData.class)
  void badDataIsRefusedWithTheFileAndTheReason(BadData bad) throws IOException {
    bad.spoil(data);
    Cli.Result r = Cli.run("eval", model, "--data", data, "--scheme", "int8");
    assertEquals(3, r.exitCode(), r.toString());
    Path named = bad.file.isEmpty() ? data : data.resolve(bad.file);
    assertTrue(r.err().startsWith("quantlens: " + named + ": "), r.err());
    assertTrue(r.err().contains(bad.message), r.err());
    assertFalse(r.hasStackTrace());
  }

  @Test
  void aMissingDataFolderIsNamed() {
    Path absent = dir.resolve("nowhere");
    Cli.Result r = Cli.run("eval", model, "--data", absent);
    assertEquals(3, r.exitCode(), r.toString());
    assertTrue(r.err().contains(absent.toString()), r.err());
  }

  @Test
  void planAndSchemeTogetherAreAUsageError() {
    Cli.Result r = Cli.run("eval", model, "--plan", "p.json", "--scheme", "int8");
    assertEquals(2, r.exitCode(), r.toString());
  }
}
