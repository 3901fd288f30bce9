package io.quantlens.charts;

/**
 * A renderer that knows the role of each row (series) it draws, so {@link ChartStyle} colours rows
 * by role, in whichever style, and never by their position.
 */
interface SeriesRoles {
  /** The role of row {@code row}; {@link PlanRole#DATA} past the rows given. */
  PlanRole role(int row);

  int rows();
}
