package io.quantlens.text;

import java.util.Locale;

/** How numbers read in the window: units scaled to stay short, infinities spelled out. */
public final class Numbers {
  private Numbers() {}

  public static String db(double db) {
    if (Double.isInfinite(db)) {
      return db > 0 ? "exact" : "−∞ dB";
    }
    if (Double.isNaN(db)) {
      return "—";
    }
    return String.format(Locale.ROOT, "%.1f dB", db);
  }

  /**
   * A size in SI units, the one way the window writes bytes (tiles, status bar, table): 1 kB = 1000
   * B, 1 MB = 10⁶ B; whole bytes below 1 kB, three significant digits above.
   */
  public static String bytes(double bytes) {
    if (Double.isFinite(bytes) && Math.round(Math.abs(bytes)) < 1000) {
      return Math.round(bytes) + " B";
    }
    return scaled(bytes, "B");
  }

  /**
   * A value with an SI prefix and three significant digits: 1.23 MB, 4.56 mJ, 789 µs. A value that
   * rounds up to 1000 of one prefix takes the next (999,960 B reads 1.00 MB, not 1000 kB).
   */
  public static String scaled(double value, String unit) {
    if (Double.isNaN(value)) {
      return "—";
    }
    double abs = Math.abs(value);
    if (abs == 0 || Double.isInfinite(abs)) {
      return String.format(Locale.ROOT, "%.0f %s", value, unit);
    }
    // powers of 1000 from p (10⁻¹²) to P (10¹⁵)
    String[] prefixes = {"p", "n", "µ", "m", "", "k", "M", "G", "T", "P"};
    int step = (int) Math.floor(Math.log10(abs) / 3);
    step = Math.max(-4, Math.min(5, step));
    double scaledValue = value / Math.pow(1000, step);
    if (step < 5 && Math.abs(Double.parseDouble(three(scaledValue))) >= 1000) {
      step++;
      scaledValue = value / Math.pow(1000, step);
    }
    return String.format(Locale.ROOT, "%s %s%s", three(scaledValue), prefixes[step + 4], unit);
  }

  /**
   * Three significant digits however small: {@code 0.00781}, {@code 1.91e-06} below 10⁻⁴ (a step or
   * an rms error at 16 bits), where {@link #three} would write 0.00.
   */
  public static String significant(double v) {
    double abs = Math.abs(v);
    if (v == 0 || !Double.isFinite(v) || (abs >= 1e-4 && abs < 1e5)) {
      return new java.math.BigDecimal(v == 0 || !Double.isFinite(v) ? 0 : v)
          .round(new java.math.MathContext(3))
          .stripTrailingZeros()
          .toPlainString();
    }
    return String.format(Locale.ROOT, "%.2e", v);
  }

  /** Three significant digits. */
  public static String three(double v) {
    double abs = Math.abs(v);
    String pattern = abs >= 100 ? "%.0f" : abs >= 10 ? "%.1f" : "%.2f";
    return String.format(Locale.ROOT, pattern, v);
  }

  public static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.1f %%", 100 * fraction);
  }

  public static String signedPercent(double percent) {
    // Rounded first, so a change too small to show (−0.004 %) reads "+0.0 %", not "-0.0 %";
    // adding 0.0 turns −0.0 into 0.0.
    double shown = Double.isFinite(percent) ? Math.round(percent * 10) / 10.0 : percent;
    return String.format(Locale.ROOT, "%+.1f %%", shown + 0.0);
  }

  public static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
