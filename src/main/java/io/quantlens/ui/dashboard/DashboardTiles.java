package io.quantlens.ui.dashboard;

import io.quantlens.analysis.PlanSummary;
import io.quantlens.cost.CostComparison;
import io.quantlens.cost.Explanation;
import io.quantlens.cost.Explanation.Quantity;
import io.quantlens.cost.ModelCost;
import io.quantlens.eval.EvalResult;
import io.quantlens.eval.EvalTask;
import io.quantlens.eval.Evaluator;
import io.quantlens.eval.SensitivityMetric;
import io.quantlens.text.Messages;
import io.quantlens.ui.state.AccuracyState;
import io.quantlens.ui.state.CostState;
import io.quantlens.ui.state.OpenModel;
import io.quantlens.ui.state.PlanEditor;
import io.quantlens.ui.state.Workspace;
import io.quantlens.ui.task.Coalescer;
import io.quantlens.ui.text.SensitivityText;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.TilePane;

/**
 * The dashboard's headline figures for the current plan, each against the model as stored (the
 * reference), FP32 and the pinned plan: weight SQNR, model size, DRAM bytes per inference, time,
 * energy, average power against TDP and measured accuracy.
 */
final class DashboardTiles extends TilePane {
  private final Messages m;
  private final Workspace workspace;
  private final PlanEditor plans;
  private final CostState costs;
  private final AccuracyState accuracy;
  private final MetricTile sqnr;
  private final MetricTile size;
  private final MetricTile traffic;
  private final MetricTile time;
  private final MetricTile energy;
  private final MetricTile power;
  private final MetricTile measured;
  private final TileExplanations explain;

  static final double TILE_HEIGHT = 120;
  static final double GAP = 8;

  DashboardTiles(
      Workspace workspace, PlanEditor plans, CostState costs, AccuracyState accuracy, Messages m) {
    this.m = m;
    this.workspace = workspace;
    this.plans = plans;
    this.costs = costs;
    this.accuracy = accuracy;
    this.explain = new TileExplanations(m);
    getStyleClass().add("dashboard-tiles");
    setPrefColumns(3);
    setPrefTileWidth(210);
    setPrefTileHeight(TILE_HEIGHT);
    setHgap(GAP);
    setVgap(GAP);
    sqnr = new MetricTile("sqnrTile", m.get("dashboard.sqnr"), m);
    size = new MetricTile("sizeTile", m.get("dashboard.size"), m);
    traffic = new MetricTile("trafficTile", m.get("dashboard.traffic"), m);
    time = new MetricTile("timeTile", m.get("dashboard.time"), m);
    energy = new MetricTile("energyTile", m.get("dashboard.energy"), m);
    power = new MetricTile("powerTile", m.get("dashboard.power"), m);
    measured = new MetricTile("accuracyTile", m.get("dashboard.accuracy"), m);
    ProgressIndicator spinner = new ProgressIndicator();
    spinner.setId("accuracySpinner");
    spinner.setMaxSize(22, 22);
    spinner.visibleProperty().bind(accuracy.running());
    // A figure being re-measured is the previous plan's: shown faded until the new one lands.
    measured.opacityProperty().bind(Bindings.when(accuracy.running()).then(0.45).otherwise(1.0));
    StackPane accuracyCell = new StackPane(measured, spinner);
    StackPane.setAlignment(spinner, Pos.TOP_RIGHT);
    getChildren().addAll(accuracyCell, sqnr, size, traffic, time, energy, power);

    Coalescer sqnrText = new Coalescer(this::showSqnr);
    Coalescer costText = new Coalescer(this::showCost);
    Coalescer accuracyText = new Coalescer(this::showAccuracy);
    plans.summary().addListener((obs, old, now) -> sqnrText.request());
    plans.summary().addListener((obs, old, now) -> costText.request());
    plans.pinnedSummary().addListener((obs, old, now) -> sqnrText.request());
    costs.cost().addListener((obs, old, now) -> costText.request());
    costs.pinnedCost().addListener((obs, old, now) -> costText.request());
    costs.measuring().addListener((obs, old, now) -> costText.request());
    costs.problem().addListener((obs, old, now) -> costText.request());
    accuracy.result().addListener((obs, old, now) -> accuracyText.request());
    accuracy.pinnedResult().addListener((obs, old, now) -> accuracyText.request());
    accuracy.uncorrectedResult().addListener((obs, old, now) -> accuracyText.request());
    accuracy.problem().addListener((obs, old, now) -> accuracyText.request());
    accuracy.cancelled().addListener((obs, old, now) -> accuracyText.request());
    workspace.opened().addListener((obs, old, now) -> costText.request());
    workspace.opened().addListener((obs, old, now) -> accuracyText.request());
    showSqnr();
    showCost();
    showAccuracy();
  }

