package io.quantlens.ui.text;

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

  public static String bytes(double bytes) {
    return scaled(bytes, "B");
  }

  /** A value with an SI prefix: 1.23 MB, 4.56 mJ, 789 µs. */
  public static String scaled(double value, String unit) {
    if (Double.isNaN(value)) {
      return "—";
    }
    double abs = Math.abs(value);
    String[] big = {"", "k", "M", "G", "T", "P"};
    String[] small = {"", "m", "µ", "n", "p"};
    if (abs == 0 || Double.isInfinite(abs)) {
      return String.format(Locale.ROOT, "%.0f %s", value, unit);
    }
    int step = 0;
    if (abs >= 1) {
      while (abs >= 1000 && step < big.length - 1) {
        abs /= 1000;
        value /= 1000;
        step++;
      }
      return String.format(Locale.ROOT, "%s %s%s", three(value), big[step], unit);
    }
    while (abs < 1 && step < small.length - 1) {
      abs *= 1000;
      value *= 1000;
      step++;
    }
    return String.format(Locale.ROOT, "%s %s%s", three(value), small[step], unit);
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
