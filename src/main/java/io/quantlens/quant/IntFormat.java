package io.quantlens.quant;

/** A b-bit integer format, 2 ≤ b ≤ 8. */
public record IntFormat(int bits) implements Format {
  public IntFormat {
    if (bits < 2 || bits > 8) {
      throw new IllegalArgumentException("integer formats have 2 to 8 bits, not " + bits);
    }
  }

  @Override
  public String id() {
    return "int" + bits;
  }

  /** Largest symmetric code, 2^(b−1) − 1 (codes are clamped to ±this). */
  public int symmetricMax() {
    return (1 << (bits - 1)) - 1;
  }

  /** Largest unsigned code, 2^b − 1. */
  public int unsignedMax() {
    return (1 << bits) - 1;
  }
}
