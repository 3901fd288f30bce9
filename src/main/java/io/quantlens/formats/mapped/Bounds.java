package io.quantlens.formats.mapped;

import java.util.Objects;

/** Argument checks shared by the tensor readers. */
public final class Bounds {
  private Bounds() {}

  public static void check(long elements, long start, float[] dst, int dstOffset, int count) {
    Objects.checkFromIndexSize(dstOffset, count, dst.length);
    if (start < 0 || start > elements - count) {
      throw new IndexOutOfBoundsException(
          "elements " + start + "+" + count + " outside a tensor of " + elements);
    }
  }
}
