package io.quantlens.charts;

import io.quantlens.files.AtomicWrite;
import io.quantlens.report.CsvFiles;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/**
 * Writes charts as PNG, SVG and CSV, headless. Every file is written atomically (a temporary
 * sibling, then a move), so a failed export never leaves half a file.
 *
 * <p>Drawing reads the chart's state: call these on the thread that owns the chart (the FX thread
 * for a chart on screen), or on a chart no one else is changing.
 */
public final class ChartExport {
  private ChartExport() {}

  /**
   * Writes a PNG of {@code width·scale × height·scale} pixels (rounded) showing the chart laid out
   * at {@code width × height}: everything, fonts included, is drawn {@code scale} times larger, so
   * scale 2 gives a sharp HiDPI image of the same layout.
   */
  public static void png(JFreeChart chart, Path file, int width, int height, double scale)
      throws IOException {
    writePng(image(chart, width, height, scale), file);
  }

  /** Writes an image drawn by {@link #image} as PNG, atomically. */
  public static void writePng(BufferedImage image, Path file) throws IOException {
    AtomicWrite.writeStream(
        file,
        out -> {
          if (!ImageIO.write(image, "png", out)) {
            throw new IOException("no PNG writer in this Java runtime");
          }
        });
  }

  /** The chart drawn as {@link #png} draws it, as an image. */
  public static BufferedImage image(JFreeChart chart, int width, int height, double scale) {
    checkSize(width, height);
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException("scale must be positive: " + scale);
    }
    int w = (int) Math.round(width * scale);
    int h = (int) Math.round(height * scale);
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g2 = image.createGraphics();
    try {
      g2.setRenderingHint(JFreeChart.KEY_SUPPRESS_SHADOW_GENERATION, Boolean.TRUE);
      g2.scale(w / (double) width, h / (double) height);
      chart.draw(g2, new Rectangle2D.Double(0, 0, width, height));
    } finally {
      g2.dispose();
    }
    return image;
  }

  /**
   * Writes a UTF-8 SVG document of {@code width × height} pixels with a matching view box, text
   * kept as text.
   */
  public static void svg(JFreeChart chart, Path file, int width, int height) throws IOException {
    writeSvg(svgDocument(chart, width, height), file);
  }

  /** Writes a document made by {@link #svgDocument}, atomically. */
  public static void writeSvg(String document, Path file) throws IOException {
    AtomicWrite.writeStream(file, out -> out.write(document.getBytes(StandardCharsets.UTF_8)));
  }

  /** The chart as an SVG document, the text {@link #svg} writes. */
  public static String svgDocument(JFreeChart chart, int width, int height) {
    checkSize(width, height);
    SVGGraphics2D g2 = new SVGGraphics2D(width, height);
    g2.setRenderingHint(JFreeChart.KEY_SUPPRESS_SHADOW_GENERATION, Boolean.TRUE);
    chart.draw(g2, new Rectangle2D.Double(0, 0, width, height));
    // No DOCTYPE (SVG 2 has none): a parser never has to fetch a DTD. The view box lets the
    // picture scale when a slide or page resizes it.
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + g2.getSVGElement(null, true, new ViewBox(0, 0, width, height), null, null)
        + "\n";
  }

  /** Writes a chart's full-resolution data: its {@link BuiltChart#table()}. */
  public static void csv(BuiltChart chart, Path file) throws IOException {
    csv(chart.table(), file);
  }

  /**
   * Writes the data a chart draws, read from its datasets: for a category plot one row per category
   * and one column per series; for an XY plot (and each subplot of a combined plot) one row per
   * item, {@code series, x, y}, or {@code series, x_start, x_end, y} for bars with intervals. A
   * chart of this package drawn from reduced data should be exported with {@link #csv(BuiltChart,
   * Path)} instead.
   */
  public static void csv(JFreeChart chart, Path file) throws IOException {
    csv(DatasetTables.of(chart), file);
  }

  /**
   * Writes a table as CSV: a header row, {@code \n} line ends, UTF-8, cells as {@link
   * ChartTable#cell} gives them (round-trip numbers, {@code inf}, empty for NaN).
   */
  public static void csv(ChartTable table, Path file) throws IOException {
    CsvFiles.write(
        file,
        table.headers(),
        csv -> {
          int columns = table.columns().size();
          String[] row = new String[columns];
          for (int r = 0; r < table.rowCount(); r++) {
            for (int c = 0; c < columns; c++) {
              row[c] = table.cell(r, c);
            }
            csv.printRecord((Object[]) row);
          }
        });
  }

  private static void checkSize(int width, int height) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("size must be positive: " + width + " × " + height);
    }
  }
}
