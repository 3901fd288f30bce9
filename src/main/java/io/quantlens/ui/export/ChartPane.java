package io.quantlens.ui.export;

import io.quantlens.charts.BuiltChart;
import io.quantlens.charts.ChartStyle;
import io.quantlens.ui.text.Messages;
import java.util.function.Consumer;
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
 * Shows one chart and offers its exports (PNG, SVG, CSV) on right click. The chart object shown is
 * the one exported, so a file looks like the screen.
 */
public final class ChartPane extends StackPane {
  private final String name;
  private final ChartViewer viewer = new ChartViewer(null, false);
  private final ObjectProperty<BuiltChart> chart = new SimpleObjectProperty<>();
  private final Label placeholder = new Label();
  private final BooleanProperty dark;
  private int exportHeight;

  ChartPane(String name, ChartExports exports, BooleanProperty dark, Messages m) {
    this.name = name;
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
    style().apply(built.chart());
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

  public ChartStyle style() {
    return dark.get() ? ChartStyle.DARK : ChartStyle.LIGHT;
  }

  private void restyle() {
    BuiltChart built = chart.get();
    if (built != null) {
      style().apply(built.chart());
    }
  }
}
