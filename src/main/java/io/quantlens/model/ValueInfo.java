package io.quantlens.model;

import java.util.List;

/**
 * A graph input or output.
 *
 * @param name value name
 * @param elementType element type as written in the file, e.g. {@code FLOAT}, {@code INT64}
 * @param dims dimensions; symbolic ones keep their name (e.g. {@code batch}), unknown ones are
 *     {@code ?}
 */
public record ValueInfo(String name, String elementType, List<String> dims) {
  public ValueInfo {
    dims = List.copyOf(dims);
  }

  public String shapeText() {
    return "[" + String.join(", ", dims) + "]";
  }
}
