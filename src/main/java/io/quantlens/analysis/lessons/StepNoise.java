package io.quantlens.analysis.lessons;

import io.quantlens.quant.Histogram;

/**
 * What lesson 1 shows of one signal through one {@link UniformQuantizer}: the step, the noise the
 * uniform model predicts, σq = Δ/√12 (Bennett 1948: the error of a fine quantizer is uniform on
 * ±Δ/2), and what is measured, with and without the clipped values.
 *
 * @param granularRmse rms error of the values within the range (the granular noise)
 * @param rmse rms error of all values, clipping included
 * @param clippedShare share of values beyond ±R
 * @param sqnrDb 10·log10(Σx² / Σ(x − x̂)²) over all values
 * @param errors histogram of x − x̂ of the values within the range, over ±Δ (the uniform band is
 *     the middle half)
 */
public record StepNoise(
    UniformQuantizer quantizer,
    double granularRmse,
    double rmse,
    double clippedShare,
    double sqnrDb,
    Histogram errors) {

  /** Bins of the error histogram. */
  public static final int BINS = 64;

  /** Quantizes {@code x} once and measures it. */
  public static StepNoise of(float[] x, UniformQuantizer quantizer) {
    double step = quantizer.step();
    long[] counts = new long[BINS];
    long under = 0;
    long over = 0;
    double signal = 0;
    double noise = 0;
    double granular = 0;
    long inside = 0;
    for (float v : x) {
      double e = v - quantizer.quantize(v);
      signal += (double) v * v;
      noise += e * e;
      if (!quantizer.clips(v)) {
        granular += e * e;
        inside++;
        int bin = (int) Math.floor((e + step) / (2 * step) * BINS);
        if (bin < 0) {
          under++;
        } else if (bin >= BINS) {
          over++;
        } else {
          counts[bin]++;
        }
      }
    }
    return new StepNoise(
        quantizer,
        inside == 0 ? 0 : Math.sqrt(granular / inside),
        x.length == 0 ? 0 : Math.sqrt(noise / x.length),
        x.length == 0 ? 0 : (double) (x.length - inside) / x.length,
        10 * Math.log10(signal / noise),
        new Histogram(-step, step, counts, under, over));
  }

  /** Δ/√12, the uniform model's rms error. */
  public double predictedRmse() {
    return quantizer.step() / Math.sqrt(12);
  }

  /** Measured granular rms error over the step: 1/√12 ≈ 0.289 when the model holds. */
  public double rmsePerStep() {
    return granularRmse / quantizer.step();
  }

  /** The 6 dB per bit rule for a full-scale sine, 6.02·b + 1.76 dB: 10·log10(1.5·4^b). */
  public static double sineRuleDb(int bits) {
    return 10 * Math.log10(1.5 * Math.pow(4, bits));
  }
}
