package io.quantlens.formats.gguf;

import io.quantlens.quant.HalfFloats;
import java.nio.ByteBuffer;
import java.util.Random;

/**
 * Test-only decoders of Q8_0 and Q4_0 blocks written from docs/file-formats.md#ggml-block-layouts,
 * and random blocks with sane scales, to check the reader's block walking independently of
 * GgmlFormat.
 */
final class ReferenceBlocks {
  private ReferenceBlocks() {}

  /** Q8_0 {f16 d; i8 qs[32]}: y[e] = qs[e]·d. */
  static void q8_0(ByteBuffer src, int at, float[] y, int off) {
    float d = HalfFloats.fp16ToFloat(src.getShort(at));
    for (int e = 0; e < 32; e++) {
      y[off + e] = src.get(at + 2 + e) * d;
    }
  }

  /** Q4_0 {f16 d; u8 qs[16]}: low nibbles are elements 0–15, high nibbles 16–31, minus 8. */
  static void q4_0(ByteBuffer src, int at, float[] y, int off) {
    float d = HalfFloats.fp16ToFloat(src.getShort(at));
    for (int j = 0; j < 16; j++) {
      int q = src.get(at + 2 + j) & 0xFF;
      y[off + j] = ((q & 0xF) - 8) * d;
      y[off + j + 16] = ((q >> 4) - 8) * d;
    }
  }

  /**
   * Random blocks whose f16 fields are finite (so any decoder gives comparable numbers). Offsets of
   * f16 fields per block are given by {@code halfOffsets}.
   */
  static byte[] random(GgmlType type, long blocks, long seed, int... halfOffsets) {
    byte[] bytes = new byte[Math.toIntExact(blocks * type.blockBytes())];
    Random random = new Random(seed);
    random.nextBytes(bytes);
    for (int b = 0; b < blocks; b++) {
      for (int h : halfOffsets) {
        // Exponent 5..20, any mantissa and sign: finite values between about 1e-4 and 64.
        int half = ((5 + random.nextInt(16)) << 10) | random.nextInt(1 << 10);
        if (random.nextBoolean()) {
          half |= 0x8000;
        }
        int at = b * type.blockBytes() + h;
        bytes[at] = (byte) half;
        bytes[at + 1] = (byte) (half >>> 8);
      }
    }
    return bytes;
  }

  /**
   * Offsets of every f16 field in a block of the type (docs/file-formats.md#ggml-block-layouts).
   */
  static int[] halfOffsets(GgmlType type) {
    return switch (type) {
      case Q8_0, Q4_0, Q5_0 -> new int[] {0};
      case Q4_1, Q5_1, Q4_K, Q5_K -> new int[] {0, 2};
      case Q2_K -> new int[] {80, 82};
      case Q3_K -> new int[] {108};
      case Q6_K -> new int[] {208};
      default -> throw new IllegalArgumentException(type.name());
    };
  }
}
