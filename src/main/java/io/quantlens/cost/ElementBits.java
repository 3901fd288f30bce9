package io.quantlens.cost;

import java.util.Map;

/**
 * Bits per element of ONNX element types, as the measurement counts them: for the types listed, the
 * width ONNX Runtime reports for a tensor of that type. Other types are left to a run.
 */
final class ElementBits {
  private static final Map<String, Integer> BY_NAME =
      Map.ofEntries(
          Map.entry("FLOAT", 32),
          Map.entry("UINT8", 8),
          Map.entry("INT8", 8),
          Map.entry("INT16", 16),
          Map.entry("INT32", 32),
          Map.entry("INT64", 64),
          Map.entry("BOOL", 8),
          Map.entry("FLOAT16", 16),
          Map.entry("DOUBLE", 64),
          Map.entry("BFLOAT16", 16),
          Map.entry("FLOAT8E4M3FN", 8),
          Map.entry("FLOAT8E4M3FNUZ", 8),
          Map.entry("FLOAT8E5M2", 8),
          Map.entry("FLOAT8E5M2FNUZ", 8),
          Map.entry("UINT4", 4),
          Map.entry("INT4", 4));

  /** TensorProto.DataType numbers to names, for the types in {@link #BY_NAME}. */
  private static final Map<Long, String> BY_NUMBER =
      Map.ofEntries(
          Map.entry(1L, "FLOAT"),
          Map.entry(2L, "UINT8"),
          Map.entry(3L, "INT8"),
          Map.entry(5L, "INT16"),
          Map.entry(6L, "INT32"),
          Map.entry(7L, "INT64"),
          Map.entry(9L, "BOOL"),
          Map.entry(10L, "FLOAT16"),
          Map.entry(11L, "DOUBLE"),
          Map.entry(16L, "BFLOAT16"),
          Map.entry(17L, "FLOAT8E4M3FN"),
          Map.entry(18L, "FLOAT8E4M3FNUZ"),
          Map.entry(19L, "FLOAT8E5M2"),
          Map.entry(20L, "FLOAT8E5M2FNUZ"),
          Map.entry(21L, "UINT4"),
          Map.entry(22L, "INT4"));

  static final int BOOL = 8;
  static final int INT64 = 64;
  static final int INT32 = 32;

  private ElementBits() {}

  /** Bits of the type named as in {@code ValueInfo.elementType()}, or 0 when not listed. */
  static int ofName(String elementType) {
    return BY_NAME.getOrDefault(elementType, 0);
  }

  /** Bits of a TensorProto.DataType number (a Cast's {@code to}), or 0 when not listed. */
  static int ofNumber(long dataType) {
    String name = BY_NUMBER.get(dataType);
    return name == null ? 0 : ofName(name);
  }
}
