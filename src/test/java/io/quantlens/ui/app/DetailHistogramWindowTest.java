package io.quantlens.ui.app;

import static io.quantlens.ui.app.WorkbenchFixture.fx;
import static io.quantlens.ui.app.WorkbenchFixture.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.analysis.BulkHistogram;
import io.quantlens.analysis.LayerDetail;
import io.quantlens.formats.onnx.OnnxTestModel;
import io.quantlens.quant.Scheme;
import io.quantlens.ui.detail.OverlayGroup;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/** The detail histograms: INT8's levels shaded as a band, INT4's as lines, log counts on both. */
class DetailHistogramWindowTest extends WorkbenchTest {
  private static final Scheme INT8_TENSOR = Scheme.parse("int8:tensor:sym");
  private static final Scheme INT4_TENSOR = Scheme.parse("int4:tensor:sym");

  @Test
  void levelsAreLinesOnlyWhereTheyStayApart(FxRobot robot) throws Exception {
    fixture.open(WorkbenchFixture.MNIST);
    fx(() -> fixture.app.workspace().select("fc1"));

    fx(() -> fixture.app.plans().setScheme(List.of("fc1"), INT8_TENSOR));
    fixture.waitForIdle();
    WorkbenchFixture.waitUntil(30, () -> fixture.app.detail().detail().get() != null);
    LayerDetail int8 = onFx(() -> fixture.app.detail().detail().get());
    assertEquals(255, int8.levels().length);
    JFreeChart band = weights();
    // 255 levels over a plot a few hundred pixels wide: one band over [−127Δ, 127Δ], no lines.
    assertEquals(0, lines(band));
    List<IntervalMarker> bands = bands(band);
    assertEquals(1, bands.size());
    assertEquals(int8.levels()[0], bands.get(0).getStartValue(), 0);
    assertEquals(int8.levels()[254], bands.get(0).getEndValue(), 0);
    fixture.screenshot("detail-int8-band");

    fx(() -> fixture.app.plans().setScheme(List.of("fc1"), INT4_TENSOR));
    fixture.waitForIdle();
    WorkbenchFixture.waitUntil(
        30,
        () ->
            fixture.app.detail().detail().get() != null
                && fixture.app.detail().detail().get().scheme().equals(INT4_TENSOR));
    JFreeChart lines = weights();
    assertEquals(15, lines(lines));
    assertTrue(bands(lines).isEmpty());
    fixture.screenshot("detail-int4-lines");

    CheckBox log = robot.lookup("#logCounts").queryAs(CheckBox.class);
    assertFalse(onFx(log::isSelected));
    robot.clickOn(log);
    WorkbenchFixture.waitUntil(10, () -> weights().getXYPlot().getRangeAxis() instanceof LogAxis);
    WorkbenchFixture.waitUntil(10, () -> errors().getXYPlot().getRangeAxis() instanceof LogAxis);
    fixture.screenshot("detail-log-both");
  }

  @Test
  void aFewOutliersLeaveTheBulkInViewWithTheirCount(FxRobot robot, @TempDir Path dir)
      throws Exception {
    // 64 × 256 weights uniform in [−0.1, 0.1] (a fixed LCG), and five outliers out to ±4: the
    // whole-range histogram would put the bulk into the middle 3 % of its bins.
    float[] w = new float[256 * 64];
    long seed = 12345;
    for (int i = 0; i < w.length; i++) {
      seed = seed * 6364136223846793005L + 1442695040888963407L;
      w[i] = (float) (((seed >>> 11) * 0x1.0p-53) * 0.2 - 0.1);
    }
    float[] outliers = {4f, -3.5f, 3f, -2.5f, 2f};
    for (int i = 0; i < outliers.length; i++) {
      w[i * 997] = outliers[i];
    }
    Path file =
        new OnnxTestModel()
            .input("x", OnnxTestModel.FLOAT, 1, 256)
            .initializer(OnnxTestModel.floats("w", new long[] {256, 64}, w))
            .node("MatMul", "mm", List.of("x", "w"), List.of("y"))
            .output("y", OnnxTestModel.FLOAT, 1, 64)
            .write(dir.resolve("outliers.onnx"));
    fixture.open(file);
    WorkbenchFixture.waitUntil(30, () -> fixture.app.detail().bulk().get() != null);
    BulkHistogram bulk = onFx(() -> fixture.app.detail().bulk().get());
    long beyond = 0;
    for (float v : w) {
      if (v < bulk.range().lo() || v > bulk.range().hi()) {
        beyond++;
      }
    }
    assertEquals(beyond, bulk.beyond());
    assertTrue(beyond >= outliers.length && beyond <= 2 * 0.001 * w.length + 2, "beyond " + beyond);
    assertEquals(4f, bulk.maxAbs());
    JFreeChart chart = weights();
    var axis = chart.getXYPlot().getDomainAxis();
    assertTrue(axis.getUpperBound() < 0.5, "view of the bulk: " + axis.getRange());
    String note =
        chart.getSubtitles().stream()
            .filter(TextTitle.class::isInstance)
            .map(t -> ((TextTitle) t).getText())
            .reduce("", (a, b) -> a + b + "\n");
    assertTrue(
        note.contains("view of the bulk: " + beyond + " weights beyond it, |w| up to 4.00"), note);
    CheckBox showAll = robot.lookup("#showAllWeights").queryAs(CheckBox.class);
    assertTrue(onFx(showAll::isVisible));
    fixture.screenshot("detail-bulk-view");

    robot.clickOn(showAll);
    WorkbenchFixture.waitUntil(
        10, () -> weights().getXYPlot().getDomainAxis().getUpperBound() >= 4);
    fixture.screenshot("detail-bulk-show-all");
  }

