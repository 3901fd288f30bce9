package io.quantlens.ui.export;

/**
 * What an exported chart is of: the model, and the layer for a chart of one layer. Its caption goes
 * under the figure's title and its parts into the file's name, so figures of two layers never
 * overwrite each other.
 *
 * @param model the model file's name, e.g. {@code mnist-cnn.onnx}; empty when none is open
 * @param layer the layer's name, or null for a chart of the whole model
 */
public record ChartSubject(String model, String layer) {
  /** File-name parts are cut in the middle past this length, keeping both ends readable. */
  static final int MAX_PART = 80;

  /** {@code mnist-cnn.onnx · conv2}, or the model alone. */
  public String caption() {
    return layer == null ? model : model + " \u00b7 " + layer;
  }

  /**
   * {@code <model>-<layer>-<chart>.<ext>} with each part reduced to letters, digits, dots and
   * dashes: {@code mnist-cnn-conv2-weight-histogram.png}.
   */
  public String fileName(String chart, String extension) {
    StringBuilder name = new StringBuilder();
    String modelPart = part(withoutModelExtension(model));
    if (!modelPart.isEmpty()) {
      name.append(modelPart).append('-');
    }
    if (layer != null && !part(layer).isEmpty()) {
      name.append(part(layer)).append('-');
    }
    return name.append(chart).append('.').append(extension).toString();
  }

  private static String withoutModelExtension(String file) {
    return file.replaceFirst(
        "(?i)(\\.safetensors)?(\\.index)?\\.(onnx|safetensors|gguf|json)$", "");
  }

  /**
   * Letters, digits, dots, underscores and dashes only (a {@code /} of an ONNX node name becomes a
   * dash), no dash or dot at either end.
   */
  static String part(String text) {
    String safe =
        text.replaceAll("[^A-Za-z0-9._-]+", "-")
            .replaceAll("-{2,}", "-")
            .replaceAll("^[-.]+|[-.]+$", "");
    if (safe.length() <= MAX_PART) {
      return safe;
    }
    int head = MAX_PART / 3;
    int tail = MAX_PART - head - 2;
    return safe.substring(0, head) + "--" + safe.substring(safe.length() - tail);
  }
}
