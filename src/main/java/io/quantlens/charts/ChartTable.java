package io.quantlens.charts;

import io.quantlens.report.NumberText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A chart's data as a table of columns, stored as primitive arrays so that a table of hundreds of
 * thousands of rows stays small. {@link #cell} gives the exact CSV text of each value.
 *
 * <p>Numbers are written in Java's round-trip form ({@link Double#toString} for doubles, {@link
 * Float#toString} for float32 values such as scales, so parsing the text gives back the same
 * value); infinities as {@code inf} / {@code -inf}; NaN, a value that does not apply, as an empty
 * cell.
 *
 * @param headers one name per column
 * @param columns columns of equal length
 */
public record ChartTable(List<String> headers, List<Column> columns) {

  public ChartTable {
    headers = List.copyOf(headers);
    columns = List.copyOf(columns);
    if (headers.size() != columns.size()) {
      throw new IllegalArgumentException(
          headers.size() + " headers for " + columns.size() + " columns");
    }
    for (Column c : columns) {
      if (c.size() != columns.get(0).size()) {
        throw new IllegalArgumentException("columns differ in length");
      }
    }
  }

  /** One column of a table. */
  public sealed interface Column permits Texts, Doubles, Floats, Longs {
    int size();

    /** The CSV text of one row. */
    String cell(int row);
  }

  /** Text values. */
  public record Texts(List<String> values) implements Column {
    public Texts {
      values = List.copyOf(values);
    }

    @Override
    public int size() {
      return values.size();
    }

    @Override
    public String cell(int row) {
      return values.get(row);
    }
  }

  /** Double values. */
  public record Doubles(double[] values) implements Column {
    public Doubles {
      values = values.clone();
    }

    @Override
    public double[] values() {
      return values.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Doubles other && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(values);
    }

    @Override
    public int size() {
      return values.length;
    }

    @Override
    public String cell(int row) {
      return number(values[row]);
    }
  }

  /** Float32 values, written so that {@link Float#parseFloat} gives them back. */
  public record Floats(float[] values) implements Column {
    public Floats {
      values = values.clone();
    }

    @Override
    public float[] values() {
      return values.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Floats other && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(values);
    }

    @Override
    public int size() {
      return values.length;
    }

    @Override
    public String cell(int row) {
      float v = values[row];
      return Float.isFinite(v) ? Float.toString(v) : number(v);
    }
  }

  /** Integer values: counts, indices. */
  public record Longs(long[] values) implements Column {
    public Longs {
      values = values.clone();
    }

    @Override
    public long[] values() {
      return values.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Longs other && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(values);
    }

    @Override
    public int size() {
      return values.length;
    }

    @Override
    public String cell(int row) {
      return Long.toString(values[row]);
    }
  }

  public int rowCount() {
    return columns.isEmpty() ? 0 : columns.get(0).size();
  }

  /** The CSV text of one cell. */
  public String cell(int row, int column) {
    return columns.get(column).cell(row);
  }

  /** The CSV text of one row. */
  public List<String> row(int row) {
    List<String> cells = new ArrayList<>(columns.size());
    for (Column c : columns) {
      cells.add(c.cell(row));
    }
    return cells;
  }

  /** The CSV text of a number: round-trip digits, {@code inf}, {@code -inf}, or empty for NaN. */
  public static String number(double value) {
    return NumberText.roundTripOrInf(value);
  }
}
