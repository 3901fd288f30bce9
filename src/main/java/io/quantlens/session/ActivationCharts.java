package io.quantlens.session;

import io.quantlens.charts.ActivationHistogramChart;
import io.quantlens.charts.BuiltChart;
import io.quantlens.charts.ChannelRangeChart;
import io.quantlens.eval.ActivationProfile;
import io.quantlens.quant.ActivationQuantizer;
import io.quantlens.text.Messages;
import java.util.List;

/**
 * The two charts of one layer's input activation, drawn from its stored profile without running the
 * model: the window's activation view and {@code bench --activations} build them here.
 */
public final class ActivationCharts {
  /** Bins the histogram is drawn with. */
  public static final int BINS = 128;

  private ActivationCharts() {}

  /** The histogram with the calibrated range dashed and, for static integer schemes, its levels. */
  public static BuiltChart histogram(
      Messages m, ActivationProfile p, boolean logCounts, String title, double plotPx) {
    double lo = p.calibrated() == null ? Double.NaN : p.calibrated().min();
    double hi = p.calibrated() == null ? Double.NaN : p.calibrated().max();
    return ActivationHistogramChart.create(
        m,
        p.histogram().view(BINS),
        logCounts,
        ActivationQuantizer.levels(p.scheme(), p.calibrated()),
        lo,
        hi,
        title,
        plotPx);
  }

  /** Each channel's min-to-max bar, the outlier threshold and the outlier channels named. */
  public static BuiltChart channels(Messages m, ActivationProfile p, String title) {
    List<ActivationProfile.Channel> stats = p.channels();
    float[] min = new float[stats.size()];
    float[] max = new float[stats.size()];
    for (int c = 0; c < stats.size(); c++) {
      min[c] = stats.get(c).min();
      max[c] = stats.get(c).max();
    }
    return ChannelRangeChart.create(
        m,
        min,
        max,
        ActivationProfile.OUTLIER_RATIO * p.medianChannelAmax(),
        p.outlierChannels(),
        title);
  }
}
