package io.quantlens.quant;

/**
 * Equal-width bins over {@code [lo, hi]}; values below {@code lo} or above {@code hi} are counted
 * in {@code underflow} / {@code overflow}, not in the bins.
 */
public record Histogram(double lo, double hi, long[] counts, long underflow, long overflow) {
  public Histogram {
    counts = counts.clone();
  }

  @Override
  public long[] counts() {
    return counts.clone();
  }

  public int bins() {
    return counts.length;
  }

  public long count(int bin) {
    return counts[bin];
  }

  public double binWidth() {
    return (hi - lo) / counts.length;
  }

  public long total() {
    long n = underflow + overflow;
    for (long c : counts) {
      n += c;
    }
    return n;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Histogram h
        && Double.compare(lo, h.lo) == 0
        && Double.compare(hi, h.hi) == 0
        && java.util.Arrays.equals(counts, h.counts)
        && underflow == h.underflow
        && overflow == h.overflow;
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(counts) * 31 + Double.hashCode(lo) + Double.hashCode(hi);
  }
}