  /** Lays the tiles out for a viewport of {@code width} × {@code height} (see {@link TileGrid}). */
  void fit(double width, double height) {
    TileGrid grid = TileGrid.of(getChildren().size(), width, height, TILE_HEIGHT, GAP);
    setPrefColumns(grid.columns());
    setPrefTileWidth(grid.tileWidth());
  }

  private void showSqnr() {
    PlanSummary s = plans.summary().get();
    if (s == null) {
      sqnr.clear("—");
      return;
    }
    PlanSummary pin = plans.pinnedSummary().get();
    String versus =
        m.get("dashboard.bitsPerWeight", m.numbers().three(s.bitsPerWeight()))
            + (pin == null ? "" : "\n" + m.get("dashboard.pinned", m.numbers().db(pin.sqnrDb())));
    sqnr.show(m.numbers().db(s.sqnrDb()), versus, () -> explain.weightSqnr(s));
  }

  private void showCost() {
    CostComparison c = costs.cost().get();
    String problem = costs.problem().get();
    for (MetricTile t : List.of(size, traffic, time, energy, power)) {
      t.valueLabel().setTooltip(c == null && problem != null ? wrapped(problem) : null);
    }
    if (c == null) {
      if (problem != null) {
        for (MetricTile t : List.of(size, traffic, time, energy, power)) {
          t.show(m.get("dashboard.costUnavailable"), m.get("dashboard.costRunHint"), null);
        }
        return;
      }
      String text = costs.measuring().get() ? m.get("dashboard.measuring") : "—";
      for (MetricTile t : List.of(size, traffic, time, energy, power)) {
        t.clear(text);
      }
      return;
    }
    CostComparison pin = costs.pinnedCost().get();
    ModelCost plan = c.plan();
    int batch = plan.workload().batch();
    size.show(
        m.numbers().bytes(plan.modelBytes()),
        versus(c, pin, ModelCost::modelBytes, 1, "B") + weightsLine(plan) + planNotFileNote(),
        why(c, Quantity.MODEL_SIZE));
    size.comparisonLabel()
        .setTooltip(planNotFileNote().isEmpty() ? null : wrapped(m.get("dashboard.sizeOfPlanTip")));
    traffic.show(
        m.numbers().bytes(plan.dramBytes() / batch),
        versus(c, pin, ModelCost::dramBytes, batch, "B"),
        why(c, Quantity.DRAM_BYTES));
    time.show(
        m.numbers().scaled(plan.seconds() / batch, "s"),
        versus(c, pin, ModelCost::seconds, batch, "s"),
        why(c, Quantity.TIME));
    energy.show(
        m.numbers().scaled(plan.joulesPerInference(), "J"),
        versus(c, pin, ModelCost::joulesPerInference, 1, "J"),
        why(c, Quantity.ENERGY));
    power.show(
        m.numbers().scaled(plan.averageWatts(), "W"),
        m.get(
                "dashboard.ofTdp",
                m.numbers().percent(plan.shareOfTdp()),
                m.numbers().scaled(plan.hardware().tdpWatts().value(), "W"))
            + "\n"
            + powerChange(c, pin),
        why(c, Quantity.AVERAGE_POWER));
  }

