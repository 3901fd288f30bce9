package io.quantlens.samples.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tensor shapes of a decoder in the Llama or Phi-3 family: token embedding, {@code layers}
 * blocks of attention (grouped-query when {@code kvHeads < heads}) and a gated MLP, a final norm
 * and, unless the embedding is tied, the output projection. Shapes are outermost first, as PyTorch
 * stores them ({@code [out, in]}). Where the values come from is in docs/llama-cpp-files.md.
 *
 * @param id the name used on the command line
 * @param architecture the family: separate or fused projections, and the GGUF architecture name
 * @param vocab vocabulary size
 * @param hidden model width
 * @param intermediate MLP width (of each of gate and up; a fused gate_up is twice as wide)
 * @param layers number of blocks
 * @param heads attention heads
 * @param kvHeads key/value heads
 * @param contextLength the context length written to GGUF metadata
 * @param tiedEmbeddings true when the output projection reuses the token embedding (no output
 *     tensor)
 * @param ropeDimensions rotary dimensions per head (the head width, or less for partial rotary)
 * @param ropeTheta the rotary base
 * @param rmsEpsilon the RMS norm's epsilon
 */
public record LlmShape(
    String id,
    LlmArchitecture architecture,
    int vocab,
    int hidden,
    int intermediate,
    int layers,
    int heads,
    int kvHeads,
    int contextLength,
    boolean tiedEmbeddings,
    int ropeDimensions,
    float ropeTheta,
    float rmsEpsilon) {

  /** Llama 2 7B (Touvron et al. 2023, Table 1; config.json of meta-llama/Llama-2-7b-hf). */
  public static final LlmShape LLAMA_7B = llama("llama-7b", 32000, 4096, 11008, 32, 32, 32, 4096);

  /** TinyLlama 1.1B (config.json of TinyLlama/TinyLlama-1.1B-Chat-v1.0). */
  public static final LlmShape LLAMA_1B = llama("llama-1b", 32000, 2048, 5632, 22, 32, 4, 2048);

  /** A few hundred thousand weights, for tests. */
  public static final LlmShape TINY = llama("tiny", 512, 256, 768, 2, 4, 2, 256);

  /** microsoft/Phi-3.5-mini-instruct: 3.8 B weights, full multi-head attention, untied head. */
  public static final LlmShape PHI_3_5_MINI =
      new LlmShape(
          "phi-3.5-mini",
          LlmArchitecture.PHI3,
          32064,
          3072,
          8192,
          32,
          32,
          32,
          131072,
          false,
          96,
          10000f,
          1e-5f);

  /** microsoft/Phi-4-mini-instruct: grouped-query attention, 200k vocabulary, tied embedding. */
  public static final LlmShape PHI_4_MINI =
      new LlmShape(
          "phi-4-mini",
          LlmArchitecture.PHI3,
          200064,
          3072,
          8192,
          32,
          24,
          8,
          131072,
          true,
          96,
          10000f,
          1e-5f);

  /** microsoft/Phi-3-medium-4k-instruct: 14 B weights. */
  public static final LlmShape PHI_3_MEDIUM =
      new LlmShape(
          "phi-3-medium",
          LlmArchitecture.PHI3,
          32064,
          5120,
          17920,
          40,
          40,
          10,
          4096,
          false,
          128,
          10000f,
          1e-5f);

  /** A Phi-3-shaped model of a few hundred thousand weights, for tests. */
  public static final LlmShape PHI3_TINY =
      new LlmShape(
          "phi3-tiny", LlmArchitecture.PHI3, 512, 256, 768, 2, 4, 2, 256, false, 64, 10000f, 1e-5f);

  private static final Map<String, LlmShape> BY_ID = new TreeMap<>();

  static {
    for (LlmShape s :
        List.of(LLAMA_7B, LLAMA_1B, TINY, PHI_3_5_MINI, PHI_4_MINI, PHI_3_MEDIUM, PHI3_TINY)) {
      BY_ID.put(s.id, s);
    }
  }

  public LlmShape {
    if (vocab < 1 || hidden < 1 || intermediate < 1 || layers < 1 || heads < 1 || kvHeads < 1) {
      throw new IllegalArgumentException("every size of a model shape must be at least 1");
    }
    if (hidden % heads != 0 || heads % kvHeads != 0) {
      throw new IllegalArgumentException(
          "the width must divide into the heads, and the heads into the key/value heads");
    }
    if (ropeDimensions < 2 || ropeDimensions % 2 != 0 || ropeDimensions > hidden / heads) {
      throw new IllegalArgumentException(
          "the rotary dimensions must be even and at most the head width " + hidden / heads);
    }
  }

  /** A Llama-architecture shape: untied, rotary over the whole head, base 10,000, ε 1e-5. */
  public static LlmShape llama(
      String id,
      int vocab,
      int hidden,
      int intermediate,
      int layers,
      int heads,
      int kvHeads,
      int contextLength) {
    return new LlmShape(
        id,
        LlmArchitecture.LLAMA,
        vocab,
        hidden,
        intermediate,
        layers,
        heads,
        kvHeads,
        contextLength,
        false,
        hidden / heads,
        10000f,
        1e-5f);
  }

  /** The built-in shape called {@code id}. */
  public static LlmShape byId(String id) {
    LlmShape shape = BY_ID.get(id.toLowerCase(Locale.ROOT));
    if (shape == null) {
      throw new IllegalArgumentException(
          "unknown model shape '" + id + "'; known: " + String.join(", ", BY_ID.keySet()));
    }
    return shape;
  }

  public static List<String> ids() {
    return List.copyOf(BY_ID.keySet());
  }

  /** The same shape with {@code n} blocks: a scaled-down (or up) model of the same widths. */
  public LlmShape withLayers(int n) {
    return new LlmShape(
        id,
        architecture,
        vocab,
        hidden,
        intermediate,
        n,
        heads,
        kvHeads,
        contextLength,
        tiedEmbeddings,
        ropeDimensions,
        ropeTheta,
        rmsEpsilon);
  }

  /** Width of the key and value projections. */
  public int kvWidth() {
    return hidden / heads * kvHeads;
  }

  /** Every tensor in file order, named as {@code naming} names them. */
  public List<SyntheticTensor> tensors(TensorNaming naming) {
    List<SyntheticTensor> t = new ArrayList<>();
    t.add(new SyntheticTensor(naming.embedding(), new long[] {vocab, hidden}, false));
    for (int i = 0; i < layers; i++) {
      t.add(new SyntheticTensor(naming.attentionNorm(i), new long[] {hidden}, true));
      if (architecture.fused()) {
        long qkv = hidden + 2L * kvWidth();
        t.add(new SyntheticTensor(naming.fusedQkv(i), new long[] {qkv, hidden}, false));
      } else {
        t.add(new SyntheticTensor(naming.query(i), new long[] {hidden, hidden}, false));
        t.add(new SyntheticTensor(naming.key(i), new long[] {kvWidth(), hidden}, false));
        t.add(new SyntheticTensor(naming.value(i), new long[] {kvWidth(), hidden}, false));
      }
      t.add(new SyntheticTensor(naming.attentionOutput(i), new long[] {hidden, hidden}, false));
      t.add(new SyntheticTensor(naming.mlpNorm(i), new long[] {hidden}, true));
      if (architecture.fused()) {
        long gateUp = 2L * intermediate;
        t.add(new SyntheticTensor(naming.fusedGateUp(i), new long[] {gateUp, hidden}, false));
      } else {
        t.add(new SyntheticTensor(naming.gate(i), new long[] {intermediate, hidden}, false));
        t.add(new SyntheticTensor(naming.up(i), new long[] {intermediate, hidden}, false));
      }
      t.add(new SyntheticTensor(naming.down(i), new long[] {hidden, intermediate}, false));
    }
    t.add(new SyntheticTensor(naming.finalNorm(), new long[] {hidden}, true));
    if (!tiedEmbeddings) {
      t.add(new SyntheticTensor(naming.output(), new long[] {vocab, hidden}, false));
    }
    return t;
  }

  /** Total number of weights. */
  public long parameterCount() {
    return tensors(TensorNaming.HUGGING_FACE).stream()
        .mapToLong(SyntheticTensor::elementCount)
        .sum();
  }
}
