package io.quantlens.formats.safetensors;

import io.quantlens.formats.mapped.Bounds;
import io.quantlens.formats.mapped.ByteRegion;
import io.quantlens.model.TensorReader;
import java.nio.ByteBuffer;

/**
 * Dequantizes an MLX affine weight on the fly (docs/file-formats.md#mlx-quantized-safetensors):
 * each row of {@code columns} b-bit codes is a little-endian bit stream, least significant bits
 * first (for 2, 4 and 8 bits that is uint32 words with element 0 in the low bits; MLX packs 3, 5
 * and 6 bits the same way across bytes), and each group of {@code groupSize} consecutive codes in a
 * row has a scale and a bias: {@code w = scale · q + bias}, in float32. Scales and biases are read
 * per call through their own readers, so nothing but the mapping is held.
 */
final class MlxAffineReader implements TensorReader {
  private final ByteRegion codes;
  private final long rows;
  private final long columns;
  private final int bits;
  private final long rowBytes;
  private final int groupSize;
  private final TensorReader scales;
  private final TensorReader biases;

  /**
   * @param rowBytes bytes of one row's codes (its uint32 words)
   * @param scales {@code rows × columns/groupSize} scales, row-major
   * @param biases as many biases
   */
  MlxAffineReader(
      ByteRegion codes,
      long rows,
      long columns,
      int bits,
      long rowBytes,
      int groupSize,
      TensorReader scales,
      TensorReader biases) {
    this.codes = codes;
    this.rows = rows;
    this.columns = columns;
    this.bits = bits;
    this.rowBytes = rowBytes;
    this.groupSize = groupSize;
    this.scales = scales;
    this.biases = biases;
  }

  @Override
  public void read(long start, float[] dst, int dstOffset, int count) {
    Bounds.check(rows * columns, start, dst, dstOffset, count);
    int mask = (1 << bits) - 1;
    long groupsPerRow = columns / groupSize;
    int done = 0;
    while (done < count) {
      long element = start + done;
      long row = element / columns;
      long column = element % columns;
      long bit = column * bits;
      ByteBuffer view = codes.view(row * rowBytes + bit / 8);
      int base = view.position();
      int firstBit = (int) (bit % 8);
      long fitting = ((long) view.remaining() * 8 - firstBit) / bits;
      int n = (int) Math.min(Math.min(count - done, columns - column), fitting);
      long firstGroup = column / groupSize;
      int groups = (int) ((column + n - 1) / groupSize - firstGroup + 1);
      float[] s = new float[groups];
      float[] b = new float[groups];
      scales.read(row * groupsPerRow + firstGroup, s, 0, groups);
      biases.read(row * groupsPerRow + firstGroup, b, 0, groups);
      for (int i = 0; i < n; i++) {
        int at = firstBit + i * bits;
        int index = base + (at >>> 3);
        int word = view.get(index) & 0xff;
        if ((at & 7) + bits > 8) {
          word |= (view.get(index + 1) & 0xff) << 8;
        }
        int q = (word >>> (at & 7)) & mask;
        int g = (int) ((column + i) / groupSize - firstGroup);
        dst[dstOffset + done + i] = s[g] * q + b[g];
      }
      done += n;
    }
  }
}
