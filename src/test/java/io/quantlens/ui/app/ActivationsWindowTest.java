package io.quantlens.ui.app;

import static io.quantlens.ui.app.WorkbenchFixture.fx;
import static io.quantlens.ui.app.WorkbenchFixture.onFx;
import static io.quantlens.ui.app.WorkbenchWindowTest.valueText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.charts.ChartTable;
import io.quantlens.eval.ActivationProfile;
import io.quantlens.eval.ActivationReport;
import io.quantlens.eval.DataOrigin;
import io.quantlens.eval.EvalData;
import io.quantlens.eval.EvalDataLoader;
import io.quantlens.eval.EvalOptions;
import io.quantlens.eval.EvalProgress;
import io.quantlens.eval.EvalResult;
import io.quantlens.eval.EvalTask;
import io.quantlens.eval.Evaluator;
import io.quantlens.eval.LayerError;
import io.quantlens.formats.ModelFiles;
import io.quantlens.model.Model;
import io.quantlens.quant.ActivationScheme;
import io.quantlens.quant.Histogram;
import io.quantlens.quant.Scheme;
import io.quantlens.text.Language;
import io.quantlens.text.Messages;
import io.quantlens.text.Numbers;
import io.quantlens.ui.state.ActivationState;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/**
 * W8A8 set on a selection from the table's menu: the accuracy tile and the activation view show the
 * engine's results.
 */
class ActivationsWindowTest extends WorkbenchTest {
  private static final Messages NUMBERS_TEXT = Language.ENGLISH.messages();
  private static final Numbers NUMBERS = NUMBERS_TEXT.numbers();

  @Test
  void settingInt8InputsOnTheSelectionMeasuresTheW8A8Plan(FxRobot robot) throws Exception {
    fixture.open(WorkbenchFixture.MNIST);
    fixture.waitForIdle();
    var table = onFx(() -> fixture.app.tableView().table());
    fx(() -> table.getSelectionModel().selectAll());
    fx(() -> fixture.app.plans().setScheme(fixture.app.tableView().selectedNames(), INT8));
    fixture.waitForIdle();
    EvalResult weightOnly = onFx(() -> fixture.app.accuracy().result().get());

    MenuItem int8 =
        onFx(
            () -> {
              Menu input =
                  (Menu)
                      table.getContextMenu().getItems().stream()
                          .filter(i -> "setActivation".equals(i.getId()))
                          .findFirst()
                          .orElseThrow();
              return input.getItems().stream()
                  .filter(i -> i.getText().equals("int8:tensor:asym:static"))
                  .findFirst()
                  .orElseThrow();
            });
    fx(int8::fire);
    fixture.waitForIdle();

    PrecisionPlan plan = onFx(() -> fixture.app.plans().plan().get());
    for (String layer : List.of("conv1", "conv2", "fc1", "fc2")) {
      assertEquals(STATIC_INT8, plan.activationFor(layer), layer);
      assertEquals(
          "int8:tensor:asym:static",
          onFx(() -> fixture.app.tableModel().row(layer).activation().get().id()));
    }
    EvalResult shown = onFx(() -> fixture.app.accuracy().result().get());
    EvalResult engine = engine(plan);
    assertEquals(engine.samples(), shown.samples());
    assertEquals(1936, shown.samples(), "the last 64 samples calibrate the ranges");
    assertEquals(engine.quantizedAccuracy(), shown.quantizedAccuracy());
    assertEquals(engine.outputSqnrDb(), shown.outputSqnrDb());
    assertNotEquals(weightOnly.outputSqnrDb(), shown.outputSqnrDb());
    assertEquals(
        String.format(Locale.ROOT, "%+.2f pts", -engine.accuracyDropPoints() + 0.0),
        valueText(robot, "#accuracyTileValue"));
    fixture.screenshot("30-mnist-w8a8-inputs");
    String tip = onFx(() -> accuracyLabel().getTooltip().getText());
    assertEquals(false, tip.contains("Dynamic input ranges"), tip);

    fx(
        () ->
            fixture
                .app
                .plans()
                .setActivation(
                    fixture.app.tableView().selectedNames(),
                    ActivationScheme.parse("int8:dynamic")));
    fixture.waitForIdle();
    String dynamicTip = onFx(() -> accuracyLabel().getTooltip().getText());
    assertEquals(
        true, dynamicTip.contains("depend on the samples per ONNX Runtime call"), dynamicTip);
  }

