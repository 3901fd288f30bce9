package io.quantlens.eval.llm;

/**
 * One decoder block's weights as the pass runs them, each projection {@code [out, in]}; q and k in
 * GGUF rotary row order.
 */
record BlockWeights(
    float[] attentionNorm,
    Matrix query,
    Matrix key,
    Matrix value,
    Matrix attentionOutput,
    float[] mlpNorm,
    Matrix gate,
    Matrix up,
    Matrix down) {}
