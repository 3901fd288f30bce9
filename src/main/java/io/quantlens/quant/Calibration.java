package io.quantlens.quant;

/**
 * How an activation's range is chosen from calibration data.
 *
 * @param kind the method
 * @param percentile for {@link Kind#PERCENTILE}, the percentile in (0, 100]
 */
public record Calibration(Kind kind, double percentile) {
  public enum Kind {
    MINMAX,
    PERCENTILE,
    MSE,
    ENTROPY
  }

  public static final Calibration MINMAX = new Calibration(Kind.MINMAX, 0);
  public static final Calibration MSE = new Calibration(Kind.MSE, 0);
  public static final Calibration ENTROPY = new Calibration(Kind.ENTROPY, 0);

  public static Calibration percentile(double p) {
    if (!(p > 0 && p <= 100)) {
      throw new IllegalArgumentException("a percentile lies in (0, 100], not " + p);
    }
    return new Calibration(Kind.PERCENTILE, p);
  }

  public String id() {
    return switch (kind) {
      case MINMAX -> "minmax";
      case MSE -> "mse";
      case ENTROPY -> "entropy";
      case PERCENTILE -> Clip.percentile(percentile).id();
    };
  }
}
