package io.quantlens.formats.npy;

import java.util.Optional;

/** The NumPy element types QuantLens reads and writes, with their little-endian descriptors. */
public enum NpyType {
  BOOL("|b1", 1),
  INT8("|i1", 1),
  UINT8("|u1", 1),
  INT16("<i2", 2),
  INT32("<i4", 4),
  INT64("<i8", 8),
  FLOAT16("<f2", 2),
  FLOAT32("<f4", 4),
  FLOAT64("<f8", 8);

  private final String descriptor;
  private final int bytes;

  NpyType(String descriptor, int bytes) {
    this.descriptor = descriptor;
    this.bytes = bytes;
  }

  /** The {@code descr} of a NumPy header, e.g. {@code <f4}. */
  public String descriptor() {
    return descriptor;
  }

  public int bytes() {
    return bytes;
  }

  /** NumPy writes one-byte types with {@code |}, but {@code <} and {@code =} mean the same. */
  static Optional<NpyType> ofDescriptor(String descr) {
    if (descr.isEmpty()) {
      return Optional.empty();
    }
    String normalized = descr.replace('=', '<');
    for (NpyType type : values()) {
      String own = type.descriptor;
      if (own.equals(normalized)
          || (type.bytes == 1 && own.substring(1).equals(descr.substring(1)))) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
