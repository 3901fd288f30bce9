package io.quantlens.formats.onnx;

import io.quantlens.formats.mapped.Bounds;
import io.quantlens.formats.mapped.ByteRegion;
import io.quantlens.model.TensorReader;
import java.nio.ByteBuffer;

/**
 * Reads a {@code [rows, columns]} weight stored as b-bit codes packed along each row, least
 * significant bits first, with a float scale and zero point per block of {@code blockSize} columns:
 * {@code w = (q − zeroPoint) · scale}, in float32. This is how ONNX Runtime's MatMulNBits (rows =
 * N, columns = K) and GatherBlockQuantized (rows = vocabulary) store weights.
 */
final class PackedBlockReader implements TensorReader {
  private final ByteRegion codes;
  private final long rows;
  private final long columns;
  private final int bits;
  private final long rowBytes;
  private final int blockSize;
  private final int blocksPerRow;
  private final float[] scales;
  private final float[] zeroPoints;
  private final int[] groupOfColumn;

  /**
   * @param rowBytes bytes from one row's codes to the next (at least ceil(columns·bits/8))
   * @param scales {@code rows × blocksPerRow} scales, row-major
   * @param zeroPoints as many zero points
   * @param groupOfColumn the block of each column when the file gives it (g_idx), else null
   */
  PackedBlockReader(
      ByteRegion codes,
      long rows,
      long columns,
      int bits,
      long rowBytes,
      int blockSize,
      float[] scales,
      float[] zeroPoints,
      int[] groupOfColumn) {
    this.codes = codes;
    this.rows = rows;
    this.columns = columns;
    this.bits = bits;
    this.rowBytes = rowBytes;
    this.blockSize = blockSize;
    this.blocksPerRow = (int) (scales.length / rows);
    this.scales = scales;
    this.zeroPoints = zeroPoints;
    this.groupOfColumn = groupOfColumn;
  }

  @Override
  public void read(long start, float[] dst, int dstOffset, int count) {
    Bounds.check(rows * columns, start, dst, dstOffset, count);
    int mask = (1 << bits) - 1;
    int done = 0;
    while (done < count) {
      long element = start + done;
      long row = element / columns;
      long column = element % columns;
      long bit = column * bits;
      ByteBuffer view = codes.view(row * rowBytes + bit / 8);
      int base = view.position();
      long availableColumns = (long) view.remaining() * 8 / bits - (bit % 8) / bits;
      int n = (int) Math.min(Math.min(count - done, columns - column), availableColumns);
      int firstBit = (int) (bit % 8);
      int paramRow = (int) row * blocksPerRow;
      for (int i = 0; i < n; i++) {
        int b = firstBit + i * bits;
        int q = (view.get(base + (b >>> 3)) >>> (b & 7)) & mask;
        long c = column + i;
        int p = paramRow + (groupOfColumn != null ? groupOfColumn[(int) c] : (int) (c / blockSize));
        dst[dstOffset + done + i] = ((float) q - zeroPoints[p]) * scales[p];
      }
      done += n;
    }
  }
}
