package io.quantlens.formats.safetensors;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantlens.model.ModelFormatException;
import io.quantlens.model.TensorNames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A sharded model's {@code model.safetensors.index.json}: {@code weight_map} (tensor name → shard
 * file in the index's folder) and {@code metadata} (e.g. {@code total_size}).
 *
 * @param file the index file
 * @param weightMap tensor name to shard file name, in file order
 * @param metadata the {@code metadata} entries as text, in file order
 */
record ShardIndex(Path file, Map<String, String> weightMap, Map<String, String> metadata) {
  static final String FILE_SUFFIX = ".safetensors.index.json";

  ShardIndex {
    weightMap = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(weightMap));
    metadata = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }

  static ShardIndex read(Path file) throws ModelFormatException {
    JsonNode root = SafetensorsJson.readFile(file, HeaderParser.MAX_HEADER_BYTES, "index file");
    if (!root.isObject()) {
      throw new ModelFormatException(file, "index is not a JSON object");
    }
    JsonNode map = root.get("weight_map");
    if (map == null || !map.isObject()) {
      throw new ModelFormatException(
          file, "index has no 'weight_map' object naming each tensor's shard file");
    }
    Map<String, String> weightMap = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      JsonNode shard = entry.getValue();
      if (!shard.isTextual() || !isPlainFileName(shard.textValue())) {
        throw new ModelFormatException(
            file,
            "weight_map entry of tensor '"
                + entry.getKey()
                + "' is "
                + shard
                + ", not the name of a file in the index's folder");
      }
      weightMap.put(entry.getKey(), shard.textValue());
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    JsonNode meta = root.get("metadata");
    if (meta != null && meta.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = meta.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        JsonNode value = entry.getValue();
        metadata.put(entry.getKey(), value.isValueNode() ? value.asText() : value.toString());
      }
    }
    return new ShardIndex(file, weightMap, metadata);
  }

  /** The shard file names, in natural order (model-00001-of-00003 first). */
  List<String> shardNames() {
    TreeSet<String> names = new TreeSet<>(TensorNames.NATURAL_ORDER);
    names.addAll(weightMap.values());
    return new ArrayList<>(names);
  }

  /** The shard's path, next to the index. */
  Path shardPath(String shardName) {
    Path folder = file.toAbsolutePath().getParent();
    return folder.resolve(shardName);
  }

  /** Refuses paths: a shard must sit beside its index. */
  private static boolean isPlainFileName(String name) {
    return !name.isEmpty()
        && !name.equals(".")
        && !name.equals("..")
        && name.indexOf('/') < 0
        && name.indexOf('\\') < 0
        && name.indexOf(':') < 0
        && name.indexOf('\0') < 0;
  }
}
