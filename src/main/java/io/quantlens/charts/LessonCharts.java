package io.quantlens.charts;

import io.quantlens.quant.Histogram;
import io.quantlens.text.Messages;
import java.awt.BasicStroke;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The lessons' charts: lines of measured and predicted values, and the error histogram. */
public final class LessonCharts {
  private LessonCharts() {}

  /**
   * One drawn line.
   *
   * @param role where its colour comes from
   * @param dashed a prediction or reference, drawn dashed; measured lines are solid
   * @param points a dot on each point as well
   * @param joined the points joined by a line; false draws dots only
   */
  public record Line(
      String name,
      double[] x,
      double[] y,
      PlanRole role,
      boolean dashed,
      boolean points,
      boolean joined) {
    public Line {
      if (x.length != y.length) {
        throw new IllegalArgumentException(name + ": " + x.length + " x for " + y.length + " y");
      }
      x = x.clone();
      y = y.clone();
    }

    /** A line, its points joined. */
    public Line(
        String name, double[] x, double[] y, PlanRole role, boolean dashed, boolean points) {
      this(name, x, y, role, dashed, points, true);
    }

    /** Dots only, as a number line draws the values a format can write. */
    public static Line dots(String name, double[] x, double[] y, PlanRole role) {
      return new Line(name, x, y, role, false, true, false);
    }
  }

  /**
   * Lines over one x axis; {@code clips} are drawn as labelled dashed markers (a range's ends, an
   * optimum), {@code clipLabels} beside them.
   */
  public static BuiltChart lines(
      Messages m,
      String title,
      String xLabel,
      String yLabel,
      List<Line> lines,
      boolean logY,
      double[] clips,
      List<String> clipLabels) {
    return lines(m, title, xLabel, yLabel, lines, false, logY, clips, clipLabels);
  }

  /** As above, the x axis logarithmic when {@code logX}. */
  public static BuiltChart lines(
      Messages m,
      String title,
      String xLabel,
      String yLabel,
      List<Line> lines,
      boolean logX,
      boolean logY,
      double[] clips,
      List<String> clipLabels) {
    XYSeriesCollection data = new XYSeriesCollection();
    for (Line line : lines) {
      XYSeries series = new XYSeries(line.name(), false, true);
      for (int i = 0; i < line.x().length; i++) {
        if ((!logY || line.y()[i] > 0) && (!logX || line.x()[i] > 0)) {
          series.add(line.x()[i], line.y()[i]);
        }
      }
      data.addSeries(series);
    }
    ValueAxis x;
    if (logX) {
      LogAxis log = LocalTickUnits.logAxis(xLabel, m.numbers().locale());
      log.setSmallestValue(1e-30);
      x = log;
    } else {
      NumberAxis linear = LocalTickUnits.axis(xLabel, m.numbers().locale());
      linear.setAutoRangeIncludesZero(false);
      x = linear;
    }
    ValueAxis y;
    if (logY) {
      LogAxis log = LocalTickUnits.logAxis(yLabel, m.numbers().locale());
      log.setSmallestValue(1e-30);
      y = log;
    } else {
      NumberAxis linear = LocalTickUnits.axis(yLabel, m.numbers().locale());
      linear.setAutoRangeIncludesZero(false);
      y = linear;
    }
    if (yLabel.isEmpty()) {
      // Rows of dots (a number line): the y values only separate the rows.
      y.setTickLabelsVisible(false);
      y.setTickMarksVisible(false);
      y.setLowerMargin(0.15);
      y.setUpperMargin(0.15);
    }
    RoleLines renderer = new RoleLines(lines);
    XYPlot plot = new XYPlot(data, x, y, renderer);
    for (int i = 0; i < clips.length; i++) {
      plot.addDomainMarker(
          RoleMarker.clip(clips[i], i % 2 == 0 && clips.length > 1, clipLabels.get(i)),
          Layer.FOREGROUND);
    }
    JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE_FONT, plot, lines.size() > 1);
    ChartStyle.LIGHT.apply(chart);
    return new BuiltChart(chart, DatasetTables.of(chart));
  }

  /** The histogram of x − x̂ with the uniform model's band ±Δ/2 marked. */
  public static BuiltChart errors(
      Messages m, Histogram errors, double step, String title, String bandLabel) {
    XYPlot plot =
        HistogramPlot.create(
            m, errors, false, "errors", m.get("chart.error"), Double.NaN, Double.NaN);
    plot.addDomainMarker(RoleMarker.clip(-step / 2, true, "−" + bandLabel), Layer.FOREGROUND);
    plot.addDomainMarker(RoleMarker.clip(step / 2, false, bandLabel), Layer.FOREGROUND);
    JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE_FONT, plot, false);
    ChartStyle.LIGHT.apply(chart);
    return new BuiltChart(chart, HistogramPlot.table(errors));
  }

  /** Lines coloured by role, dashed where asked. */
  private static final class RoleLines extends XYLineAndShapeRenderer implements SeriesRoles {
    private final List<PlanRole> roles;

    RoleLines(List<Line> lines) {
      this.roles = lines.stream().map(Line::role).toList();
      setAutoPopulateSeriesStroke(false);
      for (int i = 0; i < lines.size(); i++) {
        Line line = lines.get(i);
        setSeriesStroke(
            i,
            line.dashed()
                ? new BasicStroke(
                    1.5f,
                    BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER,
                    10f,
                    new float[] {6f, 4f},
                    0f)
                : new BasicStroke(2f),
            false);
        setSeriesShapesVisible(i, line.points());
        setSeriesLinesVisible(i, line.joined());
      }
    }

    @Override
    public List<PlanRole> roles() {
      return roles;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof RoleLines r && r.roles.equals(roles) && super.equals(o);
    }

    @Override
    public int hashCode() {
      return super.hashCode() * 31 + roles.hashCode();
    }
  }
}
