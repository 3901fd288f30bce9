package io.quantlens.charts;

import java.util.Arrays;
import java.util.Objects;

/**
 * One named row of values for a bar chart: one value per category (layer or metric). Non-finite
 * values are not drawn; the chart says so in a note.
 *
 * @param name the legend name, e.g. "current plan", "INT8"
 * @param role what the row stands for, which sets its colour
 * @param values one value per category, in category order
 */
public record Series(String name, PlanRole role, double[] values) {
  public Series {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    values = values.clone();
  }

  /** A row that belongs to no plan, drawn in the neutral {@link PlanRole#DATA} colour. */
  public Series(String name, double[] values) {
    this(name, PlanRole.DATA, values);
  }

  @Override
  public double[] values() {
    return values.clone();
  }

  /** The value of one category, without copying the array. */
  public double value(int category) {
    return values[category];
  }

  public int size() {
    return values.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Series s
        && name.equals(s.name)
        && role == s.role
        && Arrays.equals(values, s.values);
  }

  @Override
  public int hashCode() {
    return (name.hashCode() * 31 + role.hashCode()) * 31 + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "Series[" + name + ", " + role + ", " + Arrays.toString(values) + "]";
  }
}
