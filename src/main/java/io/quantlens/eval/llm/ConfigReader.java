package io.quantlens.eval.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantlens.model.Model;
import io.quantlens.model.ModelFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads a decoder's hyperparameters: from GGUF metadata ({@code ARCH.embedding_length} …, the keys
 * llama.cpp's loader reads, docs/llama-cpp-files.md) or from the {@code config.json} beside a
 * Hugging Face safetensors file. Rotary scaling (LongRoPE, YaRN, llama3) is refused: this pass runs
 * plain RoPE only.
 */
final class ConfigReader {
  static final String CONFIG_FILE = "config.json";
  private static final long MAX_CONFIG_BYTES = 1_000_000;

  private ConfigReader() {}

  static LlmConfig fromGguf(Model model, int vocab) throws ModelFormatException {
    Map<String, String> p = model.metadata().properties();
    Path file = model.source();
    String arch = p.getOrDefault("general.architecture", "");
    LlmFamily family = family(file, arch);
    String scaling = p.getOrDefault(arch + ".rope.scaling.type", "none");
    if (!scaling.equals("none")) {
      throw new ModelFormatException(file, "rotary scaling '" + scaling + "' is not supported");
    }
    int hidden = integer(file, p, arch + ".embedding_length", null);
    int heads = integer(file, p, arch + ".attention.head_count", null);
    return new LlmConfig(
        family,
        vocab,
        hidden,
        integer(file, p, arch + ".feed_forward_length", null),
        integer(file, p, arch + ".block_count", null),
        heads,
        integer(file, p, arch + ".attention.head_count_kv", heads),
        integer(file, p, arch + ".rope.dimension_count", hidden / heads),
        real(file, p.get(arch + ".rope.freq_base"), 10000.0, arch + ".rope.freq_base"),
        (float)
            real(
                file,
                p.get(arch + ".attention.layer_norm_rms_epsilon"),
                null,
                arch + ".attention.layer_norm_rms_epsilon"));
  }

  static LlmConfig fromHuggingFace(Model model, int vocab) throws ModelFormatException {
    Path folder = model.source().toAbsolutePath().getParent();
    Path file = folder.resolve(CONFIG_FILE);
    JsonNode c = read(file);
    LlmFamily family = family(file, c.path("model_type").asText(""));
    JsonNode scaling = c.path("rope_scaling");
    if (!scaling.isMissingNode() && !scaling.isNull()) {
      throw new ModelFormatException(file, "rope_scaling " + scaling + " is not supported");
    }
    int hidden = integer(file, c, "hidden_size", null);
    int heads = integer(file, c, "num_attention_heads", null);
    JsonNode headDim = c.path("head_dim");
    if (headDim.isNumber() && headDim.asInt() != hidden / heads) {
      throw new ModelFormatException(
          file, "head_dim other than hidden_size/heads is not supported");
    }
    double partial = c.path("partial_rotary_factor").asDouble(1.0);
    return new LlmConfig(
        family,
        vocab,
        hidden,
        integer(file, c, "intermediate_size", null),
        integer(file, c, "num_hidden_layers", null),
        heads,
        integer(file, c, "num_key_value_heads", heads),
        (int) (hidden / heads * partial),
        c.path("rope_theta").asDouble(10000.0),
        (float) c.path("rms_norm_eps").asDouble(1e-6));
  }

  private static LlmFamily family(Path file, String name) throws ModelFormatException {
    LlmFamily family = LlmFamily.named(name);
    if (family == null) {
      throw new ModelFormatException(
          file, "architecture '" + name + "' has no forward pass (llama and phi3 do)");
    }
    return family;
  }

  private static JsonNode read(Path file) throws ModelFormatException {
    try {
      if (!Files.isRegularFile(file)) {
        throw new ModelFormatException(
            file, "is missing; the forward pass reads the decoder's shape from it");
      }
      if (Files.size(file) > MAX_CONFIG_BYTES) {
        throw new ModelFormatException(file, "is larger than a config.json can be");
      }
      return new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new ModelFormatException(file, "is not readable JSON: " + e.getMessage(), e);
    }
  }

  private static int integer(Path file, Map<String, String> p, String key, Integer fallback)
      throws ModelFormatException {
    String text = p.get(key);
    if (text == null) {
      if (fallback == null) {
        throw new ModelFormatException(file, "metadata key " + key + " is missing");
      }
      return fallback;
    }
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new ModelFormatException(file, "metadata key " + key + " is not an integer: " + text);
    }
  }

  private static double real(Path file, String text, Double fallback, String key)
      throws ModelFormatException {
    if (text == null) {
      if (fallback == null) {
        throw new ModelFormatException(file, "metadata key " + key + " is missing");
      }
      return fallback;
    }
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new ModelFormatException(file, "metadata key " + key + " is not a number: " + text);
    }
  }

  private static int integer(Path file, JsonNode c, String key, Integer fallback)
      throws ModelFormatException {
    JsonNode n = c.path(key);
    if (n.isInt()) {
      return n.asInt();
    }
    if (fallback == null || !n.isMissingNode() && !n.isNull()) {
      throw new ModelFormatException(file, key + " is missing or not an integer");
    }
    return fallback;
  }
}
