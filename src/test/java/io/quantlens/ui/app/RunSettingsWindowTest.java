package io.quantlens.ui.app;

import static io.quantlens.ui.app.WorkbenchFixture.fx;
import static io.quantlens.ui.app.WorkbenchFixture.onFx;
import static io.quantlens.ui.app.WorkbenchWindowTest.valueText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.analysis.PlanPresets;
import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.cost.Workload;
import io.quantlens.quant.Scheme;
import io.quantlens.ui.task.BackgroundTask;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import javafx.concurrent.Task;
import javafx.geometry.Dimension2D;
import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/**
 * What a first-time user meets on real models: a model that runs only at sizes the user sets
 * (Silero VAD: batch 1, 512 samples), a measurement cancelled, a preset that changes few layers,
 * the pinned plan's accuracy beside the current one's, a small screen.
 */
class RunSettingsWindowTest extends WorkbenchTest {
  private static final Path REAL =
      Path.of(System.getProperty("basedir", "."), "src/test/resources/real-models");
  private static final Path SILERO = REAL.resolve("silero_vad_16k_op15.onnx");
  private static final Path PPOCR = REAL.resolve("ch_ppocr_mobile_v2.0_cls_infer.onnx");

  @Test
  void aModelThatRunsOnlyAtTheUsersSizesIsMeasuredOnceTheSettingsGiveThem(FxRobot robot)
      throws Exception {
    fixture.open(SILERO);
    // At 64 samples per call and 128 samples per window the STFT Conv refuses its input.
    assertEquals("not measurable", valueText(robot, "#accuracyTileValue"));
    assertTrue(
        valueText(robot, "#accuracyTileComparison")
            .contains("View ▸ Cost assumptions and workload"),
        valueText(robot, "#accuracyTileComparison"));
    assertEquals("not estimated", valueText(robot, "#sizeTileValue"));
    assertNotNull(onFx(() -> fixture.app.costs().problem().get()));
    fixture.screenshot("30-silero-not-run-at-default-sizes");

    fx(
        () -> {
          fixture.app.costs().workload().set(new Workload(1, Map.of("sequence", 512L)));
          fixture.app.accuracy().callBatch().set(1);
        });
    fixture.waitForIdle();
    WorkbenchFixture.waitUntil(120, () -> fixture.app.accuracy().result().get() != null);
    assertEquals("exact", valueText(robot, "#accuracyTileValue"), "the FP32 plan of an FP32 file");
    // 309,633 float32 parameters: 1.24 MB.
    assertEquals("1.24 MB", valueText(robot, "#sizeTileValue"));
    assertEquals(null, onFx(() -> fixture.app.costs().problem().get()));

    fx(() -> fixture.app.actions().applyPreset(PlanPresets.byId("int8").orElseThrow()));
    fixture.waitForIdle();
    WorkbenchFixture.waitUntil(120, () -> fixture.app.accuracy().result().get() != null);
    assertTrue(
        valueText(robot, "#accuracyTileValue").endsWith("dB"),
        valueText(robot, "#accuracyTileValue"));
    fixture.screenshot("31-silero-int8-at-batch-1-sequence-512");
  }

  @Test
  void thePinnedPlansAccuracyIsTheSameMeasureAsTheCurrentOnes(FxRobot robot) throws Exception {
    fixture.open(PPOCR);
    fx(() -> fixture.app.actions().applyPreset(PlanPresets.byId("int8").orElseThrow()));
    fixture.waitForIdle();
    fx(() -> fixture.app.plans().pin());
    fx(() -> fixture.app.actions().applyPreset(PlanPresets.byId("int8-tensor-asym").orElseThrow()));
    fixture.waitForIdle();
    String value = valueText(robot, "#accuracyTileValue");
    String detail = valueText(robot, "#accuracyTileComparison");
    // A classifier without labels: output SQNR for both plans, top-1 agreement beside it.
    assertTrue(value.endsWith(" dB"), value);
    assertTrue(detail.contains("top-1 agreement"), detail);
    assertTrue(detail.matches("(?s).*pinned: -?[0-9.]+ dB.*"), detail);
    fixture.screenshot("32-ppocr-pinned-accuracy-same-measure");
  }

