package io.quantlens.ui.app;

import static io.quantlens.ui.app.WorkbenchFixture.onFx;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.ui.dashboard.MetricTile;
import io.quantlens.ui.export.ChartPane;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/**
 * The window from 1024×700 to full HD: every chart keeps a readable size, every tile its minimum
 * width, and from 1440×900 up all seven tiles show without scrolling.
 */
class WindowSizesTest extends WorkbenchTest {
  /** Smaller than this, a chart's title and axes leave no plot. */
  private static final double CHART_MIN_WIDTH = 180;

  private static final double CHART_MIN_HEIGHT = 120;

  @Test
  void chartsAndTilesKeepTheirSizeAtEveryWindowSize(FxRobot robot) throws Exception {
    fixture.open(WorkbenchFixture.MNIST);
    double width = onFx(() -> fixture.app.stage().getWidth());
    double height = onFx(() -> fixture.app.stage().getHeight());
    try {
      for (int[] size : new int[][] {{1024, 700}, {1440, 900}, {1920, 1080}}) {
        fixture.resize(size[0], size[1]);
        String at = size[0] + "×" + size[1];
        fixture.screenshot("window-" + size[0] + "x" + size[1]);
        List<Node> charts =
            onFx(() -> List.copyOf(robot.lookup(n -> n instanceof ChartPane).queryAll()));
        assertTrue(charts.size() >= 5, at + ": " + charts.size() + " charts");
        for (Node chart : charts) {
          Bounds b = onFx(chart::getLayoutBounds);
          assertTrue(
              b.getWidth() >= CHART_MIN_WIDTH && b.getHeight() >= CHART_MIN_HEIGHT,
              at + ": chart " + chart.getId() + " is " + b.getWidth() + " × " + b.getHeight());
        }
        List<Node> tiles =
            onFx(() -> List.copyOf(robot.lookup(n -> n instanceof MetricTile).queryAll()));
        assertTrue(tiles.size() == 7, at + ": " + tiles.size() + " tiles");
        for (Node tile : tiles) {
          double w = onFx(() -> tile.getLayoutBounds().getWidth());
          assertTrue(w >= 150, at + ": tile " + tile.getId() + " is " + w + " wide");
        }
        if (size[0] >= 1440) {
          ScrollPane scroll = onFx(() -> enclosingScrollPane(tiles.get(0)));
          double content = onFx(() -> scroll.getContent().getLayoutBounds().getHeight());
          double viewport = onFx(() -> scroll.getViewportBounds().getHeight());
          assertTrue(content <= viewport + 1, at + ": tiles " + content + " px in " + viewport);
        }
      }
    } finally {
      fixture.resize(width, height);
    }
  }

  private static ScrollPane enclosingScrollPane(Node node) {
    Node n = node.getParent();
    while (!(n instanceof ScrollPane)) {
      n = n.getParent();
    }
    return (ScrollPane) n;
  }
}
