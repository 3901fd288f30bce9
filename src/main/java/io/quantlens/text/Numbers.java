package io.quantlens.text;

import java.math.BigDecimal;
import java.math.MathContext;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * How numbers read for people, in one language: units scaled to stay short, infinities spelled out,
 * the language's decimal and thousands separators ({@code 0.5} and {@code 1,234,567} in English,
 * {@code 0,5} and {@code 1.234.567} in Vietnamese). Files for programs never use it.
 */
public final class Numbers {
  private static final String[] PREFIXES = {"p", "n", "µ", "m", "", "k", "M", "G", "T", "P"};

  private final Locale locale;
  private final char decimalSeparator;
  private final String exact;

  /** Numbers in {@code locale}; {@code exact} is the word for an infinite SQNR (no error). */
  Numbers(Locale locale, String exact) {
    this.locale = locale;
    this.decimalSeparator = DecimalFormatSymbols.getInstance(locale).getDecimalSeparator();
    this.exact = exact;
  }

  public Locale locale() {
    return locale;
  }

  public String db(double db) {
    if (Double.isInfinite(db)) {
      return db > 0 ? exact : "−∞ dB";
    }
    if (Double.isNaN(db)) {
      return "—";
    }
    return String.format(locale, "%.1f dB", db);
  }

  /**
   * A size in SI units, the one way the window writes bytes (tiles, status bar, table): 1 kB = 1000
   * B, 1 MB = 10⁶ B; whole bytes below 1 kB, three significant digits above.
   */
  public String bytes(double bytes) {
    if (Double.isFinite(bytes) && Math.round(Math.abs(bytes)) < 1000) {
      return Math.round(bytes) + " B";
    }
    return scaled(bytes, "B");
  }

  /**
   * A value with an SI prefix and three significant digits: 1.23 MB, 4.56 mJ, 789 µs. A value that
   * rounds up to 1000 of one prefix takes the next (999,960 B reads 1.00 MB, not 1000 kB).
   */
  public String scaled(double value, String unit) {
    if (Double.isNaN(value)) {
      return "—";
    }
    double abs = Math.abs(value);
    if (abs == 0 || Double.isInfinite(abs)) {
      return String.format(locale, "%.0f %s", value, unit);
    }
    // powers of 1000 from p (10⁻¹²) to P (10¹⁵)
    int step = (int) Math.floor(Math.log10(abs) / 3);
    step = Math.max(-4, Math.min(5, step));
    double scaledValue = value / Math.pow(1000, step);
    if (step < 5 && Math.abs(roundedToThree(scaledValue)) >= 1000) {
      step++;
      scaledValue = value / Math.pow(1000, step);
    }
    return three(scaledValue) + " " + PREFIXES[step + 4] + unit;
  }

  /**
   * Three significant digits however small: {@code 0.00781}, {@code 1.91e-06} below 10⁻⁴ (a step or
   * an rms error at 16 bits), where {@link #three} would write 0.00.
   */
  public String significant(double v) {
    double abs = Math.abs(v);
    if (v == 0 || !Double.isFinite(v) || (abs >= 1e-4 && abs < 1e5)) {
      return new BigDecimal(v == 0 || !Double.isFinite(v) ? 0 : v)
          .round(new MathContext(3))
          .stripTrailingZeros()
          .toPlainString()
          .replace('.', decimalSeparator);
    }
    return String.format(locale, "%.2e", v);
  }

  /**
   * Four significant digits with trailing zeros dropped, the short form of chart labels and notes:
   * {@code 0.25}, {@code 1.234}, {@code 1.235e-05}.
   */
  public String four(double v) {
    if (v == 0) {
      return "0";
    }
    String s = String.format(locale, "%.4g", v);
    if (s.contains("e") || s.indexOf(decimalSeparator) < 0) {
      return s;
    }
    s = s.replaceAll("0+$", "");
    return s.charAt(s.length() - 1) == decimalSeparator ? s.substring(0, s.length() - 1) : s;
  }

  /** Three significant digits. */
  public String three(double v) {
    return String.format(locale, threePattern(v), v);
  }

  /** {@link String#format} in this language, for the few patterns the methods above lack. */
  public String format(String pattern, Object... args) {
    return String.format(locale, pattern, args);
  }

  public String percent(double fraction) {
    return String.format(locale, "%.1f %%", 100 * fraction);
  }

  public String signedPercent(double percent) {
    // Rounded first, so a change too small to show (−0.004 %) reads "+0.0 %", not "-0.0 %";
    // adding 0.0 turns −0.0 into 0.0.
    double shown = Double.isFinite(percent) ? Math.round(percent * 10) / 10.0 : percent;
    return String.format(locale, "%+.1f %%", shown + 0.0);
  }

  public String count(long n) {
    return String.format(locale, "%,d", n);
  }

  private static String threePattern(double v) {
    double abs = Math.abs(v);
    return abs >= 100 ? "%.0f" : abs >= 10 ? "%.1f" : "%.2f";
  }

  /** {@code v} as {@link #three} would round it, as a number. */
  private static double roundedToThree(double v) {
    return Double.parseDouble(String.format(Locale.ROOT, threePattern(v), v));
  }
}
