package io.quantlens.ui.text;

import io.quantlens.eval.EvalTask;
import io.quantlens.eval.LayerSensitivity;
import io.quantlens.eval.SensitivityMetric;
import io.quantlens.text.Messages;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * A sensitivity result in a few characters, with digits enough to tell layers apart: an accuracy
 * change in points, the share of flipped samples, 1 − cosine and KL to three significant digits
 * (small values as {@code 4.52e-4}, where a fixed {@code 0.9998} hid the difference), output SQNR
 * to 0.01 dB.
 */
public final class SensitivityText {
  private SensitivityText() {}

  /** The ranking metric's value, e.g. {@code -0.40 pts}, {@code 0.35 % flipped}. */
  public static String of(LayerSensitivity s, Messages m) {
    return value(s.metric(), s.value(), m);
  }

  /** The ranking metric and the one that breaks its ties, e.g. {@code +0.00 pts · KL 1.02e-3}. */
  public static String withTieBreak(LayerSensitivity s, Messages m) {
    String tie =
        s.result().task().kind() == EvalTask.Kind.CLASSIFIER
            ? m.get("sensitivity.kl", significant(s.result().meanKlDivergence()))
            : null;
    return tie == null ? of(s, m) : m.get("sensitivity.withTie", of(s, m), tie);
  }

  public static String value(SensitivityMetric metric, double v, Messages m) {
    return switch (metric) {
      // Shown as the change, as on the dashboard: a drop reads -0.40 pts.
      case ACCURACY_DROP -> m.get("sensitivity.points", m.numbers().format("%+.2f", 0.0 - v));
      case DISAGREEMENT -> m.get("sensitivity.flipped", m.numbers().format("%.2f", v));
      case COSINE_LOSS -> m.get("sensitivity.cosineLoss", significant(v));
      case OUTPUT_SQNR -> m.get("sensitivity.sqnr", m.numbers().format("%.2f", v));
    };
  }

  /** The value axis of a ranking by {@code metric}, with its unit. */
  public static String axis(SensitivityMetric metric, Messages m) {
    return switch (metric) {
      case ACCURACY_DROP -> m.get("sensitivity.axis.accuracyDrop");
      case DISAGREEMENT -> m.get("sensitivity.axis.disagreement");
      case COSINE_LOSS -> m.get("sensitivity.axis.cosineLoss");
      case OUTPUT_SQNR -> m.get("sensitivity.axis.sqnr");
    };
  }

  /**
   * Three significant digits: {@code 0.0452}, {@code 12.3}; below 0.01 in scientific notation,
   * {@code 4.52e-4}; {@code 0} for zero.
   */
  public static String significant(double v) {
    if (v == 0 || !Double.isFinite(v)) {
      return v == 0 ? "0" : Double.toString(v);
    }
    BigDecimal rounded = new BigDecimal(v).round(new MathContext(3));
    if (Math.abs(v) >= 0.01) {
      return rounded.toPlainString();
    }
    int exponent = rounded.precision() - rounded.scale() - 1;
    return rounded.movePointLeft(exponent).toPlainString() + "e" + exponent;
  }
}
