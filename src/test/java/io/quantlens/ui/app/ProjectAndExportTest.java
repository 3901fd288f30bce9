package io.quantlens.ui.app;

import static io.quantlens.ui.app.WorkbenchFixture.fx;
import static io.quantlens.ui.app.WorkbenchFixture.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.analysis.PlanPresets;
import io.quantlens.analysis.PlanSummary;
import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.quant.Scheme;
import io.quantlens.ui.export.ReportExports;
import io.quantlens.ui.project.ProjectActions;
import java.awt.image.BufferedImage;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Projects saved and reopened, and the exports a user takes to a paper or a slide. */
class ProjectAndExportTest extends WorkbenchTest {
  private static final Scheme INT8 = Scheme.parse("int8:channel:sym");

  @TempDir Path temp;

  @Test
  void aSavedProjectReopensWithTheSamePlanHardwareAndSelection() throws Exception {
    fixture.open(WorkbenchFixture.MNIST);
    Workbench app = fixture.app;
    fx(() -> app.actions().applyPreset(PlanPresets.byId("int4-int8-ends").orElseThrow()));
    fixture.waitForIdle();
    fx(() -> app.costs().hardware().set(app.costs().byId("nvidia-a100-sxm-80gb").orElseThrow()));
    fx(() -> app.workspace().select("fc1"));
    PrecisionPlan saved = onFx(() -> app.plans().plan().get());
    assertEquals(INT8, saved.schemeFor("conv1"));
    assertEquals(Scheme.parse("int4:g32:sym"), saved.schemeFor("fc1"));

    Path project = temp.resolve("mnist" + ProjectActions.EXTENSION);
    onFx(() -> app.projects().save(project));
    fixture.waitForIdle();
    assertTrue(Files.readString(project).contains("\"quantlens_project\""));

    fx(() -> app.plans().applyPreset(PlanPresets.byId("fp32").orElseThrow()));
    fixture.waitForIdle();
    fx(() -> app.costs().hardware().set(app.costs().byId("reference-45nm").orElseThrow()));
    onFx(() -> app.projects().open(project));
    WorkbenchFixture.waitUntil(60, () -> saved.equals(app.plans().plan().get()));
    fixture.waitForIdle();
    assertEquals("nvidia-a100-sxm-80gb", onFx(() -> app.costs().hardware().get().id()));
    assertEquals("fc1", onFx(() -> app.workspace().selectedLayer().get()));
    fixture.screenshot("03-mnist-project-reopened");
  }

  @Test
  void aDroppedProjectOpensAsAProjectAndADroppedModelAsAModel() throws Exception {
    fixture.open(WorkbenchFixture.MNIST);
    Workbench app = fixture.app;
    fx(() -> app.plans().setScheme(List.of("fc1"), INT8));
    Path project = temp.resolve("dropped" + ProjectActions.EXTENSION);
    onFx(() -> app.projects().save(project));
    fixture.waitForIdle();
    fx(() -> app.plans().undo());

    fx(() -> app.openDropped(project));
    WorkbenchFixture.waitUntil(60, () -> INT8.equals(app.plans().plan().get().schemeFor("fc1")));
    fixture.waitForIdle();
    Path copy = temp.resolve("copy.onnx");
    Files.copy(WorkbenchFixture.MNIST, copy);
    fx(() -> app.openDropped(copy));
    WorkbenchFixture.waitUntil(60, () -> app.workspace().opened().get().file().equals(copy));
    fixture.waitForIdle();
    assertEquals(PrecisionPlan.fp32(), onFx(() -> app.plans().plan().get()));
    assertEquals(
        List.of(copy.toString(), WorkbenchFixture.MNIST.toString()),
        onFx(() -> List.copyOf(app.workspace().recent().entries())));
  }

  @Test
  void aCorruptProjectIsReportedByNameAndChangesNothing() throws Exception {
    fixture.open(WorkbenchFixture.MNIST);
    Workbench app = fixture.app;
    Path broken = temp.resolve("broken" + ProjectActions.EXTENSION);
    Files.writeString(broken, "{\"quantlens_project\": 1, \"model\": ");
    Path newer = temp.resolve("newer" + ProjectActions.EXTENSION);
    Files.writeString(newer, "{\"quantlens_project\": 99}");
    onFx(() -> app.projects().open(broken));
    fixture.waitForIdle();
    String message = onFx(() -> app.services().notices().lastError().get());
    assertTrue(message.startsWith(broken.toString()), message);
    onFx(() -> app.projects().open(newer));
    fixture.waitForIdle();
    message = onFx(() -> app.services().notices().lastError().get());
    assertTrue(message.startsWith(newer.toString()) && message.contains("newer"), message);
    assertEquals(PrecisionPlan.fp32(), onFx(() -> app.plans().plan().get()));
  }

