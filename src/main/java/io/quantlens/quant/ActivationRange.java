package io.quantlens.quant;

/** A calibrated activation range. */
public record ActivationRange(float min, float max) {
  public ActivationRange {
    if (!(Float.isFinite(min) && Float.isFinite(max) && min <= max)) {
      throw new IllegalArgumentException("not a range: [" + min + ", " + max + "]");
    }
  }
}
