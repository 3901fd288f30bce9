package io.quantlens.quant;

/**
 * Symmetric (zero point 0, codes ±(2^(b−1)−1)) or asymmetric (codes 0..2^b−1 with a zero point).
 */
public enum Symmetry {
  SYM,
  ASYM;

  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
