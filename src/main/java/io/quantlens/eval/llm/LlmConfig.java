package io.quantlens.eval.llm;

/**
 * The hyperparameters of a decoder the forward pass needs.
 *
 * @param family llama or phi3
 * @param vocab vocabulary size (rows of the token embedding)
 * @param hidden model width
 * @param intermediate width of each of the MLP's gate and up projections
 * @param layers number of blocks
 * @param heads query heads
 * @param kvHeads key/value heads (fewer for grouped-query attention)
 * @param ropeDimensions rotated values of each head (the head width, or less for partial rotary)
 * @param ropeTheta the rotary base
 * @param rmsEpsilon the RMS norm's epsilon
 */
public record LlmConfig(
    LlmFamily family,
    int vocab,
    int hidden,
    int intermediate,
    int layers,
    int heads,
    int kvHeads,
    int ropeDimensions,
    double ropeTheta,
    float rmsEpsilon) {

  public LlmConfig {
    if (vocab < 1 || hidden < 1 || intermediate < 1 || layers < 1 || heads < 1 || kvHeads < 1) {
      throw new IllegalArgumentException("every size of a decoder must be at least 1");
    }
    if (hidden % heads != 0 || heads % kvHeads != 0) {
      throw new IllegalArgumentException(
          "the width " + hidden + " must divide into " + heads + " heads, the heads into kv heads");
    }
    if (ropeDimensions < 2 || ropeDimensions % 2 != 0 || ropeDimensions > hidden / heads) {
      throw new IllegalArgumentException(
          "rotary dimensions " + ropeDimensions + " must be even and at most the head width");
    }
  }

  public int headDimension() {
    return hidden / heads;
  }

  /** Width of the key and value projections. */
  public int kvWidth() {
    return headDimension() * kvHeads;
  }
}
