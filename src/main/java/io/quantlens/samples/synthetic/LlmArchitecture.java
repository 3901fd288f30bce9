package io.quantlens.samples.synthetic;

/**
 * The decoder families {@code generate} writes, with the {@code general.architecture} name
 * llama.cpp knows them by (docs/llama-cpp-files.md).
 */
public enum LlmArchitecture {
  /** Separate q/k/v projections and a gated MLP with separate gate and up projections. */
  LLAMA("llama", false),
  /** Phi-3: one fused qkv projection and one fused gate-and-up projection per block. */
  PHI3("phi3", true);

  private final String ggufName;
  private final boolean fused;

  LlmArchitecture(String ggufName, boolean fused) {
    this.ggufName = ggufName;
    this.fused = fused;
  }

  /** The value of {@code general.architecture} and the prefix of its hyperparameter keys. */
  public String ggufName() {
    return ggufName;
  }

  /** True when attention and MLP projections are stored fused (qkv_proj, gate_up_proj). */
  public boolean fused() {
    return fused;
  }
}
