package io.quantlens.ui.lessons;

import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.analysis.lessons.Throughput;
import io.quantlens.charts.LessonCharts;
import io.quantlens.charts.PlanRole;
import io.quantlens.cost.ModelCost;
import io.quantlens.quant.Scheme;
import io.quantlens.text.Messages;
import io.quantlens.ui.export.ChartPane;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;

/**
 * Lesson 6, energy, TDP and PUE: the open model's cost at FP32, INT8 and INT4 on the workbench's
 * hardware, average power against the request rate beside TDP and idle power, the energy at the
 * wall with PUE, and the throughput formula T = N_ops · f_clk / CPI.
 */
final class EnergyLesson extends LessonPage {
  private static final List<String> PLANS = List.of("fp32", "int8:channel:sym", "int4:g32:sym");
  private static final PlanRole[] ROLES = {PlanRole.FP32, PlanRole.INT8, PlanRole.CURRENT};
  private static final int RATES = 41;

  /** log10 of the request rate, 10⁻¹ to 10⁵ per second. */
  private final Slider rate = slider(-1, 5, 1, 0.25);

  private final Slider pue = slider(1, 2, 1.58, 0.02);
  private final Slider ops = slider(1, 64, 16, 1);
  private final Slider clock = slider(0.5, 3, 1.5, 0.1);
  private final Slider cpi = slider(0.25, 4, 1, 0.25);
  private final ChartPane power;
  private final Label numbers = new Label();
  private final Label formula = new Label();

  EnergyLesson(LessonContext context) {
    super(context, "lesson6", false);
    Messages m = context.messages();
    rate.setId("lesson6Rate");
    pue.setId("lesson6Pue");
    numbers.setId("lesson6Numbers");
    formula.setId("lesson6Formula");
    power = context.charts().create("lesson-power");
    build(
        m.get("lesson6.title"),
        m.get("lesson6.text"),
        List.of(
            labelled(
                m.get("lesson6.rate"), rate, v -> m.numbers().significant(Math.pow(10, v)) + "/s"),
            labelled("PUE", pue, m.numbers()::three),
            labelled("N_ops", ops, v -> String.valueOf(Math.round(v))),
            labelled("f_clk", clock, v -> m.numbers().three(v) + " GHz"),
            labelled("CPI", cpi, m.numbers()::three),
            formula),
        numbers,
        power);
    for (Slider s : List.of(rate, pue, ops, clock, cpi)) {
      s.valueProperty().addListener((obs, old, now) -> update());
    }
    context.opened().addListener((obs, old, now) -> update());
    update();
  }

  @Override
  void update() {
    Messages m = context.messages();
    double t = Throughput.opsPerSecond(ops.getValue(), clock.getValue() * 1e9, cpi.getValue());
    formula.setText(m.get("lesson6.formula", m.numbers().scaled(t, "OPS")));
    List<ModelCost> costs = new ArrayList<>();
    for (String id : PLANS) {
      ModelCost c = context.cost().apply(PrecisionPlan.uniform(Scheme.parse(id)));
      if (c == null) {
        numbers.setText(m.get("lesson6.none"));
        power.empty(m.get("lesson6.none"));
        refreshTry();
        return;
      }
      costs.add(c);
    }
    double r = Math.pow(10, rate.getValue());
    double[] rates = new double[RATES];
    List<LessonCharts.Line> lines = new ArrayList<>();
    for (int i = 0; i < RATES; i++) {
      rates[i] = Math.pow(10, -1 + 6.0 * i / (RATES - 1));
    }
    StringBuilder text = new StringBuilder();
    for (int p = 0; p < costs.size(); p++) {
      double[] watts = new double[RATES];
      for (int i = 0; i < RATES; i++) {
        watts[i] = costs.get(p).atUse(rates[i], pue.getValue()).averageWatts();
      }
      lines.add(new LessonCharts.Line(PLANS.get(p), rates, watts, ROLES[p], false, false));
      ModelCost at = costs.get(p).atUse(r, pue.getValue());
      text.append(p == 0 ? "" : "\n")
          .append(
              m.get(
                  "lesson6.plan",
                  PLANS.get(p),
                  m.numbers().bytes(at.dramBytes() / at.workload().batch()),
                  m.numbers().scaled(at.joulesPerInference(), "J"),
                  m.numbers().scaled(at.averageWatts(), "W"),
                  m.numbers().percent(at.shareOfTdp()),
                  m.numbers().three(at.kwhPerYear())));
    }
    ModelCost any = costs.get(0);
    double[] flat = new double[RATES];
    java.util.Arrays.fill(flat, any.hardware().tdpWatts().value());
    lines.add(new LessonCharts.Line("TDP", rates, flat, PlanRole.AS_STORED, true, false));
    double[] idle = new double[RATES];
    java.util.Arrays.fill(idle, any.hardware().idleWatts().value());
    lines.add(
        new LessonCharts.Line(m.get("lesson6.idle"), rates, idle, PlanRole.DATA, true, false));
    numbers.setText(text.toString());
    power.show(
        LessonCharts.lines(
            m,
            m.get("lesson6.chartTitle", any.hardware().name()),
            m.get("lesson6.rateAxis"),
            m.get("lesson6.wattsAxis"),
            lines,
            true,
            true,
            new double[] {r},
            List.of(m.numbers().significant(r) + "/s")));
    refreshTry();
  }

  @Override
  PrecisionPlan realPlan() {
    return PrecisionPlan.uniform(Scheme.parse("int8:channel:sym"));
  }
}
