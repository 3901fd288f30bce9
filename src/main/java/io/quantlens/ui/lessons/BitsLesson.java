package io.quantlens.ui.lessons;

import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.analysis.lessons.BitsAndClipping;
import io.quantlens.analysis.lessons.StepNoise;
import io.quantlens.charts.LessonCharts;
import io.quantlens.charts.PlanRole;
import io.quantlens.quant.Scheme;
import io.quantlens.text.Messages;
import io.quantlens.ui.export.ChartPane;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;

/**
 * Lesson 2, SQNR and the 6 dB per bit rule: the signal's SQNR at 2 to 16 bits beside 6.02·b + 1.76
 * dB, and at the chosen bits the clipping trade-off, the mean squared error against the range with
 * its optimum.
 */
final class BitsLesson extends LessonPage {
  private static final int FROM_BITS = 2;
  private static final int TO_BITS = 16;

  private final Slider bits = slider(2, 8, 4, 1);
  private final ChartPane sqnr;
  private final ChartPane clipping;
  private final Label numbers = new Label();
  private BitsAndClipping.Point optimum;
  private List<BitsAndClipping.Point> curve;

  BitsLesson(LessonContext context) {
    super(context, "lesson2");
    Messages m = context.messages();
    bits.setId("lesson2Bits");
    numbers.setId("lesson2Numbers");
    sqnr = context.charts().create("lesson-sqnr-bits");
    clipping = context.charts().create("lesson-clipping");
    build(
        m.get("lesson2.title"),
        m.get("lesson2.text"),
        List.of(labelled(m.get("lesson.bits"), bits, v -> String.valueOf(Math.round(v)))),
        numbers,
        sqnr,
        clipping);
    bits.valueProperty().addListener((obs, old, now) -> update());
    update();
  }

  @Override
  void update() {
    float[] x = values();
    Messages m = context.messages();
    int b = (int) Math.round(bits.getValue());
    curve = BitsAndClipping.sqnrByBits(x, FROM_BITS, TO_BITS);
    double[] bitAxis = new double[curve.size()];
    double[] measured = new double[curve.size()];
    double[] rule = new double[curve.size()];
    for (int i = 0; i < curve.size(); i++) {
      bitAxis[i] = curve.get(i).x();
      measured[i] = curve.get(i).y();
      rule[i] = StepNoise.sineRuleDb((int) bitAxis[i]);
    }
    sqnr.show(
        LessonCharts.lines(
            m,
            m.get("lesson2.sqnrTitle"),
            m.get("lesson.bitsAxis"),
            m.get("chart.sqnrDb"),
            List.of(
                new LessonCharts.Line(
                    signal().getValue().label(), bitAxis, measured, PlanRole.CURRENT, false, true),
                new LessonCharts.Line(
                    m.get("lesson2.rule"), bitAxis, rule, PlanRole.DATA, true, false)),
            false,
            new double[] {b},
            List.of(m.get("lesson2.bitsMarker", b))));
    List<BitsAndClipping.Point> mse = BitsAndClipping.mseByClipping(x, b);
    optimum = BitsAndClipping.optimum(mse);
    double[] ratio = mse.stream().mapToDouble(BitsAndClipping.Point::x).toArray();
    double[] error = mse.stream().mapToDouble(BitsAndClipping.Point::y).toArray();
    clipping.show(
        LessonCharts.lines(
            m,
            m.get("lesson2.clippingTitle", b),
            m.get("lesson2.ratioAxis"),
            m.get("lesson2.mseAxis"),
            List.of(new LessonCharts.Line("MSE", ratio, error, PlanRole.CURRENT, false, true)),
            true,
            new double[] {optimum.x()},
            List.of(m.get("lesson2.optimum"))));
    double full = error[error.length - 1];
    double measuredAtB = curve.get(b - FROM_BITS).y();
    numbers.setText(
        m.get(
            "lesson2.numbers",
            b,
            m.numbers().db(measuredAtB),
            m.numbers().db(StepNoise.sineRuleDb(b)),
            m.numbers().db(StepNoise.sineRuleDb(b) - measuredAtB),
            m.numbers().percent(optimum.x()),
            m.numbers().db(10 * Math.log10(full / optimum.y()))));
    refreshTry();
  }

  @Override
  PrecisionPlan realPlan() {
    return PrecisionPlan.uniform(
        Scheme.parse("int" + Math.round(bits.getValue()) + ":tensor:sym:mse"));
  }
}
