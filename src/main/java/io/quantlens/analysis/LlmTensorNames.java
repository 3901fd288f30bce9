package io.quantlens.analysis;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a transformer weight is, from its layer name: GGUF tensor names ({@code blk.3.attn_v},
 * {@code token_embd}, {@code output}) or Hugging Face names ({@code
 * model.layers.3.self_attn.v_proj}, {@code model.embed_tokens}, {@code lm_head}). Readers name
 * layers after their tensors without {@code .weight}.
 */
final class LlmTensorNames {
  /** The roles quantization toolchains treat specially. */
  enum Role {
    TOKEN_EMBEDDING,
    OUTPUT,
    /** attn_v and the fused tensors llama.cpp treats like it (attn_qkv, attn_kv_b). */
    ATTENTION_V,
    FFN_DOWN,
    /** Norms, MoE routers, position and token-type embeddings: llama.cpp never quantizes them. */
    KEPT,
    OTHER
  }

  private static final Pattern BLOCK = Pattern.compile("(?:^|\\.)(?:blk|layers)\\.(\\d+)\\.");

  private LlmTensorNames() {}

  static Role role(String name) {
    if (name.equals("token_embd")
        || name.equals("per_layer_token_embd")
        || name.endsWith("embed_tokens")) {
      return Role.TOKEN_EMBEDDING;
    }
    if (name.equals("output") || name.equals("lm_head") || name.endsWith(".lm_head")) {
      return Role.OUTPUT;
    }
    if (isKept(name)) {
      return Role.KEPT;
    }
    if (endsWithAny(name, ".attn_v", ".attn_qkv", ".attn_kv_b", ".v_proj", ".qkv_proj")
        || name.endsWith(".kv_b_proj")) {
      return Role.ATTENTION_V;
    }
    if (name.contains("ffn_down") || name.endsWith(".down_proj")) {
      return Role.FFN_DOWN;
    }
    return Role.OTHER;
  }

  /** The transformer block index ({@code blk.N.} or {@code layers.N.}), if any. */
  static OptionalInt block(String name) {
    Matcher m = BLOCK.matcher(name);
    return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
  }

  // llama.cpp src/llama-quant.cpp tensor_allows_quantization, with the Hugging Face equivalents.
  private static boolean isKept(String name) {
    return name.endsWith("norm")
        || name.contains("ffn_gate_inp")
        || name.endsWith(".mlp.gate")
        || name.endsWith(".block_sparse_moe.gate")
        || name.equals("position_embd")
        || name.endsWith("embed_positions")
        || name.equals("token_types")
        || name.endsWith("token_type_embeddings");
  }

  private static boolean endsWithAny(String name, String... suffixes) {
    for (String s : suffixes) {
      if (name.endsWith(s)) {
        return true;
      }
    }
    return false;
  }
}