  /**
   * The power's change against stored and FP32, or, when idle power sets it, why it does not
   * change: a line of "+0.0 %" would read as a plan that saves nothing.
   */
  private String powerChange(CostComparison c, CostComparison pin) {
    return IdlePower.of(c)
        .map(
            idle ->
                m.get(
                        "dashboard.powerIdle",
                        MetricTile.value(idle.requestsPerSecond(), "", m),
                        m.numbers().scaled(idle.inferenceWatts(), "W"),
                        m.numbers().scaled(idle.idleWatts(), "W"))
                    + (pin == null
                        ? ""
                        : "\n"
                            + m.get(
                                "dashboard.pinned",
                                m.numbers().scaled(pin.plan().averageWatts(), "W"))))
        .orElseGet(() -> versus(c, pin, ModelCost::averageWatts, 1, "W"));
  }

  /**
   * "of which weights 226 kB": the weights alone, as the status bar gives them (the size adds the
   * biases and the tensors outside layers); empty while the analysis is of another plan than the
   * cost.
   */
  private String weightsLine(ModelCost plan) {
    PlanSummary s = plans.summary().get();
    OpenModel open = workspace.opened().get();
    if (s == null
        || open == null
        || !s.plan().describe(open.session().model()).equals(plan.basis())) {
      return "";
    }
    return "\n" + m.get("dashboard.sizeWeights", m.numbers().bytes(s.storedBytes()));
  }

  /**
   * A graphless file storing weights below float32 (q4_k, f16): the size figures are of the plan,
   * not of the file, so the tile says so; View → Model information has the file's bytes.
   */
  private String planNotFileNote() {
    OpenModel open = workspace.opened().get();
    return open != null && open.sizesAreNotTheFiles() ? "\n" + m.get("dashboard.sizeOfPlan") : "";
  }

  private static Tooltip wrapped(String text) {
    Tooltip tip = new Tooltip(text);
    tip.setWrapText(true);
    tip.setMaxWidth(420);
    return tip;
  }

  /**
   * The plan's saving on one figure against the model as stored, then against FP32, then the pinned
   * plan's value; {@code per} turns a per-batch figure into a per-inference one. When the stored
   * model and FP32 read the same (an FP32 file), one line says so.
   */
  private String versus(
      CostComparison c,
      CostComparison pin,
      ToDoubleFunction<ModelCost> figure,
      double per,
      String unit) {
    String storedSaving = m.numbers().signedPercent(-c.savingVsStored(figure));
    String storedValue = m.numbers().scaled(figure.applyAsDouble(c.stored()) / per, unit);
    String fp32Saving = m.numbers().signedPercent(-c.savingVsFp32(figure));
    String fp32Value = m.numbers().scaled(figure.applyAsDouble(c.fp32()) / per, unit);
    String text =
        storedSaving.equals(fp32Saving) && storedValue.equals(fp32Value)
            ? m.get("dashboard.versusStoredAndFp32", storedSaving, storedValue)
            : m.get("dashboard.versusStored", storedSaving, storedValue)
                + "\n"
                + m.get("dashboard.versusFp32", fp32Saving, fp32Value);
    return pin == null
        ? text
        : text
            + "\n"
            + m.get(
                "dashboard.pinned",
                m.numbers().scaled(figure.applyAsDouble(pin.plan()) / per, unit));
  }

  private static Supplier<List<Explanation>> why(CostComparison c, Quantity quantity) {
    return () -> List.of(c.explanation(quantity));
  }

