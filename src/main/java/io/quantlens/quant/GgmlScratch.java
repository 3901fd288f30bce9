package io.quantlens.quant;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Per-thread working arrays for the ggml block quantizers and their kernel, so quantizing a block
 * allocates nothing. Sized for the largest block (256 weights, 210 bytes).
 */
final class GgmlScratch {
  static final int MAX_ELEMENTS = 256;
  static final int MAX_SUB_BLOCKS = 16;

  private static final ThreadLocal<GgmlScratch> PER_THREAD =
      ThreadLocal.withInitial(GgmlScratch::new);

  /** Codes of a k-quant block before packing. */
  final int[] codes = new int[MAX_ELEMENTS];

  /** Candidate codes of one sub-block during a scale search. */
  final int[] candidate = new int[32];

  final float[] weights = new float[32];
  final float[] subScales = new float[MAX_SUB_BLOCKS];
  final float[] subMins = new float[MAX_SUB_BLOCKS];

  /** The kernel's zero-padded input block, its encoding and its decoded values. */
  final float[] block = new float[MAX_ELEMENTS];

  final byte[] bytes = new byte[MAX_ELEMENTS];
  final ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
  final float[] decoded = new float[MAX_ELEMENTS];

  /** Per sub-block: level = mul·code + add. */
  final float[] mul = new float[MAX_SUB_BLOCKS];

  final float[] add = new float[MAX_SUB_BLOCKS];

  private GgmlScratch() {}

  static GgmlScratch get() {
    return PER_THREAD.get();
  }
}
