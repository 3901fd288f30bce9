package io.quantlens.ui.app;

import static io.quantlens.ui.app.WorkbenchFixture.fx;
import static io.quantlens.ui.app.WorkbenchFixture.onFx;
import static io.quantlens.ui.app.WorkbenchWindowTest.valueText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.analysis.AnalysisOptions;
import io.quantlens.analysis.ModelAnalysis;
import io.quantlens.analysis.PlanSummary;
import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.charts.ChartStyle;
import io.quantlens.charts.PlanRole;
import io.quantlens.cost.CostAssumptions;
import io.quantlens.cost.CostComparison;
import io.quantlens.cost.Explanation;
import io.quantlens.cost.HardwareProfiles;
import io.quantlens.cost.ModelCost;
import io.quantlens.cost.Workload;
import io.quantlens.eval.EvalResult;
import io.quantlens.quant.Scheme;
import io.quantlens.session.Session;
import io.quantlens.text.Language;
import io.quantlens.text.Numbers;
import io.quantlens.ui.export.ChartPane;
import io.quantlens.ui.state.CostState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Shape;
import javafx.stage.PopupWindow;
import javafx.stage.Window;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/** The dashboard's tiles explain every figure, and power and sizes read as the engine has them. */
class DashboardWindowTest extends WorkbenchTest {
  private static final Numbers NUMBERS = Language.ENGLISH.messages().numbers();
  private static final Scheme INT8 = Scheme.parse("int8:channel:sym");
  private static final List<String> TILES =
      List.of(
          "accuracyTile",
          "sqnrTile",
          "sizeTile",
          "trafficTile",
          "timeTile",
          "energyTile",
          "powerTile");

  @TempDir Path temp;

  private static Session session;
  private static ModelAnalysis engine;

  @BeforeAll
  static void engine() throws Exception {
    session = Session.open(WorkbenchFixture.MNIST);
    engine =
        session.analyze(
            new AnalysisOptions(AnalysisOptions.defaultSchemes(), AnalysisOptions.DEFAULT_BINS, 1));
  }

  private static CostComparison engineCost(PrecisionPlan plan, CostAssumptions assumptions)
      throws Exception {
    return session.cost(
        Workload.defaults(),
        plan,
        HardwareProfiles.builtIn().byId(CostState.DEFAULT_HARDWARE).orElseThrow(),
        assumptions);
  }

  /** One explanation block of a popup as drawn: its headline, formula and symbol column. */
  private record Block(String head, String formula, List<String> symbols) {}

  @Test
  void everyTileHasAWhyWhosePopupNamesEachSymbolOfItsFormula(FxRobot robot) throws Exception {
    fixture.open(WorkbenchFixture.MNIST);
    PrecisionPlan plan = PrecisionPlan.only("conv2", INT8);
    fx(() -> fixture.app.plans().setScheme(List.of("conv2"), INT8));
    fixture.waitForIdle();
    assertEquals(plan, onFx(() -> fixture.app.plans().plan().get()));

    Map<String, List<Block>> popups = new LinkedHashMap<>();
    for (String tile : TILES) {
      Button why = robot.lookup("#" + tile + "Why").queryAs(Button.class);
      assertTrue(onFx(why::isVisible), tile + " has a ?");
      robot.clickOn(why);
      WorkbenchFixture.waitUntil(5, () -> !blocks().isEmpty());
      popups.put(tile, onFx(DashboardWindowTest::blocks));
      fixture.screenshotPopup("30-why-" + tile);
      fx(DashboardWindowTest::hidePopups);
    }
    fx(() -> fixture.app.appearance().dark().set(true));
    fixture.waitForIdle();
    robot.clickOn("#powerTileWhy");
    WorkbenchFixture.waitUntil(5, () -> !blocks().isEmpty());
    fixture.screenshotPopup("32-why-powerTile-dark");
    // ControlsFX fills a popover white; on the dark theme its labels were light grey on white.
    double contrast = onFx(DashboardWindowTest::popoverTextContrast);
    assertTrue(contrast >= 4.5, "why popover contrast in the dark theme: " + contrast);
    fx(DashboardWindowTest::hidePopups);
    fixture.screenshot("33-dashboard-dark");
    fx(() -> fixture.app.appearance().dark().set(false));

    for (var popup : popups.entrySet()) {
      assertFalse(popup.getValue().isEmpty(), popup.getKey());
      for (Block b : popup.getValue()) {
        List<String> used = new Explanation("", "", 0, "", b.formula(), List.of()).formulaSymbols();
        List<String> unnamed = new ArrayList<>(used.subList(1, used.size()));
        unnamed.removeAll(b.symbols());
        assertEquals(List.of(), unnamed, popup.getKey() + ": " + b.formula() + " " + b.symbols());
      }
    }

    CostComparison cost = engineCost(plan, CostAssumptions.defaults());
    ModelCost p = cost.plan();
    assertEquals(
        "model size = " + NUMBERS.bytes(p.modelBytes()), popups.get("sizeTile").get(0).head());
    assertEquals(valueText(robot, "#sizeTileValue"), NUMBERS.bytes(p.modelBytes()));
    assertEquals(
        "DRAM bytes per inference = " + NUMBERS.bytes(p.dramBytes()),
        popups.get("trafficTile").get(0).head());
    assertEquals(
        "time per inference = " + NUMBERS.scaled(p.seconds(), "s"),
        popups.get("timeTile").get(0).head());
    assertEquals(
        List.of("MACs_l", "peak_l", "η", "D_l", "η_mem", "BW", "batch"),
        popups.get("timeTile").get(0).symbols());
    assertEquals(
        "energy per inference = " + NUMBERS.scaled(p.joulesPerInference(), "J"),
        popups.get("energyTile").get(0).head());
    assertEquals(
        "average power = " + NUMBERS.scaled(p.averageWatts(), "W"),
        popups.get("powerTile").get(0).head());
    PlanSummary summary = PlanSummary.of(engine, plan);
    assertEquals(
        "weight SQNR = " + NUMBERS.db(summary.sqnrDb()), popups.get("sqnrTile").get(0).head());
    assertEquals(List.of("x", "x̂", "N", "b"), popups.get("sqnrTile").get(0).symbols());

    // MNIST has labels: the change in points, then what agreement counts.
    EvalResult r = onFx(() -> fixture.app.accuracy().result().get());
    assertEquals(plan, r.plan());
    List<Block> accuracy = popups.get("accuracyTile");
    assertEquals(2, accuracy.size());
    assertEquals(
        "accuracy change = "
            + String.format(Locale.ROOT, "%+.2f pts", -r.accuracyDropPoints() + 0.0),
        accuracy.get(0).head());
    assertEquals(valueText(robot, "#accuracyTileValue"), accuracy.get(0).head().split(" = ")[1]);
    assertEquals(List.of("a_q", "a_ref", "N"), accuracy.get(0).symbols());
    assertEquals(
        "top-1 agreement = " + String.format(Locale.ROOT, "%.2f %%", 100 * r.top1Agreement()),
        accuracy.get(1).head());
    assertEquals("g = 100 · k / N", accuracy.get(1).formula());
  }

