package io.quantlens.ui.app;

import static io.quantlens.ui.app.WorkbenchFixture.fx;
import static io.quantlens.ui.app.WorkbenchFixture.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.analysis.lessons.BitsAndClipping;
import io.quantlens.analysis.lessons.StepNoise;
import io.quantlens.analysis.lessons.TestSignal;
import io.quantlens.analysis.lessons.UniformQuantizer;
import io.quantlens.quant.Scheme;
import io.quantlens.text.Language;
import io.quantlens.text.Numbers;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;

/**
 * The lessons window from the toolbar's Teach button: lesson 1's numbers are the engine's for the
 * same signal, the selected layer's weights can be the signal, "try it" applies the lesson's plan
 * (undoable), and lesson 2's optimum is the engine's.
 */
class LessonsWindowTest extends WorkbenchTest {
  private static final Numbers NUMBERS = Language.ENGLISH.messages().numbers();

  /** The lessons' samples: 65,536 of each test signal, seed 2026. */
  private static float[] signal(TestSignal s) {
    return s.samples(65_536, 2026);
  }

  @Test
  void lessonOneShowsTheEnginesStepAndNoiseAndTriesItsPlanOnTheModel() throws Exception {
    fixture.open(WorkbenchFixture.MNIST);
    fixture.waitForIdle();
    Button teach = onFx(() -> (Button) fixture.app.root().lookup("#teachButton"));
    fx(teach::fire);
    Stage stage = onFx(() -> fixture.app.lessonsWindow().stage());
    Slider bits = onFx(() -> (Slider) stage.getScene().lookup("#lesson1Bits"));
    fx(() -> bits.setValue(8));
    Label numbers = onFx(() -> (Label) stage.getScene().lookup("#lesson1Numbers"));
    float[] uniform = signal(TestSignal.UNIFORM);
    StepNoise engine =
        StepNoise.of(uniform, new UniformQuantizer(8, BitsAndClipping.amax(uniform)));
    String text = onFx(numbers::getText);
    assertTrue(
        text.startsWith("Step \u0394 = " + NUMBERS.significant(engine.quantizer().step())), text);
    assertTrue(text.contains(NUMBERS.three(engine.rmsePerStep()) + "\u00b7\u0394"), text);
    assertEquals(0.289, engine.rmsePerStep(), 0.005);
    assertTrue(text.contains("SQNR " + NUMBERS.db(engine.sqnrDb())), text);
    fixture.screenshot("40-lesson-step-noise", stage);
    Label explanation = onFx(() -> (Label) stage.getScene().lookup("#lesson1Text"));
    // A combining mark (x\u0302) once kept the text from wrapping to the window.
    assertTrue(
        onFx(() -> explanation.localToScene(explanation.getBoundsInLocal()).getMaxX())
            <= onFx(() -> stage.getScene().getWidth()));

    fx(() -> fixture.app.workspace().select("fc1"));
    @SuppressWarnings("unchecked")
    ComboBox<Object> signal =
        onFx(() -> (ComboBox<Object>) stage.getScene().lookup("#lesson1Signal"));
    List<String> offered = onFx(() -> signal.getItems().stream().map(Object::toString).toList());
    assertEquals("Weights of fc1", offered.get(offered.size() - 1), offered.toString());
    fx(() -> signal.getSelectionModel().selectLast());
    fx(() -> bits.setValue(4));
    String layerText = onFx(numbers::getText);
    assertTrue(!layerText.equals(text), layerText);

    Button tryIt = onFx(() -> (Button) stage.getScene().lookup("#lesson1Try"));
    assertEquals(false, onFx(tryIt::isDisable));
    fx(tryIt::fire);
    fixture.waitForIdle();
    assertEquals(
        PrecisionPlan.uniform(Scheme.parse("int4:tensor:sym")),
        onFx(() -> fixture.app.plans().plan().get()));
    fx(() -> bits.setValue(12));
    assertEquals(true, onFx(tryIt::isDisable), "the workbench's integers have 8 bits at most");
    fx(() -> fixture.app.plans().undo());
    fixture.waitForIdle();
    assertEquals(PrecisionPlan.fp32(), onFx(() -> fixture.app.plans().plan().get()));
  }

