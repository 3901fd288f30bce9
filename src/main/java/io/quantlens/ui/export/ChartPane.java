package io.quantlens.ui.export;

import io.quantlens.charts.BuiltChart;
import io.quantlens.charts.ChartStyle;
import io.quantlens.text.Messages;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.StackPane;
import org.jfree.chart.entity.ChartEntity;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.fx.interaction.ChartMouseEventFX;
import org.jfree.chart.fx.interaction.ChartMouseListenerFX;

/**
 * Shows one chart and offers its exports (PNG, SVG, CSV) on right click. A file is drawn from the
 * chart shown in the light {@link PrintStyle}, captioned with what it is of.
 */
public final class ChartPane extends StackPane {
  private final String name;
  private final ChartViewer viewer = new ChartViewer(null, false);
  private final ObjectProperty<BuiltChart> chart = new SimpleObjectProperty<>();
  private final Label placeholder = new Label();
  private final BooleanProperty dark;
  private final Supplier<ChartSubject> subject;
  private int exportHeight;
  private float fontScale = 1f;

  ChartPane(
      String name,
      Supplier<ChartSubject> subject,
      ChartExports exports,
      BooleanProperty dark,
      Messages m) {
    this.name = name;
    this.subject = subject;
    this.dark = dark;
    setId(name + "Chart");
    getStyleClass().add("chart-pane");
    placeholder.getStyleClass().add("chart-placeholder");
    placeholder.setWrapText(true);
    viewer.setVisible(false);
    viewer.setMinSize(0, 0);
    setMinSize(0, 0);
    getChildren().addAll(placeholder, viewer);
    MenuItem png = new MenuItem(m.get("export.png"));
    png.setOnAction(e -> exports.png(this));
    MenuItem svg = new MenuItem(m.get("export.svg"));
    svg.setOnAction(e -> exports.svg(this));
    MenuItem csv = new MenuItem(m.get("export.csv"));
    csv.setOnAction(e -> exports.csv(this));
    ContextMenu menu = new ContextMenu(png, svg, csv);
    viewer.setOnContextMenuRequested(e -> menu.show(viewer, e.getScreenX(), e.getScreenY()));
    dark.addListener((obs, old, now) -> restyle());
  }

  /** A short file-name-friendly name, e.g. {@code weight-histogram}. */
  public String name() {
    return name;
  }

  /** What the chart shows now: the model, and the layer for a chart of the selected layer. */
  public ChartSubject subject() {
    return subject.get();
  }

  /** The file an export is named by default, e.g. {@code mnist-cnn-conv2-weight-histogram.png}. */
  public String fileName(String extension) {
    return subject().fileName(name, extension);
  }

  /** The height a report draws this chart at; 0 for the report's default. */
  public int exportHeight() {
    return exportHeight;
  }

  /** Asks for a taller report image, e.g. for a chart of many layers. */
  public void setExportHeight(int height) {
    exportHeight = height;
  }

  public ReadOnlyObjectProperty<BuiltChart> chart() {
    return chart;
  }

  public void show(BuiltChart built) {
    chart.set(built);
    if (built == null) {
      viewer.setVisible(false);
      return;
    }
    style().apply(built.chart(), fontScale);
    viewer.setChart(built.chart());
    viewer.setVisible(true);
    placeholder.setText("");
  }

  /** Runs {@code action} with what a left click hit on the chart: a bar, an axis label, null. */
  public void setOnEntityClicked(Consumer<ChartEntity> action) {
    viewer.addChartMouseListener(
        new ChartMouseListenerFX() {
          @Override
          public void chartMouseClicked(ChartMouseEventFX e) {
            if (e.getTrigger().getButton() == MouseButton.PRIMARY) {
              action.accept(e.getEntity());
            }
          }

          @Override
          public void chartMouseMoved(ChartMouseEventFX e) {}
        });
  }

  /** Shows {@code text} instead of a chart. */
  public void empty(String text) {
    chart.set(null);
    viewer.setVisible(false);
    placeholder.setText(text);
  }

  /**
   * Draws the chart's type {@code scale} times its usual size on screen, this chart and those shown
   * after it (presenter mode); exports keep the usual size.
   */
  public void setFontScale(float scale) {
    if (scale != fontScale) {
      fontScale = scale;
      restyle();
    }
  }

  /** How much larger than usual the chart's type is drawn on screen; 1 usually. */
  public float fontScale() {
    return fontScale;
  }

  public ChartStyle style() {
    return dark.get() ? ChartStyle.DARK : ChartStyle.LIGHT;
  }

  private void restyle() {
    BuiltChart built = chart.get();
    if (built != null) {
      style().apply(built.chart(), fontScale);
    }
  }
}
