package io.quantlens.ui.lessons;

import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.analysis.lessons.BitsAndClipping;
import io.quantlens.analysis.lessons.StepNoise;
import io.quantlens.analysis.lessons.UniformQuantizer;
import io.quantlens.charts.LessonCharts;
import io.quantlens.charts.PlanRole;
import io.quantlens.quant.Scheme;
import io.quantlens.text.Messages;
import io.quantlens.ui.export.ChartPane;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;

/**
 * Lesson 1, step and noise: a signal through a b-bit uniform quantizer of range R, its staircase,
 * and its error against the uniform model: σq = Δ/√12 predicted beside the rms error measured.
 */
final class StepNoiseLesson extends LessonPage {
  /** Points the staircase is drawn with. */
  private static final int STAIRCASE_POINTS = 801;

  private final Slider bits = slider(2, 16, 4, 1);
  private final Slider range = slider(0.05, 1, 1, 0.05);
  private final ChartPane staircase;
  private final ChartPane errors;
  private final Label numbers = new Label();
  private StepNoise shown;

  StepNoiseLesson(LessonContext context) {
    super(context, "lesson1");
    Messages m = context.messages();
    bits.setId("lesson1Bits");
    range.setId("lesson1Range");
    numbers.setId("lesson1Numbers");
    staircase = context.charts().create("lesson-staircase");
    errors = context.charts().create("lesson-errors");
    build(
        m.get("lesson1.title"),
        m.get("lesson1.text"),
        List.of(
            labelled(m.get("lesson.bits"), bits, v -> String.valueOf(Math.round(v))),
            labelled(m.get("lesson.range"), range, v -> m.numbers().percent(v))),
        numbers,
        staircase,
        errors);
    bits.valueProperty().addListener((obs, old, now) -> update());
    range.valueProperty().addListener((obs, old, now) -> update());
    update();
  }

  @Override
  void update() {
    float[] x = values();
    double amax = BitsAndClipping.amax(x);
    int b = (int) Math.round(bits.getValue());
    UniformQuantizer q = new UniformQuantizer(b, range.getValue() * amax);
    shown = StepNoise.of(x, q);
    Messages m = context.messages();
    numbers.setText(
        m.get(
            "lesson1.numbers",
            m.numbers().significant(q.step()),
            m.numbers().significant(shown.predictedRmse()),
            m.numbers().significant(shown.granularRmse()),
            m.numbers().three(shown.rmsePerStep()),
            m.numbers().percent(shown.clippedShare()),
            m.numbers().db(shown.sqnrDb()),
            m.numbers().db(StepNoise.sineRuleDb(b))));
    double[] in = new double[STAIRCASE_POINTS];
    double[] out = new double[STAIRCASE_POINTS];
    for (int i = 0; i < STAIRCASE_POINTS; i++) {
      in[i] = amax * (-1.25 + 2.5 * i / (STAIRCASE_POINTS - 1));
      out[i] = q.quantize(in[i]);
    }
    staircase.show(
        LessonCharts.lines(
            m,
            m.get("lesson1.staircaseTitle", b),
            "x",
            "x\u0302",
            List.of(
                new LessonCharts.Line(
                    m.get("lesson1.quantized"), in, out, PlanRole.CURRENT, false, false),
                new LessonCharts.Line("x", in, in, PlanRole.DATA, true, false)),
            false,
            new double[] {-q.range(), q.range()},
            List.of("\u2212R", "R")));
    errors.show(
        LessonCharts.errors(m, shown.errors(), q.step(), m.get("lesson1.errorsTitle"), "\u0394/2"));
    refreshTry();
  }

  @Override
  PrecisionPlan realPlan() {
    int b = (int) Math.round(bits.getValue());
    return b > 8 ? null : PrecisionPlan.uniform(Scheme.parse("int" + b + ":tensor:sym"));
  }
}
