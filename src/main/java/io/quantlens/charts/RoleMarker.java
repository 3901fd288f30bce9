package io.quantlens.charts;

import org.jfree.chart.plot.ValueMarker;

/**
 * A value marker that knows what it stands for, so {@link ChartStyle} can colour it for a light or
 * dark chart without guessing from its label.
 */
final class RoleMarker extends ValueMarker {

  /** What a marker shows. */
  enum Role {
    /** An end of the clipping range: dashed, in the accent colour, labelled. */
    CLIP,
    /** One quantization level: a thin, faint line. */
    LEVEL
  }

  private final Role role;

  RoleMarker(double value, Role role) {
    super(value);
    this.role = role;
  }

  Role role() {
    return role;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RoleMarker m && m.role == role && super.equals(o);
  }

  @Override
  public int hashCode() {
    return Double.hashCode(getValue()) * 31 + role.hashCode();
  }
}
