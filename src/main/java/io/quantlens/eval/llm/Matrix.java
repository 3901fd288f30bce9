package io.quantlens.eval.llm;

import io.quantlens.model.RopeRows;
import io.quantlens.model.Tensor;
import io.quantlens.model.TensorReader;

/**
 * A weight matrix of {@code rows × columns} read a row at a time, as {@code y = W·x} uses it: row r
 * gives output r. Implementations are safe to read from several threads at once.
 */
public interface Matrix {
  int rows();

  int columns();

  /** Copies row {@code row} (float32, dequantized) into {@code dst[0..columns)}. */
  void row(int row, float[] dst);

  /** A stored tensor of shape {@code [rows, columns]}, dequantized by its reader row by row. */
  static Matrix of(Tensor tensor) {
    if (tensor.rank() != 2) {
      throw new IllegalArgumentException(tensor + " is not a matrix");
    }
    int rows = Math.toIntExact(tensor.dim(0));
    int columns = Math.toIntExact(tensor.dim(1));
    TensorReader reader = tensor.reader();
    return new Rows(
        rows, columns, (row, dst) -> reader.read((long) row * columns, dst, 0, columns));
  }

  /** Values held in memory, row-major. */
  static Matrix of(float[] values, int rows, int columns) {
    if ((long) rows * columns != values.length) {
      throw new IllegalArgumentException(values.length + " values are not " + rows + "×" + columns);
    }
    return new Rows(
        rows, columns, (row, dst) -> System.arraycopy(values, row * columns, dst, 0, columns));
  }

  /** Rows {@code [first, first + count)} of this matrix: one part of a fused projection. */
  default Matrix slice(int first, int count) {
    if (first < 0 || count < 1 || first + count > rows()) {
      throw new IllegalArgumentException(
          "rows " + first + "+" + count + " outside a matrix of " + rows());
    }
    return new Rows(count, columns(), (row, dst) -> row(first + row, dst));
  }

  /**
   * This Hugging Face query or key projection with its rows in the order llama.cpp's converter
   * writes them for a {@code llama} GGUF ({@link RopeRows}), so that the rotary embedding can pair
   * neighbouring rows as llama.cpp's does.
   */
  default Matrix inGgufRopeOrder(int headRows) {
    return new Rows(
        rows(), columns(), (row, dst) -> row((int) RopeRows.huggingFaceRow(row, headRows), dst));
  }

  /** Copies one row into {@code dst[0..columns)}. */
  interface RowCopy {
    void copy(int row, float[] dst);
  }

  /** A matrix of a size whose rows come from {@code rowCopy}. */
  record Rows(int rows, int columns, RowCopy rowCopy) implements Matrix {
    @Override
    public void row(int row, float[] dst) {
      rowCopy.copy(row, dst);
    }
  }
}
