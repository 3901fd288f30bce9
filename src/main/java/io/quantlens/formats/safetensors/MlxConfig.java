package io.quantlens.formats.safetensors;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantlens.model.ModelFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The quantization that an MLX checkpoint's {@code config.json} records
 * (docs/file-formats.md#mlx-quantized-safetensors): {@code "quantization": {"group_size": 64,
 * "bits": 4}}, or the same under {@code quantization_config}, with optional per-layer entries keyed
 * by the layer's path (an object that overrides the global values, or {@code false} for a layer
 * left unquantized).
 *
 * @param file the config.json read, or null when there is none
 * @param global the global values (parts absent when the file does not give them)
 * @param layers per-layer values by layer path
 * @param unquantized layer paths the file marks {@code false}
 */
record MlxConfig(
    Path file, MlxParams global, Map<String, MlxParams> layers, Set<String> unquantized) {
  static final String FILE_NAME = "config.json";

  /** A config.json is a few kilobytes; anything much larger is not one. */
  private static final long MAX_BYTES = 16_000_000L;

  private static final String GROUP_SIZE = "group_size";
  private static final String BITS = "bits";
  private static final String MODE = "mode";

  /**
   * Bits, group size and mode as a config gives them.
   *
   * @param groupSize 0 when not given
   * @param bits 0 when not given
   * @param mode empty when not given
   */
  record MlxParams(int groupSize, int bits, String mode) {
    static final MlxParams NONE = new MlxParams(0, 0, "");

    /** These values, each missing one taken from {@code fallback}. */
    MlxParams or(MlxParams fallback) {
      return new MlxParams(
          groupSize > 0 ? groupSize : fallback.groupSize,
          bits > 0 ? bits : fallback.bits,
          mode.isEmpty() ? fallback.mode : mode);
    }
  }

  MlxConfig {
    layers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(layers));
    unquantized = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(unquantized));
  }

  static MlxConfig none() {
    return new MlxConfig(null, MlxParams.NONE, Map.of(), Set.of());
  }

  /** The values that apply to the layer at {@code path}: its own entry first, then the global. */
  MlxParams forLayer(String path) {
    MlxParams own = layers.get(path);
    return own == null ? global : own.or(global);
  }

  /**
   * Reads {@code config.json} from {@code folder}; {@link #none()} when there is no such file.
   *
   * @throws ModelFormatException naming config.json when it is not JSON or its quantization entry
   *     is malformed
   */
  static MlxConfig read(Path folder) throws ModelFormatException {
    Path file = folder.resolve(FILE_NAME);
    if (!Files.exists(file)) {
      return none();
    }
    JsonNode root = SafetensorsJson.readFile(file, MAX_BYTES, FILE_NAME);
    if (!root.isObject()) {
      throw new ModelFormatException(file, FILE_NAME + " is not a JSON object");
    }
    String key = root.has("quantization") ? "quantization" : "quantization_config";
    JsonNode q = root.get(key);
    if (q == null || q.isNull()) {
      return new MlxConfig(file, MlxParams.NONE, Map.of(), Set.of());
    }
    if (!q.isObject()) {
      throw new ModelFormatException(
          file, "'" + key + "' in " + FILE_NAME + " is " + q + ", not an object");
    }
    MlxParams global = params(file, key, q);
    Map<String, MlxParams> layers = new LinkedHashMap<>();
    Set<String> unquantized = new LinkedHashSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = q.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      JsonNode value = entry.getValue();
      if (value.isObject()) {
        layers.put(entry.getKey(), params(file, key + "." + entry.getKey(), value));
      } else if (value.isBoolean() && !value.booleanValue()) {
        unquantized.add(entry.getKey());
      }
    }
    return new MlxConfig(file, global, layers, unquantized);
  }

  private static MlxParams params(Path file, String where, JsonNode object)
      throws ModelFormatException {
    return new MlxParams(
        positive(file, where, object, GROUP_SIZE),
        positive(file, where, object, BITS),
        object.has(MODE) ? object.get(MODE).asText() : "");
  }

  private static int positive(Path file, String where, JsonNode object, String name)
      throws ModelFormatException {
    JsonNode value = object.get(name);
    if (value == null || value.isNull()) {
      return 0;
    }
    if (!value.canConvertToInt() || !value.isIntegralNumber() || value.intValue() < 1) {
      throw new ModelFormatException(
          file,
          "'"
              + where
              + "."
              + name
              + "' in "
              + FILE_NAME
              + " is "
              + value
              + ", not a positive whole number");
    }
    return value.intValue();
  }
}
