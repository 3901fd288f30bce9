package io.quantlens.quant;

/**
 * Accumulates, in double, the statistics of x versus its quantized x̂ over any number of blocks.
 * Accumulators of separate blocks are merged in a fixed order, so results do not depend on threads.
 */
public final class ErrorAccumulator {
  private final HistogramAccumulator errorHistogram;
  private long count;
  private long clipped;
  private double sumSignal;
  private double sumSignalTimesError;
  private double sumError;
  private double sumSquaredError;
  private double maxAbsError;
  private double sumPredictedNoise;

  public ErrorAccumulator(HistogramAccumulator errorHistogram) {
    this.errorHistogram = errorHistogram;
  }

  /** Adds the pairs {@code (x[i], xh[i])} for i in {@code [off, off+len)}. */
  public void add(float[] x, float[] xh, int off, int len) {
    double signal = 0;
    for (int i = off, end = off + len; i < end; i++) {
      signal += (double) x[i] * x[i];
    }
    add(x, xh, off, len, signal);
  }

  /**
   * As {@link #add(float[], float[], int, int)} with Σx² over the same values already known (it is
   * the same for every scheme applied to a block). Only Σe, Σe² and Σx·e are accumulated here; Σx̂²
   * and Σx·x̂ follow from them exactly in real arithmetic. Even and odd elements go to separate
   * partial sums (independent dependency chains) combined in a fixed order.
   */
  public void add(float[] x, float[] xh, int off, int len, double signal) {
    double error0 = 0;
    double error1 = 0;
    double squared0 = 0;
    double squared1 = 0;
    double cross0 = 0;
    double cross1 = 0;
    double maxAbs = maxAbsError;
    int end = off + len;
    int i = off;
    for (; i + 1 < end; i += 2) {
      double v0 = x[i];
      double v1 = x[i + 1];
      double e0 = v0 - xh[i];
      double e1 = v1 - xh[i + 1];
      error0 += e0;
      error1 += e1;
      squared0 += e0 * e0;
      squared1 += e1 * e1;
      cross0 += v0 * e0;
      cross1 += v1 * e1;
      double a = Math.max(Math.abs(e0), Math.abs(e1));
      if (a > maxAbs) {
        maxAbs = a;
      }
      errorHistogram.add(e0);
      errorHistogram.add(e1);
    }
    if (i < end) {
      double v = x[i];
      double e = v - xh[i];
      error0 += e;
      squared0 += e * e;
      cross0 += v * e;
      maxAbs = Math.max(maxAbs, Math.abs(e));
      errorHistogram.add(e);
    }
    count += len;
    sumSignal += signal;
    sumError += error0 + error1;
    sumSquaredError += squared0 + squared1;
    sumSignalTimesError += cross0 + cross1;
    maxAbsError = maxAbs;
  }

  public void addClipped(long n) {
    clipped += n;
  }

  /** Adds the uniform-noise prediction Δ²/12 summed over the values a step applied to. */
  public void addPredictedNoise(double sumOfStepSquaredOver12) {
    sumPredictedNoise += sumOfStepSquaredOver12;
  }

  public void merge(ErrorAccumulator o) {
    count += o.count;
    clipped += o.clipped;
    sumSignal += o.sumSignal;
    sumSignalTimesError += o.sumSignalTimesError;
    sumError += o.sumError;
    sumSquaredError += o.sumSquaredError;
    maxAbsError = Math.max(maxAbsError, o.maxAbsError);
    sumPredictedNoise += o.sumPredictedNoise;
    errorHistogram.merge(o.errorHistogram);
  }

  public ErrorStats toStats() {
    double sqnr = ErrorStats.sqnrDb(sumSignal, sumSquaredError);
    // x̂ = x − e:  Σx·x̂ = Σx² − Σx·e,  Σx̂² = Σx² − 2·Σx·e + Σe².
    double cross = sumSignal - sumSignalTimesError;
    double reconstruction = Math.max(0, sumSignal - 2 * sumSignalTimesError + sumSquaredError);
    double cosine = cross / Math.sqrt(sumSignal * reconstruction);
    if (sumSignal == 0 && reconstruction == 0) {
      cosine = 1;
    }
    return new ErrorStats(
        count,
        sumSignal / count,
        sqnr,
        sumSquaredError / count,
        maxAbsError,
        sumError / count,
        cosine,
        (double) clipped / count,
        sumPredictedNoise / count,
        errorHistogram.toHistogram());
  }
}
