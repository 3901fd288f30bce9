package io.quantlens.ui.detail;

import io.quantlens.analysis.BulkHistogram;
import io.quantlens.analysis.GroupLevels;
import io.quantlens.analysis.LayerAnalysis;
import io.quantlens.analysis.LayerDetail;
import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.analysis.QuantResult;
import io.quantlens.charts.ChannelStripChart;
import io.quantlens.charts.ErrorHistogramChart;
import io.quantlens.charts.LevelDrawing;
import io.quantlens.charts.WeightHistogramChart;
import io.quantlens.quant.ErrorStats;
import io.quantlens.quant.Scheme;
import io.quantlens.text.Messages;
import io.quantlens.ui.export.ChartPane;
import io.quantlens.ui.export.ChartPanes;
import io.quantlens.ui.task.Coalescer;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The selected layer under its scheme: the weight histogram with the clipping range and levels
 * drawn over it, the error histogram, the per-channel or per-group strip, and the numbers beside
 * their theory.
 */
public final class DetailView extends VBox {
  private final Messages m;
  private final DetailViewModel model;
  private final Label title = new Label();
  private final Label subtitle = new Label();
  private final CheckBox log = new CheckBox();
  private final CheckBox showAll = new CheckBox();
  private final ChoiceBox<OverlayGroup.Kind> overlayKind = new ChoiceBox<>();
  private final Spinner<Integer> overlayIndex = new Spinner<>(0, Integer.MAX_VALUE, 0);
  private final DetailNumbers numbers;
  private final ChartPane weights;
  private final ChartPane errors;
  private final ChartPane strip;

  /** Smaller than this, a chart's title and axes leave no plot (see WindowSizesTest). */
  public static final double CHART_MIN_WIDTH = 180;

  public static final double CHART_MIN_HEIGHT = 120;

  /** The count axis, its label and the padding beside the weight plot. */
  private static final double AXIS_PX = 80;

  private double drawnAt = LevelDrawing.DEFAULT_PLOT_PX;

  public DetailView(DetailViewModel model, ChartPanes panes, Messages m) {
    this.m = m;
    this.model = model;
    setId("detailView");
    getStyleClass().add("detail-view");
    numbers = new DetailNumbers(m);
    weights = panes.createForLayer("weight-histogram");
    errors = panes.createForLayer("error-histogram");
    strip = panes.createForLayer("group-strip");

    title.getStyleClass().add("detail-title");
    title.setId("detailTitle");
    subtitle.getStyleClass().add("detail-subtitle");
    log.setText(m.get("detail.log"));
    log.setId("logCounts");
    // A long storage description is cut with an ellipsis (whole in the tooltip), never the box.
    Tooltip whole = new Tooltip();
    whole.textProperty().bind(subtitle.textProperty());
    subtitle.setTooltip(whole);
    VBox heading = new VBox(2, title, subtitle);
    heading.setMinWidth(0);
    HBox.setHgrow(heading, Priority.ALWAYS);
    log.setMinWidth(Region.USE_PREF_SIZE);
    log.setTooltip(new Tooltip(m.get("detail.logHint")));
    showAll.setText(m.get("detail.showAll"));
    showAll.setId("showAllWeights");
    showAll.setTooltip(new Tooltip(m.get("detail.showAllHint")));
    showAll.setMinWidth(Region.USE_PREF_SIZE);
    showAll.visibleProperty().bind(model.bulk().isNotNull());
    showAll.managedProperty().bind(showAll.visibleProperty());
    overlayKind.setId("overlayGroup");
    overlayKind.getItems().setAll(OverlayGroup.Kind.values());
    overlayKind.setConverter(
        new StringConverter<>() {
          @Override
          public String toString(OverlayGroup.Kind kind) {
            return kind == null
                ? ""
                : m.get("detail.overlay." + kind.name().toLowerCase(Locale.ROOT));
          }

          @Override
          public OverlayGroup.Kind fromString(String text) {
            throw new UnsupportedOperationException();
          }
        });
    overlayKind.setValue(OverlayGroup.Kind.WIDEST);
    overlayKind.setTooltip(new Tooltip(m.get("detail.overlayHint")));
    overlayIndex.setId("overlayIndex");
    overlayIndex.setEditable(true);
    overlayIndex.setPrefWidth(90);
    overlayIndex
        .visibleProperty()
        .bind(overlayKind.valueProperty().isEqualTo(OverlayGroup.Kind.CHOSEN));
    overlayIndex.managedProperty().bind(overlayIndex.visibleProperty());
    Runnable choose =
        () ->
            model
                .overlay()
                .set(
                    switch (overlayKind.getValue()) {
                      case WIDEST -> OverlayGroup.WIDEST;
                      case MEDIAN -> OverlayGroup.MEDIAN;
                      case CHOSEN -> OverlayGroup.chosen(overlayIndex.getValue());
                    });
    overlayKind.valueProperty().addListener((obs, old, now) -> choose.run());
    // A choice made elsewhere (a project, a test) shows in the controls.
    model
        .overlay()
        .addListener(
            (obs, old, now) -> {
              if (now.kind() == OverlayGroup.Kind.CHOSEN) {
                overlayIndex.getValueFactory().setValue(now.index());
              }
              overlayKind.setValue(now.kind());
            });
    overlayIndex.valueProperty().addListener((obs, old, now) -> choose.run());
    HBox overlay = new HBox(4, overlayKind, overlayIndex);
    overlay.setAlignment(Pos.CENTER_LEFT);
    overlay.setMinWidth(Region.USE_PREF_SIZE);
    // Only a layer with more than one scale group has a choice to make.
    overlay
        .visibleProperty()
        .bind(
            Bindings.createBooleanBinding(
                () -> model.detail().get() != null && model.detail().get().groupCount() > 1,
                model.detail()));
    overlay.managedProperty().bind(overlay.visibleProperty());
    HBox header = new HBox(10, heading, overlay, showAll, log);
    header.getStyleClass().add("detail-header");

    GridPane charts = new GridPane();
    charts.setHgap(6);
    charts.setVgap(6);
    ColumnConstraints wide = new ColumnConstraints();
    wide.setPercentWidth(58);
    ColumnConstraints narrow = new ColumnConstraints();
    narrow.setPercentWidth(42);
    charts.getColumnConstraints().addAll(wide, narrow);
    RowConstraints upper = new RowConstraints();
    upper.setPercentHeight(42);
    RowConstraints lower = new RowConstraints();
    lower.setPercentHeight(58);
    charts.getRowConstraints().addAll(upper, lower);
    weights.setMinSize(CHART_MIN_WIDTH, 2 * CHART_MIN_HEIGHT + charts.getVgap());
    errors.setMinSize(CHART_MIN_WIDTH, CHART_MIN_HEIGHT);
    strip.setMinSize(CHART_MIN_WIDTH, CHART_MIN_HEIGHT);
    charts.add(weights, 0, 0, 1, 2);
    charts.add(errors, 1, 0);
    charts.add(strip, 1, 1);
    VBox.setVgrow(charts, Priority.ALWAYS);
    getChildren().addAll(header, numbers, charts);

    Coalescer redraws = new Coalescer(this::redraw);
    log.selectedProperty().addListener((obs, old, now) -> redraws.request());
    showAll.selectedProperty().addListener((obs, old, now) -> redraws.request());
    model.bulk().addListener((obs, old, now) -> redraws.request());
    model.overlay().addListener((obs, old, now) -> redraws.request());
    model.layer().addListener((obs, old, now) -> redraws.request());
    model.scheme().addListener((obs, old, now) -> redraws.request());
    model.detail().addListener((obs, old, now) -> redraws.request());
    model.computing().addListener((obs, old, now) -> redraws.request());
    // Whether levels are drawn as lines depends on the plot's width: a resize that changes it by
    // a sixth or more draws the chart again (not every pixel of a divider drag).
    weights
        .widthProperty()
        .addListener(
            (obs, old, now) -> {
              if (Math.abs(plotWidth() - drawnAt) > drawnAt / 6) {
                redraws.request();
              }
            });
    redraw();
  }

