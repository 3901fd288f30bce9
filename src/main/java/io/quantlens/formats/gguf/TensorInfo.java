package io.quantlens.formats.gguf;

import java.util.Arrays;
import java.util.Optional;

/**
 * One tensor_info entry of a GGUF header (docs/file-formats.md#gguf-tensor-infos).
 *
 * @param name tensor name
 * @param ne dimensions as stored: innermost (contiguous) first, as ggml's {@code ne[]}
 * @param typeId the stored ggml type id
 * @param type the type, if QuantLens knows the id
 * @param offset byte offset relative to the start of the data section
 * @param elements product of the dimensions
 */
record TensorInfo(
    String name, long[] ne, long typeId, Optional<GgmlType> type, long offset, long elements) {

  TensorInfo {
    ne = ne.clone();
  }

  /** Dimensions outermost first, as {@link io.quantlens.model.Tensor#shape()} wants them. */
  long[] shape() {
    long[] shape = new long[ne.length];
    for (int i = 0; i < ne.length; i++) {
      shape[i] = ne[ne.length - 1 - i];
    }
    return shape;
  }

  /** Stored bytes, when the type's geometry is known (validated not to overflow). */
  Optional<Long> byteSize() {
    return type.map(t -> t.bytesFor(elements));
  }

  /** The type as messages show it, e.g. {@code IQ2_XXS (16)} or {@code 99}. */
  String typeLabel() {
    return type.map(GgmlType::label).orElse(Long.toString(typeId));
  }

  @Override
  public String toString() {
    return name + " " + typeLabel() + " ne=" + Arrays.toString(ne) + " @" + offset;
  }
}
