package io.quantlens.eval.llm;

import io.quantlens.model.Model;
import io.quantlens.model.ModelFormatException;
import io.quantlens.model.Tensor;
import java.util.HashMap;
import java.util.Map;

/**
 * A decoder-only model file (GGUF with llama.cpp's tensor names, or Hugging Face safetensors with
 * its config.json) as the forward pass reads it: its hyperparameters and, by role, its tensors.
 */
public final class LlmModel {
  private static final String GGUF_EMBEDDING = "token_embd.weight";
  private static final String HF_EMBEDDING = "model.embed_tokens.weight";

  private final Model model;
  private final LlmConfig config;
  private final boolean gguf;
  private final Map<String, Tensor> tensors = new HashMap<>();

  private LlmModel(Model model, boolean gguf) throws ModelFormatException {
    this.model = model;
    this.gguf = gguf;
    for (Tensor t : model.initializers()) {
      tensors.put(t.name(), t);
    }
    Tensor embedding = tensor(gguf ? GGUF_EMBEDDING : HF_EMBEDDING);
    int vocab = Math.toIntExact(embedding.dim(0));
    this.config =
        gguf ? ConfigReader.fromGguf(model, vocab) : ConfigReader.fromHuggingFace(model, vocab);
    if (embedding.dim(1) != config.hidden()) {
      throw new ModelFormatException(
          model.source(), embedding + " is not " + config.hidden() + " wide as the metadata says");
    }
  }

  /**
   * Reads {@code model}'s decoder.
   *
   * @throws ModelFormatException naming the file when it is not a llama or phi3 decoder or a tensor
   *     the pass needs is missing
   */
  public static LlmModel of(Model model) throws ModelFormatException {
    boolean gguf = model.initializers().stream().anyMatch(t -> t.name().equals(GGUF_EMBEDDING));
    boolean hf = model.initializers().stream().anyMatch(t -> t.name().equals(HF_EMBEDDING));
    if (!gguf && !hf) {
      throw new ModelFormatException(
          model.source(),
          "has no token embedding (" + GGUF_EMBEDDING + " or " + HF_EMBEDDING + ")");
    }
    return new LlmModel(model, gguf);
  }

  public LlmConfig config() {
    return config;
  }

  public Model model() {
    return model;
  }

  Tensor embedding() {
    return tensors.get(gguf ? GGUF_EMBEDDING : HF_EMBEDDING);
  }

  float[] finalNorm() throws ModelFormatException {
    return vector(gguf ? "output_norm.weight" : "model.norm.weight");
  }

  /** The output projection, or the token embedding when the file ties them. */
  Tensor output() {
    Tensor out = tensors.get(gguf ? "output.weight" : "lm_head.weight");
    return out != null ? out : embedding();
  }

  /** Block {@code i}'s weights, their matrices from {@code source}. */
  BlockWeights block(int i, WeightSource source) throws ModelFormatException {
    String p = gguf ? "blk." + i + "." : "model.layers." + i + ".";
    int hidden = config.hidden();
    int kv = config.kvWidth();
    int ff = config.intermediate();
    Matrix q;
    Matrix k;
    Matrix v;
    Matrix gate;
    Matrix up;
    if (config.family() == LlmFamily.PHI3) {
      Matrix qkv =
          source.matrix(tensor(p + (gguf ? "attn_qkv.weight" : "self_attn.qkv_proj.weight")));
      q = qkv.slice(0, hidden);
      k = qkv.slice(hidden, kv);
      v = qkv.slice(hidden + kv, kv);
      // llama.cpp's LLM_FFN_SWIGLU and Phi3MLP both take the first half as the gate.
      Matrix gateUp =
          source.matrix(tensor(p + (gguf ? "ffn_up.weight" : "mlp.gate_up_proj.weight")));
      gate = gateUp.slice(0, ff);
      up = gateUp.slice(ff, ff);
    } else {
      q = source.matrix(tensor(p + (gguf ? "attn_q.weight" : "self_attn.q_proj.weight")));
      k = source.matrix(tensor(p + (gguf ? "attn_k.weight" : "self_attn.k_proj.weight")));
      v = source.matrix(tensor(p + (gguf ? "attn_v.weight" : "self_attn.v_proj.weight")));
      if (!gguf) {
        q = q.inGgufRopeOrder(config.headDimension());
        k = k.inGgufRopeOrder(config.headDimension());
      }
      gate = source.matrix(tensor(p + (gguf ? "ffn_gate.weight" : "mlp.gate_proj.weight")));
      up = source.matrix(tensor(p + (gguf ? "ffn_up.weight" : "mlp.up_proj.weight")));
    }
    return new BlockWeights(
        vector(p + (gguf ? "attn_norm.weight" : "input_layernorm.weight")),
        q,
        k,
        v,
        source.matrix(tensor(p + (gguf ? "attn_output.weight" : "self_attn.o_proj.weight"))),
        vector(p + (gguf ? "ffn_norm.weight" : "post_attention_layernorm.weight")),
        gate,
        up,
        source.matrix(tensor(p + (gguf ? "ffn_down.weight" : "mlp.down_proj.weight"))));
  }

  private float[] vector(String name) throws ModelFormatException {
    Tensor t = tensor(name);
    if (t.elementCount() != config.hidden()) {
      throw new ModelFormatException(model.source(), t + " is not " + config.hidden() + " long");
    }
    float[] values = new float[config.hidden()];
    t.reader().read(0, values, 0, values.length);
    return values;
  }

  private Tensor tensor(String name) throws ModelFormatException {
    Tensor t = tensors.get(name);
    if (t == null) {
      throw new ModelFormatException(model.source(), "tensor " + name + " is missing");
    }
    return t;
  }
}
