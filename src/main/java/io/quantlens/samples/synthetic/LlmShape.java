package io.quantlens.samples.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tensor shapes of a Llama-style decoder: token embedding, {@code layers} blocks of attention
 * (grouped-query when {@code kvHeads < heads}) and a gated MLP, a final norm and the output
 * projection. Shapes are outermost first, as PyTorch stores them ({@code [out, in]}).
 *
 * @param id the name used on the command line
 * @param vocab vocabulary size
 * @param hidden model width
 * @param intermediate MLP width
 * @param layers number of blocks
 * @param heads attention heads
 * @param kvHeads key/value heads
 * @param contextLength the context length written to GGUF metadata
 */
public record LlmShape(
    String id,
    int vocab,
    int hidden,
    int intermediate,
    int layers,
    int heads,
    int kvHeads,
    int contextLength) {

  /** Llama 2 7B (Touvron et al. 2023, Table 1; config.json of meta-llama/Llama-2-7b-hf). */
  public static final LlmShape LLAMA_7B =
      new LlmShape("llama-7b", 32000, 4096, 11008, 32, 32, 32, 4096);

  /** TinyLlama 1.1B (config.json of TinyLlama/TinyLlama-1.1B-Chat-v1.0). */
  public static final LlmShape LLAMA_1B =
      new LlmShape("llama-1b", 32000, 2048, 5632, 22, 32, 4, 2048);

  /** A few hundred thousand weights, for tests. */
  public static final LlmShape TINY = new LlmShape("tiny", 512, 256, 768, 2, 4, 2, 256);

  private static final Map<String, LlmShape> BY_ID = new TreeMap<>();

  static {
    for (LlmShape s : List.of(LLAMA_7B, LLAMA_1B, TINY)) {
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
      t.add(new SyntheticTensor(naming.query(i), new long[] {hidden, hidden}, false));
      t.add(new SyntheticTensor(naming.key(i), new long[] {kvWidth(), hidden}, false));
      t.add(new SyntheticTensor(naming.value(i), new long[] {kvWidth(), hidden}, false));
      t.add(new SyntheticTensor(naming.attentionOutput(i), new long[] {hidden, hidden}, false));
      t.add(new SyntheticTensor(naming.mlpNorm(i), new long[] {hidden}, true));
      t.add(new SyntheticTensor(naming.gate(i), new long[] {intermediate, hidden}, false));
      t.add(new SyntheticTensor(naming.up(i), new long[] {intermediate, hidden}, false));
      t.add(new SyntheticTensor(naming.down(i), new long[] {hidden, intermediate}, false));
    }
    t.add(new SyntheticTensor(naming.finalNorm(), new long[] {hidden}, true));
    t.add(new SyntheticTensor(naming.output(), new long[] {vocab, hidden}, false));
    return t;
  }

  /** Total number of weights. */
  public long parameterCount() {
    return tensors(TensorNaming.HUGGING_FACE).stream()
        .mapToLong(SyntheticTensor::elementCount)
        .sum();
  }
}
