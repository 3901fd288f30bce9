package io.quantlens.formats.gguf;

import io.quantlens.model.DType;
import io.quantlens.quant.GgmlFormat;
import java.util.Optional;

/**
 * ggml's tensor element types as stored in GGUF tensor infos (docs/file-formats.md#ggml-types,
 * ggml.h {@code enum ggml_type}). Types without a {@link DType} or without a decoder are listed but
 * not read.
 */
public enum GgmlType {
  F32(0, 1, 4, DType.FLOAT32, null),
  F16(1, 1, 2, DType.FLOAT16, null),
  Q4_0(2, 32, 18, DType.Q4_0, GgmlFormat.Q4_0),
  Q4_1(3, 32, 20, DType.Q4_1, GgmlFormat.Q4_1),
  Q5_0(6, 32, 22, DType.Q5_0, GgmlFormat.Q5_0),
  Q5_1(7, 32, 24, DType.Q5_1, GgmlFormat.Q5_1),
  Q8_0(8, 32, 34, DType.Q8_0, GgmlFormat.Q8_0),
  Q8_1(9, 32, 36, DType.OTHER, null),
  Q2_K(10, 256, 84, DType.Q2_K, GgmlFormat.Q2_K),
  Q3_K(11, 256, 110, DType.Q3_K, GgmlFormat.Q3_K),
  Q4_K(12, 256, 144, DType.Q4_K, GgmlFormat.Q4_K),
  Q5_K(13, 256, 176, DType.Q5_K, GgmlFormat.Q5_K),
  Q6_K(14, 256, 210, DType.Q6_K, GgmlFormat.Q6_K),
  Q8_K(15, 256, 292, DType.OTHER, null),
  IQ2_XXS(16, 256, 66, DType.OTHER, null),
  IQ2_XS(17, 256, 74, DType.OTHER, null),
  IQ3_XXS(18, 256, 98, DType.OTHER, null),
  IQ1_S(19, 256, 50, DType.OTHER, null),
  IQ4_NL(20, 32, 18, DType.OTHER, null),
  IQ3_S(21, 256, 110, DType.OTHER, null),
  IQ2_S(22, 256, 82, DType.OTHER, null),
  IQ4_XS(23, 256, 136, DType.OTHER, null),
  I8(24, 1, 1, DType.INT8, null),
  /** No 16-bit integer {@link DType} exists, so I16 tensors are listed only. */
  I16(25, 1, 2, DType.OTHER, null),
  I32(26, 1, 4, DType.INT32, null),
  I64(27, 1, 8, DType.INT64, null),
  F64(28, 1, 8, DType.FLOAT64, null),
  IQ1_M(29, 256, 56, DType.OTHER, null),
  BF16(30, 1, 2, DType.BFLOAT16, null),
  TQ1_0(34, 256, 54, DType.OTHER, null),
  TQ2_0(35, 256, 66, DType.OTHER, null),
  MXFP4(39, 32, 17, DType.OTHER, null),
  NVFP4(40, 64, 36, DType.OTHER, null),
  Q1_0(41, 128, 18, DType.OTHER, null),
  Q2_0(42, 64, 18, DType.OTHER, null);

  private final int id;
  private final int blockElements;
  private final int blockBytes;
  private final DType dtype;
  private final GgmlFormat format;

  GgmlType(int id, int blockElements, int blockBytes, DType dtype, GgmlFormat format) {
    this.id = id;
    this.blockElements = blockElements;
    this.blockBytes = blockBytes;
    this.dtype = dtype;
    this.format = format;
  }

  /** The type with this ggml id, if QuantLens knows it. */
  public static Optional<GgmlType> byId(long id) {
    for (GgmlType type : values()) {
      if (type.id == id) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  public int id() {
    return id;
  }

  /** Elements per block; 1 for plain element types. */
  public int blockElements() {
    return blockElements;
  }

  /** Bytes per block (per element for plain types). */
  public int blockBytes() {
    return blockBytes;
  }

  /** The model's element type, {@link DType#OTHER} when QuantLens has none. */
  public DType dtype() {
    return dtype;
  }

  /** The block codec, present for the decodable block types only. */
  public Optional<GgmlFormat> blockFormat() {
    return Optional.ofNullable(format);
  }

  /** True when QuantLens can stream this type's values as floats. */
  public boolean isDecodable() {
    return dtype != DType.OTHER;
  }

  /** Bytes of {@code elements} values; {@code elements} must be a whole number of blocks. */
  public long bytesFor(long elements) {
    return Math.multiplyExact(elements / blockElements, (long) blockBytes);
  }

  /** The type's name and id as a message shows them, e.g. {@code IQ2_XXS (16)}. */
  public String label() {
    return name() + " (" + id + ")";
  }
}
