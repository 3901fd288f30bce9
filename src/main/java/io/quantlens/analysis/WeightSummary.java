package io.quantlens.analysis;

import io.quantlens.quant.Histogram;

/**
 * The distribution of one weight tensor before quantization.
 *
 * @param count weights
 * @param min smallest weight
 * @param max largest weight
 * @param mean mean weight
 * @param std population standard deviation
 * @param histogram weight histogram over [min, max]
 */
public record WeightSummary(
    long count, float min, float max, double mean, double std, Histogram histogram) {
  public float absMax() {
    return Math.max(Math.abs(min), Math.abs(max));
  }
}
