package io.quantlens.report;

import io.quantlens.formats.npy.Npy;
import io.quantlens.formats.npy.NpyType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;

/**
 * Writes one float32 {@code .npy} array (version 1.0, C order, little-endian) whose rows along axis
 * 0 arrive in batches, in any order, straight to a file channel: the header as soon as the first
 * batch gives the shape of a row, each batch at its own offset. Only the batch being written is in
 * memory. Every batch must have the same shape after axis 0; the array is {@code [rows, ...that
 * shape]}.
 */
public final class NpyRowsWriter {
  private final Path file;
  private final FileChannel channel;
  private final int rows;
  private final BitSet written;
  private long[] rowShape;
  private long rowValues;
  private long dataStart;

  /**
   * @param file the file the array ends up in, for messages
   * @param channel where the bytes go, from position 0
   * @param rows the array's first dimension
   */
  public NpyRowsWriter(Path file, FileChannel channel, int rows) {
    if (rows < 1) {
      throw new IllegalArgumentException("an array of " + rows + " rows");
    }
    this.file = file;
    this.channel = channel;
    this.rows = rows;
    this.written = new BitSet(rows);
  }

  /**
   * Writes rows {@code [first, first + shape[0])}.
   *
   * @param shape the batch's shape, rows first
   * @param values its {@code shape}'s element count of values, C order, from their position
   * @throws IOException naming the file when the batch does not fit the array
   */
  public void write(int first, long[] shape, FloatBuffer values) throws IOException {
    if (shape.length == 0) {
      throw problem("a batch is a scalar; the rows of an array are along its first axis");
    }
    long batchRows = shape[0];
    long[] after = Arrays.copyOfRange(shape, 1, shape.length);
    if (rowShape == null) {
      start(after);
    } else if (!Arrays.equals(rowShape, after)) {
      throw problem(
          "the batch at row "
              + first
              + " has shape "
              + Arrays.toString(shape)
              + " but an earlier one had rows of shape "
              + Arrays.toString(rowShape)
              + "; rows are stacked on axis 0 and must all have one shape");
    }
    if (first < 0 || batchRows < 1 || first + batchRows > rows) {
      throw problem(
          "rows " + first + " to " + (first + batchRows) + " do not fit an array of " + rows);
    }
    if (written.get(first, (int) (first + batchRows)).cardinality() > 0) {
      throw problem("rows from " + first + " are written twice");
    }
    long count = Math.multiplyExact(batchRows, rowValues);
    if (values.remaining() != count) {
      throw problem(
          "the batch of shape "
              + Arrays.toString(shape)
              + " holds "
              + values.remaining()
              + " values, not "
              + count);
    }
    ByteBuffer bytes =
        ByteBuffer.allocate(Math.toIntExact(Math.multiplyExact(count, 4L)))
            .order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(values.duplicate());
    writeAt(bytes, dataStart + first * rowValues * 4);
    written.set(first, (int) (first + batchRows));
  }

  /**
   * Checks that every row was written.
   *
   * @throws IOException naming the file and the first missing row
   */
  public void finish() throws IOException {
    int missing = written.nextClearBit(0);
    if (missing < rows) {
      throw problem("row " + missing + " of " + rows + " was never written");
    }
  }

  /** The array's shape once the first batch is in, else {@code null}. */
  public long[] shape() {
    if (rowShape == null) {
      return null;
    }
    long[] shape = new long[rowShape.length + 1];
    shape[0] = rows;
    System.arraycopy(rowShape, 0, shape, 1, rowShape.length);
    return shape;
  }

  private void start(long[] after) throws IOException {
    long perRow = 1;
    for (long d : after) {
      if (d < 0) {
        throw problem("a row has a negative dimension, " + Arrays.toString(after));
      }
      perRow = Math.multiplyExact(perRow, d);
    }
    rowShape = after;
    rowValues = perRow;
    byte[] header = Npy.header(NpyType.FLOAT32, shape());
    dataStart = header.length;
    writeAt(ByteBuffer.wrap(header), 0);
  }

  private void writeAt(ByteBuffer bytes, long position) throws IOException {
    long at = position;
    while (bytes.hasRemaining()) {
      at += channel.write(bytes, at);
    }
  }

  private IOException problem(String what) {
    return new IOException(file + ": " + what);
  }
}
