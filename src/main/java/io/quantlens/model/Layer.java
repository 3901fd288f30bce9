package io.quantlens.model;

/**
 * A weight-bearing operation of the model.
 *
 * @param name node name (falls back to the weight's name when the node has none)
 * @param opType operator, e.g. {@code Conv}, {@code MatMul}, {@code Gemm}, {@code Gather}
 * @param weight the weight tensor
 * @param bias the bias tensor, or {@code null}
 * @param channelAxis the weight axis that indexes output channels
 */
public record Layer(String name, String opType, Tensor weight, Tensor bias, int channelAxis) {

  public Layer {
    if (channelAxis < 0 || channelAxis >= Math.max(1, weight.rank())) {
      throw new IllegalArgumentException(
          "channel axis " + channelAxis + " out of range for " + weight.shapeText());
    }
  }

  public long parameterCount() {
    return weight.elementCount() + (bias == null ? 0 : bias.elementCount());
  }
}
