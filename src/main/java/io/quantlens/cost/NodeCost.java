package io.quantlens.cost;

import java.util.Arrays;
import java.util.Objects;

/**
 * What one graph node costs in one inference at a given workload.
 *
 * @param node node name (the first output's name when the node has none)
 * @param opType operator
 * @param macs multiply-accumulates
 * @param outputShape shape of the first output as measured
 * @param activationBytesRead bytes of the non-initializer inputs, each distinct value once
 * @param activationBytesWritten bytes of the outputs
 * @param weight initializer name of the weight input (Conv, ConvTranspose, Gemm, MatMul, Gather),
 *     or {@code null}
 */
public record NodeCost(
    String node,
    String opType,
    long macs,
    long[] outputShape,
    long activationBytesRead,
    long activationBytesWritten,
    String weight) {

  public NodeCost {
    outputShape = outputShape.clone();
  }

  @Override
  public long[] outputShape() {
    return outputShape.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NodeCost c
        && node.equals(c.node)
        && opType.equals(c.opType)
        && macs == c.macs
        && Arrays.equals(outputShape, c.outputShape)
        && activationBytesRead == c.activationBytesRead
        && activationBytesWritten == c.activationBytesWritten
        && Objects.equals(weight, c.weight);
  }

  @Override
  public int hashCode() {
    return Objects.hash(node, opType, macs, Arrays.hashCode(outputShape), weight);
  }

  @Override
  public String toString() {
    return String.format(
        "%s %s %s MACs=%d read=%d written=%d weight=%s",
        opType,
        node,
        Arrays.toString(outputShape),
        macs,
        activationBytesRead,
        activationBytesWritten,
        weight);
  }
}
