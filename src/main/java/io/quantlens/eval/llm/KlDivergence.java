package io.quantlens.eval.llm;

import java.util.Arrays;

/**
 * Accumulates {@link KlMetrics} token by token exactly as llama.cpp's {@code perplexity
 * --kl-divergence} (tools/perplexity/perplexity.cpp of the pinned llama.cpp): the base model's
 * log-probabilities are first stored as 16-bit codes over the 16 nats below their maximum ({@code
 * log_softmax(n_vocab, logits, log_prob, tok)}, lines 79–107), the quantized model's are computed
 * in float with a double sum of {@code expf} (lines 191–252), and base tokens more than 16 nats
 * below the top are left out of the KL sum. Percentiles interpolate linearly between sorted values
 * (lines 1950–1960).
 */
public final class KlDivergence {
  private static final float RANGE = 16f;
  private static final float CODES = 65535f;

  private final int vocab;
  private final int[] codes;
  private float[] kl = new float[64];
  private int count;
  private double sumNll;
  private double sumNllBase;
  private double sumKl;
  private long sameTop;

  public KlDivergence(int vocab) {
    this.vocab = vocab;
    this.codes = new int[vocab];
  }

  /**
   * Adds one scored position: the base and quantized logits after it, and the token that follows.
   */
  public void add(float[] baseLogits, float[] logits, int nextToken) {
    if (baseLogits.length != vocab || logits.length != vocab) {
      throw new IllegalArgumentException("logits of " + vocab + " tokens expected");
    }
    // The base model's log-probabilities as llama.cpp stores them: scale, minimum, 16-bit codes.
    float baseMax = baseLogits[0];
    float baseMin = baseLogits[0];
    for (int i = 1; i < vocab; i++) {
      baseMax = Math.max(baseMax, baseLogits[i]);
      baseMin = Math.min(baseMin, baseLogits[i]);
    }
    baseMin = Math.max(baseMin, baseMax - RANGE);
    float baseLse = (float) Math.log(sumExp(baseLogits, baseMax));
    float minLogProb = baseMin - baseMax - baseLse;
    float scale = (baseMax - baseMin) / CODES;
    float inverse = scale == 0 ? 0 : 1 / scale;
    for (int i = 0; i < vocab; i++) {
      codes[i] =
          scale != 0 && baseLogits[i] > baseMin
              ? nearestInt(inverse * (baseLogits[i] - baseMin))
              : 0;
    }

    float max = logits[0];
    int top = 0;
    for (int i = 1; i < vocab; i++) {
      if (logits[i] > max) {
        max = logits[i];
        top = i;
      }
    }
    float lse = (float) Math.log(sumExp(logits, max));
    float nll = max + lse - logits[nextToken];
    float nllBase = -(scale * codes[nextToken] + minLogProb);
    sumNll += nll;
    sumNllBase += nllBase;
    float logNorm = max + lse;
    double sum = 0;
    int topBase = -1;
    float topBaseLogProb = 0;
    for (int i = 0; i < vocab; i++) {
      float logProbBase = scale * codes[i] + minLogProb;
      if (i == 0 || logProbBase > topBaseLogProb) {
        topBaseLogProb = logProbBase;
        topBase = i;
      }
      if (logProbBase > -RANGE) {
        float pBase = (float) Math.exp(logProbBase);
        sum += pBase * (logProbBase - logits[i] + logNorm);
      }
    }
    sumKl += sum;
    if (top == topBase) {
      sameTop++;
    }
    if (count == kl.length) {
      kl = Arrays.copyOf(kl, count * 2);
    }
    kl[count++] = (float) sum;
  }

  /** The metrics over every position added so far. */
  public KlMetrics result() {
    if (count == 0) {
      throw new IllegalStateException("no tokens were scored");
    }
    float[] sorted = Arrays.copyOf(kl, count);
    Arrays.sort(sorted);
    float median =
        count % 2 == 0 ? 0.5f * (sorted[count / 2] + sorted[count / 2 - 1]) : sorted[count / 2];
    double meanNll = sumNll / count;
    double meanNllBase = sumNllBase / count;
    return new KlMetrics(
        count,
        Math.exp(meanNllBase),
        Math.exp(meanNll),
        meanNll - meanNllBase,
        sumKl / count,
        median,
        sorted[count - 1],
        percentile(sorted, 0.99f),
        percentile(sorted, 0.95f),
        percentile(sorted, 0.90f),
        (double) sameTop / count);
  }

  /** llama.cpp's {@code percentile} lambda: linear between the two nearest sorted values. */
  static float percentile(float[] sorted, float fraction) {
    float p = fraction * (sorted.length - 1);
    int ip = (int) p;
    p -= ip;
    return (1 - p) * sorted[ip] + p * sorted[Math.min(ip + 1, sorted.length - 1)];
  }

  private static double sumExp(float[] logits, float max) {
    double sum = 0;
    for (float l : logits) {
      sum += (float) Math.exp(l - max);
    }
    return sum;
  }

  /** ggml's {@code nearest_int}: round half to even, as the float magic-number trick does. */
  private static int nearestInt(float value) {
    return (int) Math.rint(value);
  }
}
