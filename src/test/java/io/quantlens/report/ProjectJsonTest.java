package io.quantlens.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.cost.Workload;
import io.quantlens.files.AtomicWrite;
import io.quantlens.quant.Scheme;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ProjectJsonTest {
  @TempDir Path dir;

  private static final PrecisionPlan PLAN =
      new PrecisionPlan(
          Scheme.parse("int4:g32:sym"),
          Map.of("conv1", Scheme.parse("int8:channel:sym"), "fc", PrecisionPlan.FP32));

  private static Map<String, String> view() {
    Map<String, String> view = new LinkedHashMap<>();
    view.put("layer", "conv1");
    view.put("chart", "sqnr");
    return view;
  }

  private static Project project(String model) {
    return new Project(
        model,
        PLAN,
        "nvidia-a100-sxm-80gb",
        new Workload(4, Map.of("sequence", 256L, "height", 32L)),
        view());
  }

  private JsonNode json(Path file) throws IOException {
    return new ObjectMapper().readTree(file.toFile());
  }

  @Test
  void aProjectReadsBackEqual() throws IOException {
    Path file = dir.resolve("p.quantlens.json");
    Project p = project("mnist-cnn");
    ProjectJson.write(p, file);
    assertEquals(p, ProjectJson.read(file));

    JsonNode root = json(file);
    assertEquals(2, root.get("quantlens_project").asInt());
    assertEquals("mnist-cnn", root.get("model").asText(), "a sample id is stored as given");
    assertEquals("nvidia-a100-sxm-80gb", root.get("hardware").asText());
    assertEquals(4, root.at("/workload/batch").asInt());
    assertEquals(256, root.at("/workload/dims/sequence").asLong());
    assertEquals("sqnr", root.at("/view/chart").asText());
    assertEquals(List.of("layer", "chart"), fieldNames(root.get("view")));
  }

  @Test
  void thePlanIsWrittenAsAPlanFileHoldsIt() throws IOException {
    Path project = dir.resolve("p.json");
    Path plan = dir.resolve("plan.json");
    ProjectJson.write(project("mnist-cnn"), project);
    PlanJson.write(PLAN, plan);
    assertEquals(json(plan), json(project).get("plan"));
  }

  @Test
  void aModelUnderTheProjectFolderIsStoredRelativeToIt() throws IOException {
    Path model = Files.createDirectories(dir.resolve("models")).resolve("net.onnx");
    Files.writeString(model, "not really a model");
    Path file = dir.resolve("work.json");
    Project p = project(model.toString());
    ProjectJson.write(p, file);
    assertEquals("models/net.onnx", json(file).get("model").asText());
    assertEquals(p, ProjectJson.read(file), "read back as the full path");

    // The folder moves as a whole: the model is found beside the project in its new place.
    Path moved = Files.move(dir, dir.resolveSibling(dir.getFileName() + "-moved"));
    try {
      Project read = ProjectJson.read(moved.resolve("work.json"));
      assertEquals(moved.resolve("models/net.onnx").toString(), read.model());
    } finally {
      Files.move(moved, dir);
    }
  }

  @Test
  void aModelElsewhereIsStoredAbsolute() throws IOException {
    Path model = Files.writeString(dir.resolve("net.onnx"), "x");
    Path file = Files.createDirectories(dir.resolve("projects")).resolve("p.json");
    ProjectJson.write(project(model.toString()), file);
    assertEquals(model.toString(), json(file).get("model").asText());
    assertEquals(model.toString(), ProjectJson.read(file).model());
  }

  @Test
  void writingReplacesAnExistingFileAndLeavesNoTemporaryFile() throws IOException {
    Path file = dir.resolve("p.json");
    ProjectJson.write(project("mnist-cnn"), file);
    Project second = project("all-minilm-l6-v2").withPlan(PrecisionPlan.fp32());
    ProjectJson.write(second, file);
    assertEquals(second, ProjectJson.read(file));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList());
    }
  }

  @Test
  void aWriteThatFailsHalfwayLeavesTheOldFileIntact() throws IOException {
    Path file = dir.resolve("p.json");
    Project old = project("mnist-cnn");
    ProjectJson.write(old, file);
    String before = Files.readString(file);
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                AtomicWrite.writeStream(
                    file,
                    out ->
                        ProjectJson.writeTo(
                            project("all-minilm-l6-v2"), dir, new FailingAfter(out, 40))));
    assertEquals("disk full", e.getMessage());
    assertEquals(before, Files.readString(file));
    assertEquals(old, ProjectJson.read(file));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList(), "the partial file is removed");
    }
  }

  /** Bad project files and what the message must say after the file name. */
  enum Bad {
    NOT_JSON("plan = int8", "not a valid JSON project file: "),
    NOT_AN_OBJECT("[1, 2]", "a project file is a JSON object with quantlens_project, model,"),
    NO_VERSION("{\"model\": \"m\"}", "not a QuantLens project file: it has no 'quantlens_project'"),
    BAD_VERSION(body("\"one\"", "\"m\"", plan("fp32"), "1"), "'quantlens_project' must be a"),
    NEWER(
        body("3", "\"m\"", plan("fp32"), "1"),
        "was written by a newer QuantLens (version 3); this one reads version 2"),
    NO_MODEL(
        "{\"quantlens_project\": 1, \"plan\": {}, \"hardware\": \"h\","
            + " \"workload\": {\"batch\": 1}}",
        "missing field 'model'"),
    MODEL_NOT_TEXT(body("1", "5", plan("fp32"), "1"), "'model' must be a string"),
    NO_PLAN(
        "{\"quantlens_project\": 1, \"model\": \"m\", \"hardware\": \"h\","
            + " \"workload\": {\"batch\": 1}}",
        "missing field 'plan'"),
    UNKNOWN_SCHEME(body("1", "\"m\"", plan("int9"), "1"), "plan: default: bad scheme 'int9'"),
    PLAN_NOT_OBJECT(body("1", "\"m\"", "\"int8\"", "1"), "plan: a plan is a JSON object"),
    BATCH_NOT_NUMBER(body("1", "\"m\"", plan("fp32"), "\"one\""), "'workload.batch' must be a"),
    BATCH_ZERO(
        body("1", "\"m\"", plan("fp32"), "0"), "'workload.batch' must be a whole number ≥ 1"),
    UNKNOWN_FIELD(
        "{\"quantlens_project\": 1, \"modle\": \"m\"}", "unknown field 'modle' (a project has"),
    VIEW_NOT_TEXT(
        "{\"quantlens_project\": 1, \"model\": \"m\", \"plan\": {}, \"hardware\": \"h\","
            + " \"workload\": {\"batch\": 1}, \"view\": {\"zoom\": 2}}",
        "'view.zoom' must be a string");

    final String json;
    final String message;

    Bad(String json, String message) {
      this.json = json;
      this.message = message;
    }
  }

  private static String body(String version, String model, String plan, String batch) {
    return "{\"quantlens_project\": "
        + version
        + ", \"model\": "
        + model
        + ", \"plan\": "
        + plan
        + ", \"hardware\": \"h\", \"workload\": {\"batch\": "
        + batch
        + ", \"dims\": {}}}";
  }

  private static String plan(String scheme) {
    return "{\"version\": 1, \"default\": \"" + scheme + "\", \"layers\": {}}";
  }

  @ParameterizedTest
  @EnumSource(Bad.class)
  void badFilesAreRefusedWithTheFileAndTheReason(Bad bad) throws IOException {
    Path file = Files.writeString(dir.resolve("bad.json"), bad.json);
    ProjectFileException e = assertThrows(ProjectFileException.class, () -> ProjectJson.read(file));
    assertTrue(e.getMessage().startsWith(file + ": " + bad.message), e.getMessage());
    assertEquals(file, e.file());
  }

  @Test
  void aMinimalFileReadsWithDefaultsForTheOptionalParts() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("min.json"),
            "{\"quantlens_project\": 1, \"model\": \"mnist-cnn\", \"plan\": {},"
                + " \"hardware\": \"raspberry-pi-5-cpu\", \"workload\": {\"batch\": 2}}");
    assertEquals(
        new Project(
            "mnist-cnn",
            PrecisionPlan.fp32(),
            "raspberry-pi-5-cpu",
            new Workload(2, Map.of()),
            Map.of()),
        ProjectJson.read(file));
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** A stream that fails like a full disk after {@code limit} bytes. */
  private static final class FailingAfter extends FilterOutputStream {
    private int left;

    FailingAfter(OutputStream out, int limit) {
      super(out);
      this.left = limit;
    }

    @Override
    public void write(int b) throws IOException {
      if (left-- <= 0) {
        throw new IOException("disk full");
      }
      super.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      for (int i = 0; i < len; i++) {
        write(b[off + i]);
      }
    }
  }
}
