package io.quantlens.formats.onnx;

import io.quantlens.model.DType;

/**
 * Facts about ONNX {@code TensorProto.DataType} numbers (docs/file-formats.md#onnx-tensor-storage).
 */
final class OnnxDataType {
  static final int FLOAT = 1;
  static final int UINT8 = 2;
  static final int INT8 = 3;
  static final int INT32 = 6;
  static final int INT64 = 7;
  static final int FLOAT16 = 10;
  static final int DOUBLE = 11;
  static final int BFLOAT16 = 16;
  static final int UINT4 = 21;
  static final int INT4 = 22;

  private static final String[] NAMES = {
    "UNDEFINED",
    "FLOAT",
    "UINT8",
    "INT8",
    "UINT16",
    "INT16",
    "INT32",
    "INT64",
    "STRING",
    "BOOL",
    "FLOAT16",
    "DOUBLE",
    "UINT32",
    "UINT64",
    "COMPLEX64",
    "COMPLEX128",
    "BFLOAT16",
    "FLOAT8E4M3FN",
    "FLOAT8E4M3FNUZ",
    "FLOAT8E5M2",
    "FLOAT8E5M2FNUZ",
    "UINT4",
    "INT4",
    "FLOAT4E2M1",
    "FLOAT8E8M0",
    "UINT2",
    "INT2"
  };

  /** Storage bits per element, indexed by data type; 0 = no fixed width (UNDEFINED, STRING). */
  private static final int[] BITS = {
    0, 32, 8, 8, 16, 16, 32, 64, 0, 8, 16, 64, 32, 64, 64, 128, 16, 8, 8, 8, 8, 4, 4, 4, 8, 2, 2
  };

  private OnnxDataType() {}

  static String name(int dataType) {
    return dataType >= 0 && dataType < NAMES.length ? NAMES[dataType] : "TYPE_" + dataType;
  }

  /** Storage bits per element, or 0 when the type has no fixed width or is unknown. */
  static int bits(int dataType) {
    return dataType >= 0 && dataType < BITS.length ? BITS[dataType] : 0;
  }

  static DType toDType(int dataType) {
    return switch (dataType) {
      case FLOAT -> DType.FLOAT32;
      case DOUBLE -> DType.FLOAT64;
      case FLOAT16 -> DType.FLOAT16;
      case BFLOAT16 -> DType.BFLOAT16;
      case INT8 -> DType.INT8;
      case UINT8 -> DType.UINT8;
      case INT4 -> DType.INT4;
      case UINT4 -> DType.UINT4;
      case INT32 -> DType.INT32;
      case INT64 -> DType.INT64;
      default -> DType.OTHER;
    };
  }

  static boolean isFloat(int dataType) {
    return dataType == FLOAT || dataType == DOUBLE || dataType == FLOAT16 || dataType == BFLOAT16;
  }

  /** Integer types this package can read (and dequantize). */
  static boolean isReadableInteger(int dataType) {
    return dataType == INT8
        || dataType == UINT8
        || dataType == INT4
        || dataType == UINT4
        || dataType == INT32;
  }

  /**
   * Bytes that {@code elements} values of this type occupy in raw_data or an external file, or -1
   * when the type has no fixed width.
   *
   * @throws ArithmeticException if the size overflows a long
   */
  static long storedBytes(int dataType, long elements) {
    int bits = bits(dataType);
    if (bits == 0) {
      return -1;
    }
    if (bits >= 8) {
      return Math.multiplyExact(elements, bits / 8);
    }
    int perByte = 8 / bits;
    return elements / perByte + (elements % perByte == 0 ? 0 : 1);
  }
}
