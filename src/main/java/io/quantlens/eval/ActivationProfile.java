package io.quantlens.eval;

import io.quantlens.quant.ActivationHistogram;
import io.quantlens.quant.ActivationRange;
import io.quantlens.quant.ActivationScheme;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One layer's input activation on the calibration samples and what its scheme does to it
 * (docs/activations.md#the-activation-view).
 *
 * @param value the graph value the layer reads
 * @param smoothed true when the statistics are of the value divided by SmoothQuant's factors, which
 *     is what the plan quantizes
 * @param calibrated the static range the scheme uses; null for dynamic schemes and casts
 * @param histogram every value over the observed range
 * @param clippedShare share of values beyond the codes of a static range (0 for dynamic schemes)
 * @param sqnrDb 10·log10(Σx² / Σ(x − x̂)²) of the round trip, run by run as the graph does it
 * @param channelAxis the axis whose entries are channels: 1 for Conv inputs, else the last
 * @param channels per-channel statistics, in channel order
 * @param excessKurtosis m4 / m2² − 3 of all values: large when a few values are far out
 */
public record ActivationProfile(
    String layer,
    String value,
    boolean smoothed,
    ActivationScheme scheme,
    ActivationRange calibrated,
    ActivationHistogram histogram,
    double clippedShare,
    double sqnrDb,
    int channelAxis,
    List<Channel> channels,
    double excessKurtosis) {

  /** A channel flags as an outlier when its max |x| is this many times the median channel's. */
  public static final double OUTLIER_RATIO = 6;

  public ActivationProfile {
    channels = List.copyOf(channels);
  }

  /** One channel's extremes and the shape of its values. */
  public record Channel(float min, float max, double excessKurtosis) {
    public double amax() {
      return Math.max(Math.abs(min), Math.abs(max));
    }
  }

  /** The median over channels of max |x|. */
  public double medianChannelAmax() {
    double[] a = channels.stream().mapToDouble(Channel::amax).sorted().toArray();
    if (a.length == 0) {
      return 0;
    }
    return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
  }

  /** Largest channel max |x| over the median one (NaN when the median is 0). */
  public double maxMedianRatio() {
    double median = medianChannelAmax();
    double max = channels.stream().mapToDouble(Channel::amax).max().orElse(0);
    return median > 0 ? max / median : Double.NaN;
  }

  /**
   * Channels whose max |x| is at least {@value #OUTLIER_RATIO} times the median's, largest first.
   */
  public List<Integer> outlierChannels() {
    double median = medianChannelAmax();
    List<Integer> outliers = new ArrayList<>();
    for (int c = 0; c < channels.size(); c++) {
      if (median > 0 && channels.get(c).amax() >= OUTLIER_RATIO * median) {
        outliers.add(c);
      }
    }
    Integer[] sorted = outliers.toArray(new Integer[0]);
    Arrays.sort(sorted, (a, b) -> Double.compare(channels.get(b).amax(), channels.get(a).amax()));
    return List.of(sorted);
  }
}
