package io.quantlens.model;

import java.util.Map;

/**
 * Descriptive facts about a model file.
 *
 * @param format e.g. {@code ONNX}
 * @param producer producer name and version as stored, possibly empty
 * @param formatVersion e.g. the ONNX IR version
 * @param opsets operator-set domain ({@code ""} = the default ONNX domain) to version
 */
public record ModelMetadata(
    String format, String producer, long formatVersion, Map<String, Long> opsets) {
  public ModelMetadata {
    opsets = Map.copyOf(opsets);
  }
}
