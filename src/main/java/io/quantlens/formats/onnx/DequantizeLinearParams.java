package io.quantlens.formats.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.quantlens.model.ModelFormatException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a DequantizeLinear node's scale and zero point
 * (docs/file-formats.md#onnx-quantized-weights) and checks that they fit the weight's shape: one
 * pair for the tensor, one per index of {@code axis}, or one per block.
 */
final class DequantizeLinearParams {
  private final Path modelFile;
  private final NodeProto node;
  private final TensorFactory factory;

  DequantizeLinearParams(Path modelFile, NodeProto node, TensorFactory factory) {
    this.modelFile = modelFile;
    this.node = node;
    this.factory = factory;
  }

  Dequantization build(long[] shape, TensorProto scaleProto, TensorProto zeroPointProto)
      throws ModelFormatException {
    if (!OnnxDataType.isFloat(scaleProto.getDataType())) {
      throw problem("scale has type " + OnnxDataType.name(scaleProto.getDataType()));
    }
    float[] scales = SmallTensors.floats(modelFile, factory.create(scaleProto, null));
    int[] zeroPoints = zeroPoints(zeroPointProto, scales.length);
    if (scales.length == 1 && scaleProto.getDimsCount() <= 1) {
      return Dequantization.perTensor(scales[0], zeroPoints == null ? 0 : zeroPoints[0]);
    }
    int axis = axis(shape.length, 1);
    long blockSize = Nodes.longAttribute(node, "block_size", 0);
    if (blockSize > 0) {
      long[] expected = shape.clone();
      expected[axis] = (shape[axis] + blockSize - 1) / blockSize;
      if (!Arrays.equals(expected, scaleProto.getDimsList().stream().mapToLong(d -> d).toArray())
          || blockSize > Integer.MAX_VALUE) {
        throw mismatch(shape, scaleProto, axis);
      }
      return Dequantization.blocked(scales, zeroPoints, shape, axis, (int) blockSize);
    }
    if (scaleProto.getDimsCount() != 1 || scales.length != shape[axis]) {
      throw mismatch(shape, scaleProto, axis);
    }
    return Dequantization.perAxis(scales, zeroPoints, shape, axis);
  }

  /** The weight axis the scales run along ({@code fallback} when the node does not say). */
  int axis(int rank, long fallback) throws ModelFormatException {
    long axis = Nodes.longAttribute(node, "axis", fallback);
    long normalized = axis < 0 ? axis + rank : axis;
    if (normalized < 0 || normalized >= rank) {
      throw problem("axis " + axis + " is out of range for a weight of rank " + rank);
    }
    return (int) normalized;
  }

  /** Zero points as integers, null when absent; their count must equal the scales'. */
  int[] zeroPoints(TensorProto zeroPointProto, int count) throws ModelFormatException {
    if (zeroPointProto == null) {
      return null;
    }
    if (!OnnxDataType.isReadableInteger(zeroPointProto.getDataType())) {
      throw problem("zero point has type " + OnnxDataType.name(zeroPointProto.getDataType()));
    }
    float[] z = SmallTensors.floats(modelFile, factory.create(zeroPointProto, null));
    if (z.length != count) {
      throw problem("zero point has " + z.length + " values but scale has " + count);
    }
    int[] zeroPoints = new int[z.length];
    for (int i = 0; i < z.length; i++) {
      zeroPoints[i] = (int) z[i];
    }
    return zeroPoints;
  }

  private ModelFormatException mismatch(long[] shape, TensorProto scale, int axis) {
    return problem(
        "scale shape "
            + scale.getDimsList()
            + " does not fit weight shape "
            + Arrays.toString(shape)
            + " on axis "
            + axis);
  }

  ModelFormatException problem(String message) {
    return new ModelFormatException(
        modelFile, node.getOpType() + " '" + GraphScope.nodeLabel(node) + "': " + message);
  }
}
