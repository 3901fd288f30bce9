package io.quantlens.ui.activations;

import atlantafx.base.theme.Styles;
import io.quantlens.analysis.PlanDescription;
import io.quantlens.charts.LayerDepthChart;
import io.quantlens.eval.ActivationReport;
import io.quantlens.eval.LayerActivation;
import io.quantlens.text.Messages;
import io.quantlens.ui.export.ChartPane;
import io.quantlens.ui.export.ChartPanes;
import io.quantlens.ui.state.ActivationState;
import io.quantlens.ui.state.OpenModel;
import io.quantlens.ui.state.Workspace;
import io.quantlens.ui.task.Coalescer;
import io.quantlens.ui.task.TaskProgressBar;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.jfree.chart.entity.CategoryItemEntity;
import org.jfree.chart.entity.CategoryLabelEntity;
import org.jfree.chart.entity.ChartEntity;

/**
 * The activations of the current plan: each layer's local and accumulated output error along the
 * depth of the network, and the selected layer's input activation beside it. Clicking a layer in
 * the depth chart selects it everywhere.
 */
public final class ActivationsView extends VBox {
  private final ActivationState state;
  private final Workspace workspace;
  private final Messages m;
  private final ChartPane depth;
  private final LayerActivationPane layer;
  private final Label summary = new Label();
  private final IntegerProperty depthHeight = new SimpleIntegerProperty();
  private List<String> drawn = List.of();

  public ActivationsView(
      ActivationState state, Workspace workspace, ChartPanes charts, Messages m) {
    this.state = state;
    this.workspace = workspace;
    this.m = m;
    setId("activationsView");
    setSpacing(8);
    setPadding(new Insets(12));
    depth = charts.create("layer-errors-by-depth");
    depth.setOnEntityClicked(this::clicked);
    layer = new LayerActivationPane(charts, m);

    ScrollPane scroll = new ScrollPane(depth);
    scroll.setFitToWidth(true);
    scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
    scroll.getStyleClass().add("edge-to-edge");
    depth
        .minHeightProperty()
        .bind(
            Bindings.createDoubleBinding(
                () -> Math.max(scroll.getViewportBounds().getHeight(), depthHeight.get()),
                scroll.viewportBoundsProperty(),
                depthHeight));
    SplitPane split = new SplitPane(scroll, layer);
    split.setDividerPositions(0.45);
    VBox.setVgrow(split, Priority.ALWAYS);
    summary.setId("activationsSummary");
    summary.setWrapText(true);
    summary.getStyleClass().add(Styles.TEXT_MUTED);
    getChildren()
        .addAll(
            controls(),
            TaskProgressBar.of(state.profiling(), "activationsProgress"),
            summary,
            split);

    Coalescer redraw = new Coalescer(this::draw);
    state.report().addListener((obs, old, now) -> redraw.request());
    workspace.selectedLayer().addListener((obs, old, now) -> redraw.request());
    workspace.opened().addListener((obs, old, now) -> redraw.request());
    draw();
  }

  /** The depth chart, as exported. */
  public ChartPane depthChart() {
    return depth;
  }

  /** The selected layer's charts. */
  public LayerActivationPane layerPane() {
    return layer;
  }

  private VBox controls() {
    Button measure = new Button(m.get("activationsView.measure"));
    measure.setId("measureActivations");
    measure.setDefaultButton(true);
    measure
        .disableProperty()
        .bind(Bindings.isNull(workspace.opened()).or(state.profiling().isNotNull()));
    measure.setOnAction(e -> state.profile());
    Button cancel = new Button(m.get("action.cancel"));
    cancel.setId("cancelActivations");
    cancel.visibleProperty().bind(state.profiling().isNotNull());
    cancel.managedProperty().bind(cancel.visibleProperty());
    cancel.setOnAction(e -> state.cancel());
    Label samplesLabel = new Label(m.get("activationsView.errorSamples"));
    Spinner<Integer> samples = new Spinner<>(1, 4096, state.errorSamples().get());
    samples.setId("errorSamples");
    samples.setEditable(true);
    samples.setPrefWidth(100);
    samples.valueProperty().addListener((obs, old, now) -> state.errorSamples().set(now));
    HBox row = new HBox(8, measure, cancel, samplesLabel, samples);
    row.setAlignment(Pos.CENTER_LEFT);
    Label hint = new Label(m.get("activationsView.hint"));
    hint.setWrapText(true);
    hint.getStyleClass().add(Styles.TEXT_MUTED);
    return new VBox(4, row, hint);
  }

  private void draw() {
    ActivationReport report = state.report().get();
    OpenModel open = workspace.opened().get();
    String selected = workspace.selectedLayer().get();
    LayerActivation row = report == null || selected == null ? null : report.layer(selected);
    layer.show(row, report);
    if (report == null || open == null) {
      drawn = List.of();
      depthHeight.set(0);
      summary.setText("");
      depth.empty(m.get(open == null ? "activationsView.noModel" : "activationsView.none"));
      return;
    }
    List<LayerActivation> measured =
        report.layers().stream().filter(l -> l.error() != null).toList();
    summary.setText(
        m.get(
            "activationsView.summary",
            PlanDescription.of(report.plan(), open.session().model(), m),
            report.calibrationSamples(),
            report.hasErrors()
                ? m.get("activationsView.errorsOn", report.errorSamples())
                : m.get("activationsView.errorsComing")));
    if (!report.hasErrors()) {
      drawn = List.of();
      depthHeight.set(0);
      depth.empty(m.get("activationsView.errorsComing"));
      return;
    }
    drawn = measured.stream().map(l -> l.layer().name()).toList();
    double[] local = measured.stream().mapToDouble(l -> l.error().localSqnrDb()).toArray();
    double[] accumulated =
        measured.stream().mapToDouble(l -> l.error().accumulatedSqnrDb()).toArray();
    depthHeight.set(LayerDepthChart.preferredHeight(drawn.size()));
    depth.setExportHeight(depthHeight.get());
    depth.show(
        LayerDepthChart.create(
            m,
            drawn,
            local,
            accumulated,
            m.get("activationsView.depthTitle", open.title()),
            selected));
  }

  /** A point or a layer name: selects that layer. */
  private void clicked(ChartEntity entity) {
    Comparable<?> key;
    if (entity instanceof CategoryItemEntity item) {
      key = item.getColumnKey();
      int column = item.getDataset().getColumnIndex(key);
      select(column);
    } else if (entity instanceof CategoryLabelEntity label && depth.chart().get() != null) {
      key = label.getKey();
      select(depth.chart().get().chart().getCategoryPlot().getDataset().getColumnIndex(key));
    }
  }

  private void select(int column) {
    if (column >= 0 && column < drawn.size()) {
      workspace.select(drawn.get(column));
    }
  }
}
