package io.quantlens.analysis;

import io.quantlens.model.Tensor;
import io.quantlens.quant.Histogram;
import io.quantlens.quant.HistogramAccumulator;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * A tensor's weights binned over their bulk only: where a few outliers stretch the whole-range
 * histogram so that the bulk fills a handful of bins, these bins resolve it. The weights beyond the
 * bulk are counted exactly, in the histogram's underflow and overflow.
 *
 * @param range the bulk the bins cover
 * @param histogram the bins over {@code [range.lo, range.hi]}; underflow counts the weights below
 *     {@code lo}, overflow those above {@code hi}
 * @param maxAbs the largest |w| of the tensor
 */
public record BulkHistogram(BulkRange range, Histogram histogram, float maxAbs) {
  /** Weights read per step; cancellation is checked between steps. */
  private static final int CHUNK = 1 << 20;

  /** Weights outside the bulk. */
  public long beyond() {
    return histogram.underflow() + histogram.overflow();
  }

  /**
   * Reads the tensor once, in file order.
   *
   * @param summary the tensor's weight summary, whose histogram locates the bulk
   * @param bins bins over the bulk
   * @param cancelled polled between chunks; when it turns true the pass stops with a {@link
   *     CancellationException}
   */
  public static BulkHistogram compute(
      Tensor weight, WeightSummary summary, int bins, BooleanSupplier cancelled) {
    BulkRange range = BulkRange.of(summary.histogram(), BulkRange.TAIL);
    HistogramAccumulator acc = new HistogramAccumulator(range.lo(), range.hi(), bins);
    long n = weight.elementCount();
    float[] chunk = new float[(int) Math.min(CHUNK, n)];
    for (long start = 0; start < n; start += chunk.length) {
      if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
        throw new CancellationException("bulk histogram cancelled");
      }
      int length = (int) Math.min(chunk.length, n - start);
      weight.reader().read(start, chunk, 0, length);
      acc.add(chunk, 0, length);
    }
    return new BulkHistogram(range, acc.toHistogram(), summary.absMax());
  }
}
