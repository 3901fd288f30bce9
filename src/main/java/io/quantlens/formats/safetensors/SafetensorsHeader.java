package io.quantlens.formats.safetensors;

import java.util.List;
import java.util.Map;

/**
 * The checked header of one safetensors file.
 *
 * @param metadata {@code __metadata__} in file order
 * @param tensors the tensors in file order
 * @param dataStart file offset of the data section ({@code 8 + N})
 */
record SafetensorsHeader(Map<String, String> metadata, List<TensorEntry> tensors, long dataStart) {
  SafetensorsHeader {
    metadata = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metadata));
    tensors = List.copyOf(tensors);
  }
}
