package io.quantlens.eval;

/**
 * One sample compared between the FP32 and the quantized run. Fields that do not apply to the task
 * are -1 (classes, neighbours) or NaN (KL).
 *
 * @param index row in the evaluation data
 * @param label the true class, or -1 without labels
 * @param referenceClass FP32 top-1 class
 * @param quantizedClass quantized top-1 class
 * @param klDivergence KL(FP32 ‖ quantized) of the class distributions, in nats
 * @param cosine cosine similarity of the two output vectors
 * @param referenceNeighbour FP32 nearest other sample by cosine
 * @param quantizedNeighbour quantized nearest other sample by cosine
 */
public record SampleResult(
    int index,
    long label,
    int referenceClass,
    int quantizedClass,
    double klDivergence,
    double cosine,
    int referenceNeighbour,
    int quantizedNeighbour) {

  /** The quantized model's top-1 class differs from FP32's. */
  public boolean flipped() {
    return referenceClass != quantizedClass;
  }

  /** The quantized embedding's nearest neighbour differs from FP32's. */
  public boolean neighbourChanged() {
    return referenceNeighbour != quantizedNeighbour;
  }
}
