package io.quantlens.charts;

import java.util.List;
import java.util.Objects;
import org.jfree.chart.renderer.category.BarRenderer;

/** A bar renderer that colours its rows by role ({@link SeriesRoles}). */
final class RoleBarRenderer extends BarRenderer implements SeriesRoles {
  private static final long serialVersionUID = 1L;

  private final List<PlanRole> roles;

  /**
   * @param roles the role of each row, in row order
   */
  RoleBarRenderer(List<PlanRole> roles) {
    this.roles = List.copyOf(roles);
  }

  @Override
  public List<PlanRole> roles() {
    return roles;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RoleBarRenderer r && r.roles.equals(roles) && super.equals(o);
  }

  @Override
  public int hashCode() {
    return Objects.hash(super.hashCode(), roles);
  }
}
