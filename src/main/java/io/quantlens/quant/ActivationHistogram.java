package io.quantlens.quant;

import java.nio.FloatBuffer;

/**
 * The values of one activation edge over a calibration set, in a range found by a first pass:
 * {@value #BINS} bins of x over [−A, A] and of |x| over [0, A], A = max(|min|, |max|), as ONNX
 * Runtime's histogram calibrators lay them out (calibrate.py, HistogramCollector), from which each
 * calibration method picks a range (docs/numeric-rules.md#activation-calibration).
 */
public final class ActivationHistogram {
  public static final int BINS = 2048;

  private final float min;
  private final float max;
  private final double amax;
  private final long[] signed = new long[BINS];
  private final long[] absolute = new long[BINS];
  private long count;
  private long nans;

  /** A histogram of the range [min, max] the first pass found. */
  public ActivationHistogram(float min, float max) {
    if (!(Float.isFinite(min) && Float.isFinite(max) && min <= max)) {
      throw new IllegalArgumentException("not a range: [" + min + ", " + max + "]");
    }
    this.min = min;
    this.max = max;
    this.amax = Math.max(Math.abs((double) min), Math.abs((double) max));
  }

  public void add(float[] values, int from, int to) {
    for (int i = from; i < to; i++) {
      add(values[i]);
    }
  }

  /** Adds the buffer's values from its position to its limit, without moving it. */
  public void add(FloatBuffer values) {
    for (int i = values.position(), end = values.limit(); i < end; i++) {
      add(values.get(i));
    }
  }

  private void add(float x) {
    if (x != x) {
      nans++;
      return;
    }
    count++;
    signed[bin(x + amax, 2 * amax)]++;
    absolute[bin(Math.abs(x), amax)]++;
  }

  /**
   * numpy.histogram's bin of a value {@code offset} above the lower edge of a {@code width} range.
   */
  private static int bin(double offset, double width) {
    if (!(width > 0)) {
      return 0;
    }
    int b = (int) Math.floor(offset / width * BINS);
    return Math.max(0, Math.min(BINS - 1, b));
  }

  /** Values added, NaN not counted. */
  public long count() {
    return count;
  }

  /** NaN values seen and left out. */
  public long nans() {
    return nans;
  }

  /** Counts of x over [−A, A], bin i covering [−A + i·2A/BINS, −A + (i+1)·2A/BINS). */
  public long[] signedCounts() {
    return signed.clone();
  }

  /** Counts of |x| over [0, A]. */
  public long[] absoluteCounts() {
    return absolute.clone();
  }

  public float min() {
    return min;
  }

  public float max() {
    return max;
  }

  /**
   * The values over the observed [min, max] in at most {@code bins} equal bins for drawing: the
   * signed bins that cover the range, merged in runs of the same length (the last run may reach
   * past max, with nothing in it).
   */
  public Histogram view(int bins) {
    if (count == 0 || amax == 0) {
      return new Histogram(min, max == min ? min + 1 : max, new long[1], 0, 0);
    }
    int first = bin(min + amax, 2 * amax);
    int last = bin(max + amax, 2 * amax);
    int run = Math.max(1, -Math.floorDiv(-(last - first + 1), bins));
    int shown = -Math.floorDiv(-(last - first + 1), run);
    long[] merged = new long[shown];
    for (int b = first; b <= last; b++) {
      merged[(b - first) / run] += signed[b];
    }
    double width = 2 * amax / BINS;
    return new Histogram(
        -amax + first * width, -amax + (first + (long) shown * run) * width, merged, 0, 0);
  }

  /** The range {@code method} chooses for a {@code bits}-bit grid of the given symmetry. */
  public ActivationRange range(Calibration method, int bits, Symmetry symmetry) {
    if (method.kind() == Calibration.Kind.MINMAX || count == 0 || min == max) {
      return new ActivationRange(min, max);
    }
    return switch (method.kind()) {
      case PERCENTILE ->
          symmetry == Symmetry.SYM ? symmetricPercentile(method.percentile()) : percentile(method);
      case ENTROPY -> {
        // an asymmetric grid over non-negative data has 2^b levels, as an unsigned quantizer
        boolean unsigned = symmetry == Symmetry.ASYM && min >= 0;
        int levels = 1 << (bits - (unsigned ? 0 : 1));
        yield clamp(CalibrationSearch.entropyThreshold(absolute, amax, levels), symmetry);
      }
      case MSE ->
          clamp(
              CalibrationSearch.mseThreshold(signed, absolute, amax, min, max, bits, symmetry),
              symmetry);
      case MINMAX -> new ActivationRange(min, max);
    };
  }

  /**
   * ONNX Runtime's compute_percentile for symmetric ranges: T = the lower edge of the first |x| bin
   * whose cumulative share reaches p / 100 (numpy.searchsorted on the CDF); (−T, T) within the
   * observed range. p = 100 keeps the whole range.
   */
  private ActivationRange symmetricPercentile(double p) {
    if (p >= 100) {
      return new ActivationRange(min, max);
    }
    int i = searchsorted(absolute, p / 100);
    float t = (float) (i * amax / BINS);
    return within(-t, t);
  }

  /**
   * ONNX Runtime's compute_percentile for asymmetric ranges: (100 − p) / 200 of the mass cut from
   * each side of the signed histogram, both edges the lower edge of the bin found, within [min,
   * max].
   */
  private ActivationRange percentile(Calibration method) {
    if (method.percentile() >= 100) {
      return new ActivationRange(min, max);
    }
    double cut = (100 - method.percentile()) / 200;
    double width = 2 * amax / BINS;
    float lo = (float) (-amax + searchsorted(signed, cut) * width);
    float hi = (float) (-amax + searchsorted(signed, 1 - cut) * width);
    return within(lo, hi);
  }

  /** The first bin whose cumulative count reaches {@code share} of the total. */
  private int searchsorted(long[] counts, double share) {
    double wanted = share * count;
    long cumulative = 0;
    for (int i = 0; i < BINS; i++) {
      cumulative += counts[i];
      if (cumulative >= wanted) {
        return i;
      }
    }
    return BINS - 1;
  }

  /** (−T, T) for symmetric schemes, [max(min, −T), min(max, T)] for asymmetric ones. */
  private ActivationRange clamp(double threshold, Symmetry symmetry) {
    float t = (float) threshold;
    return symmetry == Symmetry.SYM ? new ActivationRange(-t, t) : within(-t, t);
  }

  private ActivationRange within(float lo, float hi) {
    float a = Math.max(min, lo);
    float b = Math.min(max, hi);
    return a <= b ? new ActivationRange(a, b) : new ActivationRange(b, b);
  }
}