  @Test
  void lessonThreeComparesTheScalesOfAMatrixWithAnOutlierChannel() throws Exception {
    fixture.open(WorkbenchFixture.MNIST);
    fixture.waitForIdle();
    fx(() -> fixture.app.showLessons());
    Stage stage = onFx(() -> fixture.app.lessonsWindow().stage());
    fx(() -> fixture.app.lessonsWindow().tabs().getSelectionModel().select(2));
    Slider bits = onFx(() -> (Slider) stage.getScene().lookup("#lesson3Bits"));
    fx(() -> bits.setValue(8));
    List<io.quantlens.analysis.lessons.Granularities.Row> engine =
        io.quantlens.analysis.lessons.Granularities.compare(
            io.quantlens.analysis.lessons.Granularities.matrix(20, 2026), 8, 32);
    String text = onFx(() -> ((Label) stage.getScene().lookup("#lesson3Numbers")).getText());
    assertTrue(
        text.contains(
            "per channel "
                + NUMBERS.db(ordinaryMedian(engine.get(1)))
                + " at "
                + NUMBERS.three(engine.get(1).bitsPerWeight())),
        text);
    assertTrue(text.contains("groups of 32: " + NUMBERS.db(ordinaryMedian(engine.get(2)))), text);
    assertTrue(ordinaryMedian(engine.get(1)) > ordinaryMedian(engine.get(0)) + 20, text);
    fixture.screenshot("43-lesson-granularity", stage);
    Button tryIt = onFx(() -> (Button) stage.getScene().lookup("#lesson3Try"));
    fx(tryIt::fire);
    fixture.waitForIdle();
    assertEquals(
        PrecisionPlan.uniform(Scheme.parse("int8:channel:sym")),
        onFx(() -> fixture.app.plans().plan().get()));
  }

  @Test
  void lessonFourComparesInt8AndFp8OnTheChosenSignal() throws Exception {
    fixture.open(WorkbenchFixture.MNIST);
    fx(() -> fixture.app.showLessons());
    Stage stage = onFx(() -> fixture.app.lessonsWindow().stage());
    fx(() -> fixture.app.lessonsWindow().tabs().getSelectionModel().select(3));
    @SuppressWarnings("unchecked")
    ComboBox<Object> signal =
        onFx(() -> (ComboBox<Object>) stage.getScene().lookup("#lesson4Signal"));
    fx(() -> signal.getSelectionModel().select(2)); // Laplace
    float[] laplace = signal(TestSignal.LAPLACE);
    double int8 = io.quantlens.analysis.lessons.FloatFormats.int8SqnrDb(laplace);
    double fp8 =
        io.quantlens.analysis.lessons.FloatFormats.scaledFloatSqnrDb(
            laplace, io.quantlens.quant.FloatFormat.FP8_E4M3);
    String text = onFx(() -> ((Label) stage.getScene().lookup("#lesson4Numbers")).getText());
    assertTrue(
        text.startsWith(
            "FP8 E4M3: largest 448, smallest normal 0.0156, smallest subnormal 0.00195,"
                + " relative error at most 6.25 %"),
        text);
    assertTrue(text.endsWith("INT8 " + NUMBERS.db(int8) + ", FP8 E4M3 " + NUMBERS.db(fp8)), text);
    fixture.screenshot("45-lesson-float-formats", stage);
  }

