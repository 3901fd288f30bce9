package io.quantlens.ui.activations;

import atlantafx.base.theme.Styles;
import io.quantlens.charts.LevelDrawing;
import io.quantlens.eval.ActivationProfile;
import io.quantlens.eval.ActivationReport;
import io.quantlens.eval.LayerActivation;
import io.quantlens.quant.ActivationScheme;
import io.quantlens.session.ActivationCharts;
import io.quantlens.text.Messages;
import io.quantlens.ui.export.ChartPane;
import io.quantlens.ui.export.ChartPanes;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The selected layer's input activation: its numbers, its histogram with the calibrated range and
 * the scheme's levels, and its range per channel with the outlier channels named.
 */
public final class LayerActivationPane extends VBox {
  private final Messages m;
  private final Label title = new Label();
  private final Label numbers = new Label();
  private final CheckBox log = new CheckBox();
  private final ChartPane histogram;
  private final ChartPane channels;
  private LayerActivation shown;
  private ActivationReport report;

  LayerActivationPane(ChartPanes charts, Messages m) {
    this.m = m;
    setId("layerActivation");
    setSpacing(6);
    title.getStyleClass().add("detail-title");
    title.setId("activationTitle");
    numbers.setId("activationNumbers");
    numbers.setWrapText(true);
    numbers.getStyleClass().add(Styles.TEXT_MUTED);
    numbers.setMinHeight(Region.USE_PREF_SIZE);
    log.setText(m.get("detail.log"));
    log.setId("activationLog");
    // Activations after a ReLU or GELU pile up near zero: their tail shows only on a log axis.
    log.setSelected(true);
    log.selectedProperty().addListener((obs, old, now) -> show(shown, report));
    histogram = charts.createForLayer("activation-histogram");
    channels = charts.createForLayer("activation-channels");
    histogram.setMinHeight(160);
    channels.setMinHeight(160);
    VBox.setVgrow(histogram, Priority.ALWAYS);
    VBox.setVgrow(channels, Priority.ALWAYS);
    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    HBox heading = new HBox(8, title, gap, log);
    getChildren().addAll(heading, numbers, histogram, channels);
  }

  public ChartPane histogram() {
    return histogram;
  }

  public ChartPane channels() {
    return channels;
  }

  /** Shows {@code row} of {@code report}; null for no layer. */
  void show(LayerActivation row, ActivationReport report) {
    this.shown = row;
    this.report = report;
    ActivationProfile p = row == null ? null : row.profile();
    if (p == null) {
      title.setText(row == null ? "" : row.layer().name());
      numbers.setText(
          m.get(
              report == null
                  ? "activationLayer.noReport"
                  : row == null ? "activationLayer.noLayer" : "activationLayer.noInput"));
      histogram.empty(numbers.getText());
      channels.empty("");
      return;
    }
    title.setText(row.layer().name());
    numbers.setText(text(p));
    double plotPx =
        histogram.getWidth() > 160 ? histogram.getWidth() - 80 : LevelDrawing.DEFAULT_PLOT_PX;
    histogram.show(
        ActivationCharts.histogram(
            m,
            p,
            log.isSelected(),
            m.get(
                p.smoothed()
                    ? "activationLayer.histogramTitleSmoothed"
                    : "activationLayer.histogramTitle",
                p.value(),
                p.scheme().id()),
            plotPx));
    channels.show(
        ActivationCharts.channels(m, p, m.get("activationLayer.channelsTitle", p.channelAxis())));
  }

  private String text(ActivationProfile p) {
    ActivationScheme scheme = p.scheme();
    String calibrated =
        p.calibrated() == null
            ? m.get(
                scheme.isNone() ? "activationLayer.notQuantized" : "activationLayer.rangePerRun")
            : m.get(
                "activationLayer.range",
                m.numbers().three(p.calibrated().min()),
                m.numbers().three(p.calibrated().max()));
    return m.get(
        "activationLayer.numbers",
        p.smoothed() ? m.get("activationLayer.smoothedValue", p.value()) : p.value(),
        scheme.isNone() ? "fp32" : scheme.id(),
        m.numbers().three(p.histogram().min()),
        m.numbers().three(p.histogram().max()),
        calibrated,
        m.numbers().percent(p.clippedShare()),
        m.numbers().db(p.sqnrDb()),
        p.outlierChannels().size(),
        p.channels().size(),
        m.numbers().three(p.maxMedianRatio()),
        m.numbers().three(p.excessKurtosis()));
  }
}
