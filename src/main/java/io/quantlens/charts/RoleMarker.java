package io.quantlens.charts;

import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;

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

  /**
   * A labelled clipping marker. Labels sit inside the clipping range (to the right of the lower
   * line, to the left of the upper) so they are never cut off by the plot edge.
   */
  static RoleMarker clip(double value, boolean lower, String label) {
    RoleMarker m = new RoleMarker(value, Role.CLIP);
    m.setLabel(label);
    m.setLabelAnchor(lower ? RectangleAnchor.TOP_RIGHT : RectangleAnchor.TOP_LEFT);
    m.setLabelTextAnchor(lower ? TextAnchor.TOP_LEFT : TextAnchor.TOP_RIGHT);
    m.setLabelOffset(new RectangleInsets(4, 4, 4, 4));
    return m;
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