  @Test
  void averagePowerAtTheDefaultRateSaysIdlePowerSetsIt(FxRobot robot) throws Exception {
    fixture.open(WorkbenchFixture.MNIST);
    fx(() -> fixture.app.plans().setScheme(List.of("conv2", "fc1"), INT8));
    fixture.waitForIdle();
    CostComparison cost =
        engineCost(
            PrecisionPlan.fp32().with("conv2", INT8).with("fc1", INT8), CostAssumptions.defaults());
    ModelCost p = cost.plan();
    double idle = p.hardware().idleWatts().value();
    // Jetson Orin Nano, 10 requests/s: tens of µJ an inference add well under 1 mW to idle power.
    assertTrue(p.averageWatts() - idle < 1e-3, "inference power " + (p.averageWatts() - idle));
    String expected =
        NUMBERS.percent(p.shareOfTdp())
            + " of "
            + NUMBERS.scaled(p.hardware().tdpWatts().value(), "W")
            + " TDP\nunchanged by the plan: idle power "
            + NUMBERS.scaled(idle, "W")
            + " dominates at 10 requests/s (inference adds "
            + NUMBERS.scaled(p.averageWatts() - idle, "W")
            + ")";
    assertEquals(expected, valueText(robot, "#powerTileComparison"));
    fx(() -> scrollTilesToTheEnd(robot));
    fixture.screenshot("31-dashboard-power-idle-bound");

    // At a rate the device can barely serve, inference sets the power and the saving shows.
    CostAssumptions busy =
        new CostAssumptions(0.6, 0.7, false, 1e7, CostAssumptions.AVERAGE_PUE, 0.4);
    fx(() -> fixture.app.costs().assumptions().set(busy));
    fixture.waitForIdle();
    CostComparison busyCost =
        engineCost(PrecisionPlan.fp32().with("conv2", INT8).with("fc1", INT8), busy);
    String text = valueText(robot, "#powerTileComparison");
    assertTrue(
        text.endsWith(
            NUMBERS.signedPercent(-busyCost.powerSaving())
                + " vs stored/FP32 ("
                + NUMBERS.scaled(busyCost.fp32().averageWatts(), "W")
                + ")"),
        text);
    assertFalse(text.contains("idle power"), text);
  }

  @Test
  void theSizeTileAndTheStatusBarWriteTheWeightsAlike(FxRobot robot) throws Exception {
    fixture.open(WorkbenchFixture.MNIST);
    // 56,592 FP32 weights · 4 B = 226,368 B; with 122 biases and a 4-byte shape tensor the model
    // is 226,860 B. SI units: 1 kB = 1000 B.
    assertEquals("227 kB", valueText(robot, "#sizeTileValue"));
    assertSameWeights(robot, "226 kB");

    fx(() -> fixture.app.plans().setScheme(List.of("fc1"), INT8));
    fixture.waitForIdle();
    PlanSummary s = PlanSummary.of(engine, PrecisionPlan.only("fc1", INT8));
    // fc1's 51,200 int8 codes + 64 float32 scales, and 5,392 FP32 weights elsewhere: 73,024 B.
    assertEquals(73_024, s.storedBytes());
    assertEquals("73.0 kB", NUMBERS.bytes(s.storedBytes()));
    assertSameWeights(robot, "73.0 kB");
  }

