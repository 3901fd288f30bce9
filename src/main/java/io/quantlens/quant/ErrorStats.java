package io.quantlens.quant;

/**
 * What quantization did to a set of weights.
 *
 * @param count number of weights
 * @param meanSquare mean of x², the signal power
 * @param sqnrDb 10·log10(Σx² / Σ(x−x̂)²); +Inf when x̂ = x exactly
 * @param mse mean of (x−x̂)²
 * @param maxAbsError largest |x−x̂|
 * @param meanError mean of (x−x̂): the bias quantization adds
 * @param cosine Σx·x̂ / √(Σx²·Σx̂²)
 * @param clippedFraction share of weights clamped to the code range or saturated
 * @param predictedMse the uniform-noise prediction, mean over weights of Δ²/12 for each weight's
 *     step Δ (NaN for NF4, whose steps are not uniform)
 * @param errorHistogram histogram of x−x̂
 */
public record ErrorStats(
    long count,
    double meanSquare,
    double sqnrDb,
    double mse,
    double maxAbsError,
    double meanError,
    double cosine,
    double clippedFraction,
    double predictedMse,
    Histogram errorHistogram) {

  /** SQNR in dB, 10·log10(signal / noise) from two sums of squares; +Inf when only noise is 0. */
  public static double sqnrDb(double signal, double noise) {
    return 10 * Math.log10(signal / noise);
  }
}
