package io.quantlens.quant;

/**
 * How the quantization range of each scale group is chosen: its min/max, the X-th percentile of
 * |x|, or the clipping range that minimises the mean squared error.
 *
 * @param kind the estimator
 * @param percentile for {@link Kind#PERCENTILE}, the percentile in (0, 100]
 */
public record Clip(Kind kind, double percentile) {
  public enum Kind {
    MINMAX,
    PERCENTILE,
    MSE
  }

  public static final Clip MINMAX = new Clip(Kind.MINMAX, 0);
  public static final Clip MSE = new Clip(Kind.MSE, 0);

  public static Clip percentile(double p) {
    if (!(p > 0 && p <= 100)) {
      throw new IllegalArgumentException("a percentile lies in (0, 100], not " + p);
    }
    return new Clip(Kind.PERCENTILE, p);
  }

  public String id() {
    return switch (kind) {
      case MINMAX -> "minmax";
      case MSE -> "mse";
      case PERCENTILE -> "p" + formatPercentile(percentile);
    };
  }

  private static String formatPercentile(double p) {
    return p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p);
  }
}
