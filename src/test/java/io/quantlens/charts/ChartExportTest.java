package io.quantlens.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.quant.Histogram;
import io.quantlens.text.Language;
import io.quantlens.text.Messages;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jfree.chart.JFreeChart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class ChartExportTest {
  private static final Messages ENGLISH_TEXT = Language.ENGLISH.messages();
  @TempDir Path dir;

  private static JFreeChart plans(String title) {
    return PlanComparisonChart.create(
            ENGLISH_TEXT,
            List.of("size", "energy / inference"),
            List.of(
                new Series("FP32", PlanRole.FP32, new double[] {100, 100}),
                new Series("current", PlanRole.CURRENT, new double[] {27.5, 44.0})),
            "% of FP32",
            title)
        .chart();
  }

  @Test
  void testsRunHeadless() {
    assertTrue(GraphicsEnvironment.isHeadless());
  }

  @Test
  void pngHasExactlyTheAskedPixelsAndIsNotFlat() throws Exception {
    JFreeChart chart = plans("Plans");
    Path one = dir.resolve("one.png");
    Path two = dir.resolve("sub/two.png");
    ChartExport.png(chart, one, 640, 400, 1);
    ChartExport.png(chart, two, 640, 400, 2);
    BufferedImage a = ImageIO.read(one.toFile());
    BufferedImage b = ImageIO.read(two.toFile());
    assertEquals(640, a.getWidth());
    assertEquals(400, a.getHeight());
    assertEquals(1280, b.getWidth());
    assertEquals(800, b.getHeight());
    assertTrue(Images.distinctColours(a) > 20, "not a flat image");
    assertEquals(0xFFFFFFFF, a.getRGB(0, 0), "light background");
    assertTrue(Images.count(a, ChartStyle.LIGHT.colour(PlanRole.FP32)) > 1000, "FP32 bars drawn");

    BufferedImage odd = ChartExport.image(chart, 333, 201, 1.5);
    assertEquals(500, odd.getWidth()); // 499.5 rounded
    assertEquals(302, odd.getHeight()); // 301.5 rounded
  }

  /** Scale 2 is the same layout drawn twice as large: the title's first row of ink moves to 2y. */
  @Test
  void scaleEnlargesEverythingFontsIncluded() {
    JFreeChart chart = plans("A title to find");
    BufferedImage one = ChartExport.image(chart, 600, 400, 1);
    BufferedImage two = ChartExport.image(chart, 600, 400, 2);
    int top1 = firstInkRow(one);
    int top2 = firstInkRow(two);
    assertTrue(top1 > 0);
    assertTrue(Math.abs(top2 - 2 * top1) <= 2, top1 + " → " + top2);
    int left1 = firstInkColumn(one);
    int left2 = firstInkColumn(two);
    assertTrue(Math.abs(left2 - 2 * left1) <= 3, left1 + " → " + left2);
  }

  @Test
  void darkStyleExportsADarkBackground() throws Exception {
    JFreeChart chart = plans(null);
    ChartStyle.DARK.apply(chart);
    Path file = dir.resolve("dark.png");
    ChartExport.png(chart, file, 300, 200, 2);
    BufferedImage image = ImageIO.read(file.toFile());
    assertEquals(ChartStyle.DARK.background().getRGB(), image.getRGB(0, 0));
    assertEquals(ChartStyle.DARK.background().getRGB(), image.getRGB(599, 399));
  }

  @Test
  void svgParsesWithTheAskedSize() throws Exception {
    Path file = dir.resolve("chart.svg");
    ChartExport.svg(plans("SVG title"), file, 720, 450);
    var factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    Document doc = factory.newDocumentBuilder().parse(file.toFile());
    Element root = doc.getDocumentElement();
    assertEquals("svg", root.getLocalName());
    assertEquals("http://www.w3.org/2000/svg", root.getNamespaceURI());
    assertEquals(720.0, Double.parseDouble(root.getAttribute("width").replace("px", "")));
    assertEquals(450.0, Double.parseDouble(root.getAttribute("height").replace("px", "")));
    assertTrue(doc.getElementsByTagNameNS("*", "rect").getLength() >= 4, "bars drawn");
    assertTrue(Files.readString(file).contains("SVG title"), "text kept as text");
  }

  @Test
  void csvOfABuiltChartIsItsTable() throws Exception {
    Path file = dir.resolve("plans.csv");
    BuiltChart built =
        PlanComparisonChart.create(
            ENGLISH_TEXT,
            List.of("size", "energy, per inference"),
            List.of(
                new Series("FP32", new double[] {100, 100}),
                new Series("current", new double[] {0.1 + 0.2, Double.POSITIVE_INFINITY})),
            "%",
            null);
    ChartExport.csv(built, file);
    assertEquals(
        "metric,FP32,current\n"
            + "size,100.0,0.30000000000000004\n"
            + "\"energy, per inference\",100.0,inf\n",
        Files.readString(file));
  }

  @Test
  void csvOfAPlainCategoryChartReadsItsDataset() throws Exception {
    Path file = dir.resolve("category.csv");
    ChartExport.csv(plans(null), file);
    assertEquals(
        List.of(
            List.of("category", "FP32", "current"),
            List.of("size", "100.0", "27.5"),
            List.of("energy / inference", "100.0", "44.0")),
        records(file));
  }

  @Test
  void csvOfAPlainHistogramChartGivesBinEdges() throws Exception {
    Histogram h = new Histogram(0, 1, new long[] {2, 0, 5, 1}, 0, 0);
    JFreeChart chart = ErrorHistogramChart.create(ENGLISH_TEXT, h, null).chart();
    Path file = dir.resolve("hist.csv");
    ChartExport.csv(chart, file);
    assertEquals(
        List.of(
            List.of("series", "x_start", "x_end", "y"),
            List.of("errors", "0.0", "0.25", "2.0"),
            List.of("errors", "0.25", "0.5", "0.0"),
            List.of("errors", "0.5", "0.75", "5.0"),
            List.of("errors", "0.75", "1.0", "1.0")),
        records(file));
  }

  @Test
  void csvOfAPlainStripChartGivesTheDrawnPointsOfBothPlots() throws Exception {
    JFreeChart chart =
        ChannelStripChart.create(
                ENGLISH_TEXT,
                "channel",
                new float[] {0.5f, 0.25f},
                new double[] {10, Double.POSITIVE_INFINITY},
                null)
            .chart();
    Path file = dir.resolve("strip.csv");
    ChartExport.csv(chart, file);
    assertEquals(
        List.of(
            List.of("series", "x", "y"),
            List.of("scale", "0.0", "0.5"),
            List.of("scale", "1.0", "0.25"),
            List.of("SQNR", "0.0", "10.0")),
        records(file));
  }

  @Test
  void writesReplaceAtomicallyAndLeaveNoTemporaryFiles() throws Exception {
    Path file = dir.resolve("chart.png");
    Files.writeString(file, "old");
    ChartExport.png(plans(null), file, 200, 100, 1);
    ChartExport.svg(plans(null), dir.resolve("chart.svg"), 200, 100);
    ChartExport.csv(plans(null), dir.resolve("chart.csv"));
    assertEquals(200, ImageIO.read(file.toFile()).getWidth());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(
          List.of("chart.csv", "chart.png", "chart.svg"),
          files.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void aFolderInTheWayFailsWithoutLeftovers() throws Exception {
    Path folder = Files.createDirectory(dir.resolve("taken.png"));
    assertThrows(IOException.class, () -> ChartExport.png(plans(null), folder, 100, 100, 1));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(folder), files.toList());
    }
  }

  @Test
  void badSizesAreRefused() {
    JFreeChart chart = plans(null);
    Path file = dir.resolve("x.png");
    assertThrows(IllegalArgumentException.class, () -> ChartExport.png(chart, file, 0, 10, 1));
    assertThrows(IllegalArgumentException.class, () -> ChartExport.png(chart, file, 10, 10, 0));
    assertThrows(
        IllegalArgumentException.class, () -> ChartExport.png(chart, file, 10, 10, Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> ChartExport.svg(chart, file, 10, -1));
    assertTrue(Files.notExists(file));
  }

  private static List<List<String>> records(Path file) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    try (Reader in = Files.newBufferedReader(file);
        CSVParser csv = CSVFormat.DEFAULT.parse(in)) {
      for (CSVRecord r : csv) {
        rows.add(r.toList());
      }
    }
    return rows;
  }

  private static int firstInkRow(BufferedImage image) {
    int background = image.getRGB(0, 0);
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if (image.getRGB(x, y) != background) {
          return y;
        }
      }
    }
    return -1;
  }

  private static int firstInkColumn(BufferedImage image) {
    int background = image.getRGB(0, 0);
    for (int x = 0; x < image.getWidth(); x++) {
      for (int y = 0; y < image.getHeight(); y++) {
        if (image.getRGB(x, y) != background) {
          return x;
        }
      }
    }
    return -1;
  }
}
