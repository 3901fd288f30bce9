package io.quantlens.ui.dashboard;

import io.quantlens.analysis.ModelAnalysis;
import io.quantlens.analysis.PlanSummary;
import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.charts.BuiltChart;
import io.quantlens.charts.PlanComparisonChart;
import io.quantlens.charts.PlanRole;
import io.quantlens.charts.Series;
import io.quantlens.charts.SqnrBarChart;
import io.quantlens.cost.CostComparison;
import io.quantlens.cost.ModelCost;
import io.quantlens.quant.Scheme;
import io.quantlens.text.Messages;
import io.quantlens.ui.export.ChartPane;
import io.quantlens.ui.export.ChartPanes;
import io.quantlens.ui.state.AccuracyState;
import io.quantlens.ui.state.CostState;
import io.quantlens.ui.state.OpenModel;
import io.quantlens.ui.state.PlanEditor;
import io.quantlens.ui.state.Workspace;
import io.quantlens.ui.task.Coalescer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.jfree.chart.ui.RectangleEdge;

/**
 * Always visible: the headline figures, per-layer SQNR of the current plan against FP16 and INT8
 * (and the pinned plan), and the plans' cost as a share of the model as stored (FP32 beside it when
 * the file stores something else).
 */
public final class DashboardView extends HBox {
  public static final Scheme FP16 = Scheme.parse("fp16");
  public static final Scheme INT8 = Scheme.parse("int8:channel:sym");

  private final Messages m;
  private final Workspace workspace;
  private final PlanEditor plans;
  private final CostState costs;
  private final ChartPane sqnrChart;
  private final ChartPane costChart;

  /** The height at which every layer of the SQNR chart stays readable. */
  private final IntegerProperty sqnrHeight = new SimpleIntegerProperty();

  private ModelAnalysis referencesFor;
  private PlanSummary fp16;
  private PlanSummary int8;

  /** Room kept for the tile pane's vertical scroll bar. */
  private static final double SCROLL_BAR = 14;

  public DashboardView(
      Workspace workspace,
      PlanEditor plans,
      CostState costs,
      AccuracyState accuracy,
      ChartPanes charts,
      Messages m) {
    this.m = m;
    this.workspace = workspace;
    this.plans = plans;
    this.costs = costs;
    setId("dashboard");
    getStyleClass().add("dashboard");
    setSpacing(8);
    DashboardTiles tiles = new DashboardTiles(workspace, plans, costs, accuracy, m);
    ScrollPane tileScroll = new ScrollPane(tiles);
    tileScroll.setFitToWidth(true);
    tileScroll.setMinWidth(450);
    tileScroll.setPrefWidth(700);
    tileScroll.getStyleClass().add("edge-to-edge");
    // The tiles take as few rows as the pane's height holds: all seven show without scrolling
    // wherever the width allows (four columns at 1440×900, three rows at 1024×700 scroll).
    // The pane's own size, less a scroll bar's width, not its viewport's: a scroll bar coming and
    // going would otherwise change the fit it results from.
    tileScroll
        .layoutBoundsProperty()
        .addListener(
            (obs, old, now) -> tiles.fit(now.getWidth() - SCROLL_BAR, now.getHeight() - 2));
    sqnrChart = charts.create("sqnr-per-layer");
    costChart = charts.create("plan-cost");
    ScrollPane sqnrScroll = new ScrollPane(sqnrChart);
    sqnrScroll.setFitToWidth(true);
    sqnrScroll.getStyleClass().add("edge-to-edge");
    sqnrScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
    // A chart of many layers grows taller and scrolls rather than squeezing its labels.
    sqnrChart
        .minHeightProperty()
        .bind(
            Bindings.createDoubleBinding(
                () -> Math.max(sqnrScroll.getViewportBounds().getHeight(), sqnrHeight.get()),
                sqnrScroll.viewportBoundsProperty(),
                sqnrHeight));
    // On a narrow window the SQNR chart keeps a readable width: the tiles reflow to two columns
    // and the cost chart narrows too (SOMETIMES: they shrink after the chart but never grow).
    HBox.setHgrow(sqnrScroll, Priority.ALWAYS);
    sqnrScroll.setMinWidth(240);
    HBox.setHgrow(tileScroll, Priority.SOMETIMES);
    HBox.setHgrow(costChart, Priority.SOMETIMES);
    costChart.setPrefWidth(350);
    costChart.setMinWidth(300);
    getChildren().addAll(tileScroll, sqnrScroll, costChart);

    Coalescer sqnr = new Coalescer(this::drawSqnr);
    Coalescer cost = new Coalescer(this::drawCost);
    plans.summary().addListener((obs, old, now) -> sqnr.request());
    plans.pinnedSummary().addListener((obs, old, now) -> sqnr.request());
    costs.cost().addListener((obs, old, now) -> cost.request());
    costs.pinnedCost().addListener((obs, old, now) -> cost.request());
    costs.measuring().addListener((obs, old, now) -> cost.request());
    costs.problem().addListener((obs, old, now) -> cost.request());
    drawSqnr();
    drawCost();
  }

