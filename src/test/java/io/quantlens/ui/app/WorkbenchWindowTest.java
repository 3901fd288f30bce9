package io.quantlens.ui.app;

import static io.quantlens.ui.app.WorkbenchFixture.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.analysis.AnalysisOptions;
import io.quantlens.analysis.ModelAnalysis;
import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.charts.ChartTable;
import io.quantlens.cost.CostAssumptions;
import io.quantlens.cost.CostComparison;
import io.quantlens.cost.HardwareProfiles;
import io.quantlens.cost.Workload;
import io.quantlens.quant.Scheme;
import io.quantlens.session.Session;
import io.quantlens.text.Language;
import io.quantlens.text.Numbers;
import io.quantlens.ui.dialogs.SettingsDialog;
import io.quantlens.ui.state.CostState;
import io.quantlens.ui.table.LayerRow;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** Drives the window on the bundled MNIST CNN the way a user does, headless. */
class WorkbenchWindowTest extends WorkbenchTest {
  private static final Numbers NUMBERS = Language.ENGLISH.messages().numbers();
  private static final Scheme INT4 = Scheme.parse("int4:g32:sym");
  private static final String LAYER = "conv2";

  private static ModelAnalysis engine;
  private static Session session;

  /** The engine's own numbers, computed without the window. */
  @BeforeAll
  static void engine() throws Exception {
    session = Session.open(WorkbenchFixture.MNIST);
    engine =
        session.analyze(
            new AnalysisOptions(AnalysisOptions.defaultSchemes(), AnalysisOptions.DEFAULT_BINS, 1));
  }

  @Test
  void settingALayerToInt4UpdatesTableSizeAndChartAndUndoRestoresThem(FxRobot robot)
      throws Exception {
    fixture.open(WorkbenchFixture.MNIST);
    String layer = layerName();
    fixture.screenshot("01-mnist-opened");
    assertEquals("exact", sqnrCell(robot, layer).getText());
    String fp32Size = valueText(robot, "#sizeTileValue");

    TableCell<?, ?> scheme = schemeCell(robot, layer);
    robot.doubleClickOn(scheme);
    robot.clickOn(scheme.lookup(".combo-box"));
    robot.clickOn(INT4.id());
    fixture.waitForIdle();

    double expectedSqnr =
        engine.layers().stream()
            .filter(l -> l.layer().name().equals(layer))
            .findFirst()
            .orElseThrow()
            .result(INT4)
            .stats()
            .sqnrDb();
    assertEquals(PrecisionPlan.only(layer, INT4), onFx(() -> fixture.app.plans().plan().get()));
    assertEquals(NUMBERS.db(expectedSqnr), sqnrCell(robot, layer).getText());
    CostComparison cost =
        session.cost(
            Workload.defaults(),
            PrecisionPlan.only(layer, INT4),
            HardwareProfiles.builtIn().byId(CostState.DEFAULT_HARDWARE).orElseThrow(),
            CostAssumptions.defaults());
    assertEquals(NUMBERS.bytes(cost.plan().modelBytes()), valueText(robot, "#sizeTileValue"));
    assertNotEquals(fp32Size, valueText(robot, "#sizeTileValue"));
    ChartTable sqnrData = onFx(() -> fixture.app.dashboardView().sqnrChart().chart().get().table());
    assertEquals(ChartTable.number(expectedSqnr), cellOf(sqnrData, layer, "current plan"));
    assertTrue(onFx(() -> fixture.app.accuracy().result().get() != null));
    fixture.screenshot("02-mnist-conv2-int4");

    robot.clickOn("#energyTileWhy");
    WorkbenchFixture.waitUntil(5, () -> !robot.lookup(".why-quantity").queryAll().isEmpty());
    Label why = robot.lookup(".why-quantity").queryAs(Label.class);
    assertTrue(onFx(why::getText).startsWith("energy per inference = "), onFx(why::getText));
    fixture.screenshotPopup("02b-mnist-why-energy");
    robot.press(javafx.scene.input.KeyCode.ESCAPE).release(javafx.scene.input.KeyCode.ESCAPE);

    robot.clickOn("#undoButton");
    fixture.waitForIdle();
    assertEquals(PrecisionPlan.fp32(), onFx(() -> fixture.app.plans().plan().get()));
    assertEquals("exact", sqnrCell(robot, layer).getText());
    assertEquals(fp32Size, valueText(robot, "#sizeTileValue"));
    assertEquals(
        "inf",
        cellOf(
            onFx(() -> fixture.app.dashboardView().sqnrChart().chart().get().table()),
            layer,
            "current plan"));
    assertFalse(onFx(() -> fixture.app.plans().canUndo().get()));
  }