  @Test
  void biasCorrectionFromTheMenuMeasuresTheCorrectedPlan() throws Exception {
    fixture.open(WorkbenchFixture.MNIST);
    fixture.waitForIdle();
    var table = onFx(() -> fixture.app.tableView().table());
    fx(() -> table.getSelectionModel().selectAll());
    fx(
        () ->
            fixture
                .app
                .plans()
                .setScheme(fixture.app.tableView().selectedNames(), Scheme.parse("int3")));
    fixture.waitForIdle();
    MenuItem on =
        onFx(
            () ->
                table.getContextMenu().getItems().stream()
                    .filter(i -> "biasOn".equals(i.getId()))
                    .findFirst()
                    .orElseThrow());
    fx(on::fire);
    fixture.waitForIdle();
    PrecisionPlan plan = onFx(() -> fixture.app.plans().plan().get());
    assertEquals(java.util.Set.of("conv1", "conv2", "fc1", "fc2"), plan.biasCorrected());
    EvalResult shown = onFx(() -> fixture.app.accuracy().result().get());
    EvalResult engine = engine(plan);
    assertEquals(1936, shown.samples(), "E[x] is measured on the last 64 samples");
    assertEquals(engine.quantizedAccuracy(), shown.quantizedAccuracy());
    assertEquals(engine.outputSqnrDb(), shown.outputSqnrDb());
    EvalResult uncorrected = onFx(() -> fixture.app.accuracy().uncorrectedResult().get());
    EvalResult engineUncorrected;
    try (Evaluator evaluator = engineEvaluator()) {
      engineUncorrected =
          evaluator.evaluate(
              plan.withBiasCorrection(evaluator.model(), false), 1936, EvalProgress.NONE);
    }
    assertEquals(1936, uncorrected.samples(), "the same samples as the corrected plan");
    assertEquals(engineUncorrected.quantizedAccuracy(), uncorrected.quantizedAccuracy());
    assertNotEquals(shown.quantizedAccuracy(), uncorrected.quantizedAccuracy());
    String comparison =
        onFx(
            () ->
                ((javafx.scene.control.Label) fixture.app.root().lookup("#accuracyTileComparison"))
                    .getText());
    assertEquals(
        true,
        comparison.contains(
            String.format(
                Locale.ROOT,
                "uncorrected: %+.2f pts",
                -engineUncorrected.accuracyDropPoints() + 0.0)),
        comparison);
    String tip =
        onFx(
            () ->
                ((javafx.scene.control.Label) fixture.app.root().lookup("#accuracyTileComparison"))
                    .getTooltip()
                    .getText());
    assertEquals(true, tip.startsWith("Bias correction is on for 4 layers"), tip);
    fixture.screenshot("32-mnist-bias-correction");
    fx(() -> fixture.app.plans().undo());
    fixture.waitForIdle();
    assertEquals(java.util.Set.of(), onFx(() -> fixture.app.plans().plan().get().biasCorrected()));
  }

  @Test
  void anInt8OnlyDeviceSaysWhenTheInputsStayFloat() throws Exception {
    fixture.open(WorkbenchFixture.MNIST);
    fixture.waitForIdle();
    List<String> notices = new java.util.ArrayList<>();
    fx(() -> fixture.app.services().notices().onNotice(notices::add));
    fx(() -> fixture.app.plans().setScheme(List.of("conv1", "conv2", "fc1", "fc2"), INT8));
    fixture.waitForIdle();
    var tpu =
        io.quantlens.cost.HardwareProfiles.builtIn().byId("google-coral-edge-tpu").orElseThrow();
    fx(() -> fixture.app.costs().hardware().set(tpu));
    fixture.waitForIdle();
    assertEquals(1, notices.size(), notices.toString());
    assertEquals(
        "On this hardware, the device computes 4 layers in INT8 while the plan keeps wider weights"
            + " or inputs there, so the measured accuracy is of another model; the consistent plan"
            + " quantizes their weights and inputs to int8 (Plan \u25b8 Match the hardware's integer"
            + " arithmetic, or the full-int8 preset).",
        notices.get(0));
    MenuItem consistent =
        onFx(
            () ->
                ((javafx.scene.control.MenuBar) fixture.app.root().lookup("#menuBar"))
                    .getMenus().stream()
                        .flatMap(menu -> menu.getItems().stream())
                        .filter(item -> "consistentPlan".equals(item.getId()))
                        .findFirst()
                        .orElseThrow());
    assertEquals(false, onFx(consistent::isDisable));
    fx(consistent::fire);
    fixture.waitForIdle();
    PrecisionPlan plan = onFx(() -> fixture.app.plans().plan().get());
    for (String layer : List.of("conv1", "conv2", "fc1", "fc2")) {
      assertEquals(INT8, plan.schemeFor(layer));
      assertEquals(STATIC_INT8, plan.activationFor(layer));
    }
    assertEquals(1, notices.size(), "W8A8 runs natively: " + notices);
    assertEquals(true, onFx(consistent::isDisable));
    fx(() -> fixture.app.plans().undo());
    fixture.waitForIdle();
    assertEquals(false, onFx(() -> fixture.app.plans().plan().get().quantizesActivations()));
  }

