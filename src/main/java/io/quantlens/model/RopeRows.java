package io.quantlens.model;

/**
 * llama.cpp's converter reorders the rows of a {@code llama} model's query and key projections
 * inside each head for its rotary embedding (convert_hf_to_gguf.py, {@code LlamaModel.permute}: the
 * rows reshaped to (heads, 2, rows/heads/2) and the last two axes swapped): row {@code 2i+j} of a
 * head in the GGUF file is row {@code j·half+i} of the Hugging Face head, half = rows per head / 2.
 */
public final class RopeRows {
  private RopeRows() {}

  /** The Hugging Face row that GGUF row {@code row} holds, for heads of {@code headRows} rows. */
  public static long huggingFaceRow(long row, long headRows) {
    long half = headRows / 2;
    long r = row % headRows;
    return row - r + (r % 2) * half + r / 2;
  }

  /**
   * The GGUF row that holds Hugging Face row {@code row}: the inverse of {@link #huggingFaceRow}.
   */
  public static long ggufRow(long row, long headRows) {
    long half = headRows / 2;
    long r = row % headRows;
    return row - r + (r % half) * 2 + r / half;
  }

  /**
   * {@code values}, a matrix of {@code columns} per row in Hugging Face row order, read in GGUF row
   * order for heads of {@code headRows} rows.
   */
  public static TensorReader ggufOrdered(TensorReader values, long columns, long headRows) {
    return (start, dst, off, count) -> {
      long at = start;
      int done = 0;
      while (done < count) {
        long row = at / columns;
        long column = at % columns;
        int n = (int) Math.min(count - done, columns - column);
        values.read(huggingFaceRow(row, headRows) * columns + column, dst, off + done, n);
        at += n;
        done += n;
      }
    };
  }
}
