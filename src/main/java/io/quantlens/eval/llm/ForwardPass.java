package io.quantlens.eval.llm;

import io.quantlens.model.ModelFormatException;

/**
 * A decoder-only transformer run in Java, as llama.cpp's {@code llm_build_llama} / {@code
 * llama_model_phi3::graph} compute it: token embedding; per block RMSNorm, q/k/v, RoPE,
 * grouped-query attention over a KV cache, output projection and residual, RMSNorm, SwiGLU MLP and
 * residual; final RMSNorm and the (tied or untied) output projection. Tokens are fed in runs, each
 * run block by block, so a block's weights are fetched once per run (docs/llm-forward-pass.md for
 * the memory this holds).
 *
 * <p>Not thread-safe: one pass is one sequence.
 */
public final class ForwardPass implements AutoCloseable {
  private final LlmModel model;
  private final LlmConfig config;
  private final WeightSource weights;
  private final RowParallel products;
  private final KvCache cache;
  private int position;

  public ForwardPass(LlmModel model, WeightSource weights, int threads) {
    this.model = model;
    this.config = model.config();
    this.weights = weights;
    this.products = new RowParallel(threads);
    this.cache = new KvCache(config.layers());
  }

  /** Positions already in the KV cache. */
  public int position() {
    return position;
  }

  /** Empties the KV cache: the next token is at position 0. */
  public void reset() {
    cache.clear();
    position = 0;
  }

  /**
   * Feeds {@code tokens} after those already seen and returns the logits after each, {@code
   * [tokens.length][vocab]}.
   *
   * @throws ModelFormatException when a tensor of the file is missing or misshapen
   */
  public float[][] run(int[] tokens) throws ModelFormatException {
    int n = tokens.length;
    float[][] x = embed(tokens);
    for (int layer = 0; layer < config.layers(); layer++) {
      block(layer, model.block(layer, weights), x);
    }
    float[] gain = model.finalNorm();
    float[][] normed = new float[n][];
    for (int t = 0; t < n; t++) {
      normed[t] = DecoderMath.rmsNorm(x[t], gain, config.rmsEpsilon());
    }
    float[][] logits = new float[n][config.vocab()];
    products.multiply(weights.matrix(model.output()), normed, logits);
    position += n;
    return logits;
  }

  /** The tokens' embedding rows; the embedding's values are dropped before the first block. */
  private float[][] embed(int[] tokens) {
    Matrix embedding = weights.matrix(model.embedding());
    float[][] x = new float[tokens.length][config.hidden()];
    for (int t = 0; t < tokens.length; t++) {
      if (tokens[t] < 0 || tokens[t] >= config.vocab()) {
        throw new IllegalArgumentException(
            "token " + tokens[t] + " is outside the vocabulary of " + config.vocab());
      }
      embedding.row(tokens[t], x[t]);
    }
    return x;
  }

  private void block(int layer, BlockWeights w, float[][] x) {
    int n = x.length;
    float[][] h = new float[n][];
    for (int t = 0; t < n; t++) {
      h[t] = DecoderMath.rmsNorm(x[t], w.attentionNorm(), config.rmsEpsilon());
    }
    float[][] q = products(w.query(), h);
    float[][] k = products(w.key(), h);
    float[][] v = products(w.value(), h);
    float[][] attended = new float[n][];
    for (int t = 0; t < n; t++) {
      int p = position + t;
      RopeStyle style = config.family().rope();
      int hd = config.headDimension();
      DecoderMath.rope(
          q[t], config.heads(), hd, config.ropeDimensions(), p, config.ropeTheta(), style);
      DecoderMath.rope(
          k[t], config.kvHeads(), hd, config.ropeDimensions(), p, config.ropeTheta(), style);
      cache.append(layer, k[t], v[t]);
      attended[t] = Attention.attend(config, cache, layer, q[t], p);
    }
    float[][] o = products(w.attentionOutput(), attended);
    for (int t = 0; t < n; t++) {
      DecoderMath.addInto(x[t], o[t]);
      h[t] = DecoderMath.rmsNorm(x[t], w.mlpNorm(), config.rmsEpsilon());
    }
    float[][] gate = products(w.gate(), h);
    float[][] up = products(w.up(), h);
    for (int t = 0; t < n; t++) {
      h[t] = DecoderMath.swiglu(gate[t], up[t]);
    }
    float[][] down = products(w.down(), h);
    for (int t = 0; t < n; t++) {
      DecoderMath.addInto(x[t], down[t]);
    }
  }

  private float[][] products(Matrix w, float[][] in) {
    float[][] out = new float[in.length][w.rows()];
    products.multiply(w, in, out);
    return out;
  }

  @Override
  public void close() {
    products.close();
  }
}