  @Test
  void theActivationViewFollowsAW8A8SelectionWithTheEnginesNumbers(FxRobot robot) throws Exception {
    fixture.open(WorkbenchFixture.MNIST);
    fixture.waitForIdle();
    var table = onFx(() -> fixture.app.tableView().table());
    fx(() -> table.getSelectionModel().selectAll());
    fx(() -> fixture.app.plans().setScheme(fixture.app.tableView().selectedNames(), INT8));
    fixture.waitForIdle();
    fx(() -> fixture.app.showActivations());
    Stage window = onFx(() -> fixture.app.accuracyWindow().stage());
    fx(() -> window.setWidth(1280));
    fx(() -> window.setHeight(800));
    fx(() -> fixture.app.workspace().select("conv2"));
    robot.clickOn("#measureActivations");
    fixture.waitForIdle();
    WorkbenchFixture.waitUntil(60, () -> fixture.app.activations().profiling().get() == null);
    fixture.waitForIdle();
    ActivationReport w8 = onFx(() -> fixture.app.activations().report().get());
    assertEquals(true, w8.hasErrors());
    assertEquals(false, w8.plan().quantizesActivations());
    ChartTable weightOnly = depthTable();
    assertEquals(
        List.of("layer", NUMBERS_TEXT.get("chart.accumulated"), NUMBERS_TEXT.get("chart.local")),
        weightOnly.headers());

    List<String> layers = List.of("conv1", "conv2", "fc1", "fc2");
    fx(() -> fixture.app.plans().setActivation(layers, STATIC_INT8));
    fixture.waitForIdle();
    WorkbenchFixture.waitUntil(60, () -> fixture.app.activations().profiling().get() == null);
    fixture.waitForIdle();
    fx(() -> fixture.app.workspace().select("conv2"));
    fixture.waitForIdle();
    PrecisionPlan plan = onFx(() -> fixture.app.plans().plan().get());
    ActivationReport shown = onFx(() -> fixture.app.activations().report().get());
    assertEquals(plan, shown.plan());
    assertEquals(STATIC_INT8, plan.activationFor("fc2"));
    ActivationReport engine = engineActivations(plan);
    assertEquals(engine.errorSamples(), shown.errorSamples());
    assertEquals(64, shown.errorSamples());
    ChartTable depth = depthTable();
    assertNotEquals(
        java.util.Arrays.toString(doubles(weightOnly, 1)),
        java.util.Arrays.toString(doubles(depth, 1)),
        "the chart follows the plan");
    assertEquals(layers, texts(depth, 0));
    for (int i = 0; i < layers.size(); i++) {
      LayerError error = engine.layer(layers.get(i)).error();
      assertEquals(error.accumulatedSqnrDb(), doubles(depth, 1)[i], layers.get(i));
      assertEquals(error.localSqnrDb(), doubles(depth, 2)[i], layers.get(i));
      assertEquals(true, Double.isFinite(error.localSqnrDb()), "W8A8 changes every layer");
    }
    ActivationProfile conv2 = engine.layer("conv2").profile();
    assertEquals(conv2.calibrated(), shown.layer("conv2").profile().calibrated());
    ChartTable histogram =
        onFx(() -> fixture.app.activationsView().layerPane().histogram().chart().get().table());
    Histogram bins = conv2.histogram().view(128);
    long[] counts = ((ChartTable.Longs) histogram.columns().get(2)).values();
    assertEquals(
        java.util.Arrays.stream(bins.counts()).boxed().toList(),
        java.util.Arrays.stream(counts).boxed().toList());
    String numbers = onFx(() -> ((Label) window.getScene().lookup("#activationNumbers")).getText());
    assertEquals(true, numbers.contains("scheme int8:tensor:asym:static"), numbers);
    assertEquals(
        true, numbers.contains("clipped " + NUMBERS.percent(conv2.clippedShare())), numbers);
    fixture.screenshot("31-activations-w8a8", window);
  }

  private ChartTable depthTable() {
    return onFx(() -> fixture.app.activationsView().depthChart().chart().get().table());
  }

  private static List<String> texts(ChartTable table, int column) {
    return ((ChartTable.Texts) table.columns().get(column)).values();
  }

  private static double[] doubles(ChartTable table, int column) {
    return ((ChartTable.Doubles) table.columns().get(column)).values();
  }

  private static ActivationReport engineActivations(PrecisionPlan plan) throws Exception {
    try (Evaluator evaluator = engineEvaluator()) {
      return ActivationReport.measure(
          evaluator, plan, ActivationState.DEFAULT_ERROR_SAMPLES, EvalProgress.NONE);
    }
  }

  private javafx.scene.control.Label accuracyLabel() {
    return (javafx.scene.control.Label) fixture.app.root().lookup("#accuracyTileValue");
  }

  private static final Scheme INT8 = Scheme.parse("int8:channel:sym");
  private static final ActivationScheme STATIC_INT8 = ActivationScheme.parse("int8");

  private static EvalResult engine(PrecisionPlan plan) throws Exception {
    try (Evaluator evaluator = engineEvaluator()) {
      return evaluator.evaluate(plan, EvalProgress.NONE);
    }
  }

  static Evaluator engineEvaluator() throws Exception {
    Model model = ModelFiles.open(WorkbenchFixture.MNIST);
    EvalData data =
        EvalDataLoader.load(
            WorkbenchFixture.MNIST.resolveSibling("eval"), model, DataOrigin.BUNDLED);
    return new Evaluator(
        model,
        data,
        EvalTask.detect(model, null),
        new EvalOptions(1, OptionalInt.empty(), EvalOptions.DEFAULT_CALIBRATION));
  }
}
