package io.quantlens.model;

/** Element types a weight tensor can be stored in. */
public enum DType {
  FLOAT32(32),
  FLOAT64(64),
  FLOAT16(16),
  BFLOAT16(16),
  INT8(8),
  UINT8(8),
  INT4(4),
  UINT4(4),
  INT32(32),
  INT64(64),
  OTHER(0);

  private final int bits;

  DType(int bits) {
    this.bits = bits;
  }

  /** Storage bits per element (0 when unknown). */
  public int bits() {
    return bits;
  }
}
