package io.quantlens.formats.openvino;

import io.quantlens.model.DType;
import java.util.Locale;

/**
 * Element types an OpenVINO IR names in a Const's {@code element_type} or a port's {@code
 * precision} (docs/file-formats.md#openvino-ir-element-types). {@link #dtype()} is {@link
 * DType#OTHER} for the types QuantLens knows but does not decode.
 */
enum IrElementType {
  F64("f64", 64, DType.FLOAT64),
  F32("f32", 32, DType.FLOAT32),
  F16("f16", 16, DType.FLOAT16),
  BF16("bf16", 16, DType.BFLOAT16),
  F8E4M3("f8e4m3", 8, DType.FLOAT8_E4M3),
  F8E5M2("f8e5m2", 8, DType.FLOAT8_E5M2),
  F8E8M0("f8e8m0", 8, DType.FLOAT8_E8M0),
  F4E2M1("f4e2m1", 4, DType.FLOAT4_E2M1),
  I64("i64", 64, DType.INT64),
  I32("i32", 32, DType.INT32),
  I8("i8", 8, DType.INT8),
  U8("u8", 8, DType.UINT8),
  I4("i4", 4, DType.INT4),
  U4("u4", 4, DType.UINT4),
  NF4("nf4", 4, DType.NF4),
  I16("i16", 16, DType.OTHER),
  U16("u16", 16, DType.OTHER),
  U32("u32", 32, DType.OTHER),
  U64("u64", 64, DType.OTHER),
  BOOLEAN("boolean", 8, DType.OTHER),
  U1("u1", 1, DType.OTHER),
  U2("u2", 2, DType.OTHER),
  U3("u3", 3, DType.OTHER),
  U6("u6", 6, DType.OTHER);

  /** Types this reader decodes, for messages. */
  static final String READ =
      "f64, f32, f16, bf16, f8e4m3, f8e5m2, f8e8m0, f4e2m1, i64, i32, i8, u8, i4, u4, nf4";

  private final String irName;
  private final int bits;
  private final DType dtype;

  IrElementType(String irName, int bits, DType dtype) {
    this.irName = irName;
    this.bits = bits;
    this.dtype = dtype;
  }

  String irName() {
    return irName;
  }

  int bits() {
    return bits;
  }

  DType dtype() {
    return dtype;
  }

  boolean readable() {
    return dtype != DType.OTHER;
  }

  boolean isFloat() {
    return this == F64 || this == F32 || this == F16 || this == BF16;
  }

  /** The code types NNCF stores compressed weights in (integers, NF4, FP4, FP8). */
  boolean isCode() {
    return this == I8
        || this == U8
        || this == I4
        || this == U4
        || this == NF4
        || this == F4E2M1
        || this == F8E4M3;
  }

  /** Bytes {@code elements} elements take, packed types rounded up to whole bytes. */
  long bytes(long elements) {
    return (Math.multiplyExact(elements, (long) bits) + 7) / 8;
  }

  /**
   * The type an IR names, or null. Besides OpenVINO's names ({@code f32}, {@code u4}, ...) the
   * upper-case names of older IRs ({@code FP32}, {@code I8}, {@code BOOL}; the legacy table of
   * OpenVINO's element_type.cpp) are accepted.
   */
  static IrElementType of(String name) {
    String n = name.trim();
    for (IrElementType t : values()) {
      if (t.irName.equals(n)) {
        return t;
      }
    }
    switch (n.toUpperCase(Locale.ROOT)) {
      case "FP64":
        return F64;
      case "FP32":
        return F32;
      case "FP16":
        return F16;
      case "BF16":
        return BF16;
      case "I64":
        return I64;
      case "I32":
        return I32;
      case "I16":
        return I16;
      case "I8":
        return I8;
      case "I4":
        return I4;
      case "U64":
        return U64;
      case "U32":
        return U32;
      case "U16":
        return U16;
      case "U8":
        return U8;
      case "U4":
        return U4;
      case "BOOL":
        return BOOLEAN;
      case "BIN":
        return U1;
      default:
        return null;
    }
  }
}