  @Test
  void theMedianGroupsLevelsAreDrawnWhenChosen(FxRobot robot) throws Exception {
    Scheme int4 = Scheme.parse("int4:channel:sym");
    fixture.open(WorkbenchFixture.MNIST);
    fx(() -> fixture.app.workspace().select("fc1"));
    fx(() -> fixture.app.plans().setScheme(List.of("fc1"), int4));
    fixture.waitForIdle();
    WorkbenchFixture.waitUntil(
        30,
        () ->
            fixture.app.detail().detail().get() != null
                && fixture.app.detail().detail().get().scheme().equals(int4));
    LayerDetail d = onFx(() -> fixture.app.detail().detail().get());
    float[] scales = d.scales();
    assertEquals(64, scales.length);
    // The median of the 64 scales, found here by sorting them: the 32nd smallest (index 31).
    Integer[] order = new Integer[scales.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> Float.compare(scales[a], scales[b]));
    int median = order[31];
    assertTrue(median != d.levelsGroup(), "the widest group is not the median one");

    @SuppressWarnings("unchecked")
    ChoiceBox<OverlayGroup.Kind> kind = robot.lookup("#overlayGroup").queryAs(ChoiceBox.class);
    assertTrue(onFx(kind::isVisible));
    fx(() -> kind.setValue(OverlayGroup.Kind.MEDIAN));
    assertEquals(OverlayGroup.MEDIAN, onFx(() -> fixture.app.detail().overlay().get()));
    WorkbenchFixture.waitUntil(10, () -> lines(weights()) == 15);
    // Symmetric INT4 of one channel: the levels are k · s for k = −7 … 7, s its scale, as the
    // kernel dequantizes them (a float32 product).
    List<Double> drawn = levelValues(weights());
    for (int k = -7; k <= 7; k++) {
      assertEquals((double) (k * scales[median]), drawn.get(k + 7), 0);
    }
    assertTrue(
        onFx(() -> weights().getTitle().getText()).endsWith("of group " + median),
        onFx(() -> weights().getTitle().getText()));
    fixture.screenshot("detail-median-group");

    // Group 0 by number: its own scale's levels.
    fx(() -> fixture.app.detail().overlay().set(OverlayGroup.chosen(0)));
    assertEquals(OverlayGroup.Kind.CHOSEN, onFx(kind::getValue));
    WorkbenchFixture.waitUntil(
        10, () -> levelValues(weights()).get(14) == (double) (7 * scales[0]));
  }

  private static List<Double> levelValues(JFreeChart chart) {
    return chart.getXYPlot().getDomainMarkers(0, Layer.FOREGROUND).stream()
        .filter(ValueMarker.class::isInstance)
        .map(ValueMarker.class::cast)
        .filter(m -> ((java.awt.BasicStroke) m.getStroke()).getDashArray() == null)
        .map(ValueMarker::getValue)
        .sorted()
        .toList();
  }

  private JFreeChart weights() {
    return onFx(() -> fixture.app.detailView().weightsChart().chart().get().chart());
  }

  private JFreeChart errors() {
    return onFx(() -> fixture.app.detailView().errorsChart().chart().get().chart());
  }

  private static long lines(JFreeChart chart) {
    var markers = chart.getXYPlot().getDomainMarkers(0, Layer.FOREGROUND);
    // The clip lines are dashed; the level lines are not.
    return markers == null
        ? 0
        : markers.stream()
            .filter(ValueMarker.class::isInstance)
            .map(ValueMarker.class::cast)
            .filter(m -> ((java.awt.BasicStroke) m.getStroke()).getDashArray() == null)
            .count();
  }

  private static List<IntervalMarker> bands(JFreeChart chart) {
    var markers = chart.getXYPlot().getDomainMarkers(0, Layer.BACKGROUND);
    return markers == null
        ? List.of()
        : markers.stream()
            .filter(IntervalMarker.class::isInstance)
            .map(IntervalMarker.class::cast)
            .toList();
  }
}
