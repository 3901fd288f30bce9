package io.quantlens.ui.app;

import static io.quantlens.ui.app.WorkbenchFixture.fx;
import static io.quantlens.ui.app.WorkbenchFixture.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.eval.EvalProgress;
import io.quantlens.eval.EvalResult;
import io.quantlens.eval.Evaluator;
import io.quantlens.quant.ActivationScheme;
import io.quantlens.quant.Scheme;
import java.util.List;
import java.util.Locale;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.RadioMenuItem;
import org.junit.jupiter.api.Test;

/**
 * Plan ▸ SmoothQuant on an int4-weight, int8-input MNIST plan: the tile shows the engine's accuracy
 * for the smoothed plan and, beside it, the same plan unsmoothed on the same samples; undo turns it
 * off and the menu follows.
 */
class SmoothQuantWindowTest extends WorkbenchTest {
  private static final List<String> LAYERS = List.of("conv1", "conv2", "fc1", "fc2");

  @Test
  void smoothQuantFromThePlanMenuMeasuresTheSmoothedPlanBesideTheUnsmoothedOne() throws Exception {
    fixture.open(WorkbenchFixture.MNIST);
    fixture.waitForIdle();
    fx(() -> fixture.app.plans().setScheme(LAYERS, Scheme.parse("int4:channel:sym")));
    fx(() -> fixture.app.plans().setActivation(LAYERS, ActivationScheme.parse("int8")));
    fixture.waitForIdle();

    RadioMenuItem half = radio("smoothQuant50");
    fx(half::fire);
    fixture.waitForIdle();
    PrecisionPlan plan = onFx(() -> fixture.app.plans().plan().get());
    assertEquals(0.5, plan.smoothQuantAlpha());
    assertTrue(onFx(half::isSelected));

    EvalResult shown = onFx(() -> fixture.app.accuracy().result().get());
    EvalResult unsmoothed = onFx(() -> fixture.app.accuracy().uncorrectedResult().get());
    EvalResult engine;
    EvalResult engineUnsmoothed;
    try (Evaluator evaluator = ActivationsWindowTest.engineEvaluator()) {
      engine = evaluator.evaluate(plan, EvalProgress.NONE);
      engineUnsmoothed =
          evaluator.evaluate(plan.withSmoothQuant(Double.NaN), engine.samples(), EvalProgress.NONE);
    }
    assertEquals(1936, shown.samples(), "max|X| is read on the last 64 samples");
    assertEquals(engine.quantizedAccuracy(), shown.quantizedAccuracy());
    assertEquals(engine.outputSqnrDb(), shown.outputSqnrDb());
    assertEquals(engineUnsmoothed.outputSqnrDb(), unsmoothed.outputSqnrDb());
    assertNotEquals(shown.outputSqnrDb(), unsmoothed.outputSqnrDb());
    Label comparison = onFx(() -> (Label) fixture.app.root().lookup("#accuracyTileComparison"));
    String text = onFx(comparison::getText);
    assertTrue(
        text.contains(
            String.format(
                Locale.ROOT,
                "unsmoothed: %+.2f pts",
                -engineUnsmoothed.accuracyDropPoints() + 0.0)),
        text);
    String tip = onFx(() -> comparison.getTooltip().getText());
    assertTrue(tip.startsWith("SmoothQuant moves activation outliers"), tip);
    assertTrue(tip.contains("\u03b1 0.50"), tip);
    fixture.screenshot("33-mnist-smoothquant");

    fx(() -> fixture.app.plans().undo());
    fixture.waitForIdle();
    assertEquals(false, onFx(() -> fixture.app.plans().plan().get().smoothes()));
    assertTrue(onFx(() -> radio("smoothQuantOff").isSelected()));
  }

  private RadioMenuItem radio(String id) {
    return onFx(
        () -> {
          MenuBar bar = (MenuBar) fixture.app.root().lookup("#menuBar");
          Menu smooth =
              (Menu)
                  bar.getMenus().stream()
                      .flatMap(m -> m.getItems().stream())
                      .filter(i -> "smoothQuantMenu".equals(i.getId()))
                      .findFirst()
                      .orElseThrow();
          return (RadioMenuItem)
              smooth.getItems().stream()
                  .filter(i -> id.equals(i.getId()))
                  .findFirst()
                  .orElseThrow();
        });
  }
}