  public ChartPane sqnrChart() {
    return sqnrChart;
  }

  public ChartPane costChart() {
    return costChart;
  }

  private void drawSqnr() {
    PlanSummary current = plans.summary().get();
    OpenModel open = workspace.opened().get();
    if (current == null || open == null) {
      sqnrChart.empty(m.get("dashboard.noModel"));
      return;
    }
    if (referencesFor != open.analysis()) {
      referencesFor = open.analysis();
      fp16 = PlanSummary.of(open.analysis(), PrecisionPlan.uniform(FP16));
      int8 = PlanSummary.of(open.analysis(), PrecisionPlan.uniform(INT8));
    }
    List<String> layers = current.layers().stream().map(r -> r.layer().name()).toList();
    List<Series> series = new ArrayList<>();
    series.add(sqnrSeries(m.get("series.current"), PlanRole.CURRENT, current));
    PlanSummary pinned = plans.pinnedSummary().get();
    if (pinned != null) {
      series.add(sqnrSeries(m.get("series.pinned"), PlanRole.PINNED, pinned));
    }
    series.add(sqnrSeries(m.get("series.fp16"), PlanRole.FP16, fp16));
    series.add(sqnrSeries(m.get("series.int8"), PlanRole.INT8, int8));
    sqnrHeight.set(SqnrBarChart.preferredHeight(layers.size(), series.size()));
    sqnrChart.setExportHeight(sqnrHeight.get());
    BuiltChart chart = SqnrBarChart.create(m, layers, series, m.get("dashboard.sqnrTitle"));
    // The chart sits in a narrow column: give layer names more of its width than bars need.
    chart.chart().getCategoryPlot().getDomainAxis().setMaximumCategoryLabelWidthRatio(0.6f);
    // The chart scrolls: a legend at its foot would be out of sight for a model of many layers.
    chart.chart().getLegend().setPosition(RectangleEdge.TOP);
    sqnrChart.show(chart);
  }

  private static Series sqnrSeries(String name, PlanRole role, PlanSummary summary) {
    return new Series(
        name, role, summary.layers().stream().mapToDouble(PlanSummary.LayerRow::sqnrDb).toArray());
  }

  private void drawCost() {
    CostComparison current = costs.cost().get();
    if (current == null) {
      String problem = costs.problem().get();
      costChart.empty(
          problem != null
              ? m.get("dashboard.costChartUnavailable", problem)
              : costs.measuring().get() ? m.get("dashboard.measuring") : "—");
      return;
    }
    List<String> metrics =
        List.of(
            m.get("metric.size"),
            m.get("metric.traffic"),
            m.get("metric.time"),
            m.get("metric.energy"));
    List<Series> series = new ArrayList<>();
    double[] fp32 = percentOfStored(current, current.fp32());
    boolean storedIsFp32 = Arrays.stream(fp32).allMatch(p -> Math.abs(p - 100) < 1e-9);
    // An FP32 file's one reference bar is the model as stored, named "as stored = FP32".
    series.add(
        new Series(
            m.get(storedIsFp32 ? "series.storedFp32" : "series.stored"),
            PlanRole.AS_STORED,
            new double[] {100, 100, 100, 100}));
    if (!storedIsFp32) {
      series.add(new Series(m.get("series.fp32"), PlanRole.FP32, fp32));
    }
    series.add(
        new Series(
            m.get("series.current"), PlanRole.CURRENT, percentOfStored(current, current.plan())));
    CostComparison pinned = costs.pinnedCost().get();
    if (pinned != null) {
      series.add(
          new Series(
              m.get("series.pinned"), PlanRole.PINNED, percentOfStored(pinned, pinned.plan())));
    }
    BuiltChart chart =
        PlanComparisonChart.create(
            m,
            metrics,
            series,
            m.get("dashboard.percentOfStored"),
            m.get("dashboard.costTitle", current.plan().hardware().name()));
    // The dashboard column is narrow: value labels would collide; tooltips and exports keep them.
    chart.chart().getCategoryPlot().getRenderer().setDefaultItemLabelsVisible(false);
    costChart.show(chart);
  }

  /** Size, traffic, time and energy of {@code cost} in percent of the model as stored. */
  private static double[] percentOfStored(CostComparison c, ModelCost cost) {
    return new double[] {
      c.percentOfStored(cost, ModelCost::modelBytes),
      c.percentOfStored(cost, ModelCost::dramBytes),
      c.percentOfStored(cost, ModelCost::seconds),
      c.percentOfStored(cost, ModelCost::joules)
    };
  }
}
