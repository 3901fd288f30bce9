package io.quantlens.ui.lessons;

import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.analysis.lessons.FloatFormats;
import io.quantlens.charts.LessonCharts;
import io.quantlens.charts.PlanRole;
import io.quantlens.quant.FloatFormat;
import io.quantlens.quant.Scheme;
import io.quantlens.text.Messages;
import io.quantlens.ui.export.ChartPane;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;

/**
 * Lesson 4, float formats: the relative rounding error of FP32, FP16, BF16 and both FP8 formats
 * against magnitude, the values FP8 and INT8 write in [0, R], and INT8 against FP8 E4M3 on the
 * chosen signal.
 */
final class FloatLesson extends LessonPage {
  private static final PlanRole[] ROLES = {
    PlanRole.FP32, PlanRole.FP16, PlanRole.PINNED, PlanRole.CURRENT, PlanRole.AS_STORED
  };

  /** The number line shows [0, 2^k]; k from −4 to 9 (the top of E4M3, 448, lies below 2^9). */
  private final Slider zoom = slider(-4, 9, 3, 1);

  private final ChartPane errors;
  private final ChartPane numberLine;
  private final Label numbers = new Label();
  private double int8Db;
  private double fp8Db;

  FloatLesson(LessonContext context) {
    super(context, "lesson4");
    Messages m = context.messages();
    zoom.setId("lesson4Zoom");
    numbers.setId("lesson4Numbers");
    errors = context.charts().create("lesson-float-error");
    numberLine = context.charts().create("lesson-number-line");
    build(
        m.get("lesson4.title"),
        m.get("lesson4.text"),
        List.of(
            labelled(
                m.get("lesson4.zoom"),
                zoom,
                v -> m.numbers().significant(Math.scalb(1.0, (int) Math.round(v))))),
        numbers,
        errors,
        numberLine);
    zoom.valueProperty().addListener((obs, old, now) -> update());
    update();
  }

  @Override
  void update() {
    Messages m = context.messages();
    List<LessonCharts.Line> curves = new ArrayList<>();
    for (int i = 0; i < FloatFormats.FORMATS.size(); i++) {
      FloatFormat f = FloatFormats.FORMATS.get(i);
      double[][] curve = FloatFormats.relativeError(f, 1e-10, 1e6, 801);
      curves.add(new LessonCharts.Line(f.id(), curve[0], curve[1], ROLES[i], false, false));
    }
    errors.show(
        LessonCharts.lines(
            m,
            m.get("lesson4.errorTitle"),
            m.get("lesson4.magnitude"),
            m.get("lesson4.relativeError"),
            curves,
            true,
            true,
            new double[] {448},
            List.of("448")));
    float hi = (float) Math.scalb(1.0, (int) Math.round(zoom.getValue()));
    List<LessonCharts.Line> rows = new ArrayList<>();
    rows.add(
        dots(
            FloatFormat.FP8_E4M3.id(),
            FloatFormats.values(FloatFormat.FP8_E4M3, hi, 4096),
            2,
            PlanRole.CURRENT));
    rows.add(
        dots(
            FloatFormat.FP8_E5M2.id(),
            FloatFormats.values(FloatFormat.FP8_E5M2, hi, 4096),
            1,
            PlanRole.AS_STORED));
    float step = 448f / 127;
    int k = (int) Math.min(127, Math.floor(hi / step));
    float[] int8 = new float[k + 1];
    for (int i = 0; i <= k; i++) {
      int8[i] = i * step;
    }
    rows.add(dots(m.get("lesson4.int8Row"), int8, 0, PlanRole.INT8));
    numberLine.show(
        LessonCharts.lines(
            m,
            m.get("lesson4.lineTitle", m.numbers().significant(hi)),
            m.get("lesson4.value"),
            "",
            rows,
            false,
            false,
            new double[0],
            List.of()));
    float[] x = values();
    int8Db = FloatFormats.int8SqnrDb(x);
    fp8Db = FloatFormats.scaledFloatSqnrDb(x, FloatFormat.FP8_E4M3);
    FloatFormats.Limits e4m3 = FloatFormats.limits(FloatFormat.FP8_E4M3);
    numbers.setText(
        m.get(
            "lesson4.numbers",
            m.numbers().significant(e4m3.largest()),
            m.numbers().significant(e4m3.smallestNormal()),
            m.numbers().significant(e4m3.smallestSubnormal()),
            m.numbers().significant(100 * e4m3.halfUlp()) + " %",
            m.numbers().db(int8Db),
            m.numbers().db(fp8Db)));
    refreshTry();
  }

  private static LessonCharts.Line dots(String name, float[] values, int row, PlanRole role) {
    double[] x = new double[values.length];
    double[] y = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      x[i] = values[i];
      y[i] = row;
    }
    return LessonCharts.Line.dots(name, x, y, role);
  }

  @Override
  PrecisionPlan realPlan() {
    return PrecisionPlan.uniform(Scheme.of(FloatFormat.FP8_E4M3));
  }
}
