package io.quantlens.eval.llm;

/**
 * What llama.cpp's {@code perplexity --kl-divergence} reports for a quantized model against its
 * base over the same scored tokens (docs/llm-forward-pass.md).
 *
 * @param tokens scored tokens
 * @param basePerplexity {@code exp} of the base model's mean next-token NLL ("Mean PPL(base)")
 * @param perplexity the quantized model's ("Mean PPL(Q)")
 * @param logPerplexityRatio mean NLL(Q) − mean NLL(base) ("Mean ln(PPL(Q)/PPL(base))")
 * @param klMean mean per-token KL(base ‖ Q) in nats ("Mean KLD")
 * @param klMedian ("Median KLD")
 * @param klMax ("Maximum KLD")
 * @param kl99 the 99th percentile ("99.0% KLD")
 * @param kl95 ("95.0% KLD")
 * @param kl90 ("90.0% KLD")
 * @param sameTop share of tokens whose most likely next token is the same ("Same top p")
 */
public record KlMetrics(
    long tokens,
    double basePerplexity,
    double perplexity,
    double logPerplexityRatio,
    double klMean,
    double klMedian,
    double klMax,
    double kl99,
    double kl95,
    double kl90,
    double sameTop) {

  /** "Mean PPL(Q)-PPL(base)". */
  public double perplexityDelta() {
    return perplexity - basePerplexity;
  }
}
