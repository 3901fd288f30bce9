package io.quantlens.eval.llm;

import io.quantlens.model.ModelFormatException;
import java.util.Arrays;
import java.util.OptionalInt;

/**
 * Runs a base and a quantized forward pass over the same tokens in windows and scores them as
 * llama.cpp's {@code perplexity --kl-divergence} does: the tokens are cut into {@code tokens /
 * context} windows (a remainder is left out), each window starts from an empty KV cache, its first
 * token is replaced by BOS when the vocabulary adds one, and only the second half is scored: the
 * logits at positions {@code context/2 … context−2}, each predicting the next token
 * (perplexity.cpp, {@code first = n_ctx/2} and {@code n_ctx − 1 − first} tokens per chunk).
 */
public final class KlEvaluation {
  private KlEvaluation() {}

  /** The positions scored in a window of {@code context} tokens: {@code [context/2, context−1)}. */
  public static int firstScored(int context) {
    return context / 2;
  }

  public static KlMetrics compare(
      ForwardPass base, ForwardPass quantized, int[] tokens, int context, OptionalInt bos)
      throws ModelFormatException {
    if (context < 4) {
      throw new IllegalArgumentException("a context of at least 4 tokens is needed");
    }
    int windows = tokens.length / context;
    if (windows < 1) {
      throw new IllegalArgumentException(
          tokens.length + " tokens do not fill one window of " + context);
    }
    KlDivergence kl = null;
    int first = firstScored(context);
    for (int w = 0; w < windows; w++) {
      int[] window = Arrays.copyOfRange(tokens, w * context, (w + 1) * context);
      if (bos.isPresent()) {
        window[0] = bos.getAsInt();
      }
      base.reset();
      quantized.reset();
      float[][] p = base.run(window);
      float[][] q = quantized.run(window);
      if (kl == null) {
        kl = new KlDivergence(p[0].length);
      }
      for (int i = first; i < context - 1; i++) {
        kl.add(p[i], q[i], tokens[w * context + i + 1]);
      }
    }
    return kl.result();
  }
}
