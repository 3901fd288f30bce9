package io.quantlens.quant;

/** Mutable counterpart of {@link Histogram}; one per worker, merged in a fixed order. */
public final class HistogramAccumulator {
  private final double lo;
  private final double hi;
  private final double binsPerUnit;
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
    this.counts = new long[bins];
  }

  public void add(double v) {
    // Shift by one bin so values just below lo truncate to −1, not 0.
    int index = (int) ((v - lo) * binsPerUnit + 1.0) - 1;
    if (index >= 0 && index < counts.length) {
      counts[index]++;
    } else if (v < lo) {
      underflow++;
    } else if (v <= hi) {
      counts[counts.length - 1]++; // v == hi (or rounding at the top edge) belongs to the last bin
    } else {
      overflow++;
    }
  }

  public void add(float[] values, int off, int len) {
    for (int i = off, end = off + len; i < end; i++) {
      add(values[i]);
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
    return new Histogram(lo, hi, counts, underflow, overflow);
  }
}
