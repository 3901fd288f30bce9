package io.quantlens.ui.app;

import static io.quantlens.ui.app.WorkbenchFixture.fx;
import static io.quantlens.ui.app.WorkbenchFixture.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.eval.EvalOptions;
import io.quantlens.eval.EvalProgress;
import io.quantlens.eval.EvalResult;
import io.quantlens.eval.Evaluator;
import io.quantlens.eval.SampleResult;
import io.quantlens.formats.npy.Npy;
import io.quantlens.formats.npy.NpyArray;
import io.quantlens.model.Layer;
import io.quantlens.quant.Scheme;
import io.quantlens.session.Session;
import java.nio.ByteBuffer;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/**
 * Plan ▸ Flipped samples… on the bundled MNIST CNN: the digits whose class the plan changes, drawn
 * from the evaluation data, against the engine's own measurement of the same plan.
 */
class FlippedSamplesWindowTest extends WorkbenchTest {
  private static final Scheme INT4 = Scheme.parse("int4:g32:sym");
  private static final int SIDE = 28;

  private static PrecisionPlan plan;
  private static EvalResult engine;
  private static NpyArray digits;

  @BeforeAll
  static void engine() throws Exception {
    Session session = Session.open(WorkbenchFixture.MNIST);
    // Every layer set to INT4 one by one, as the window's table does.
    plan = PrecisionPlan.fp32();
    for (Layer layer : session.model().layers()) {
      plan = plan.with(layer.name(), INT4);
    }
    try (Evaluator evaluator =
        session.evaluator(session.evalData(null), null, EvalOptions.defaults())) {
      engine = evaluator.evaluate(plan, EvalProgress.NONE);
    }
    digits = Npy.read(WorkbenchFixture.MNIST.resolveSibling("eval").resolve("image.npy"));
  }

  @Test
  void theDigitsThePlanFlipsAreTheMeasurementsWithTheirPixelsAndClasses(FxRobot robot)
      throws Exception {
    fixture.open(WorkbenchFixture.MNIST);
    List<String> layers =
        onFx(
            () ->
                fixture.app.workspace().opened().get().analysis().layers().stream()
                    .map(l -> l.layer().name())
                    .toList());
    fx(() -> fixture.app.plans().setScheme(layers, INT4));
    fixture.waitForIdle();
    assertEquals(plan, onFx(() -> fixture.app.accuracy().result().get().plan()));

    robot.clickOn("Plan");
    robot.clickOn("Flipped samples…");
    Stage window = onFx(() -> fixture.app.accuracyWindow().stage());
    assertTrue(onFx(window::isShowing));
    assertEquals(
        "QuantLens \u2014 accuracy per layer and per sample \u2014 mnist-cnn.onnx",
        onFx(window::getTitle));
    List<SampleResult> expected = engine.flipped();
    assertTrue(expected.size() >= 5, "the test wants a few flips, int4 gives " + expected.size());

    List<Node> tiles = onFx(() -> List.copyOf(tiles(robot).getChildren()));
    assertEquals(expected.size(), tiles.size());
    ByteBuffer pixels = digits.data();
    for (int i = 0; i < expected.size(); i++) {
      SampleResult want = expected.get(i);
      VBox tile = (VBox) tiles.get(i);
      SampleResult shown = (SampleResult) tile.getUserData();
      assertEquals(want.index(), shown.index());
      assertEquals(want.label(), shown.label());
      assertEquals(want.referenceClass(), shown.referenceClass());
      assertEquals(want.quantizedClass(), shown.quantizedClass());
      String mark =
          want.referenceClass() == want.label()
              ? " ✗"
              : want.quantizedClass() == want.label() ? " ✓" : "";
      assertEquals(
          want.label() + " → " + want.referenceClass() + " → " + want.quantizedClass() + mark,
          onFx(() -> ((Label) tile.getChildren().get(1)).getText()));
      Image image = onFx(() -> ((ImageView) tile.getChildren().get(0)).getImage());
      assertEquals(SIDE, (int) image.getWidth());
      // Every row of the first digit, the middle row of the others, byte for byte.
      for (int y = i == 0 ? 0 : SIDE / 2; y < (i == 0 ? SIDE : SIDE / 2 + 1); y++) {
        for (int x = 0; x < SIDE; x++) {
          int stored = pixels.get(want.index() * SIDE * SIDE + y * SIDE + x) & 0xFF;
          int drawn = image.getPixelReader().getArgb(x, y);
          assertEquals(0xFF000000 | stored << 16 | stored << 8 | stored, drawn, "#" + i);
        }
      }
    }
    String header = onFx(() -> robot.lookup("#flippedHeader").queryAs(Label.class).getText());
    long broken = expected.stream().filter(s -> s.referenceClass() == s.label()).count();
    long fixed = expected.stream().filter(s -> s.quantizedClass() == s.label()).count();
    assertEquals(
        expected.size()
            + " of 2,000 samples change class under "
            + engine.plan().describe()
            + ": "
            + broken
            + " now wrong (✗), "
            + fixed
            + " now right (✓). Under each: label → FP32 class → plan class.",
        header);
    fixture.screenshot("flipped-01-int4-digits", window);
    fx(() -> fixture.app.appearance().dark().set(true));
    fixture.screenshot("flipped-01b-int4-digits-dark", window);
    fx(() -> fixture.app.appearance().dark().set(false));

    // Back to FP32: the next measurement flips nothing, and the view says so.
    fx(() -> fixture.app.plans().undo());
    fixture.waitForIdle();
    assertEquals(0, onFx(() -> tiles(robot).getChildren().size()));
    assertEquals(
        "No sample of 2,000 changes class under " + PrecisionPlan.fp32().describe() + ".",
        onFx(() -> robot.lookup("#flippedHeader").queryAs(Label.class).getText()));
    fixture.screenshot("flipped-02-fp32-none", window);
  }

  private static FlowPane tiles(FxRobot robot) {
    return robot.lookup("#flippedTiles").queryAs(FlowPane.class);
  }
}