  @Test
  void lessonFiveMeasuresTheOpenModelWithBitErrorsAsTheEngineDoes() throws Exception {
    fixture.open(WorkbenchFixture.MNIST);
    fx(() -> fixture.app.showLessons());
    Stage stage = onFx(() -> fixture.app.lessonsWindow().stage());
    fx(() -> fixture.app.lessonsWindow().tabs().getSelectionModel().select(4));
    Button measure = onFx(() -> (Button) stage.getScene().lookup("#lesson5Measure"));
    fx(measure::fire);
    WorkbenchFixture.waitUntil(
        120,
        () ->
            onFx(
                () ->
                    ((Label) stage.getScene().lookup("#lesson5Numbers"))
                        .getText()
                        .startsWith("At BER")));
    String text = onFx(() -> ((Label) stage.getScene().lookup("#lesson5Numbers")).getText());
    double fp32;
    double int8;
    try (io.quantlens.eval.Evaluator e = ActivationsWindowTest.engineEvaluator()) {
      fp32 = bitErrorScore(e, io.quantlens.analysis.biterrors.StoredForm.FP32);
      int8 = bitErrorScore(e, io.quantlens.analysis.biterrors.StoredForm.INT8);
    }
    assertTrue(
        text.startsWith("At BER 10^\u22124: fp32 " + NUMBERS.percent(fp32) + " \u00b7 fp16 "),
        text);
    assertTrue(text.contains("int8 " + NUMBERS.percent(int8)), text);
    assertTrue(int8 > fp32 + 0.3, text);
    fixture.screenshot("46-lesson-bit-errors", stage);
  }

  private static double bitErrorScore(
      io.quantlens.eval.Evaluator e, io.quantlens.analysis.biterrors.StoredForm form)
      throws Exception {
    var flipped =
        io.quantlens.analysis.biterrors.ModelBitErrors.inject(
            e.model(), form, 1e-4, io.quantlens.analysis.biterrors.BitErrors.Protection.NONE, 1);
    return io.quantlens.ui.state.BitErrorState.score(
        e.evaluateWeights(flipped.weights(), io.quantlens.eval.EvalProgress.NONE));
  }

  @Test
  void lessonSixShowsTheCostModelsPowerAtTheChosenRate() throws Exception {
    fixture.open(WorkbenchFixture.MNIST);
    fx(() -> fixture.app.showLessons());
    Stage stage = onFx(() -> fixture.app.lessonsWindow().stage());
    fx(() -> fixture.app.lessonsWindow().tabs().getSelectionModel().select(5));
    Slider rate = onFx(() -> (Slider) stage.getScene().lookup("#lesson6Rate"));
    fx(() -> rate.setValue(3));
    var costs = fixture.app.costs();
    io.quantlens.cost.ModelCost int8 =
        onFx(() ->
                fixture
                    .app
                    .workspace()
                    .opened()
                    .get()
                    .session()
                    .cost(
                        costs.workload().get(),
                        PrecisionPlan.uniform(Scheme.parse("int8:channel:sym")),
                        costs.hardware().get(),
                        costs.assumptions().get()))
            .plan()
            .atUse(1000, 1.58);
    String text = onFx(() -> ((Label) stage.getScene().lookup("#lesson6Numbers")).getText());
    assertTrue(
        text.contains(
            "int8:channel:sym: "
                + NUMBERS.bytes(int8.dramBytes() / int8.workload().batch())
                + " from memory, "
                + NUMBERS.scaled(int8.joulesPerInference(), "J")
                + " per inference, average "
                + NUMBERS.scaled(int8.averageWatts(), "W")),
        text);
    String formula = onFx(() -> ((Label) stage.getScene().lookup("#lesson6Formula")).getText());
    assertEquals("T = N_ops\u00b7f_clk / CPI = " + NUMBERS.scaled(16 * 1.5e9, "OPS"), formula);
    fixture.screenshot("47-lesson-energy", stage);
  }