  private void showAccuracy() {
    if (workspace.opened().get() == null) {
      measured.clear("—");
      return;
    }
    String problem = accuracy.problem().get();
    if (problem != null) {
      // A graph ONNX Runtime cannot run at these shapes: the settings set them (the problem's own
      // text, in the tooltip, may name the command line's flags).
      measured.show(
          m.get("dashboard.accuracyUnavailable"),
          accuracy.needsOnnx().get()
              ? m.get("dashboard.accuracyNeedsOnnx")
              : m.get("dashboard.accuracyRunHint"),
          null);
      measured.valueLabel().setTooltip(wrapped(problem));
      measured.comparisonLabel().setTooltip(wrapped(problem));
      return;
    }
    EvalResult r = accuracy.result().get();
    boolean stale = r != null && !r.plan().equals(plans.plan().get());
    if (r == null || (stale && accuracy.cancelled().get())) {
      // Cancelled: the figure of an earlier plan would read as this plan's.
      if (accuracy.cancelled().get()) {
        measured.show(m.get("dashboard.accuracyCancelled"), m.get("dashboard.measureAgain"), null);
      } else {
        measured.clear(m.get("dashboard.measuring"));
      }
      measured.valueLabel().setTooltip(null);
      measured.comparisonLabel().setTooltip(null);
      return;
    }
    EvalResult pin = accuracy.pinnedResult().get();
    measured.comparisonLabel().setTooltip(null);
    String value = headline(r);
    String versus;
    if (r.hasLabels()) {
      versus =
          m.get(
              "dashboard.accuracyDetail",
              m.numbers().percent(r.quantizedAccuracy()),
              m.numbers().percent(r.referenceAccuracy()),
              m.numbers().percent(r.top1Agreement()));
    } else if (r.task().kind() == EvalTask.Kind.EMBEDDING) {
      versus = m.get("dashboard.neighbours", m.numbers().percent(r.neighbourAgreement()));
    } else if (r.task().kind() == EvalTask.Kind.CLASSIFIER) {
      versus = m.get("dashboard.outputSqnrTop1", m.numbers().percent(r.top1Agreement()));
    } else {
      versus = m.get("dashboard.outputSqnr");
    }
    String reference =
        r.reference().equals(Evaluator.FP32) ? "FP32" : m.get("dashboard.referenceStored");
    versus += "\n" + m.get("dashboard.reference", reference);
    EvalResult uncorrected = accuracy.uncorrectedResult().get();
    boolean corrected = uncorrected != null && !r.plan().biasCorrected().isEmpty();
    boolean smoothed = uncorrected != null && r.plan().smoothes();
    if (corrected) {
      versus += "\n" + m.get("dashboard.uncorrected", headline(uncorrected));
    } else if (smoothed) {
      versus += "\n" + m.get("dashboard.unsmoothed", headline(uncorrected));
    }
    if (pin != null) {
      versus += "\n" + m.get("dashboard.pinned", headline(pin));
    }
    measured.show(value, versus, () -> explain.accuracy(r));
    if (corrected) {
      measured
          .comparisonLabel()
          .setTooltip(
              wrapped(
                  m.get(
                      "dashboard.uncorrectedTip",
                      r.plan().biasCorrected().size(),
                      headline(uncorrected),
                      uncorrected.samples())));
    } else if (smoothed) {
      measured
          .comparisonLabel()
          .setTooltip(
              wrapped(
                  m.get(
                      "dashboard.unsmoothedTip",
                      m.numbers().three(r.plan().smoothQuantAlpha()),
                      headline(uncorrected),
                      uncorrected.samples())));
    }
    String samples = m.get("dashboard.samples", r.samples(), r.data());
    if (r.plan().hasDynamicActivations()) {
      samples += "\n" + m.get("dashboard.dynamicBatch");
    }
    measured.valueLabel().setTooltip(new Tooltip(samples));
  }

  /**
   * The tile's figure for {@code r}: the accuracy change with labels, the cosine of embeddings, as
   * 1 − cos (a plan's cosine reads 1.0000 at four decimals), else the output SQNR. The pinned
   * plan's figure is the same measure, so the two compare.
   */
  private String headline(EvalResult r) {
    if (r.hasLabels()) {
      return m.numbers().format("%+.2f pts", 0.0 - r.accuracyDropPoints());
    }
    if (r.task().kind() == EvalTask.Kind.EMBEDDING) {
      return SensitivityText.value(SensitivityMetric.COSINE_LOSS, 1 - r.meanCosine(), m);
    }
    return m.numbers().db(r.outputSqnrDb());
  }
}
