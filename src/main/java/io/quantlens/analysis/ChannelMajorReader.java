package io.quantlens.analysis;

import io.quantlens.model.TensorReader;

/** Fills a buffer with whole channels, each channel's reduction vector contiguous. */
public final class ChannelMajorReader {
  private final TensorReader reader;
  private final TensorLayout layout;

  public ChannelMajorReader(TensorReader reader, TensorLayout layout) {
    this.reader = reader;
    this.layout = layout;
  }

  /** Writes channels {@code [first, first+count)} to {@code dst[0 .. count·reduction)}. */
  public void read(long first, int count, float[] dst, float[] rowScratch) {
    long channels = layout.channels();
    long inner = layout.inner();
    int reduction = (int) layout.reduction();
    if (layout.outer() == 1) {
      reader.read(first * inner, dst, 0, count * reduction);
    } else if (inner == 1) {
      // Channels are the last axis (e.g. MatMul [K, N]): read a row slice, scatter it across
      // channels.
      for (int row = 0; row < reduction; row++) {
        reader.read(row * channels + first, rowScratch, 0, count);
        for (int c = 0; c < count; c++) {
          dst[c * reduction + row] = rowScratch[c];
        }
      }
    } else {
      int innerLength = (int) inner;
      for (long o = 0; o < layout.outer(); o++) {
        for (int c = 0; c < count; c++) {
          long start = (o * channels + first + c) * inner;
          reader.read(start, dst, c * reduction + (int) o * innerLength, innerLength);
        }
      }
    }
  }
}
