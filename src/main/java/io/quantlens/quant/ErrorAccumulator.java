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
  private double sumReconstruction;
  private double sumCross;
  private double sumError;
  private double sumSquaredError;
  private double maxAbsError;
  private double sumPredictedNoise;

  public ErrorAccumulator(HistogramAccumulator errorHistogram) {
    this.errorHistogram = errorHistogram;
  }

  public ErrorAccumulator emptyCopy() {
    return new ErrorAccumulator(errorHistogram.emptyCopy());
  }

  /** Adds the pairs {@code (x[i], xh[i])} for i in {@code [off, off+len)}. */
  public void add(float[] x, float[] xh, int off, int len) {
    double signal = 0;
    double reconstruction = 0;
    double cross = 0;
    double error = 0;
    double squaredError = 0;
    double maxAbs = maxAbsError;
    for (int i = off, end = off + len; i < end; i++) {
      double v = x[i];
      double r = xh[i];
      double e = v - r;
      signal += v * v;
      reconstruction += r * r;
      cross += v * r;
      error += e;
      squaredError += e * e;
      maxAbs = Math.max(maxAbs, Math.abs(e));
      errorHistogram.add(e);
    }
    count += len;
    sumSignal += signal;
    sumReconstruction += reconstruction;
    sumCross += cross;
    sumError += error;
    sumSquaredError += squaredError;
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
    sumReconstruction += o.sumReconstruction;
    sumCross += o.sumCross;
    sumError += o.sumError;
    sumSquaredError += o.sumSquaredError;
    maxAbsError = Math.max(maxAbsError, o.maxAbsError);
    sumPredictedNoise += o.sumPredictedNoise;
    errorHistogram.merge(o.errorHistogram);
  }

  public ErrorStats toStats() {
    double sqnr = 10 * Math.log10(sumSignal / sumSquaredError);
    double cosine = sumCross / Math.sqrt(sumSignal * sumReconstruction);
    if (sumSignal == 0 && sumReconstruction == 0) {
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
