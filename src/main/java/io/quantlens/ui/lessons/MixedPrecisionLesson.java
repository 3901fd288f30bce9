package io.quantlens.ui.lessons;

import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.charts.LessonCharts;
import io.quantlens.charts.PlanRole;
import io.quantlens.quant.Scheme;
import io.quantlens.text.Messages;
import io.quantlens.ui.export.ChartPane;
import io.quantlens.ui.state.MixedPrecisionState;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;

/**
 * Lesson 8, mixed precision and bias correction: the open model's accuracy as the layers whose INT4
 * weights lose the most are kept at INT8, and INT4 with bias correction beside it.
 */
final class MixedPrecisionLesson extends LessonPage {
  private final Node measure;
  private final ChartPane chart;
  private final Label numbers = new Label();

  MixedPrecisionLesson(LessonContext context) {
    super(context, "lesson8", false);
    Messages m = context.messages();
    MixedPrecisionState state = context.mixed();
    measure =
        measureButton(m.get("lesson8.measure"), "lesson8Measure", state.running(), state::measure);
    numbers.setId("lesson8Numbers");
    chart = context.charts().create("lesson-mixed-precision");
    build(m.get("lesson8.title"), m.get("lesson8.text"), List.of(measure), numbers, chart);
    state.result().addListener((obs, old, now) -> update());
    update();
  }

  @Override
  void update() {
    Messages m = context.messages();
    MixedPrecisionState.Result r = context.mixed().result().get();
    if (r == null) {
      numbers.setText(m.get("lesson8.none"));
      chart.empty(m.get("lesson8.none"));
      refreshTry();
      return;
    }
    double[] kept = java.util.Arrays.stream(r.kept()).asDoubleStream().toArray();
    double[] corrected = new double[kept.length];
    java.util.Arrays.fill(corrected, r.correctedScore());
    chart.show(
        LessonCharts.lines(
            m,
            m.get("lesson8.chartTitle"),
            m.get("lesson8.keptAxis"),
            m.get("lesson5.scoreAxis"),
            List.of(
                new LessonCharts.Line(
                    m.get("lesson8.mixed"), kept, r.score(), PlanRole.CURRENT, false, true),
                new LessonCharts.Line(
                    m.get("lesson8.corrected"), kept, corrected, PlanRole.INT8, true, false)),
            false,
            false,
            new double[0],
            List.of()));
    numbers.setText(
        m.get(
            "lesson8.numbers",
            m.numbers().percent(r.score()[0]),
            r.kept()[Math.min(1, r.kept().length - 1)],
            m.numbers().percent(r.score()[Math.min(1, r.score().length - 1)]),
            r.order().isEmpty() ? "" : r.order().get(0),
            m.numbers().db(r.int4Sqnr()),
            m.numbers().db(r.correctedSqnr()),
            m.numbers().percent(r.correctedScore())));
    refreshTry();
  }

  @Override
  PrecisionPlan realPlan() {
    MixedPrecisionState.Result r = context.mixed().result().get();
    if (r == null || r.order().isEmpty()) {
      return null;
    }
    PrecisionPlan plan = PrecisionPlan.uniform(Scheme.parse("int4:g32:sym"));
    return plan.with(r.order().get(0), Scheme.parse("int8:channel:sym"));
  }
}