  @Test
  void reportFilesAlreadyInTheFolderAreReplacedOnlyWhenTheUserAgrees() throws Exception {
    fixture.open(WorkbenchFixture.MNIST);
    Workbench app = fixture.app;
    fixture.waitForIdle();
    Path folder = Files.createDirectories(temp.resolve("shared"));
    Path plan = Files.writeString(folder.resolve("plan.json"), "the user's own plan");
    Path notes = Files.writeString(folder.resolve("notes.txt"), "kept");
    List<Path> asked = new java.util.ArrayList<>();
    Object declined =
        onFx(
            () ->
                app.exports()
                    .exportInto(
                        folder,
                        existing -> {
                          asked.addAll(existing);
                          return false;
                        }));
    fixture.waitForIdle();
    assertEquals(null, declined);
    assertEquals(List.of(plan), asked);
    assertEquals("the user's own plan", Files.readString(plan));
    onFx(() -> app.exports().exportInto(folder, existing -> true));
    fixture.waitForIdle();
    assertTrue(Files.readString(plan).contains("\"default\""), Files.readString(plan));
    assertEquals("kept", Files.readString(notes));
    Path fresh = temp.resolve("fresh");
    onFx(
        () ->
            app.exports()
                .exportInto(
                    fresh,
                    existing -> {
                      throw new AssertionError("nothing to replace in a new folder");
                    }));
    fixture.waitForIdle();
    assertTrue(Files.exists(fresh.resolve("plan.json")));
  }

  @Test
  void theReportFolderHoldsEveryChartAndTheTableWithTheEngineValues() throws Exception {
    fixture.open(WorkbenchFixture.MNIST);
    Workbench app = fixture.app;
    fx(() -> app.plans().setScheme(List.of("conv2", "fc1"), INT8));
    fx(() -> app.workspace().select("conv2"));
    fixture.waitForIdle();
    Path folder = temp.resolve("report");
    onFx(() -> app.exports().writeReportFolder(folder));
    fixture.waitForIdle();

    Set<String> files;
    try (Stream<Path> list = Files.list(folder)) {
      files = list.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    }
    for (String chart :
        List.of(
            "mnist-cnn-conv2-weight-histogram",
            "mnist-cnn-conv2-error-histogram",
            "mnist-cnn-conv2-group-strip",
            "mnist-cnn-sqnr-per-layer",
            "mnist-cnn-plan-cost")) {
      for (String ext : List.of(".png", ".svg", ".csv")) {
        assertTrue(files.contains(chart + ext), chart + ext + " in " + files);
      }
    }
    assertTrue(
        files.containsAll(
            Set.of(
                "layers.csv",
                "plan.json",
                "cost.csv",
                "accuracy.csv",
                "accuracy-samples.csv",
                "summary.json",
                "README.txt")),
        files::toString);
    assertEquals(
        Set.copyOf(onFx(() -> app.exports().reportFiles(folder))),
        Set.copyOf(files.stream().map(folder::resolve).toList()),
        "the files the replace question names");
    BufferedImage png = ImageIO.read(folder.resolve("mnist-cnn-sqnr-per-layer.png").toFile());
    assertEquals((int) (ReportExports.REPORT_WIDTH * ReportExports.REPORT_SCALE), png.getWidth());
    assertEquals((int) (ReportExports.REPORT_HEIGHT * ReportExports.REPORT_SCALE), png.getHeight());

    PlanSummary summary = onFx(() -> app.plans().summary().get());
    List<CSVRecord> rows = csv(folder.resolve("layers.csv"));
    assertEquals(summary.layers().size(), rows.size());
    for (int i = 0; i < rows.size(); i++) {
      PlanSummary.LayerRow expected = summary.layers().get(i);
      CSVRecord row = rows.get(i);
      assertEquals(expected.layer().name(), row.get("layer"));
      assertEquals(expected.scheme().id(), row.get("scheme"));
      String sqnr = row.get("sqnr_db");
      if (expected.isFp32()) {
        assertEquals("inf", sqnr);
      } else {
        assertEquals(expected.result().stats().sqnrDb(), Double.parseDouble(sqnr));
      }
      assertEquals(expected.storedBytes(), Long.parseLong(row.get("stored_bytes")));
    }
    assertEquals("int8:channel:sym", rows.get(1).get("scheme"));
  }

  private static List<CSVRecord> csv(Path file) throws Exception {
    try (Reader reader = Files.newBufferedReader(file)) {
      return CSVFormat.DEFAULT
          .builder()
          .setHeader()
          .setSkipHeaderRecord(true)
          .get()
          .parse(reader)
          .getRecords();
    }
  }
}
