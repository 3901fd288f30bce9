package io.quantlens.model;

import java.util.List;
import java.util.Map;

/**
 * Descriptive facts about a model file.
 *
 * @param format e.g. {@code ONNX}, {@code safetensors}, {@code GGUF}
 * @param producer producer name and version as stored, possibly empty
 * @param formatVersion e.g. the ONNX IR version or the GGUF version
 * @param opsets operator-set domain ({@code ""} = the default ONNX domain) to version
 * @param properties what the file says about itself, as text in file order (GGUF metadata keys such
 *     as {@code general.architecture}, safetensors {@code __metadata__})
 * @param notes what the reader left out or could not read, one sentence each
 */
public record ModelMetadata(
    String format,
    String producer,
    long formatVersion,
    Map<String, Long> opsets,
    Map<String, String> properties,
    List<String> notes) {
  public ModelMetadata {
    opsets = Map.copyOf(opsets);
    properties = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(properties));
    notes = List.copyOf(notes);
  }

  public ModelMetadata(
      String format, String producer, long formatVersion, Map<String, Long> opsets) {
    this(format, producer, formatVersion, opsets, Map.of(), List.of());
  }
}
