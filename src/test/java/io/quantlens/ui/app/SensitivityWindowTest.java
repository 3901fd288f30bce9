package io.quantlens.ui.app;

import static io.quantlens.ui.app.WorkbenchFixture.fx;
import static io.quantlens.ui.app.WorkbenchFixture.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.charts.ChartTable;
import io.quantlens.eval.EvalOptions;
import io.quantlens.eval.EvalProgress;
import io.quantlens.eval.Evaluator;
import io.quantlens.eval.LayerSensitivity;
import io.quantlens.eval.SensitivityReport;
import io.quantlens.eval.SensitivityScan;
import io.quantlens.model.Layer;
import io.quantlens.quant.Scheme;
import io.quantlens.session.Session;
import io.quantlens.ui.state.AccuracyState;
import io.quantlens.ui.table.LayerRow;
import io.quantlens.ui.text.SensitivityText;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.jfree.chart.entity.CategoryItemEntity;
import org.jfree.chart.entity.CategoryLabelEntity;
import org.jfree.chart.entity.ChartEntity;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.CategoryPlot;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/**
 * Plan ▸ Sensitivity… on the bundled MNIST CNN: the probe scheme chosen before the scan, the
 * progress line, the column header, the ranked chart and selecting a layer from it, each against
 * the engine's own scan.
 */
class SensitivityWindowTest extends WorkbenchTest {
  private static final Pattern PROGRESS =
      Pattern.compile(
          "Running the reference…|layer [1-4] of 4( · about \\d+ s left)?|4 layers measured");

  private static Session session;
  private static SensitivityReport engineInt4;

  /** The engine's scan at the default probe, made without the window. */
  @BeforeAll
  static void engine() throws Exception {
    session = Session.open(WorkbenchFixture.MNIST);
    engineInt4 = scan(session.model().layers(), AccuracyState.DEFAULT_PROBE);
  }

  private static SensitivityReport scan(List<Layer> layers, Scheme scheme) throws Exception {
    try (Evaluator evaluator =
        session.evaluator(session.evalData(null), null, EvalOptions.defaults())) {
      return SensitivityScan.run(evaluator, layers, scheme, EvalProgress.NONE);
    }
  }

