package io.quantlens.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a weight sits in a transformer, whatever the file calls it: the block number and the part
 * of the block. The same projection is {@code model.layers.3.self_attn.q_proj} in a Hugging Face
 * checkpoint or an MLX file, {@code blk.3.attn_q} in GGUF, {@code
 * /model/layers.3/attn/q_proj/MatMul} in an ONNX export and {@code
 * __module.model.layers.3.self_attn.q_proj/aten::linear/MatMul} in OpenVINO IR; all four have the
 * key (3, Q).
 *
 * @param block the repeated block's number ({@link TensorNames#blockIndex}), or -1 outside blocks
 * @param part what the weight does in its block
 */
public record LayerKey(int block, Part part) {

  /** The parts of a transformer whose weights toolchains store. */
  public enum Part {
    Q,
    K,
    V,
    /** Query, key and value in one matrix (Phi-3 {@code qkv_proj}, GGUF {@code attn_qkv}). */
    QKV,
    O,
    GATE,
    UP,
    /** Gate and up projections in one matrix, gate first (Phi-3 {@code gate_up_proj}). */
    GATE_UP,
    DOWN,
    EMBEDDING,
    HEAD;

    /** The parts a fused matrix holds, in their order along its output channels; empty if none. */
    public List<Part> components() {
      return switch (this) {
        case QKV -> List.of(Q, K, V);
        case GATE_UP -> List.of(GATE, UP);
        default -> List.of();
      };
    }

    /** The fused matrix this part can be stored in, if any. */
    public Optional<Part> fusedInto() {
      return switch (this) {
        case Q, K, V -> Optional.of(QKV);
        case GATE, UP -> Optional.of(GATE_UP);
        default -> Optional.empty();
      };
    }
  }

  private static final Pattern SEPARATORS = Pattern.compile("[./]");

  /** Name components that say which operator or tensor, not which weight. */
  private static final Pattern NOT_A_PART =
      Pattern.compile(
          "(?i)(weight|bias|matmul\\w*|gemm\\w*|gather\\w*|conv\\w*|linear|aten::\\w+|\\d+"
              + "|weight_\\w+|__module)");

  private static final Map<String, Part> WORDS =
      Map.ofEntries(
          Map.entry("q_proj", Part.Q),
          Map.entry("query", Part.Q),
          Map.entry("attn_q", Part.Q),
          Map.entry("wq", Part.Q),
          Map.entry("k_proj", Part.K),
          Map.entry("key", Part.K),
          Map.entry("attn_k", Part.K),
          Map.entry("wk", Part.K),
          Map.entry("v_proj", Part.V),
          Map.entry("value", Part.V),
          Map.entry("attn_v", Part.V),
          Map.entry("wv", Part.V),
          Map.entry("qkv_proj", Part.QKV),
          Map.entry("attn_qkv", Part.QKV),
          Map.entry("query_key_value", Part.QKV),
          Map.entry("c_attn", Part.QKV),
          Map.entry("wqkv", Part.QKV),
          Map.entry("o_proj", Part.O),
          Map.entry("attn_output", Part.O),
          Map.entry("out_proj", Part.O),
          Map.entry("wo", Part.O),
          Map.entry("gate_proj", Part.GATE),
          Map.entry("ffn_gate", Part.GATE),
          Map.entry("w1", Part.GATE),
          Map.entry("up_proj", Part.UP),
          Map.entry("ffn_up", Part.UP),
          Map.entry("w3", Part.UP),
          Map.entry("c_fc", Part.UP),
          Map.entry("fc1", Part.UP),
          Map.entry("dense_h_to_4h", Part.UP),
          Map.entry("gate_up_proj", Part.GATE_UP),
          Map.entry("down_proj", Part.DOWN),
          Map.entry("ffn_down", Part.DOWN),
          Map.entry("w2", Part.DOWN),
          Map.entry("fc2", Part.DOWN),
          Map.entry("dense_4h_to_h", Part.DOWN),
          Map.entry("embed_tokens", Part.EMBEDDING),
          Map.entry("token_embd", Part.EMBEDDING),
          Map.entry("word_embeddings", Part.EMBEDDING),
          Map.entry("wte", Part.EMBEDDING),
          Map.entry("tok_embeddings", Part.EMBEDDING),
          Map.entry("lm_head", Part.HEAD));

  /** The key of a layer or tensor name, when the name says where its weight sits. */
  public static Optional<LayerKey> of(String name) {
    int block = TensorNames.blockIndex(name).orElse(-1);
    List<String> words = new ArrayList<>();
    for (String w : SEPARATORS.split(name)) {
      if (!w.isEmpty() && !NOT_A_PART.matcher(w).matches()) {
        words.add(w.toLowerCase(Locale.ROOT));
      }
    }
    if (words.isEmpty()) {
      return Optional.empty();
    }
    String last = words.get(words.size() - 1);
    String parent = words.size() > 1 ? words.get(words.size() - 2) : "";
    Part part = WORDS.get(last);
    if (part == null) {
      part = byContext(last, parent, words, block);
    }
    return Optional.ofNullable(part).map(p -> new LayerKey(block, p));
  }

  /** Names whose last word means something only with its parent (BERT's and GPT-2's). */
  private static Part byContext(String last, String parent, List<String> words, int block) {
    boolean inAttention =
        words.stream().anyMatch(w -> w.startsWith("attn") || w.equals("attention"));
    if (last.equals("dense")) {
      if (parent.equals("intermediate")) {
        return Part.UP;
      }
      if (parent.equals("output")) {
        return inAttention ? Part.O : Part.DOWN;
      }
    }
    if (last.equals("c_proj")) {
      return inAttention ? Part.O : Part.DOWN;
    }
    // GGUF's output head is the tensor "output", outside every block.
    if (last.equals("output") && block < 0 && words.size() == 1) {
      return Part.HEAD;
    }
    return null;
  }

  @Override
  public String toString() {
    String p = part.name().toLowerCase(Locale.ROOT);
    return block < 0 ? p : block + "." + p;
  }
}
