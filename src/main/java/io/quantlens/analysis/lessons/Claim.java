package io.quantlens.analysis.lessons;

/**
 * One claim of lesson 7 checked against a measurement: it holds when the measured value lies within
 * {@code tolerance} of the claimed one (both in the claim's own unit: percent, dB or percentage
 * points).
 *
 * @param id the claim's key in the lesson's texts
 */
public record Claim(String id, double claimed, double tolerance, double measured) {
  public boolean holds() {
    return Math.abs(measured - claimed) <= tolerance;
  }

  /**
   * The share of bits saved going from {@code from} to {@code to} bits, in percent: the ceiling.
   */
  public static double bitSavingPercent(int from, int to) {
    return 100.0 * (from - to) / from;
  }
}
