package io.quantlens.formats.gguf;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantlens.formats.RegularFiles;
import io.quantlens.formats.StrictJson;
import io.quantlens.model.ModelFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The special-token keys gguf-py's {@code SpecialVocab} adds beside a vocabulary: each of bos, eos,
 * unk, sep, pad whose {@code <type>_token} in {@code tokenizer_config.json} names an added token of
 * {@code tokenizer.json}, else whose {@code <type>_token_id} config.json gives; {@code
 * add_bos_token} and {@code add_eos_token} when tokenizer_config.json sets them; its {@code
 * chat_template} when it is a string.
 */
final class HfSpecialTokens {
  private static final long MAX_BYTES = 64L << 20;
  private static final List<String> TYPES = List.of("bos", "eos", "unk", "sep", "pad");
  private static final Map<String, String> KEYS =
      Map.of(
          "bos", "tokenizer.ggml.bos_token_id",
          "eos", "tokenizer.ggml.eos_token_id",
          "unk", "tokenizer.ggml.unknown_token_id",
          "sep", "tokenizer.ggml.seperator_token_id",
          "pad", "tokenizer.ggml.padding_token_id");

  private HfSpecialTokens() {}

  static void put(GgufWriter writer, Path folder, HfConfig config, int size)
      throws ModelFormatException {
    JsonNode tokenizerConfig = json(folder.resolve("tokenizer_config.json"));
    JsonNode tokenizer = json(folder.resolve("tokenizer.json"));
    JsonNode modelConfig = json(config.file());
    Map<String, Integer> addedIds = new HashMap<>();
    JsonNode added = tokenizer == null ? null : tokenizer.get("added_tokens");
    if (added != null && added.isArray()) {
      for (JsonNode t : added) {
        if (t.path("content").isTextual() && t.path("id").canConvertToInt()) {
          addedIds.put(t.get("content").asText(), t.get("id").asInt());
        }
      }
    }
    for (String type : TYPES) {
      int id = -1;
      JsonNode entry = tokenizerConfig == null ? null : tokenizerConfig.get(type + "_token");
      if (entry != null && entry.isObject()) {
        entry = entry.get("content");
      }
      if (entry != null && entry.isTextual() && addedIds.containsKey(entry.asText())) {
        id = addedIds.get(entry.asText());
      }
      JsonNode fromConfig = modelConfig == null ? null : modelConfig.get(type + "_token_id");
      if (id < 0 && fromConfig != null && fromConfig.canConvertToInt()) {
        id = fromConfig.asInt();
      }
      if (id >= 0 && id < size) {
        writer.put(KEYS.get(type), GgufValue.uint32(id));
      }
    }
    for (String type : List.of("bos", "eos")) {
      JsonNode add = tokenizerConfig == null ? null : tokenizerConfig.get("add_" + type + "_token");
      if (add != null && add.isBoolean()) {
        writer.put("tokenizer.ggml.add_" + type + "_token", GgufValue.bool(add.asBoolean()));
      }
    }
    JsonNode template = tokenizerConfig == null ? null : tokenizerConfig.get("chat_template");
    if (template != null && template.isTextual()) {
      writer.put("tokenizer.chat_template", GgufValue.string(template.asText()));
    }
  }

  /** A JSON file beside the weights, or null when there is none. */
  static JsonNode json(Path file) throws ModelFormatException {
    if (!Files.exists(file)) {
      return null;
    }
    RegularFiles.require(file);
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new ModelFormatException(file, "is larger than a tokenizer file can be");
      }
      return StrictJson.parse(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new ModelFormatException(file, "cannot be read: " + e.getMessage(), e);
    }
  }
}
