package io.quantlens.quant;

/**
 * Mutable counterpart of {@link Histogram}; one per worker, merged in a fixed order. Counts are
 * kept in {@link #LANES} interleaved copies so that neighbouring values falling into the same bin
 * do not wait on one counter; the copies are summed when the histogram is read.
 */
public final class HistogramAccumulator {
  public static final int LANES = 4;

  private final double lo;
  private final double hi;
  private final double binsPerUnit;
  private final int bins;
  private final long[] counts;
  private long underflow;
  private long overflow;

  public HistogramAccumulator(double lo, double hi, int bins) {
    if (bins < 1) {
      throw new IllegalArgumentException("a histogram needs at least one bin");
    }
    if (!(hi > lo)) {
      // A constant tensor: give its single value a bin of its own.
      double pad = lo == 0 ? 1 : Math.abs(lo) * 1e-6;
      lo -= pad;
      hi += pad;
    }
    this.lo = lo;
    this.hi = hi;
    this.binsPerUnit = bins / (hi - lo);
    this.bins = bins;
    this.counts = new long[bins * LANES];
  }

  public HistogramAccumulator emptyCopy() {
    return new HistogramAccumulator(lo, hi, bins);
  }

  public void add(double v) {
    add(v, 0);
  }

  /** Counts {@code v} in lane {@code lane} (0 … LANES−1); lanes only spread the counting work. */
  public void add(double v, int lane) {
    // Shift by one bin so values just below lo truncate to −1, not 0.
    int index = (int) ((v - lo) * binsPerUnit + 1.0) - 1;
    if (index >= 0 && index < bins) {
      counts[lane * bins + index]++;
    } else if (v < lo) {
      underflow++;
    } else if (v <= hi) {
      counts[lane * bins + bins - 1]++; // v == hi (or rounding at the top edge): the last bin
    } else {
      overflow++;
    }
  }

  public void add(float[] values, int off, int len) {
    for (int i = off, end = off + len; i < end; i++) {
      add(values[i], i & (LANES - 1));
    }
  }

  public void merge(HistogramAccumulator other) {
    for (int i = 0; i < counts.length; i++) {
      counts[i] += other.counts[i];
    }
    underflow += other.underflow;
    overflow += other.overflow;
  }

  public Histogram toHistogram() {
    long[] total = new long[bins];
    for (int lane = 0; lane < LANES; lane++) {
      for (int i = 0; i < bins; i++) {
        total[i] += counts[lane * bins + i];
      }
    }
    return new Histogram(lo, hi, total, underflow, overflow);
  }
}
