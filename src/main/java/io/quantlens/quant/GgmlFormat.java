package io.quantlens.quant;

import java.nio.ByteBuffer;

/**
 * llama.cpp's block formats (docs/numeric-rules.md#ggml-block-formats): {@link #blockElements()}
 * consecutive weights along a row are stored in {@link #blockBytes()} bytes with their own FP16
 * scale(s). Quantization follows ggml's reference (non-imatrix) functions, so codes and scales
 * equal llama.cpp's.
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
   * dstOff + blockBytes)}, exactly as ggml's {@code quantize_row_*_ref}. Allocation-free (working
   * arrays are per thread).
   */
  public void quantizeBlock(float[] x, int off, byte[] dst, int dstOff) {
    java.util.Objects.checkFromIndexSize(off, blockElements, x.length);
    java.util.Objects.checkFromIndexSize(dstOff, blockBytes, dst.length);
    switch (this) {
      case Q8_0 -> GgmlLegacyBlocks.quantizeQ8_0(x, off, dst, dstOff);
      case Q4_0 -> GgmlLegacyBlocks.quantizeQ4_0(x, off, dst, dstOff);
      case Q4_1 -> GgmlLegacyBlocks.quantizeQ4_1(x, off, dst, dstOff);
      case Q5_0 -> GgmlLegacyBlocks.quantizeQ5_0(x, off, dst, dstOff);
      case Q5_1 -> GgmlLegacyBlocks.quantizeQ5_1(x, off, dst, dstOff);
      case Q2_K -> GgmlK16Blocks.quantizeQ2K(x, off, dst, dstOff);
      case Q3_K -> GgmlK16Blocks.quantizeQ3K(x, off, dst, dstOff);
      case Q4_K -> GgmlK32Blocks.quantizeQ4K(x, off, dst, dstOff);
      case Q5_K -> GgmlK32Blocks.quantizeQ5K(x, off, dst, dstOff);
      case Q6_K -> GgmlK16Blocks.quantizeQ6K(x, off, dst, dstOff);
    }
  }

  /**
   * Decodes the block stored at absolute index {@code at} of the little-endian buffer {@code src}
   * into {@code y[off .. off + blockElements)}, exactly as ggml's {@code dequantize_row_*}. Reads
   * with absolute gets, byte by byte, so neither the buffer's position nor its byte order matter.
   */
  public void dequantizeBlock(ByteBuffer src, int at, float[] y, int off) {
    java.util.Objects.checkFromIndexSize(at, blockBytes, src.limit());
    java.util.Objects.checkFromIndexSize(off, blockElements, y.length);
    switch (this) {
      case Q8_0 -> GgmlLegacyBlocks.dequantizeQ8_0(src, at, y, off);
      case Q4_0 -> GgmlLegacyBlocks.dequantizeQ4_0(src, at, y, off);
      case Q4_1 -> GgmlLegacyBlocks.dequantizeQ4_1(src, at, y, off);
      case Q5_0 -> GgmlLegacyBlocks.dequantizeQ5_0(src, at, y, off);
      case Q5_1 -> GgmlLegacyBlocks.dequantizeQ5_1(src, at, y, off);
      case Q2_K -> GgmlK16Blocks.dequantizeQ2K(src, at, y, off);
      case Q3_K -> GgmlK16Blocks.dequantizeQ3K(src, at, y, off);
      case Q4_K -> GgmlK32Blocks.dequantizeQ4K(src, at, y, off);
      case Q5_K -> GgmlK32Blocks.dequantizeQ5K(src, at, y, off);
      case Q6_K -> GgmlK16Blocks.dequantizeQ6K(src, at, y, off);
    }
  }

  /** Whether the decoded levels are {@code d·q} (no stored offset or min). */
  public boolean symmetric() {
    return switch (this) {
      case Q8_0, Q4_0, Q5_0, Q3_K, Q6_K -> true;
      case Q4_1, Q5_1, Q2_K, Q4_K, Q5_K -> false;
    };
  }

  /**
   * The step a block spanning {@code [min, max]} gets from the format's plain min/max rule, before
   * fp16 rounding and before the k-quants' searches: absmax over the largest code magnitude for
   * symmetric formats, (max − min(min, 0)) over the code count − 1 for asymmetric ones (q4_1 and
   * q5_1 use the plain max − min). A guide for histogram ranges, not the stored step.
   */
  public double nominalStep(float min, float max) {
    return switch (this) {
      case Q8_0 -> Math.max(Math.abs(min), Math.abs(max)) / 127.0;
      case Q4_1, Q5_1 -> ((double) max - min) / codeMax();
      case Q2_K, Q4_K, Q5_K -> ((double) max - Math.min(min, 0f)) / codeMax();
      default -> Math.max(Math.abs(min), Math.abs(max)) / (double) -codeMin();
    };
  }

  /** Weights sharing one decoded step inside a block (the block itself for the 32-blocks). */
  int subBlockElements() {
    return switch (this) {
      case Q2_K, Q3_K, Q6_K -> 16;
      case Q4_K, Q5_K -> 32;
      default -> blockElements;
    };
  }

  /** Smallest code the reference quantizer produces, in the decoder's signed terms. */
  int codeMin() {
    return switch (this) {
      case Q8_0 -> -127;
      case Q4_0 -> -8;
      case Q5_0 -> -16;
      case Q3_K -> -4;
      case Q6_K -> -32;
      case Q4_1, Q5_1, Q2_K, Q4_K, Q5_K -> 0;
    };
  }

  /** Largest code the reference quantizer produces, in the decoder's signed terms. */
  int codeMax() {
    return switch (this) {
      case Q8_0 -> 127;
      case Q4_0 -> 7;
      case Q5_0 -> 15;
      case Q3_K -> 3;
      case Q6_K -> 31;
      case Q4_1, Q4_K -> 15;
      case Q5_1, Q5_K -> 31;
      case Q2_K -> 3;
    };
  }

  /**
   * For each sub-block of the block at {@code at}, the decoded level of code q is {@code mul[j]·q +
   * add[j]} (q from {@link #codeMin()} to {@link #codeMax()}).
   */
  void subBlockLevels(ByteBuffer src, int at, float[] mul, float[] add) {
    switch (this) {
      case Q8_0, Q4_0, Q5_0 -> {
        mul[0] = GgmlRounding.getHalf(src, at);
        add[0] = 0;
      }
      case Q4_1, Q5_1 -> {
        mul[0] = GgmlRounding.getHalf(src, at);
        add[0] = GgmlRounding.getHalf(src, at + 2);
      }
      case Q2_K, Q3_K, Q6_K -> GgmlK16Blocks.subBlockLevels(this, src, at, mul, add);
      case Q4_K, Q5_K -> GgmlK32Blocks.subBlockLevels(src, at, mul, add);
    }
  }
}
