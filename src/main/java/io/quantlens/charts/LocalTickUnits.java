package io.quantlens.charts;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.NumberTickUnitSource;
import org.jfree.chart.axis.TickUnit;

/**
 * JFreeChart's adaptive tick units (as many decimals as the step needs) written with one language's
 * separators, so a Vietnamese axis reads {@code 0,25} and {@code 1.000} whatever the JVM's default
 * locale is.
 */
final class LocalTickUnits extends NumberTickUnitSource {
  private final DecimalFormatSymbols symbols;

  private LocalTickUnits(boolean integers, Locale locale) {
    super(integers);
    this.symbols = DecimalFormatSymbols.getInstance(locale);
  }

  /** A value axis labelled {@code label} whose ticks are written in {@code locale}. */
  static NumberAxis axis(String label, Locale locale) {
    NumberAxis axis = new NumberAxis(label);
    axis.setStandardTickUnits(new LocalTickUnits(false, locale));
    return axis;
  }

  /** As {@link #axis}, with ticks on whole numbers only (channels, counts). */
  static NumberAxis integerAxis(String label, Locale locale) {
    NumberAxis axis = new NumberAxis(label);
    axis.setStandardTickUnits(new LocalTickUnits(true, locale));
    return axis;
  }

  /**
   * A logarithmic axis labelled {@code label}: its ticks are powers of ten whose exponents are
   * written in {@code locale} (10^0,5 in Vietnamese).
   */
  static LogAxis logAxis(String label, Locale locale) {
    LogAxis axis = new LogAxis(label);
    axis.setStandardTickUnits(new LocalTickUnits(false, locale));
    return axis;
  }

  @Override
  public TickUnit getLargerTickUnit(TickUnit unit) {
    return local(super.getLargerTickUnit(unit));
  }

  @Override
  public TickUnit getCeilingTickUnit(TickUnit unit) {
    return local(super.getCeilingTickUnit(unit));
  }

  @Override
  public TickUnit getCeilingTickUnit(double size) {
    return local(super.getCeilingTickUnit(size));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof LocalTickUnits units
        && units.symbols.equals(symbols)
        && super.equals(other);
  }

  @Override
  public int hashCode() {
    return symbols.hashCode();
  }

  /**
   * The unit with the pattern NumberTickUnitSource gives its size (as many decimals as a step of
   * 10⁻⁴…10⁻¹ needs, grouped whole numbers up to 10⁵, scientific beyond), in this language.
   */
  private TickUnit local(TickUnit unit) {
    double size = unit.getSize();
    int power = (int) Math.floor(Math.log10(size) + 1e-9);
    String pattern =
        power >= -4 && power <= -1
            ? "0." + "0".repeat(-power)
            : power >= 0 && power <= 5 ? "#,##0" : "0.###E0";
    return new NumberTickUnit(size, new DecimalFormat(pattern, symbols), unit.getMinorTickCount());
  }
}