  @Test
  void aFileThatIsNoModelIsReportedByNameAndTheOpenModelStays(
      FxRobot robot, @org.junit.jupiter.api.io.TempDir java.nio.file.Path temp) throws Exception {
    fixture.open(WorkbenchFixture.MNIST);
    java.nio.file.Path notes = temp.resolve("notes.onnx");
    java.nio.file.Files.writeString(notes, "these are my notes, not a model");
    WorkbenchFixture.fx(() -> fixture.app.workspace().open(notes.toString(), null));
    fixture.waitForIdle();
    String error = onFx(() -> fixture.app.services().notices().lastError().get());
    assertTrue(error.contains(notes.toString()), error);
    assertEquals("mnist-cnn.onnx", onFx(() -> fixture.app.workspace().opened().get().title()));
    assertFalse(onFx(() -> robot.lookup("#loadingMask").query().isVisible()));
  }

  @Test
  void openingCanBeCancelledAndLeavesTheOpenModel(FxRobot robot) throws Exception {
    fixture.open(WorkbenchFixture.MNIST);
    // The mask says what it is opening from the frame the open starts in.
    String firstText =
        onFx(
            () -> {
              fixture.app.workspace().open("all-minilm-l6-v2", null);
              var mask =
                  (org.controlsfx.control.MaskerPane) fixture.app.root().lookup("#loadingMask");
              return mask.isVisible() ? mask.getText() : "(not visible)";
            });
    assertEquals(fixture.app.messages().get("task.open.reading", "all-minilm-l6-v2"), firstText);
    WorkbenchFixture.waitUntil(10, () -> fixture.app.workspace().loading().get() != null);
    robot.clickOn("#cancelLoading");
    fixture.waitForIdle();
    assertEquals(null, onFx(() -> fixture.app.workspace().loading().get()));
    assertEquals("mnist-cnn.onnx", onFx(() -> fixture.app.workspace().opened().get().title()));
  }

  @Test
  void theSettingsSheetChangesTheWorkloadTheCostIsEstimatedFor() throws Exception {
    fixture.open(WorkbenchFixture.MNIST);
    // The CNN's MACs per image, counted by hand from its layer shapes (conv1 97,344 + conv2
    // 557,568 + fc1 51,200 + fc2 640).
    long macsPerImage = 706_752;
    assertEquals(macsPerImage, onFx(() -> fixture.app.costs().cost().get().plan().macs()));
    WorkbenchFixture.fx(
        () -> {
          SettingsDialog dialog = fixture.app.settingsDialog();
          dialog.batch().setValue(8);
          dialog.applySettings();
        });
    fixture.waitForIdle();
    assertEquals(8, onFx(() -> fixture.app.costs().workload().get().batch()));
    assertEquals(8 * macsPerImage, onFx(() -> fixture.app.costs().cost().get().plan().macs()));
  }

  private static String layerName() {
    return engine.layers().stream()
        .map(l -> l.layer().name())
        .filter(n -> n.contains(LAYER))
        .findFirst()
        .orElseThrow();
  }

  /** The CSV text of one layer's value in one series of a per-layer chart table. */
  static String cellOf(ChartTable table, String layer, String series) {
    int column = table.headers().indexOf(series);
    for (int row = 0; row < table.rowCount(); row++) {
      if (table.row(row).contains(layer)) {
        return table.cell(row, column);
      }
    }
    throw new AssertionError(layer + " not in " + table.headers());
  }

  static String valueText(FxRobot robot, String query) {
    Label label = robot.lookup(query).queryAs(Label.class);
    return onFx(label::getText);
  }

  static TableCell<?, ?> sqnrCell(FxRobot robot, String layer) {
    return cell(robot, layer, "sqnrColumn");
  }

  static TableCell<?, ?> schemeCell(FxRobot robot, String layer) {
    return cell(robot, layer, "schemeColumn");
  }

  static TableCell<?, ?> cell(FxRobot robot, String layer, String column) {
    List<TableCell<?, ?>> cells =
        onFx(
            () ->
                robot.lookup("#layerTable .table-cell").queryAll().stream()
                    .<TableCell<?, ?>>map(n -> (TableCell<?, ?>) n)
                    .filter(
                        c ->
                            c.getTableColumn() != null && column.equals(c.getTableColumn().getId()))
                    .filter(
                        c ->
                            c.getTableRow() != null
                                && c.getTableRow().getItem() instanceof LayerRow r
                                && r.name().equals(layer))
                    .toList());
    assertEquals(1, cells.size(), "cells of " + layer + " in " + column);
    return cells.get(0);
  }

  static Node node(FxRobot robot, String query) {
    return robot.lookup(query).query();
  }
}
