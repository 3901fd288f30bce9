package io.quantlens.report;

import java.util.Locale;

/**
 * How numbers are written in report files and in the command line's tables: the one place that
 * turns a number into text outside the window. Everything is locale-neutral ({@link Locale#ROOT}):
 * a {@code .} before the decimals, {@code ,} between thousands and ASCII digits, whatever the
 * user's locale, so a CSV file parses the same everywhere and a table reads the same in a German or
 * Vietnamese terminal as in the documentation.
 */
public final class NumberText {
  private NumberText() {}

  /** {@link String#format} in {@link Locale#ROOT}, for a table row of several values. */
  public static String format(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }

  // --- files: exact values ---

  /** Java's round-trip text (it parses back to the same double), or empty for NaN. */
  public static String roundTrip(double value) {
    return Double.isNaN(value) ? "" : Double.toString(value);
  }

  /**
   * {@link #roundTrip} with infinities spelled {@code inf} / {@code -inf} (an exact, FP32 SQNR).
   */
  public static String roundTripOrInf(double value) {
    if (Double.isInfinite(value)) {
      return value > 0 ? "inf" : "-inf";
    }
    return roundTrip(value);
  }

  // --- tables: rounded values ---

  /** {@code decimals} digits after the point: {@code fixed(1.23456, 3)} is {@code 1.235}. */
  public static String fixed(double value, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }

  /** {@code digits} significant digits, as {@code %g}: {@code 0.000123}, {@code 1.23e+07}. */
  public static String significant(double value, int digits) {
    return String.format(Locale.ROOT, "%." + digits + "g", value);
  }

  /** Scientific notation with {@code decimals} digits after the point: {@code 1.235e-04}. */
  public static String scientific(double value, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "e", value);
  }

  /** A count with thousands separated: {@code 1,234,567}. */
  public static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** A count with thousands separated and {@code decimals} decimals: {@code 1,234.5}. */
  public static String count(double value, int decimals) {
    return String.format(Locale.ROOT, "%,." + decimals + "f", value);
  }

  /** An SQNR in dB with two decimals and without its unit, or {@code exact} for an infinite one. */
  public static String decibels(double db) {
    return Double.isInfinite(db) ? "exact" : fixed(db, 2);
  }

  /**
   * A fraction as a percentage with {@code decimals} decimals and a space before {@code %}, or
   * {@code n/a} for NaN: {@code percent(0.98765, 2)} is {@code 98.77 %}.
   */
  public static String percent(double fraction, int decimals) {
    return Double.isNaN(fraction) ? "n/a" : fixed(100 * fraction, decimals) + " %";
  }

  /** A signed change in percentage points; no {@code -0.00}: {@code -0.40 pts}. */
  public static String points(double change) {
    return String.format(Locale.ROOT, "%+.2f pts", change + 0.0);
  }

  /** Bytes in kB, MB or GB (powers of 1000), three significant digits. */
  public static String bytes(double b) {
    if (b >= 1e9) {
      return significant(b / 1e9, 3) + " GB";
    }
    if (b >= 1e6) {
      return significant(b / 1e6, 3) + " MB";
    }
    return significant(b / 1e3, 3) + " kB";
  }

  /** A time in s, ms or µs, three significant digits. */
  public static String seconds(double s) {
    if (s >= 1) {
      return significant(s, 3) + " s";
    }
    if (s >= 1e-3) {
      return significant(s * 1e3, 3) + " ms";
    }
    return significant(s * 1e6, 3) + " µs";
  }

  /** An energy in J, mJ or µJ, three significant digits. */
  public static String joules(double j) {
    if (j >= 1) {
      return significant(j, 3) + " J";
    }
    if (j >= 1e-3) {
      return significant(j * 1e3, 3) + " mJ";
    }
    return significant(j * 1e6, 3) + " µJ";
  }

  /** A short constant: whole from 100 up, else three significant digits without trailing zeros. */
  public static String brief(double v) {
    if (v >= 100) {
      return fixed(v, 0);
    }
    String text = significant(v, 3);
    return text.contains(".") && !text.contains("e") ? text.replaceAll("\\.?0+$", "") : text;
  }
}
