package io.quantlens.quant;

import java.nio.ByteBuffer;

/**
 * llama.cpp's block formats (FORMATS.md §1.2–1.4): {@link #blockElements()} consecutive weights
 * along a row are stored in {@link #blockBytes()} bytes with their own FP16 scale(s). Quantization
 * follows ggml's reference (non-imatrix) functions, so codes and scales equal llama.cpp's.
 */
public enum GgmlFormat implements Format {
  Q8_0("q8_0", 8, 32, 34),
  Q4_0("q4_0", 4, 32, 18),
  Q4_1("q4_1", 4, 32, 20),
  Q5_0("q5_0", 5, 32, 22),
  Q5_1("q5_1", 5, 32, 24),
  Q2_K("q2_k", 2, 256, 84),
  Q3_K("q3_k", 3, 256, 110),
  Q4_K("q4_k", 4, 256, 144),
  Q5_K("q5_k", 5, 256, 176),
  Q6_K("q6_k", 6, 256, 210);

  private final String id;
  private final int bits;
  private final int blockElements;
  private final int blockBytes;

  GgmlFormat(String id, int bits, int blockElements, int blockBytes) {
    this.id = id;
    this.bits = bits;
    this.blockElements = blockElements;
    this.blockBytes = blockBytes;
  }

  @Override
  public String id() {
    return id;
  }

  /** Nominal bits of a code; scales are extra (see {@link #blockBytes()}). */
  @Override
  public int bits() {
    return bits;
  }

  public int blockElements() {
    return blockElements;
  }

  public int blockBytes() {
    return blockBytes;
  }

  /**
   * Quantizes {@code x[off .. off + blockElements)} to one block written at {@code dst[dstOff ..
   * dstOff + blockBytes)}, exactly as ggml's {@code quantize_row_*_ref}.
   */
  public void quantizeBlock(float[] x, int off, byte[] dst, int dstOff) {
    throw new UnsupportedOperationException(id + " quantization is not implemented yet");
  }

  /**
   * Decodes the block stored at absolute index {@code at} of the little-endian buffer {@code src}
   * into {@code y[off .. off + blockElements)}, exactly as ggml's {@code dequantize_row_*}.
   */
  public void dequantizeBlock(ByteBuffer src, int at, float[] y, int off) {
    throw new UnsupportedOperationException(id + " decoding is not implemented yet");
  }
}