  @Test
  void lessonSevenChecksTheClaimsOnTheOpenModel() throws Exception {
    fixture.open(WorkbenchFixture.MNIST);
    fx(() -> fixture.app.showLessons());
    Stage stage = onFx(() -> fixture.app.lessonsWindow().stage());
    fx(() -> fixture.app.lessonsWindow().tabs().getSelectionModel().select(6));
    fx(() -> ((Button) stage.getScene().lookup("#lesson7Check")).fire());
    WorkbenchFixture.waitUntil(
        120, () -> onFx(() -> stage.getScene().lookup("#lesson7Measured-bandwidth4") != null));
    var costs = fixture.app.costs();
    var session = onFx(() -> fixture.app.workspace().opened().get().session());
    java.util.function.Function<String, Double> bytes =
        id -> {
          try {
            return session
                .cost(
                    costs.workload().get(),
                    id.equals("fp32")
                        ? PrecisionPlan.fp32()
                        : PrecisionPlan.uniform(Scheme.parse(id)),
                    costs.hardware().get(),
                    costs.assumptions().get())
                .plan()
                .modelBytes();
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        };
    double saving4 = 100 * (1 - bytes.apply("int4:g32:sym") / bytes.apply("fp32"));
    assertEquals(
        NUMBERS.three(saving4) + " % fewer weight bytes",
        onFx(() -> ((Label) stage.getScene().lookup("#lesson7Measured-bandwidth4")).getText()));
    assertTrue(saving4 < 88 && saving4 > 80, String.valueOf(saving4));
    javafx.scene.layout.GridPane table =
        onFx(() -> (javafx.scene.layout.GridPane) stage.getScene().lookup("#lesson7Claims"));
    List<String> cells =
        onFx(() -> table.getChildren().stream().map(n -> ((Label) n).getText()).toList());
    assertEquals(4 * 6, cells.size());
    assertEquals("does not hold", cells.get(4 * 5 + 2), cells.toString());
    fixture.screenshot("48-lesson-myths", stage);
  }

  @Test
  void lessonEightMeasuresMixedPrecisionAndBiasCorrectionAsTheEngineDoes() throws Exception {
    fixture.open(WorkbenchFixture.MNIST);
    fx(() -> fixture.app.showLessons());
    Stage stage = onFx(() -> fixture.app.lessonsWindow().stage());
    fx(() -> fixture.app.lessonsWindow().tabs().getSelectionModel().select(7));
    fx(() -> ((Button) stage.getScene().lookup("#lesson8Measure")).fire());
    WorkbenchFixture.waitUntil(
        180,
        () ->
            onFx(
                () ->
                    ((Label) stage.getScene().lookup("#lesson8Numbers"))
                        .getText()
                        .startsWith("INT4 everywhere")));
    String text = onFx(() -> ((Label) stage.getScene().lookup("#lesson8Numbers")).getText());
    Scheme int4 = Scheme.parse("int4:g32:sym");
    io.quantlens.model.Model model =
        onFx(() -> fixture.app.workspace().opened().get().session().model());
    String worst =
        model.layers().stream()
            .min(
                java.util.Comparator.comparingDouble(
                    (io.quantlens.model.Layer l) ->
                        io.quantlens.analysis.lessons.WeightNoise.of(l, int4).sqnrDb()))
            .orElseThrow()
            .name();
    double all4;
    double one8;
    try (io.quantlens.eval.Evaluator e = ActivationsWindowTest.engineEvaluator()) {
      PrecisionPlan plan = PrecisionPlan.uniform(int4);
      all4 = e.evaluate(plan, io.quantlens.eval.EvalProgress.NONE).quantizedAccuracy();
      one8 =
          e.evaluate(
                  plan.with(worst, Scheme.parse("int8:channel:sym")),
                  io.quantlens.eval.EvalProgress.NONE)
              .quantizedAccuracy();
    }
    assertTrue(
        text.startsWith(
            "INT4 everywhere: "
                + NUMBERS.percent(all4)
                + "; with 1 layer(s) at INT8: "
                + NUMBERS.percent(one8)
                + " (first "
                + worst
                + ")"),
        text);
    fixture.screenshot("49-lesson-mixed-precision", stage);
  }

  @Test
  void presenterModeShowsOneChartAtATimeAndTheKeysStepThroughTheLessons() throws Exception {
    fixture.open(WorkbenchFixture.MNIST);
    fx(() -> fixture.app.showLessons());
    Stage stage = onFx(() -> fixture.app.lessonsWindow().stage());
    TabPane tabs = onFx(() -> fixture.app.lessonsWindow().tabs());
    key(stage, javafx.scene.input.KeyCode.F5);
    assertTrue(onFx(() -> fixture.app.lessonsWindow().presenting()));
    assertTrue(onFx(() -> stage.getScene().getRoot().getStyleClass().contains("presenter")));
    assertEquals(List.of(true, false), visibleCharts(stage, "lesson-staircase", "lesson-errors"));
    fixture.screenshot("44-lesson-presenter", stage);
    key(stage, javafx.scene.input.KeyCode.RIGHT);
    assertEquals(List.of(false, true), visibleCharts(stage, "lesson-staircase", "lesson-errors"));
    key(stage, javafx.scene.input.KeyCode.PAGE_DOWN);
    assertEquals(1, onFx(() -> tabs.getSelectionModel().getSelectedIndex()));
    assertEquals(List.of(true, false), visibleCharts(stage, "lesson-sqnr-bits", "lesson-clipping"));
    key(stage, javafx.scene.input.KeyCode.LEFT);
    assertEquals(0, onFx(() -> tabs.getSelectionModel().getSelectedIndex()));
    assertEquals(List.of(false, true), visibleCharts(stage, "lesson-staircase", "lesson-errors"));
    key(stage, javafx.scene.input.KeyCode.ESCAPE);
    assertEquals(List.of(true, true), visibleCharts(stage, "lesson-staircase", "lesson-errors"));
  }

  static void key(Stage stage, javafx.scene.input.KeyCode code) {
    fx(
        () ->
            stage
                .getScene()
                .getRoot()
                .fireEvent(
                    new javafx.scene.input.KeyEvent(
                        javafx.scene.input.KeyEvent.KEY_PRESSED,
                        "",
                        "",
                        code,
                        false,
                        false,
                        false,
                        false)));
  }

  /** Whether each named chart pane (by its export name) is shown. */
  private static List<Boolean> visibleCharts(Stage stage, String... names) {
    return onFx(
        () ->
            java.util.Arrays.stream(names)
                .map(
                    n ->
                        stage.getScene().getRoot().lookupAll(".chart-pane").stream()
                            .filter(
                                p ->
                                    p instanceof io.quantlens.ui.export.ChartPane c
                                        && n.equals(c.name()))
                            .anyMatch(javafx.scene.Node::isVisible))
                .toList());
  }

  private static double ordinaryMedian(io.quantlens.analysis.lessons.Granularities.Row row) {
    double[] sqnr = row.channelSqnrDb();
    double[] ordinary = new double[sqnr.length - 1];
    for (int c = 0, k = 0; c < sqnr.length; c++) {
      if (c != io.quantlens.analysis.lessons.Granularities.OUTLIER) {
        ordinary[k++] = sqnr[c];
      }
    }
    java.util.Arrays.sort(ordinary);
    return ordinary[ordinary.length / 2];
  }

  @Test
  void lessonTwoShowsTheRuleAndTheEnginesClippingOptimum() throws Exception {
    fixture.open(WorkbenchFixture.MNIST);
    fixture.waitForIdle();
    fx(() -> fixture.app.showLessons());
    Stage stage = onFx(() -> fixture.app.lessonsWindow().stage());
    TabPane tabs = onFx(() -> fixture.app.lessonsWindow().tabs());
    fx(() -> tabs.getSelectionModel().select(1));
    @SuppressWarnings("unchecked")
    ComboBox<Object> signal =
        onFx(() -> (ComboBox<Object>) stage.getScene().lookup("#lesson2Signal"));
    fx(() -> signal.getSelectionModel().select(1)); // Gaussian
    Slider bits = onFx(() -> (Slider) stage.getScene().lookup("#lesson2Bits"));
    fx(() -> bits.setValue(4));
    float[] gaussian = signal(TestSignal.GAUSSIAN);
    BitsAndClipping.Point best =
        BitsAndClipping.optimum(BitsAndClipping.mseByClipping(gaussian, 4));
    double sqnr4 = BitsAndClipping.sqnrByBits(gaussian, 4, 4).get(0).y();
    String text = onFx(() -> ((Label) stage.getScene().lookup("#lesson2Numbers")).getText());
    assertTrue(
        text.startsWith(
            "At 4 bits: SQNR "
                + NUMBERS.db(sqnr4)
                + ", the rule gives "
                + NUMBERS.db(StepNoise.sineRuleDb(4))),
        text);
    assertTrue(text.contains("least error with R at " + NUMBERS.percent(best.x())), text);
    fixture.screenshot("41-lesson-sqnr-bits", stage);
    fx(() -> fixture.app.appearance().dark().set(true));
    fixture.screenshot("42-lesson-sqnr-bits-dark", stage);
  }
}
