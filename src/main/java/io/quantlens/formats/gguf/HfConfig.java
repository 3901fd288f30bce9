package io.quantlens.formats.gguf;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantlens.formats.RegularFiles;
import io.quantlens.formats.StrictJson;
import io.quantlens.model.ModelFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a Hugging Face checkpoint's {@code config.json} says about a decoder llama.cpp can run, as
 * llama.cpp's converter reads it (docs/hf-to-gguf.md): keys missing from the file take the default
 * of transformers' {@code LlamaConfig} or {@code Phi3Config}, as the converter's {@code AutoConfig}
 * gives them; the sizes a model cannot do without are required.
 *
 * @param file the config.json read
 * @param architecture {@code llama} or {@code phi3}: the GGUF architecture
 * @param hfArchitecture the class named in {@code architectures}
 * @param headDim the explicit {@code head_dim}, 0 when the file has none
 * @param ropeTheta {@code rope_theta} (or {@code rope_parameters.rope_theta}), else 10,000
 * @param partialRotaryFactor Phi-3's {@code partial_rotary_factor}, else 1
 * @param originalContextLength {@code original_max_position_embeddings}, else 4,096 (Phi3Config's
 *     default) or, for llama, 8,192 (LlamaModel.generate_extra_tensors' default)
 * @param slidingWindow Phi-3's {@code sliding_window}, 0 when null or absent
 * @param ropeScaling {@code rope_scaling} as an object, if the file has one
 * @param bosTokenId {@code bos_token_id}, -1 when absent
 * @param eosTokenId {@code eos_token_id} (the first of a list), -1 when absent
 */
public record HfConfig(
    Path file,
    String architecture,
    String hfArchitecture,
    int vocabSize,
    int hidden,
    int intermediate,
    int layers,
    int heads,
    int kvHeads,
    int headDim,
    int contextLength,
    double rmsEpsilon,
    double ropeTheta,
    double partialRotaryFactor,
    int originalContextLength,
    int slidingWindow,
    Optional<JsonNode> ropeScaling,
    int bosTokenId,
    int eosTokenId) {

  public static final String FILE_NAME = "config.json";
  private static final long MAX_BYTES = 16_000_000L;

  /** The classes convert_hf_to_gguf.py's LlamaModel and Phi3MiniModel are registered for. */
  private static final List<String> LLAMA = List.of("LlamaForCausalLM", "MistralForCausalLM");

  private static final String PHI3 = "Phi3ForCausalLM";

  /** The GGUF architecture of llama's family, whose q/k rows the converter reorders. */
  public boolean isLlama() {
    return architecture.equals("llama");
  }

  /** Rows per head of the query (and key) projection. */
  public int headWidth() {
    return headDim > 0 ? headDim : hidden / heads;
  }

  /**
   * Rotary dimensions as the converter writes them: llama's {@code head_dim} or width / heads
   * (LlamaModel.set_gguf_parameters); Phi-3's {@code int(partial_rotary_factor · width) // heads}
   * (Phi3MiniModel.set_gguf_parameters).
   */
  public int ropeDimensions() {
    return isLlama() ? headWidth() : (int) (partialRotaryFactor * hidden) / heads;
  }

  /**
   * Reads {@code config.json} from {@code folder}.
   *
   * @throws ModelFormatException one line naming the folder or file: missing, not JSON, an
   *     architecture the conversion does not know, a required size missing or not a positive whole
   *     number
   */
  public static HfConfig read(Path folder) throws ModelFormatException {
    Path file = folder.resolve(FILE_NAME);
    if (!Files.exists(file)) {
      throw new ModelFormatException(
          folder,
          "has no "
              + FILE_NAME
              + "; converting a Hugging Face checkpoint to GGUF needs its configuration");
    }
    RegularFiles.require(file);
    JsonNode root;
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new ModelFormatException(file, "is larger than a " + FILE_NAME + " can be");
      }
      root = StrictJson.parse(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new ModelFormatException(file, "cannot be read: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new ModelFormatException(file, "is not a JSON object");
    }
    // the converter merges text_config's keys over the top level's
    JsonNode text = root.get("text_config");
    JsonNode p = root;
    if (text != null && text.isObject()) {
      p =
          ((com.fasterxml.jackson.databind.node.ObjectNode) root.deepCopy())
              .setAll((com.fasterxml.jackson.databind.node.ObjectNode) text);
    }
    String hf = architectureClass(file, root);
    boolean llama = LLAMA.contains(hf);
    if (!llama && !hf.equals(PHI3)) {
      throw new ModelFormatException(
          file,
          "architecture "
              + hf
              + " cannot be converted to GGUF; QuantLens converts "
              + String.join(", ", LLAMA)
              + " (llama) and "
              + PHI3
              + " (phi3)");
    }
    int heads = required(file, p, "num_attention_heads");
    int hidden = required(file, p, "hidden_size");
    JsonNode rope = p.get("rope_parameters");
    double theta =
        number(file, p, "rope_theta")
            .orElse(
                rope != null && rope.isObject()
                    ? number(file, rope, "rope_theta").orElse(10000.0)
                    : 10000.0);
    JsonNode scaling = p.get("rope_scaling");
    return new HfConfig(
        file,
        llama ? "llama" : "phi3",
        hf,
        required(file, p, "vocab_size"),
        hidden,
        required(file, p, "intermediate_size"),
        required(file, p, "num_hidden_layers"),
        heads,
        whole(file, p, "num_key_value_heads").orElse(heads),
        whole(file, p, "head_dim").orElse(0),
        whole(file, p, "max_position_embeddings").orElse(llama ? 2048 : 4096),
        number(file, p, "rms_norm_eps").orElse(llama ? 1e-6 : 1e-5),
        theta,
        number(file, p, "partial_rotary_factor").orElse(1.0),
        whole(file, p, "original_max_position_embeddings").orElse(llama ? 8192 : 4096),
        whole(file, p, "sliding_window").orElse(0),
        scaling != null && scaling.isObject() ? Optional.of(scaling) : Optional.empty(),
        tokenId(p, "bos_token_id"),
        tokenId(p, "eos_token_id"));
  }

  private static String architectureClass(Path file, JsonNode root) throws ModelFormatException {
    JsonNode list = root.get("architectures");
    if (list != null && list.isArray() && list.size() > 0 && list.get(0).isTextual()) {
      return list.get(0).asText();
    }
    JsonNode type = root.get("model_type");
    if (type != null && type.isTextual()) {
      return switch (type.asText()) {
        case "llama" -> "LlamaForCausalLM";
        case "mistral" -> "MistralForCausalLM";
        case "phi3" -> PHI3;
        default -> type.asText();
      };
    }
    throw new ModelFormatException(file, "names no architecture (architectures or model_type)");
  }

  private static int required(Path file, JsonNode p, String key) throws ModelFormatException {
    return whole(file, p, key)
        .filter(v -> v > 0)
        .orElseThrow(
            () ->
                new ModelFormatException(
                    file, key + " is missing or not a positive whole number (" + p.get(key) + ")"));
  }

  private static Optional<Integer> whole(Path file, JsonNode p, String key)
      throws ModelFormatException {
    JsonNode v = p.get(key);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 0) {
      throw new ModelFormatException(file, key + " is " + v + ", not a whole number");
    }
    return Optional.of(v.intValue());
  }

  private static Optional<Double> number(Path file, JsonNode p, String key)
      throws ModelFormatException {
    JsonNode v = p.get(key);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isNumber()) {
      throw new ModelFormatException(file, key + " is " + v + ", not a number");
    }
    return Optional.of(v.doubleValue());
  }

  private static int tokenId(JsonNode p, String key) {
    JsonNode v = p.get(key);
    if (v != null && v.isArray() && v.size() > 0) {
      v = v.get(0);
    }
    return v != null && v.isIntegralNumber() && v.canConvertToInt() && v.intValue() >= 0
        ? v.intValue()
        : -1;
  }
}
