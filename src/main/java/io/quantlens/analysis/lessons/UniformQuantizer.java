package io.quantlens.analysis.lessons;

/**
 * The textbook uniform quantizer of the lessons: 2^b levels over the range [−R, R], step Δ = 2R /
 * 2^b, each value mapped to the middle of its cell, Δ·(⌊x/Δ⌋ + ½), values beyond ±R to the outer
 * levels ±(R − Δ/2). A full-scale sine through it has SQNR 6.02·b + 1.76 dB. (The workbench's
 * integer schemes use 2^b − 1 levels, symmetric about an exact 0, and lose a little of that.)
 *
 * @param bits 2 to 16
 * @param range R, the overload point, > 0
 */
public record UniformQuantizer(int bits, double range) {
  public UniformQuantizer {
    if (bits < 2 || bits > 16) {
      throw new IllegalArgumentException("the lessons quantize with 2 to 16 bits, not " + bits);
    }
    if (!(range > 0) || Double.isInfinite(range)) {
      throw new IllegalArgumentException("the range must be positive, not " + range);
    }
  }

  /** Δ = 2R / 2^b. */
  public double step() {
    return 2 * range / (1L << bits);
  }

  /** The level {@code x} is mapped to. */
  public double quantize(double x) {
    double step = step();
    double outer = range - step / 2;
    double level = step * (Math.floor(x / step) + 0.5);
    return Math.max(-outer, Math.min(outer, level));
  }

  /** True when {@code x} lies beyond the range and is clipped to an outer level. */
  public boolean clips(double x) {
    return Math.abs(x) > range;
  }
}
