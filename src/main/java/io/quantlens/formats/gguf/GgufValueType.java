package io.quantlens.formats.gguf;

import java.util.Optional;

/**
 * Types of GGUF metadata values, with their u32 ids (docs/file-formats.md#gguf-metadata, gguf.h).
 */
public enum GgufValueType {
  UINT8(0, 1),
  INT8(1, 1),
  UINT16(2, 2),
  INT16(3, 2),
  UINT32(4, 4),
  INT32(5, 4),
  FLOAT32(6, 4),
  BOOL(7, 1),
  STRING(8, 0),
  ARRAY(9, 0),
  UINT64(10, 8),
  INT64(11, 8),
  FLOAT64(12, 8);

  private final int id;
  private final int fixedBytes;

  GgufValueType(int id, int fixedBytes) {
    this.id = id;
    this.fixedBytes = fixedBytes;
  }

  public static Optional<GgufValueType> byId(long id) {
    for (GgufValueType type : values()) {
      if (type.id == id) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  public int id() {
    return id;
  }

  /** Bytes of one value, or 0 for the variable-length STRING and ARRAY. */
  public int fixedBytes() {
    return fixedBytes;
  }

  /** The lower-case name used in summaries, e.g. {@code uint32}. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
