package io.quantlens.cost;

import java.util.Locale;
import java.util.Objects;

/**
 * A constant with where it comes from. {@code value} is in SI base units: MAC/s, bytes/s, watts,
 * joules. An estimate carries its {@code derivation} (how it was worked out); a published value has
 * an empty one. {@code range}, when present, is the span the sources leave open (measurements and
 * assumptions that disagree), in the same units as {@code value}; the cost model computes with
 * {@code value} and reports the range beside it.
 */
public record Sourced(
    double value, String source, boolean estimate, String derivation, Range range) {
  public Sourced {
    Objects.requireNonNull(source, "source");
    derivation = derivation == null ? "" : derivation;
    if (range != null && (value < range.low() || value > range.high())) {
      throw new IllegalArgumentException(
          "value " + value + " outside its range " + range.low() + " to " + range.high());
    }
  }

  /** A constant without a range. */
  public Sourced(double value, String source, boolean estimate, String derivation) {
    this(value, source, estimate, derivation, null);
  }

  /** A constant without a derivation text or range. */
  public Sourced(double value, String source, boolean estimate) {
    this(value, source, estimate, "", null);
  }

  /**
   * The lowest and highest plausible value, {@code low <= high}, both finite and greater than zero.
   */
  public record Range(double low, double high) {
    public Range {
      if (!(Double.isFinite(low) && Double.isFinite(high) && low > 0 && low <= high)) {
        throw new IllegalArgumentException("not a range: " + low + " to " + high);
      }
    }

    /** This range in other units: both ends multiplied by {@code factor}. */
    public Range times(double factor) {
      return new Range(low * factor, high * factor);
    }
  }

  /** The same provenance with another value (a unit conversion; a range converts with it). */
  public Sourced withValue(double newValue) {
    Range converted = range == null || value == 0 ? range : range.times(newValue / value);
    return new Sourced(newValue, source, estimate, derivation, converted);
  }

  /** {@code source}, then {@code (estimate: derivation)} for an estimate, then the range. */
  public String provenance() {
    String text =
        estimate
            ? source + " (estimate" + (derivation.isBlank() ? "" : ": " + derivation) + ")"
            : source;
    if (range == null) {
      return text;
    }
    return text + String.format(Locale.ROOT, " [range %.3g to %.3g]", range.low(), range.high());
  }
}
