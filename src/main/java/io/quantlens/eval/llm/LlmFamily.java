package io.quantlens.eval.llm;

/**
 * The decoder families the forward pass runs, with the rotary pairing llama.cpp uses for each
 * ({@code llama_model_rope_type} in src/llama-model.cpp of the pinned llama.cpp: {@code
 * LLM_ARCH_LLAMA} → {@code LLAMA_ROPE_TYPE_NORM}, {@code LLM_ARCH_PHI3} → {@code
 * LLAMA_ROPE_TYPE_NEOX}; docs/llm-forward-pass.md).
 */
public enum LlmFamily {
  /** Llama 2/3, Mistral, TinyLlama: separate q/k/v and gate/up projections. */
  LLAMA("llama", RopeStyle.NORM),
  /** Phi-3/3.5/4: fused {@code qkv_proj} and {@code gate_up_proj}. */
  PHI3("phi3", RopeStyle.NEOX);

  private final String name;
  private final RopeStyle rope;

  LlmFamily(String name, RopeStyle rope) {
    this.name = name;
    this.rope = rope;
  }

  /** The GGUF {@code general.architecture} and Hugging Face {@code model_type}. */
  public String fileName() {
    return name;
  }

  /**
   * How rotary pairs are formed, in GGUF row order (a Hugging Face llama's q/k rows are put into
   * that order when read, see {@link Matrix#inGgufRopeOrder}).
   */
  public RopeStyle rope() {
    return rope;
  }

  /** The family called {@code name} in a file, or null. */
  static LlmFamily named(String name) {
    for (LlmFamily f : values()) {
      if (f.name.equals(name)) {
        return f;
      }
    }
    return null;
  }
}