  /**
   * The dashboard's two charts colour every series by what it stands for, in both themes: an FP16
   * file gives the cost chart all four of as stored, FP32, current and pinned.
   */
  @Test
  void theDashboardChartsColourEachSeriesByItsRole(FxRobot robot) throws Exception {
    fixture.open(StoredModels.fp16(temp.resolve("fp16.onnx")));
    fx(() -> fixture.app.plans().pin());
    fx(() -> fixture.app.plans().setScheme(List.of("fc1"), INT8));
    fixture.waitForIdle();
    Map<String, PlanRole> sqnr =
        Map.of(
            "current plan", PlanRole.CURRENT,
            "pinned plan", PlanRole.PINNED,
            "FP16", PlanRole.FP16,
            "INT8 per-channel", PlanRole.INT8);
    Map<String, PlanRole> cost =
        Map.of(
            "as stored", PlanRole.AS_STORED,
            "FP32", PlanRole.FP32,
            "current plan", PlanRole.CURRENT,
            "pinned plan", PlanRole.PINNED);
    for (boolean dark : new boolean[] {false, true}) {
      fx(() -> fixture.app.appearance().dark().set(dark));
      fixture.waitForIdle();
      ChartStyle style = dark ? ChartStyle.DARK : ChartStyle.LIGHT;
      assertEquals(sqnr, rolesByColour(fixture.app.dashboardView().sqnrChart(), style));
      assertEquals(cost, rolesByColour(fixture.app.dashboardView().costChart(), style));
      fixture.screenshot(dark ? "35-fp16-pinned-dark" : "34-fp16-pinned-light");
    }
    fx(() -> fixture.app.appearance().dark().set(false));
  }

  /**
   * Each series of {@code pane}'s bar chart, by name, with the role whose colour it is drawn in.
   */
  private static Map<String, PlanRole> rolesByColour(ChartPane pane, ChartStyle style) {
    return onFx(
        () -> {
          var plot = pane.chart().get().chart().getCategoryPlot();
          Map<String, PlanRole> roles = new LinkedHashMap<>();
          for (int row = 0; row < plot.getDataset().getRowCount(); row++) {
            var paint = plot.getRenderer().getSeriesPaint(row);
            for (PlanRole role : PlanRole.values()) {
              if (style.colour(role).equals(paint)) {
                roles.put(plot.getDataset().getRowKey(row).toString(), role);
              }
            }
          }
          return roles;
        });
  }

  private void assertSameWeights(FxRobot robot, String weights) {
    String status = onFx(() -> fixture.app.statusView().getText());
    String tile = valueText(robot, "#sizeTileComparison");
    assertTrue(status.contains("weights " + weights + " "), status);
    assertTrue(tile.endsWith("\nof which weights " + weights), tile);
  }

  /** The explanation blocks of the "why" popup that is showing. */
  private static List<Block> blocks() {
    List<Block> out = new ArrayList<>();
    for (Window w : Window.getWindows()) {
      if (!(w instanceof PopupWindow) || !w.isShowing() || w.getScene() == null) {
        continue;
      }
      Node box = w.getScene().getRoot().lookup(".why-box");
      if (box == null) {
        continue;
      }
      for (Node child : ((Parent) box).getChildrenUnmodifiable()) {
        Parent block = (Parent) child;
        List<String> symbols =
            block.lookupAll(".why-symbol").stream().map(n -> ((Label) n).getText()).toList();
        out.add(
            new Block(
                ((Label) block.lookup(".why-quantity")).getText(),
                ((Label) block.lookup(".why-formula")).getText(),
                symbols));
      }
    }
    return out;
  }

  /** The tiles' scroll pane scrolled to its last row, where the power tile is. */
  private static void scrollTilesToTheEnd(FxRobot robot) {
    Node n = robot.lookup("#powerTile").query();
    while (n != null && !(n instanceof ScrollPane)) {
      n = n.getParent();
    }
    ((ScrollPane) n).setVvalue(1);
  }

  /** WCAG contrast of the why popover's headline against the popover's fill. */
  private static double popoverTextContrast() {
    for (Window w : Window.getWindows()) {
      if (w instanceof PopupWindow && w.isShowing() && w.getScene() != null) {
        Node box = w.getScene().getRoot().lookup(".why-box");
        Node border = w.getScene().getRoot().lookup(".popover > .border");
        if (box != null && border != null) {
          Color text = (Color) ((Label) box.lookup(".why-quantity")).getTextFill();
          return Contrast.ratio(text, (Color) ((Shape) border).getFill());
        }
      }
    }
    throw new AssertionError("no why popover showing");
  }

  private static void hidePopups() {
    for (Window w : List.copyOf(Window.getWindows())) {
      if (w instanceof PopupWindow popup && w.getScene().getRoot().lookup(".why-box") != null) {
        popup.hide();
      }
    }
  }
}