  /** The weight plot's width in pixels: the pane less its axis and padding. */
  private double plotWidth() {
    double width = weights.getWidth() - AXIS_PX;
    return width > 0 ? width : LevelDrawing.DEFAULT_PLOT_PX;
  }

  public ChartPane weightsChart() {
    return weights;
  }

  public ChartPane errorsChart() {
    return errors;
  }

  private String groupLabel(LayerDetail detail) {
    return switch (detail.groupKind()) {
      case CHANNEL -> m.get("detail.groupChannel");
      case GROUP -> m.get("detail.groupBlock", detail.groupSize());
      case TENSOR -> m.get("detail.groupTensor");
    };
  }

  private void redraw() {
    LayerAnalysis layer = model.layer().get();
    Scheme scheme = model.scheme().get();
    if (layer == null || scheme == null) {
      title.setText(m.get("detail.none"));
      subtitle.setText("");
      numbers.clear();
      weights.empty(m.get("detail.none"));
      errors.empty("");
      strip.empty("");
      return;
    }
    title.setText(layer.layer().name());
    subtitle.setText(
        m.get(
                "detail.subtitle",
                layer.layer().opType(),
                layer.layer().weight().shapeText(),
                m.numbers().count(layer.weights().count()),
                scheme.id())
            + (layer.layer().storage().isEmpty() ? "" : " · " + layer.layer().storage())
            + (layer.layer().users().size() > 1
                ? " · " + m.get("detail.sharedBy", layer.layer().users().size())
                : ""));
    LayerDetail detail = model.detail().get();
    boolean fp32 = scheme.equals(PrecisionPlan.FP32);
    drawnAt = plotWidth();
    BulkHistogram bulk = showAll.isSelected() ? null : model.bulk().get();
    GroupLevels drawn = detail == null ? null : model.overlayLevels(detail);
    weights.show(
        WeightHistogramChart.create(
            m,
            bulk == null ? layer.weights().histogram() : bulk.histogram(),
            log.isSelected(),
            drawn == null ? new double[0] : drawn.levels(),
            drawn == null ? Double.NaN : drawn.lo(),
            drawn == null ? Double.NaN : drawn.hi(),
            drawn == null || detail.groupCount() == 1
                ? m.get("detail.weightsTitle")
                : m.get("detail.weightsTitleGroup", drawn.group()),
            drawnAt,
            bulk == null
                ? null
                : m.get(
                    "detail.beyond",
                    m.numbers().count(bulk.beyond()),
                    m.numbers().three(bulk.maxAbs()))));
    if (fp32) {
      numbers.fp32(layer.weights());
      errors.empty(m.get("detail.fp32"));
      strip.empty(m.get("detail.fp32"));
      return;
    }
    QuantResult result = layer.result(scheme);
    ErrorStats stats = result.stats();
    errors.show(
        ErrorHistogramChart.create(
            m, stats.errorHistogram(), log.isSelected(), m.get("detail.errorTitle", scheme.id())));
    numbers.show(scheme, result, detail);
    if (detail == null) {
      strip.empty(m.get("detail.computing"));
    } else {
      strip.show(
          ChannelStripChart.create(
              m, groupLabel(detail), detail.scales(), detail.groupSqnrDb(), null));
    }
  }
}
