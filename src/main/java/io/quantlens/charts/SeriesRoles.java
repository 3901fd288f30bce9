package io.quantlens.charts;

import java.util.List;

/**
 * A renderer that knows the role of each row (series) it draws, so {@link ChartStyle} colours rows
 * by role, in whichever style, and never by their position.
 */
interface SeriesRoles {
  /** The role of each row, in row order. */
  List<PlanRole> roles();

  /** The role of row {@code row}; {@link PlanRole#DATA} past the rows given. */
  default PlanRole role(int row) {
    return row < roles().size() ? roles().get(row) : PlanRole.DATA;
  }

  default int rows() {
    return roles().size();
  }
}
