package io.quantlens.charts;

import io.quantlens.quant.Histogram;
import java.util.stream.IntStream;
import org.jfree.data.xy.AbstractIntervalXYDataset;

/**
 * The bins of a {@link Histogram} as one series of bars: x spans each bin's edges, y is its count.
 * For a logarithmic count axis the empty bins are left out, since log 0 has no place on the axis.
 */
final class HistogramDataset extends AbstractIntervalXYDataset {
  private final String key;
  private final Histogram histogram;
  private final int[] bins;

  HistogramDataset(String key, Histogram histogram, boolean skipEmptyBins) {
    this.key = key;
    this.histogram = histogram;
    this.bins =
        IntStream.range(0, histogram.bins())
            .filter(b -> !skipEmptyBins || histogram.count(b) > 0)
            .toArray();
  }

  /** The lower edge of bin {@code i}; {@code edge(bins)} is exactly {@code hi}. */
  static double edge(Histogram h, int i) {
    return i == h.bins() ? h.hi() : h.lo() + i * h.binWidth();
  }

  /** The histogram bin that item {@code item} draws. */
  int bin(int item) {
    return bins[item];
  }

  @Override
  public int getSeriesCount() {
    return 1;
  }

  @Override
  public Comparable<?> getSeriesKey(int series) {
    return key;
  }

  @Override
  public int getItemCount(int series) {
    return bins.length;
  }

  @Override
  public Number getX(int series, int item) {
    return getXValue(series, item);
  }

  @Override
  public double getXValue(int series, int item) {
    int b = bins[item];
    return histogram.lo() + (b + 0.5) * histogram.binWidth();
  }

  @Override
  public Number getStartX(int series, int item) {
    return edge(histogram, bins[item]);
  }

  @Override
  public Number getEndX(int series, int item) {
    return edge(histogram, bins[item] + 1);
  }

  @Override
  public Number getY(int series, int item) {
    return histogram.count(bins[item]);
  }

  @Override
  public Number getStartY(int series, int item) {
    return getY(series, item);
  }

  @Override
  public Number getEndY(int series, int item) {
    return getY(series, item);
  }
}