  @Test
  void aCancelledMeasurementSaysSoAndCanBeRunAgain(FxRobot robot) throws Exception {
    fixture.open(PPOCR);
    List<String> all =
        onFx(
            () ->
                fixture.app.workspace().opened().get().analysis().layers().stream()
                    .map(l -> l.layer().name())
                    .toList());
    fx(
        () -> {
          fixture.app.plans().setScheme(all, Scheme.parse("int8:channel:sym"));
          fixture.app.accuracy().measure();
          var running = fixture.app.services().tasks().running();
          Task<?> newest = running.get(running.size() - 1);
          newest.cancel(true);
        });
    fixture.waitForIdle();
    assertEquals("cancelled", valueText(robot, "#accuracyTileValue"));
    assertTrue(valueText(robot, "#accuracyTileComparison").contains("Measure accuracy"));
    fixture.screenshot("33-ppocr-measurement-cancelled");

    fx(() -> fixture.app.accuracy().measure());
    fixture.waitForIdle();
    assertTrue(valueText(robot, "#accuracyTileValue").endsWith(" dB"));
  }

  @Test
  void aPresetThatLeavesLayersInFloatSaysHowMany(FxRobot robot) throws Exception {
    fixture.open(PPOCR);
    // At FP32 the error is nil; the weights' spread is named, not shown as the mean error.
    WorkbenchFixture.waitUntil(30, () -> fixture.app.detail().layer().get() != null);
    String error = valueText(robot, "#detailBias");
    assertTrue(error.startsWith("0 / 0") && error.contains("σ(w) = "), error);
    List<String> notices = new ArrayList<>();
    fx(() -> fixture.app.services().notices().onNotice(notices::add));
    // ONNX Runtime GenAI's builder rewrites MatMul nodes only; the rest of this CNN stays float.
    fx(() -> fixture.app.actions().applyPreset(PlanPresets.byId("int4").orElseThrow()));
    fixture.waitForIdle();
    var analysed = onFx(() -> fixture.app.workspace().opened().get().analysis().layers());
    PrecisionPlan plan = onFx(() -> fixture.app.plans().plan().get());
    long layers = analysed.size();
    long quantized =
        analysed.stream()
            .filter(l -> !plan.schemeFor(l.layer().name()).equals(PrecisionPlan.FP32))
            .count();
    assertTrue(quantized < layers, quantized + " of " + layers);
    assertEquals(1, notices.size(), notices.toString());
    assertTrue(
        notices.get(0).contains("set " + quantized + " of " + layers + " layers"), notices.get(0));
    assertTrue(notices.get(0).contains("MatMul"), notices.get(0));
  }

  @Test
  void theStatusBarWritesTheShareOfALongTaskDone(FxRobot robot) throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    fx(
        () ->
            fixture
                .app
                .services()
                .tasks()
                .submit(
                    BackgroundTask.<Object>of(
                        "Measuring accuracy of fp32",
                        t -> {
                          t.progress(1, 4);
                          release.await();
                          return null;
                        })));
    try {
      WorkbenchFixture.waitUntil(
          10, () -> valueText(robot, "#statusWork").equals("Measuring accuracy of fp32, 25.0 %"));
    } finally {
      release.countDown();
    }
    fixture.waitForIdle();
    assertEquals("Ready", valueText(robot, "#statusWork"));
  }

  @Test
  void theWindowFitsASmallScreen() {
    assertEquals(
        new Dimension2D(1024, 700), WorkbenchApp.initialSize(new Rectangle2D(0, 0, 1024, 700)));
    assertEquals(
        new Dimension2D(1440, 900), WorkbenchApp.initialSize(new Rectangle2D(0, 0, 1920, 1040)));
    assertEquals(
        new Dimension2D(1366, 900), WorkbenchApp.initialSize(new Rectangle2D(0, 0, 1366, 1000)));
  }

  @Test
  void noticesAreBrokenIntoLines() {
    assertEquals("one two\nthree", Notices.wrap("one two three", 8));
    assertEquals("a\n\nb", Notices.wrap("a\n\nb", 8));
    assertEquals("averyveryverylongword\nx", Notices.wrap("averyveryverylongword x", 8));
  }
}
