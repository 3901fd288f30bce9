package io.quantlens.samples.synthetic;

/** How a file format names a Llama-style model's tensors. */
public enum TensorNaming {
  /**
   * Hugging Face transformers' LlamaForCausalLM state dict, as safetensors files hold it;
   * Phi3ForCausalLM's fused projections are {@code self_attn.qkv_proj} and {@code
   * mlp.gate_up_proj}.
   */
  HUGGING_FACE(
      "model.embed_tokens.weight",
      "model.layers.%d.",
      "input_layernorm.weight",
      "self_attn.q_proj.weight",
      "self_attn.k_proj.weight",
      "self_attn.v_proj.weight",
      "self_attn.o_proj.weight",
      "post_attention_layernorm.weight",
      "mlp.gate_proj.weight",
      "mlp.up_proj.weight",
      "mlp.down_proj.weight",
      "model.norm.weight",
      "lm_head.weight",
      "self_attn.qkv_proj.weight",
      "mlp.gate_up_proj.weight"),
  /**
   * llama.cpp's GGUF tensor names (gguf-py's tensor name map); phi3 stores the fused projections as
   * {@code attn_qkv} and an {@code ffn_up} of twice the MLP width.
   */
  GGUF(
      "token_embd.weight",
      "blk.%d.",
      "attn_norm.weight",
      "attn_q.weight",
      "attn_k.weight",
      "attn_v.weight",
      "attn_output.weight",
      "ffn_norm.weight",
      "ffn_gate.weight",
      "ffn_up.weight",
      "ffn_down.weight",
      "output_norm.weight",
      "output.weight",
      "attn_qkv.weight",
      "ffn_up.weight");

  private final String embedding;
  private final String block;
  private final String attentionNorm;
  private final String query;
  private final String key;
  private final String value;
  private final String attentionOutput;
  private final String mlpNorm;
  private final String gate;
  private final String up;
  private final String down;
  private final String finalNorm;
  private final String output;
  private final String fusedQkv;
  private final String fusedGateUp;

  TensorNaming(
      String embedding,
      String block,
      String attentionNorm,
      String query,
      String key,
      String value,
      String attentionOutput,
      String mlpNorm,
      String gate,
      String up,
      String down,
      String finalNorm,
      String output,
      String fusedQkv,
      String fusedGateUp) {
    this.embedding = embedding;
    this.block = block;
    this.attentionNorm = attentionNorm;
    this.query = query;
    this.key = key;
    this.value = value;
    this.attentionOutput = attentionOutput;
    this.mlpNorm = mlpNorm;
    this.gate = gate;
    this.up = up;
    this.down = down;
    this.finalNorm = finalNorm;
    this.output = output;
    this.fusedQkv = fusedQkv;
    this.fusedGateUp = fusedGateUp;
  }

  String embedding() {
    return embedding;
  }

  String attentionNorm(int i) {
    return block.formatted(i) + attentionNorm;
  }

  String query(int i) {
    return block.formatted(i) + query;
  }

  String key(int i) {
    return block.formatted(i) + key;
  }

  String value(int i) {
    return block.formatted(i) + value;
  }

  String attentionOutput(int i) {
    return block.formatted(i) + attentionOutput;
  }

  String mlpNorm(int i) {
    return block.formatted(i) + mlpNorm;
  }

  String gate(int i) {
    return block.formatted(i) + gate;
  }

  String up(int i) {
    return block.formatted(i) + up;
  }

  String down(int i) {
    return block.formatted(i) + down;
  }

  String finalNorm() {
    return finalNorm;
  }

  String output() {
    return output;
  }

  String fusedQkv(int i) {
    return block.formatted(i) + fusedQkv;
  }

  String fusedGateUp(int i) {
    return block.formatted(i) + fusedGateUp;
  }
}
