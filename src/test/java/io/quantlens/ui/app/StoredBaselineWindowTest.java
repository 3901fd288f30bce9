package io.quantlens.ui.app;

import static io.quantlens.ui.app.WorkbenchFixture.fx;
import static io.quantlens.ui.app.WorkbenchFixture.onFx;
import static io.quantlens.ui.app.WorkbenchWindowTest.cell;
import static io.quantlens.ui.app.WorkbenchWindowTest.valueText;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quantlens.analysis.PlanPresets;
import io.quantlens.charts.ChartTable;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.TableCell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * The dashboard measures a plan against the model as stored, FP32 beside it, and the Stored column
 * says how the file holds each weight. Sizes worked by hand from the weights' shapes and types.
 */
class StoredBaselineWindowTest extends WorkbenchTest {
  @TempDir Path temp;

  @Test
  void anFp16ModelSavesNothingAtFp16AndHalfAgainstFp32(FxRobot robot) throws Exception {
    fixture.open(StoredModels.fp16(temp.resolve("fp16.onnx")));
    // 64 · 64 weights: 8,192 bytes as FP16, 16,384 as FP32; the window opens at the FP32 plan.
    assertEquals("16.4 kB", valueText(robot, "#sizeTileValue"));
    assertEquals(
        "+100.0 % vs stored (8.19 kB)\n+0.0 % vs FP32 (16.4 kB)\nof which weights 16.4 kB",
        valueText(robot, "#sizeTileComparison"));
    assertEquals("f16 Cast", storedCell(robot, "fc1").getText());
    assertEquals(
        "FLOAT16, through Cast to FLOAT",
        onFx(() -> storedCell(robot, "fc1").getTooltip().getText()));

    fx(() -> fixture.app.actions().applyPreset(PlanPresets.byId("fp16").orElseThrow()));
    fixture.waitForIdle();
    assertEquals("8.19 kB", valueText(robot, "#sizeTileValue"));
    assertEquals(
        "+0.0 % vs stored (8.19 kB)\n-50.0 % vs FP32 (16.4 kB)\nof which weights 8.19 kB",
        valueText(robot, "#sizeTileComparison"));
    ChartTable chart = onFx(() -> fixture.app.dashboardView().costChart().chart().get().table());
    assertEquals(List.of("as stored", "FP32", "current plan"), chart.headers().subList(1, 4));
    assertEquals("100.0", chart.cell(0, 1));
    assertEquals("200.0", chart.cell(0, 2), "FP32 is twice the FP16 file's size");
    assertEquals("100.0", chart.cell(0, 3));
    String accuracy = valueText(robot, "#accuracyTileComparison");
    org.junit.jupiter.api.Assertions.assertTrue(
        accuracy.contains("against the file as stored"), accuracy);
    fixture.screenshot("15-fp16-measured-as-stored");
  }

  @Test
  void aMixedFileIsMeasuredAgainstItsOwnTypes(FxRobot robot) throws Exception {
    fixture.open(StoredModels.mixed(temp.resolve("mixed.onnx")));
    // As stored 10,720 bytes, FP32 26,848 (StoredModels.mixed): 26,848 / 10,720 = 2.504.
    assertEquals(
        "+150.4 % vs stored (10.7 kB)\n+0.0 % vs FP32 (26.8 kB)\nof which weights 26.6 kB",
        valueText(robot, "#sizeTileComparison"));
    assertEquals("f16 Cast", storedCell(robot, "fc1").getText());
    assertEquals("int8 QDQ ch", storedCell(robot, "fc2").getText());
    assertEquals("uint4 g32", storedCell(robot, "fc3").getText());

    fx(() -> fixture.app.actions().applyPreset(PlanPresets.byId("int8").orElseThrow()));
    fixture.waitForIdle();
    fx(() -> fixture.app.plans().pin());
    fx(() -> fixture.app.actions().applyPreset(PlanPresets.byId("int4").orElseThrow()));
    fx(() -> fixture.app.workspace().select("fc3"));
    fixture.waitForIdle();
    fixture.screenshot("13-mixed-storage-int4-vs-pinned-int8");
    double width = onFx(() -> fixture.app.stage().getWidth());
    double height = onFx(() -> fixture.app.stage().getHeight());
    try {
      for (int[] size : new int[][] {{1024, 700}, {1920, 1080}}) {
        fixture.resize(size[0], size[1]);
        fixture.screenshot("14-mixed-storage-" + size[0] + "x" + size[1]);
      }
    } finally {
      // TestFX keeps one stage for every test: the next one starts at the usual size.
      fixture.resize(width, height);
    }
  }

  @Test
  void anFp32FileSaysStoredAndFp32OnOneLine(FxRobot robot) throws Exception {
    fixture.open(WorkbenchFixture.MNIST);
    // 56,714 FP32 parameters · 4 bytes = 226,856 bytes, the file as stored and the FP32 plan; the
    // 56,592 weights alone are 226,368 bytes (the status bar's figure).
    assertEquals(
        "+0.0 % vs stored/FP32 (227 kB)\nof which weights 226 kB",
        valueText(robot, "#sizeTileComparison"));
    ChartTable chart = onFx(() -> fixture.app.dashboardView().costChart().chart().get().table());
    assertEquals(List.of("as stored = FP32", "current plan"), chart.headers().subList(1, 3));
  }

  private static TableCell<?, ?> storedCell(FxRobot robot, String layer) {
    return cell(robot, layer, "storedColumn");
  }
}
