package io.quantlens.ui.app;

import static io.quantlens.ui.app.WorkbenchFixture.fx;
import static io.quantlens.ui.app.WorkbenchFixture.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.ui.export.ChartPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;

/** Presenter mode grows the charts' type with the page's, and gives it back when it ends. */
class LessonsPresenterTest extends WorkbenchTest {
  @Test
  void presenterModeDrawsTheChartsTypeLargerAndEndingItRestoresIt() throws Exception {
    fixture.open(WorkbenchFixture.MNIST);
    fx(() -> fixture.app.showLessons());
    Stage stage = onFx(() -> fixture.app.lessonsWindow().stage());
    fx(
        () -> {
          stage.setWidth(1024);
          stage.setHeight(700);
        });
    ChartPane staircase = chart(stage, "lesson-staircase");
    ChartPane errors = chart(stage, "lesson-errors");
    float tick = tickSize(staircase);
    float title = onFx(() -> staircase.chart().get().chart().getTitle().getFont().getSize2D());

    LessonsWindowTest.key(stage, KeyCode.F5);
    assertTrue(tickSize(staircase) > tick, tickSize(staircase) + " vs " + tick);
    assertTrue(
        onFx(() -> staircase.chart().get().chart().getTitle().getFont().getSize2D()) > title);
    assertTrue(bottomInView(staircase), "the presented chart is scrolled into view");
    fixture.screenshot("44-lesson-presenter-1024", stage);
    WorkbenchFixture.save(
        "44-lesson-presenter-1024-chart", onFx(() -> staircase.snapshot(null, null)));
    LessonsWindowTest.key(stage, KeyCode.RIGHT);
    assertTrue(tickSize(errors) > tick, "the next chart is large too");
    WorkbenchFixture.save(
        "44-lesson-presenter-1024-errors", onFx(() -> errors.snapshot(null, null)));
    LessonsWindowTest.key(stage, KeyCode.PAGE_DOWN);
    ChartPane sqnr = chart(stage, "lesson-sqnr-bits");
    assertTrue(tickSize(sqnr) > tick, "and the next lesson's");
    WorkbenchFixture.save("44-lesson-presenter-1024-sqnr", onFx(() -> sqnr.snapshot(null, null)));
    assertEquals(tick, tickSize(staircase), "a lesson left in presenter mode is back to usual");

    LessonsWindowTest.key(stage, KeyCode.ESCAPE);
    assertEquals(tick, tickSize(sqnr));
    assertEquals(tick, tickSize(errors));
  }

  /** True when {@code pane}'s bottom edge is inside the window. */
  private static boolean bottomInView(ChartPane pane) throws Exception {
    // a wait, not a timing check: a loaded CI machine takes a few pulses longer to lay out
    WorkbenchFixture.waitUntil(
        30,
        () ->
            onFx(
                () ->
                    pane.localToScene(pane.getBoundsInLocal()).getMaxY()
                        <= pane.getScene().getHeight()));
    return true;
  }

  private static ChartPane chart(Stage stage, String name) {
    return onFx(() -> (ChartPane) stage.getScene().lookup("#" + name + "Chart"));
  }

  /** The tick-label font size of the chart's value axis. */
  private static float tickSize(ChartPane pane) {
    return onFx(
        () -> {
          JFreeChart chart = pane.chart().get().chart();
          return ((XYPlot) chart.getPlot()).getRangeAxis().getTickLabelFont().getSize2D();
        });
  }
}
