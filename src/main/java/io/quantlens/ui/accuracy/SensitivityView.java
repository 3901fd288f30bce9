package io.quantlens.ui.accuracy;

import atlantafx.base.theme.Styles;
import io.quantlens.charts.BuiltChart;
import io.quantlens.charts.RankedBarChart;
import io.quantlens.eval.EvalTask;
import io.quantlens.eval.LayerSensitivity;
import io.quantlens.eval.SensitivityMetric;
import io.quantlens.eval.SensitivityReport;
import io.quantlens.text.Messages;
import io.quantlens.ui.export.ChartPane;
import io.quantlens.ui.export.ChartPanes;
import io.quantlens.ui.state.OpenModel;
import io.quantlens.ui.task.Coalescer;
import io.quantlens.ui.task.TaskProgressBar;
import io.quantlens.ui.text.SensitivityText;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.jfree.chart.entity.CategoryItemEntity;
import org.jfree.chart.entity.CategoryLabelEntity;
import org.jfree.chart.entity.ChartEntity;
import org.jfree.data.category.CategoryDataset;

/**
 * Choose a probe scheme, scan, and see the layers ranked by what quantizing each alone costs, as
 * horizontal bars worst first; clicking a bar (or its name) selects that layer everywhere.
 */
public final class SensitivityView extends VBox {
  private final SensitivityViewModel model;
  private final Messages m;
  private final ChartPane chart;
  private final Label summary = new Label();
  private final IntegerProperty chartHeight = new SimpleIntegerProperty();
  private List<LayerSensitivity> drawn = List.of();

  public SensitivityView(SensitivityViewModel model, ChartPanes charts, Messages m) {
    this.model = model;
    this.m = m;
    setId("sensitivityView");
    setSpacing(8);
    setPadding(new Insets(12));
    chart = charts.create("sensitivity-ranking");
    chart.setOnEntityClicked(this::clicked);

    ScrollPane scroll = new ScrollPane(chart);
    scroll.setFitToWidth(true);
    scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
    scroll.getStyleClass().add("edge-to-edge");
    // Many layers make the chart taller than the view: it scrolls rather than squeezing bars.
    chart
        .minHeightProperty()
        .bind(
            Bindings.createDoubleBinding(
                () -> Math.max(scroll.getViewportBounds().getHeight(), chartHeight.get()),
                scroll.viewportBoundsProperty(),
                chartHeight));
    VBox.setVgrow(scroll, Priority.ALWAYS);
    summary.setId("sensitivitySummary");
    summary.setWrapText(true);
    summary.getStyleClass().add(Styles.TEXT_MUTED);
    getChildren()
        .addAll(controls(), TaskProgressBar.of(model.scanning(), "scanProgress"), summary, scroll);

    Coalescer redraw = new Coalescer(this::draw);
    model.report().addListener((obs, old, now) -> redraw.request());
    model.selectedLayer().addListener((obs, old, now) -> redraw.request());
    model.opened().addListener((obs, old, now) -> redraw.request());
    draw();
  }

  /** The ranking chart, as exported. */
  public ChartPane chart() {
    return chart;
  }

  /** The layers in the order the chart draws them, top first. */
  public List<LayerSensitivity> drawn() {
    return drawn;
  }

  private VBox controls() {
    ProbeScheme probe = model.probe();
    Label label = new Label(m.get("sensitivityView.probe"));
    ComboBox<String> scheme = new ComboBox<>(probe.choices());
    scheme.setId("probeScheme");
    scheme.setEditable(true);
    scheme.setPrefWidth(220);
    scheme.getEditor().textProperty().bindBidirectional(probe.text());
    scheme.setOnAction(e -> probe.text().set(scheme.getValue()));
    Button scan = new Button(m.get("sensitivityView.scan"));
    scan.setId("scanButton");
    scan.setDefaultButton(true);
    scan.disableProperty().bind(model.canScan().not());
    scan.setOnAction(e -> model.scan());
    Button cancel = new Button(m.get("action.cancel"));
    cancel.setId("cancelScan");
    cancel.visibleProperty().bind(model.scanning().isNotNull());
    cancel.managedProperty().bind(cancel.visibleProperty());
    cancel.setOnAction(e -> model.cancel());
    HBox row = new HBox(8, label, scheme, scan, cancel);
    row.setAlignment(Pos.CENTER_LEFT);

    Label problem = new Label();
    problem.setId("probeProblem");
    problem.setWrapText(true);
    problem.getStyleClass().add(Styles.DANGER);
    problem
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () -> model.problem().get() != null ? model.problem().get() : probe.problem().get(),
                model.problem(),
                probe.problem()));
    problem.visibleProperty().bind(problem.textProperty().isNotEmpty());
    probe
        .problem()
        .addListener(
            (obs, old, now) -> scheme.pseudoClassStateChanged(Styles.STATE_DANGER, now != null));
    problem.managedProperty().bind(problem.visibleProperty());
    Label hint = new Label(m.get("sensitivityView.hint"));
    hint.setWrapText(true);
    hint.getStyleClass().add(Styles.TEXT_MUTED);
    return new VBox(4, row, problem, hint);
  }

  private void draw() {
    SensitivityReport report = model.report().get();
    OpenModel open = model.opened().get();
    if (report == null || open == null) {
      drawn = List.of();
      chartHeight.set(0);
      summary.setText("");
      chart.empty(m.get(open == null ? "sensitivityView.noModel" : "sensitivityView.none"));
      return;
    }
    drawn = model.ranked();
    SensitivityMetric metric = SensitivityMetric.of(report.task().kind(), labelled(report));
    List<RankedBarChart.Bar> bars =
        drawn.stream()
            .map(
                s ->
                    new RankedBarChart.Bar(
                        s.layer().name(), s.value(), SensitivityText.withTieBreak(s, m)))
            .toList();
    String axis = SensitivityText.axis(metric, m);
    BuiltChart built =
        RankedBarChart.create(
            m,
            bars,
            axis,
            axis,
            m.get("sensitivityView.title", open.title(), report.scheme().id()),
            model.selectedLayer().get());
    chartHeight.set(RankedBarChart.preferredHeight(bars.size()));
    chart.setExportHeight(chartHeight.get());
    chart.show(built);
    summary.setText(
        m.get(
            "sensitivityView.summary",
            report.scheme().id(),
            drawn.isEmpty() ? "" : drawn.get(0).result().data(),
            axis,
            m.get(
                report.task().kind() == EvalTask.Kind.CLASSIFIER
                    ? "sensitivityView.tiesKl"
                    : "sensitivityView.ties")));
  }

  private static boolean labelled(SensitivityReport report) {
    return !report.layers().isEmpty() && report.layers().get(0).result().hasLabels();
  }

  /** A bar or a layer name on the axis: selects that layer. */
  private void clicked(ChartEntity entity) {
    Comparable<?> key;
    CategoryDataset dataset;
    if (entity instanceof CategoryItemEntity item) {
      key = item.getColumnKey();
      dataset = item.getDataset();
    } else if (entity instanceof CategoryLabelEntity label && chart.chart().get() != null) {
      key = label.getKey();
      dataset = chart.chart().get().chart().getCategoryPlot().getDataset();
    } else {
      return;
    }
    int column = dataset.getColumnIndex(key);
    if (column >= 0 && column < drawn.size()) {
      model.select(drawn.get(column).layer().name());
    }
  }
}