  @Test
  void theDefaultProbeScanFillsTheTableNamesItsSchemeAndRanksTheLayers(FxRobot robot)
      throws Exception {
    fixture.open(WorkbenchFixture.MNIST);
    assertEquals("Sensitivity", onFx(() -> sensitivityColumn().getText()));
    robot.clickOn("#sensitivityButton");
    Stage window = onFx(() -> fixture.app.accuracyWindow().stage());
    assertTrue(onFx(window::isShowing));
    assertEquals("int4:g32:sym", onFx(() -> fixture.app.sensitivity().probe().text().get()));

    List<String> messages = new ArrayList<>();
    fx(
        () ->
            fixture
                .app
                .accuracy()
                .scanning()
                .addListener(
                    (obs, old, task) -> {
                      if (task != null) {
                        task.messageProperty()
                            .addListener(
                                (o, before, now) -> {
                                  // The window while the scan runs, taken once, on the FX thread.
                                  if (now.startsWith("layer 2 of 4") && !messages.contains(now)) {
                                    WorkbenchFixture.save(
                                        "sensitivity-00-scanning",
                                        window.getScene().snapshot(null));
                                  }
                                  messages.add(now);
                                });
                      }
                    }));
    robot.clickOn("#scanButton");
    WorkbenchFixture.waitUntil(120, () -> fixture.app.accuracy().sensitivityReport().get() != null);
    fixture.waitForIdle();

    List<String> seen = onFx(() -> List.copyOf(messages));
    assertFalse(seen.isEmpty());
    for (String message : seen) {
      assertTrue(PROGRESS.matcher(message).matches(), message);
    }
    assertEquals("4 layers measured", seen.get(seen.size() - 1));

    assertEquals("Sensitivity (int4:g32:sym)", onFx(() -> sensitivityColumn().getText()));
    for (LayerSensitivity expected : engineInt4.layers()) {
      String name = expected.layer().name();
      LayerSensitivity shown = onFx(() -> fixture.app.accuracy().sensitivity().get(name));
      assertEquals(expected.result().accuracyDropPoints(), shown.result().accuracyDropPoints());
      assertEquals(
          expected.result().meanKlDivergence(), shown.result().meanKlDivergence(), 1e-9, name);
      assertEquals(
          SensitivityText.of(expected, fixture.app.messages()),
          onFx(() -> WorkbenchWindowTest.cell(robot, name, "sensitivityColumn").getText()),
          name);
    }

    // The chart draws the engine's ranking, top first, each bar the layer's accuracy drop.
    ChartTable drawn = chartTable();
    List<LayerSensitivity> ranked = engineInt4.ranked();
    assertEquals(ranked.size(), drawn.rowCount());
    for (int row = 0; row < ranked.size(); row++) {
      assertEquals(ranked.get(row).layer().name(), drawn.cell(row, 0));
      assertEquals(
          ChartTable.number(ranked.get(row).result().accuracyDropPoints()), drawn.cell(row, 1));
      if (row > 0) {
        assertTrue(
            Double.parseDouble(drawn.cell(row, 1)) <= Double.parseDouble(drawn.cell(row - 1, 1)));
      }
    }
    fixture.screenshot("sensitivity-01-ranked", window);
    fx(() -> fixture.app.tableView().table().scrollToColumn(sensitivityColumn()));
    fixture.screenshot("sensitivity-02-table-header");

    // A click on a bar selects its layer in the whole window, and the chart marks it.
    LayerSensitivity worstButOne = ranked.get(1);
    assertNotEquals(0.0, worstButOne.value());
    String target = worstButOne.layer().name();
    assertNotEquals(target, onFx(() -> fixture.app.workspace().selectedLayer().get()));
    robot.clickOn(barCentre(robot, target, true));
    fixture.waitForIdle();
    assertEquals(target, onFx(() -> fixture.app.workspace().selectedLayer().get()));
    assertEquals(List.of(target), onFx(() -> fixture.app.tableView().selectedNames()));
    CategoryPlot plot = onFx(() -> chartPlot());
    assertNotEquals(
        onFx(() -> plot.getRenderer().getItemPaint(0, 1)),
        onFx(() -> plot.getRenderer().getItemPaint(0, 0)));
    fixture.screenshot("sensitivity-03-bar-clicked", window);

    // So does a click on a layer's name, even when its bar has no length (no accuracy drop).
    String unhurt = ranked.get(ranked.size() - 1).layer().name();
    robot.clickOn(barCentre(robot, unhurt, false));
    fixture.waitForIdle();
    assertEquals(unhurt, onFx(() -> fixture.app.workspace().selectedLayer().get()));
  }

