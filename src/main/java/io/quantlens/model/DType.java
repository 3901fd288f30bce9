package io.quantlens.model;

/**
 * Element types a weight tensor can be stored in. Most store each element in a whole number of
 * bits; llama.cpp's block types store {@link #blockElements()} elements in {@link #blockBytes()}
 * bytes, scales included.
 */
public enum DType {
  FLOAT32(32),
  FLOAT64(64),
  FLOAT16(16),
  BFLOAT16(16),
  FLOAT8_E4M3(8),
  FLOAT8_E5M2(8),
  /** 8-bit powers of two, 2^(code − 127) (OCP microscaling scales; OpenVINO's {@code f8e8m0}). */
  FLOAT8_E8M0(8),
  /** 4-bit floats, 1 sign, 2 exponent and 1 mantissa bit (OpenVINO's {@code f4e2m1}). */
  FLOAT4_E2M1(4),
  INT8(8),
  UINT8(8),
  INT4(4),
  UINT4(4),
  /** 4-bit NormalFloat codes, two to a byte (OpenVINO's {@code nf4}; docs/numeric-rules.md#nf4). */
  NF4(4),
  /** Unsigned codes of 2, 3, 5 and 6 bits, packed without gaps (MLX affine quantization). */
  UINT2(2),
  UINT3(3),
  UINT5(5),
  UINT6(6),
  INT32(32),
  INT64(64),
  /**
   * ggml block types (docs/file-formats.md#ggml-types): elements per block, bytes per block,
   * nominal bits.
   */
  Q8_0(32, 34, 8),
  Q4_0(32, 18, 4),
  Q4_1(32, 20, 4),
  Q5_0(32, 22, 5),
  Q5_1(32, 24, 5),
  Q2_K(256, 84, 2),
  Q3_K(256, 110, 3),
  Q4_K(256, 144, 4),
  Q5_K(256, 176, 5),
  Q6_K(256, 210, 6),
  OTHER(0);

  private final int bits;
  private final int blockElements;
  private final int blockBytes;

  DType(int bits) {
    this(0, 0, bits);
  }

  DType(int blockElements, int blockBytes, int bits) {
    this.bits = bits;
    this.blockElements = blockElements;
    this.blockBytes = blockBytes;
  }

  /** Nominal storage bits per element, block scales excluded (0 when unknown). */
  public int bits() {
    return bits;
  }

  /** True for ggml block types, whose elements are stored in blocks with their own scales. */
  public boolean isBlock() {
    return blockElements > 0;
  }

  /** Elements per block for block types; 0 otherwise. */
  public int blockElements() {
    return blockElements;
  }

  /** Bytes per block for block types; 0 otherwise. */
  public int blockBytes() {
    return blockBytes;
  }

  /** Bytes that {@code elements} elements occupy (packed sub-byte types and blocks round up). */
  public long storedBytes(long elements) {
    if (isBlock()) {
      return Math.multiplyExact((elements + blockElements - 1) / blockElements, (long) blockBytes);
    }
    return (Math.multiplyExact(elements, (long) bits) + 7) / 8;
  }
}
