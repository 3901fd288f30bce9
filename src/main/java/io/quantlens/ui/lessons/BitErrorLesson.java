package io.quantlens.ui.lessons;

import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.analysis.biterrors.StoredForm;
import io.quantlens.charts.LessonCharts;
import io.quantlens.charts.PlanRole;
import io.quantlens.quant.Scheme;
import io.quantlens.text.Messages;
import io.quantlens.ui.export.ChartPane;
import io.quantlens.ui.state.BitErrorState;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;

/**
 * Lesson 5, bit errors and ECC: the open model's accuracy with random bit flips in its weights
 * stored as FP32, FP16, INT8 and INT4, against the bit error rate, with and without ECC. "Try it"
 * stores the whole model in the chosen form: FP16, or INT8 / INT4 with one symmetric scale per
 * tensor as the lesson stores them; FP32 has nothing to apply.
 */
final class BitErrorLesson extends LessonPage {
  private static final PlanRole[] ROLES = {
    PlanRole.FP32, PlanRole.FP16, PlanRole.INT8, PlanRole.CURRENT
  };

  private final CheckBox ecc = new CheckBox();
  private final ComboBox<StoredForm> form = new ComboBox<>();
  private final Node measure;
  private final ChartPane chart;
  private final Label numbers = new Label();

  BitErrorLesson(LessonContext context) {
    super(context, "lesson5", false);
    Messages m = context.messages();
    BitErrorState state = context.bitErrors();
    ecc.setText(m.get("lesson5.ecc"));
    ecc.setId("lesson5Ecc");
    measure =
        measureButton(
            m.get("lesson5.measure"),
            "lesson5Measure",
            state.running(),
            () -> state.measure(ecc.isSelected()));
    form.getItems().setAll(StoredForm.values());
    form.setValue(StoredForm.INT8);
    form.setId("lesson5Form");
    form.valueProperty().addListener((obs, old, now) -> refreshTry());
    numbers.setId("lesson5Numbers");
    chart = context.charts().create("lesson-bit-errors");
    build(
        m.get("lesson5.title"),
        m.get("lesson5.text"),
        List.of(ecc, measure, labelled(m.get("lesson5.form"), form)),
        numbers,
        chart);
    state.curves().addListener((obs, old, now) -> update());
    update();
  }

  @Override
  void update() {
    Messages m = context.messages();
    List<BitErrorState.Curve> curves = context.bitErrors().curves().get();
    if (curves == null) {
      numbers.setText(m.get("lesson5.none"));
      chart.empty(m.get("lesson5.none"));
      refreshTry();
      return;
    }
    List<LessonCharts.Line> lines = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    int at = java.util.Arrays.binarySearch(BitErrorState.RATES, 1e-4);
    for (int i = 0; i < curves.size(); i++) {
      BitErrorState.Curve c = curves.get(i);
      String name = c.form().name().toLowerCase(java.util.Locale.ROOT);
      lines.add(new LessonCharts.Line(name, BitErrorState.RATES, c.score(), ROLES[i], false, true));
      text.append(i == 0 ? "" : " \u00b7 ").append(name).append(' ');
      text.append(m.numbers().percent(c.score()[at]));
    }
    numbers.setText(m.get("lesson5.numbers", text.toString()));
    chart.show(
        LessonCharts.lines(
            m,
            m.get("lesson5.chartTitle"),
            m.get("lesson5.rateAxis"),
            m.get("lesson5.scoreAxis"),
            lines,
            true,
            false,
            new double[0],
            List.of()));
    refreshTry();
  }

  @Override
  PrecisionPlan realPlan() {
    StoredForm chosen = form.getValue();
    if (chosen == null) {
      return null;
    }
    return switch (chosen) {
      case FP32 -> null;
      case FP16 -> PrecisionPlan.uniform(Scheme.parse("fp16"));
      case INT8, INT4 -> PrecisionPlan.uniform(Scheme.parse("int" + chosen.bits() + ":tensor:sym"));
    };
  }

  @Override
  String noPlanReason() {
    return form.getValue() == StoredForm.FP32 ? context.messages().get("lesson5.fp32Tip") : null;
  }
}
