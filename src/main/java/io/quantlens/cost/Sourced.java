package io.quantlens.cost;

import java.util.Objects;

/**
 * A constant with where it comes from. {@code value} is in SI base units: MAC/s, bytes/s, watts,
 * joules. An estimate carries its {@code derivation} (how it was worked out); a published value has
 * an empty one.
 */
public record Sourced(double value, String source, boolean estimate, String derivation) {
  public Sourced {
    Objects.requireNonNull(source, "source");
    derivation = derivation == null ? "" : derivation;
  }

  /** A constant without a derivation text. */
  public Sourced(double value, String source, boolean estimate) {
    this(value, source, estimate, "");
  }

  /** The same provenance with another value (a unit conversion). */
  public Sourced withValue(double newValue) {
    return new Sourced(newValue, source, estimate, derivation);
  }

  /** {@code source}, then {@code (estimate: derivation)} for an estimate. */
  public String provenance() {
    if (!estimate) {
      return source;
    }
    return source + " (estimate" + (derivation.isBlank() ? "" : ": " + derivation) + ")";
  }
}
