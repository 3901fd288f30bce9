package io.quantlens.eval.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** llama.cpp's KL divergence statistics on distributions worked out by hand. */
class KlDivergenceTest {
  private static final double LN2 = Math.log(2);
  private static final double LN3 = Math.log(3);

  @Test
  void klOfAHandBuiltPair() {
    // base p = (1, 2, 3)/6, quantized q uniform; the next token is 2.
    KlDivergence kl = new KlDivergence(3);
    kl.add(new float[] {0, (float) LN2, (float) LN3}, new float[] {0, 0, 0}, 2);
    KlMetrics m = kl.result();
    // KL(p‖q) = Σ p ln(p/q) = 1/6·ln(1/2) + 1/3·ln 1 + 1/2·ln(3/2).
    double expected = (1.0 / 6) * Math.log(0.5) + 0.5 * Math.log(1.5);
    // Within half a 16-bit code of the base log-probabilities: (ln 3 / 65535) / 2.
    assertEquals(expected, m.klMean(), 1e-5);
    assertEquals(expected, m.klMax(), 1e-5);
    assertEquals(expected, m.klMedian(), 1e-5);
    assertEquals(3.0, m.perplexity(), 1e-5); // −ln q(2) = ln 3
    assertEquals(2.0, m.basePerplexity(), 1e-4); // −ln p(2) = ln 2
    assertEquals(LN3 - LN2, m.logPerplexityRatio(), 1e-5);
    assertEquals(1.0, m.perplexityDelta(), 1e-4);
    assertEquals(0.0, m.sameTop()); // q's first maximum is token 0, p's is token 2
    assertEquals(1, m.tokens());
  }

  @Test
  void statisticsOverTokensAreLlamaCppsPercentiles() {
    KlDivergence kl = new KlDivergence(3);
    float[] p = {0, (float) LN2, (float) LN3};
    kl.add(p, new float[] {0, 0, 0}, 2);
    kl.add(p, p, 1); // the same distribution: KL 0 (up to the 16-bit codes), same top
    KlMetrics m = kl.result();
    double first = (1.0 / 6) * Math.log(0.5) + 0.5 * Math.log(1.5);
    assertEquals(first / 2, m.klMean(), 1e-5);
    assertEquals(first / 2, m.klMedian(), 1e-5); // an even count: the mean of the middle two
    assertEquals(first, m.klMax(), 1e-5);
    // percentile f of two sorted values: (1 − f)·v0 + f·v1 with v0 ≈ 0.
    assertEquals(0.99 * first, m.kl99(), 1e-5);
    assertEquals(0.95 * first, m.kl95(), 1e-5);
    assertEquals(0.90 * first, m.kl90(), 1e-5);
    assertEquals(0.5, m.sameTop());
    // PPL = exp(mean NLL): Q's NLLs ln 3 and −ln(1/3), base's ln 2 and ln 3.
    assertEquals(Math.exp((LN3 + LN3) / 2), m.perplexity(), 1e-4);
    assertEquals(Math.exp((LN2 + LN3) / 2), m.basePerplexity(), 1e-4);
  }

  @Test
  void equalUniformLogitsGiveZeroKlAndTheVocabularyAsPerplexity() {
    KlDivergence kl = new KlDivergence(1000);
    float[] flat = new float[1000];
    java.util.Arrays.fill(flat, 2.5f);
    for (int t = 0; t < 10; t++) {
      kl.add(flat, flat, t * 37);
    }
    KlMetrics m = kl.result();
    assertEquals(0.0, m.klMean());
    assertEquals(0.0, m.klMax());
    assertEquals(1000.0, m.perplexity(), 1e-3);
    assertEquals(1000.0, m.basePerplexity(), 1e-3);
    assertEquals(1.0, m.sameTop());
  }

  @Test
  void aPercentileInterpolatesBetweenSortedValues() {
    float[] sorted = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    assertEquals(9.9f, KlDivergence.percentile(sorted, 0.99f), 1e-5f);
    assertEquals(9.0f, KlDivergence.percentile(sorted, 0.90f), 1e-5f);
    assertEquals(5.0f, KlDivergence.percentile(sorted, 0.5f), 1e-5f);
  }
}
