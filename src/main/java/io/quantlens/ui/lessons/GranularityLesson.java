package io.quantlens.ui.lessons;

import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.analysis.lessons.Granularities;
import io.quantlens.charts.LessonCharts;
import io.quantlens.charts.PlanRole;
import io.quantlens.quant.Scheme;
import io.quantlens.text.Messages;
import io.quantlens.ui.export.ChartPane;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;

/**
 * Lesson 3, per tensor vs per channel vs group: a weight matrix with one outlier channel, each
 * channel's SQNR under the three kinds of scale, and the bits per weight the scales cost.
 */
final class GranularityLesson extends LessonPage {
  private static final long SEED = 2026;

  private final Slider bits = slider(2, 8, 4, 1);
  private final Slider outlier = slider(1, 50, 20, 1);
  private final Slider group = slider(5, 7, 5, 1);
  private final ChartPane channels;
  private final Label numbers = new Label();
  private List<Granularities.Row> rows;

  GranularityLesson(LessonContext context) {
    super(context, "lesson3", false);
    Messages m = context.messages();
    bits.setId("lesson3Bits");
    outlier.setId("lesson3Outlier");
    group.setId("lesson3Group");
    numbers.setId("lesson3Numbers");
    channels = context.charts().create("lesson-granularity");
    build(
        m.get("lesson3.title"),
        m.get("lesson3.text"),
        List.of(
            labelled(m.get("lesson.bits"), bits, v -> String.valueOf(Math.round(v))),
            labelled(m.get("lesson3.outlier"), outlier, v -> Math.round(v) + "\u00d7"),
            labelled(m.get("lesson3.group"), group, v -> String.valueOf(groupSize(v)))),
        numbers,
        channels);
    bits.valueProperty().addListener((obs, old, now) -> update());
    outlier.valueProperty().addListener((obs, old, now) -> update());
    group.valueProperty().addListener((obs, old, now) -> update());
    update();
  }

  private static int groupSize(double slider) {
    return 1 << Math.round(slider);
  }

  @Override
  void update() {
    Messages m = context.messages();
    int b = (int) Math.round(bits.getValue());
    float[] w = Granularities.matrix(Math.round(outlier.getValue()), SEED);
    rows = Granularities.compare(w, b, groupSize(group.getValue()));
    double[] index = new double[Granularities.CHANNELS];
    for (int c = 0; c < index.length; c++) {
      index[c] = c;
    }
    PlanRole[] roles = {PlanRole.FP32, PlanRole.CURRENT, PlanRole.INT8};
    List<LessonCharts.Line> lines =
        java.util.stream.IntStream.range(0, rows.size())
            .mapToObj(
                i ->
                    new LessonCharts.Line(
                        rows.get(i).scheme().id(),
                        index,
                        rows.get(i).channelSqnrDb(),
                        roles[i],
                        false,
                        true))
            .toList();
    channels.show(
        LessonCharts.lines(
            m,
            m.get("lesson3.chartTitle", b),
            m.get("lesson3.channelAxis"),
            m.get("chart.sqnrDb"),
            lines,
            false,
            new double[] {Granularities.OUTLIER},
            List.of(m.get("lesson3.outlierMark"))));
    numbers.setText(
        m.get(
            "lesson3.numbers",
            m.numbers().db(rows.get(0).ordinaryMedianDb()),
            m.numbers().three(rows.get(0).bitsPerWeight()),
            m.numbers().db(rows.get(1).ordinaryMedianDb()),
            m.numbers().three(rows.get(1).bitsPerWeight()),
            groupSize(group.getValue()),
            m.numbers().db(rows.get(2).ordinaryMedianDb()),
            m.numbers().three(rows.get(2).bitsPerWeight())));
    refreshTry();
  }

  @Override
  PrecisionPlan realPlan() {
    return PrecisionPlan.uniform(
        Scheme.parse("int" + Math.round(bits.getValue()) + ":channel:sym"));
  }
}
