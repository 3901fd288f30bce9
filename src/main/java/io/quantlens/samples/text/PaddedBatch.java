package io.quantlens.samples.text;

import java.util.Arrays;
import java.util.List;

/**
 * Encodings padded on the right to the longest one: row-major {@code [rows, length]} arrays of
 * input ids, attention mask and token type ids, padding with the pad id, mask 0 and type 0.
 */
public record PaddedBatch(
    int rows, int length, long[] inputIds, long[] attentionMask, long[] typeIds) {

  public static PaddedBatch of(List<Encoding> encodings, long padId) {
    int rows = encodings.size();
    int length = encodings.stream().mapToInt(Encoding::length).max().orElse(0);
    long[] ids = new long[Math.multiplyExact(rows, length)];
    long[] mask = new long[ids.length];
    long[] types = new long[ids.length];
    Arrays.fill(ids, padId);
    for (int r = 0; r < rows; r++) {
      Encoding e = encodings.get(r);
      System.arraycopy(e.ids(), 0, ids, r * length, e.length());
      System.arraycopy(e.attentionMask(), 0, mask, r * length, e.length());
      System.arraycopy(e.typeIds(), 0, types, r * length, e.length());
    }
    return new PaddedBatch(rows, length, ids, mask, types);
  }

  public long[] shape() {
    return new long[] {rows, length};
  }
}
