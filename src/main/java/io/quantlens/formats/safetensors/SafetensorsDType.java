package io.quantlens.formats.safetensors;

import io.quantlens.formats.mapped.ByteRegion;
import io.quantlens.formats.mapped.FloatReaders;
import io.quantlens.model.DType;
import io.quantlens.model.TensorReader;
import java.util.function.BiFunction;

/**
 * The dtype strings of a safetensors header (docs/file-formats.md#safetensors-dtypes) with their
 * bit sizes; the ones QuantLens reads as float values carry a reader.
 */
enum SafetensorsDType {
  F64(64, DType.FLOAT64, FloatReaders::float64),
  F32(32, DType.FLOAT32, FloatReaders::float32),
  F16(16, DType.FLOAT16, FloatReaders::float16),
  BF16(16, DType.BFLOAT16, FloatReaders::bfloat16),
  I8(8, DType.INT8, FloatReaders::int8),
  U8(8, DType.UINT8, FloatReaders::uint8),
  F8_E4M3(8, DType.FLOAT8_E4M3, FloatReaders::float8E4m3fn),
  F8_E5M2(8, DType.FLOAT8_E5M2, FloatReaders::float8E5m2),
  BOOL(8),
  F4(4),
  F6_E2M3(6),
  F6_E3M2(6),
  F8_E8M0(8),
  F8_E4M3FNUZ(8),
  F8_E5M2FNUZ(8),
  I16(16),
  U16(16),
  I32(32),
  U32(32),
  C64(64),
  I64(64),
  U64(64);

  private final int bits;
  private final DType dtype;
  private final BiFunction<ByteRegion, Long, TensorReader> readerFactory;

  SafetensorsDType(int bits) {
    this(bits, DType.OTHER, null);
  }

  SafetensorsDType(
      int bits, DType dtype, BiFunction<ByteRegion, Long, TensorReader> readerFactory) {
    this.bits = bits;
    this.dtype = dtype;
    this.readerFactory = readerFactory;
  }

  /** The dtype named exactly {@code text} (the format is case-sensitive), or null. */
  static SafetensorsDType parse(String text) {
    for (SafetensorsDType t : values()) {
      if (t.name().equals(text)) {
        return t;
      }
    }
    return null;
  }

  int bits() {
    return bits;
  }

  /** The model's element type; {@link DType#OTHER} for types QuantLens does not read. */
  DType dtype() {
    return dtype;
  }

  boolean readable() {
    return readerFactory != null;
  }

  /**
   * Bytes that {@code elements} elements occupy.
   *
   * @throws ArithmeticException when the size overflows a long
   * @throws IllegalArgumentException when the elements end inside a byte (sub-byte types)
   */
  long byteLength(long elements) {
    long bitCount = Math.multiplyExact(elements, (long) bits);
    if (bitCount % 8 != 0) {
      throw new IllegalArgumentException(
          elements + " elements of " + name() + " do not fill a whole number of bytes");
    }
    return bitCount / 8;
  }

  /** Streams the values of a readable type; other types get a reader that refuses. */
  TensorReader reader(String tensorName, ByteRegion region, long elements) {
    if (readerFactory != null) {
      return readerFactory.apply(region, elements);
    }
    return (start, dst, dstOffset, count) -> {
      throw new UnsupportedOperationException(
          "tensor '" + tensorName + "' of safetensors type " + name() + " cannot be read");
    };
  }
}
