package io.quantlens.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.text.Language;
import io.quantlens.text.Messages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.CategoryDataset;
import org.junit.jupiter.api.Test;

/** The ranking chart draws the bars in the order given, with their texts, one marked. */
class RankedBarChartTest {
  private static final Messages ENGLISH_TEXT = Language.ENGLISH.messages();
  private static final Path DIR = Path.of("target", "screenshots");

  /** MiniLM's 40 layers, the loss falling with the rank: 1 − cos from 9.0e-4 down. */
  private static List<RankedBarChart.Bar> miniLmRanking() {
    List<String> layers = ChartFixtures.miniLmLayers();
    List<RankedBarChart.Bar> bars = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      double loss = 9.0e-4 / (1 + i * 0.4);
      bars.add(
          new RankedBarChart.Bar(
              layers.get(layers.size() - 1 - i),
              loss,
              String.format(Locale.ROOT, "1−cos %.2e", loss)));
    }
    return bars;
  }

  @Test
  void barsKeepTheOrderGivenFirstAtTheTopWithTheirValuesInTheTable() {
    List<RankedBarChart.Bar> bars = miniLmRanking();
    BuiltChart built =
        RankedBarChart.create(
            ENGLISH_TEXT, bars, "1 − mean cosine", "1 − mean cosine", "ranking", null);
    CategoryPlot plot = built.chart().getCategoryPlot();
    assertEquals(PlotOrientation.HORIZONTAL, plot.getOrientation());
    CategoryDataset data = plot.getDataset();
    List<String> labels =
        io.quantlens.model.TensorNames.abbreviate(
            bars.stream().map(RankedBarChart.Bar::name).toList());
    assertEquals(bars.size(), data.getColumnCount());
    for (int i = 0; i < bars.size(); i++) {
      assertEquals(labels.get(i), data.getColumnKey(i));
      assertEquals(bars.get(i).value(), data.getValue(0, i).doubleValue());
      assertEquals(bars.get(i).name(), built.table().cell(i, 0));
      assertEquals(ChartTable.number(bars.get(i).value()), built.table().cell(i, 1));
      assertEquals(
          bars.get(i).text(),
          plot.getRenderer().getDefaultItemLabelGenerator().generateLabel(data, 0, i));
    }
    assertEquals(List.of("layer", "1 − mean cosine"), built.table().headers());
  }

  @Test
  void theHighlightedBarTakesTheCurrentPlansColourAndABoldNameTheOthersTheDataGrey() {
    List<RankedBarChart.Bar> bars = miniLmRanking();
    String marked = bars.get(3).name();
    BuiltChart built = RankedBarChart.create(ENGLISH_TEXT, bars, "loss", "loss", null, marked);
    JFreeChart chart = built.chart();
    CategoryPlot plot = chart.getCategoryPlot();
    for (ChartStyle style : ChartStyle.values()) {
      style.apply(chart);
      assertEquals(
          style.colour(PlanRole.CURRENT), plot.getRenderer().getItemPaint(0, 3), style.name());
      assertEquals(style.colour(PlanRole.DATA), plot.getRenderer().getItemPaint(0, 2));
    }
    Comparable<?> key = plot.getDataset().getColumnKey(3);
    assertTrue(plot.getDomainAxis().getTickLabelFont(key).isBold());
    assertNotEquals(
        true, plot.getDomainAxis().getTickLabelFont(plot.getDataset().getColumnKey(2)).isBold());
  }

  /** For looking at: 40 long names, light and dark, at the window's size and a report's. */
  @Test
  void savesTheMiniLmRankingInBothStyles() throws Exception {
    List<RankedBarChart.Bar> bars = miniLmRanking();
    JFreeChart chart =
        RankedBarChart.create(
                ENGLISH_TEXT,
                bars,
                "1 − mean cosine",
                "1 − mean cosine",
                "all-minilm-l6-v2.onnx: each layer alone at int4:g32:sym",
                bars.get(1).name())
            .chart();
    for (ChartStyle style : ChartStyle.values()) {
      style.apply(chart);
      Path file =
          DIR.resolve("charts-ranked-minilm-" + style.name().toLowerCase(Locale.ROOT) + ".png");
      ChartExport.png(chart, file, 900, RankedBarChart.preferredHeight(bars.size()), 1);
      assertTrue(Files.size(file) > 1000, file::toString);
    }
  }
}
