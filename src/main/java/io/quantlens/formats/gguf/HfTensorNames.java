package io.quantlens.formats.gguf;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The GGUF name of a Hugging Face Llama or Phi-3 tensor, as gguf-py's tensor name map gives it to
 * llama.cpp's converter: {@code model.layers.N.self_attn.q_proj.weight} is {@code
 * blk.N.attn_q.weight}; Phi-3's fused {@code qkv_proj} is {@code attn_qkv} and its {@code
 * gate_up_proj} the double-width {@code ffn_up} (docs/hf-to-gguf.md#tensors).
 */
final class HfTensorNames {
  private static final Pattern BLOCK =
      Pattern.compile("model\\.layers\\.(\\d+)\\.(.+)\\.(weight|bias)");

  private static final Map<String, String> OUTSIDE =
      Map.of(
          "model.embed_tokens", "token_embd",
          "model.norm", "output_norm",
          "lm_head", "output");

  private static final Map<String, String> IN_BLOCK =
      Map.ofEntries(
          Map.entry("input_layernorm", "attn_norm"),
          Map.entry("self_attn.q_proj", "attn_q"),
          Map.entry("self_attn.k_proj", "attn_k"),
          Map.entry("self_attn.v_proj", "attn_v"),
          Map.entry("self_attn.qkv_proj", "attn_qkv"),
          Map.entry("self_attn.o_proj", "attn_output"),
          Map.entry("post_attention_layernorm", "ffn_norm"),
          Map.entry("mlp.gate_proj", "ffn_gate"),
          Map.entry("mlp.up_proj", "ffn_up"),
          Map.entry("mlp.gate_up_proj", "ffn_up"),
          Map.entry("mlp.down_proj", "ffn_down"));

  private HfTensorNames() {}

  /** True for tensors the converter drops (a cached rotary frequency table). */
  static boolean skipped(String name) {
    return name.endsWith(".rotary_emb.inv_freq");
  }

  /** The GGUF name of {@code name}, empty when it is no tensor of these architectures. */
  static Optional<String> gguf(String name) {
    Matcher m = BLOCK.matcher(name);
    if (m.matches()) {
      String part = IN_BLOCK.get(m.group(2));
      return Optional.ofNullable(part).map(p -> "blk." + m.group(1) + "." + p + "." + m.group(3));
    }
    int dot = name.lastIndexOf('.');
    if (dot < 0) {
      return Optional.empty();
    }
    String suffix = name.substring(dot + 1);
    String outside = OUTSIDE.get(name.substring(0, dot));
    return outside == null || !(suffix.equals("weight") || suffix.equals("bias"))
        ? Optional.empty()
        : Optional.of(outside + "." + suffix);
  }

  /**
   * The heads whose rows the converter reorders for llama ({@code LlamaModel.permute}): the
   * attention heads for {@code q_proj}, the key/value heads for {@code k_proj}; 0 for every other
   * tensor.
   */
  static int permutedHeads(String name, HfConfig config) {
    if (!config.isLlama()) {
      return 0;
    }
    if (name.endsWith("self_attn.q_proj.weight") || name.endsWith("self_attn.q_proj.bias")) {
      return config.heads();
    }
    if (name.endsWith("self_attn.k_proj.weight") || name.endsWith("self_attn.k_proj.bias")) {
      return config.kvHeads();
    }
    return 0;
  }
}