  @Test
  void aTypedProbeSchemeReachesTheScanAndABadOneIsRefusedWithTheParsersMessage(FxRobot robot)
      throws Exception {
    fixture.open(WorkbenchFixture.MNIST);
    fx(() -> fixture.app.showSensitivity());
    Stage window = onFx(() -> fixture.app.accuracyWindow().stage());

    String bad = "int3:g0";
    type(robot, bad);
    String parser =
        assertThrows(IllegalArgumentException.class, () -> Scheme.parse(bad)).getMessage();
    assertEquals(parser, onFx(() -> label(robot, "#probeProblem").getText()));
    assertTrue(onFx(() -> label(robot, "#probeProblem").isVisible()));
    assertTrue(onFx(() -> robot.lookup("#scanButton").queryAs(Button.class).isDisabled()));
    fixture.screenshot("sensitivity-04-bad-scheme", window);

    Scheme typed = Scheme.parse("int3:g64:asym:mse");
    type(robot, typed.id());
    assertFalse(onFx(() -> label(robot, "#probeProblem").isVisible()));
    robot.clickOn("#scanButton");
    WorkbenchFixture.waitUntil(120, () -> fixture.app.accuracy().sensitivityReport().get() != null);
    fixture.waitForIdle();
    assertEquals(typed, onFx(() -> fixture.app.accuracy().sensitivityReport().get().scheme()));
    assertEquals("Sensitivity (" + typed.id() + ")", onFx(() -> sensitivityColumn().getText()));

    // Two layers scanned by the engine at the typed scheme give the window's values.
    List<Layer> two =
        session.model().layers().stream()
            .filter(l -> l.name().equals("conv1") || l.name().equals("fc1"))
            .toList();
    assertEquals(2, two.size());
    SensitivityReport direct = scan(two, typed);
    for (LayerSensitivity expected : direct.layers()) {
      String name = expected.layer().name();
      LayerSensitivity shown = onFx(() -> fixture.app.accuracy().sensitivity().get(name));
      assertEquals(expected.primaryLoss(), shown.primaryLoss(), name);
      assertEquals(
          expected.result().meanKlDivergence(), shown.result().meanKlDivergence(), 1e-9, name);
      // The typed scheme, not the default, was probed: the default gives another KL.
      double atDefault =
          engineInt4.layers().stream()
              .filter(l -> l.layer().name().equals(name))
              .findFirst()
              .orElseThrow()
              .result()
              .meanKlDivergence();
      assertNotEquals(atDefault, shown.result().meanKlDivergence(), 1e-6, name);
    }
    fixture.screenshot("sensitivity-05-typed-scheme", window);

    // A scheme picked from the list stays picked when the list grows: a layer set to the typed
    // scheme has it analysed, and it joins the choices.
    ComboBox<?> box = robot.lookup("#probeScheme").queryAs(ComboBox.class);
    robot.clickOn(box.lookup(".arrow-button"));
    robot.clickOn("int4:g128:asym");
    fixture.waitForIdle();
    assertEquals("int4:g128:asym", onFx(() -> fixture.app.sensitivity().probe().text().get()));
    fx(() -> fixture.app.plans().setScheme(List.of("fc1"), typed));
    fixture.waitForIdle();
    assertTrue(onFx(() -> fixture.app.sensitivity().probe().choices().contains(typed.id())));
    assertEquals("int4:g128:asym", onFx(() -> fixture.app.sensitivity().probe().text().get()));
    assertEquals("int4:g128:asym", onFx(() -> box.getEditor().getText()));
  }

  /** Types {@code text} into the probe scheme's editor, replacing what is there. */
  private static void type(FxRobot robot, String text) {
    ComboBox<?> box = robot.lookup("#probeScheme").queryAs(ComboBox.class);
    robot.clickOn(box.getEditor());
    robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
    robot.write(text);
    org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
    assertEquals(text, onFx(() -> box.getEditor().getText()));
  }

  private static Label label(FxRobot robot, String query) {
    return robot.lookup(query).queryAs(Label.class);
  }

  private TableColumn<LayerRow, ?> sensitivityColumn() {
    return fixture.app.tableView().table().getColumns().stream()
        .filter(c -> "sensitivityColumn".equals(c.getId()))
        .findFirst()
        .orElseThrow();
  }

  private ChartTable chartTable() {
    return onFx(() -> fixture.app.sensitivityView().chart().chart().get().table());
  }

  private CategoryPlot chartPlot() {
    return fixture.app.sensitivityView().chart().chart().get().chart().getCategoryPlot();
  }

  /** The screen point at the middle of {@code layer}'s bar, or of its name on the axis. */
  private Point2D barCentre(FxRobot robot, String layer, boolean bar) {
    ChartViewer viewer =
        robot
            .from(fixture.app.sensitivityView().chart())
            .lookup((javafx.scene.Node n) -> n instanceof ChartViewer)
            .queryAs(ChartViewer.class);
    return onFx(
        () -> {
          for (Object o :
              viewer.getCanvas().getRenderingInfo().getEntityCollection().getEntities()) {
            ChartEntity e = (ChartEntity) o;
            boolean hit =
                bar
                    ? e instanceof CategoryItemEntity item && layer.equals(item.getColumnKey())
                    : e instanceof CategoryLabelEntity label && layer.equals(label.getKey());
            if (hit) {
              var r = e.getArea().getBounds2D();
              Rectangle2D area = new Rectangle2D(r.getX(), r.getY(), r.getWidth(), r.getHeight());
              return viewer
                  .getCanvas()
                  .localToScreen(
                      area.getMinX() + area.getWidth() / 2, area.getMinY() + area.getHeight() / 2);
            }
          }
          throw new AssertionError("no " + (bar ? "bar" : "label") + " for " + layer);
        });
  }
}
