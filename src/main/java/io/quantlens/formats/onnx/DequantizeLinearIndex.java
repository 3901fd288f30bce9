package io.quantlens.formats.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.quantlens.model.ModelFormatException;
import io.quantlens.model.Tensor;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Finds the integer initializers that feed a DequantizeLinear node and their scale / zero-point
 * layout, so they can be presented as quantized weights whose readers dequantize.
 */
final class DequantizeLinearIndex {
  private final Map<String, Dequantization> byInitializer = new HashMap<>();
  private final Map<String, String> initializerByOutput = new HashMap<>();

  private DequantizeLinearIndex() {}

  /**
   * Scans the graph's DequantizeLinear nodes whose input is an integer initializer and whose scale
   * (and zero point, if any) are initializers or Constant nodes.
   */
  static DequantizeLinearIndex scan(
      Path modelFile,
      GraphProto graph,
      Map<String, TensorProto> initializers,
      TensorFactory factory)
      throws ModelFormatException {
    DequantizeLinearIndex index = new DequantizeLinearIndex();
    Map<String, TensorProto> constants = null;
    for (NodeProto node : graph.getNodeList()) {
      if (!node.getOpType().equals("DequantizeLinear")
          || !LayerDiscovery.isDefaultDomain(node)
          || node.getInputCount() < 2
          || node.getOutputCount() < 1) {
        continue;
      }
      TensorProto x = initializers.get(node.getInput(0));
      if (x == null || !OnnxDataType.isReadableInteger(x.getDataType())) {
        continue;
      }
      if (index.byInitializer.containsKey(x.getName())) {
        // Read by a second DequantizeLinear: the first one's parameters describe the weight.
        index.initializerByOutput.put(node.getOutput(0), x.getName());
        continue;
      }
      if (constants == null) {
        constants = constants(graph);
      }
      TensorProto scale = lookup(node.getInput(1), initializers, constants);
      TensorProto zeroPoint =
          node.getInputCount() > 2 ? lookup(node.getInput(2), initializers, constants) : null;
      if (scale == null || (zeroPoint == null && hasInput(node, 2))) {
        continue; // parameters computed at run time: the weight stays a plain integer tensor
      }
      var builder = new DequantizationBuilder(modelFile, node, factory);
      index.byInitializer.put(
          x.getName(), builder.build(factory.shape(x, x.getName()), scale, zeroPoint));
      index.initializerByOutput.put(node.getOutput(0), x.getName());
    }
    return index;
  }

  /** How to dequantize this initializer, or null when no DequantizeLinear reads it. */
  Dequantization forInitializer(String name) {
    return byInitializer.get(name);
  }

  /** The quantized initializer whose DequantizeLinear produces {@code output}, or null. */
  String initializerFor(String output) {
    return initializerByOutput.get(output);
  }

  private static boolean hasInput(NodeProto node, int i) {
    return node.getInputCount() > i && !node.getInput(i).isEmpty();
  }

  private static TensorProto lookup(
      String name, Map<String, TensorProto> initializers, Map<String, TensorProto> constants) {
    if (name.isEmpty()) {
      return null;
    }
    TensorProto t = initializers.get(name);
    return t != null ? t : constants.get(name);
  }

  /** Tensors produced by Constant nodes (attribute value, value_float or value_floats). */
  private static Map<String, TensorProto> constants(GraphProto graph) {
    Map<String, TensorProto> constants = new HashMap<>();
    for (NodeProto node : graph.getNodeList()) {
      if (!node.getOpType().equals("Constant") || node.getOutputCount() != 1) {
        continue;
      }
      for (AttributeProto a : node.getAttributeList()) {
        TensorProto t =
            switch (a.getName()) {
              case "value" -> a.getT();
              case "value_float" ->
                  TensorProto.newBuilder()
                      .setDataType(OnnxDataType.FLOAT)
                      .addFloatData(a.getF())
                      .build();
              case "value_floats" ->
                  TensorProto.newBuilder()
                      .setDataType(OnnxDataType.FLOAT)
                      .addDims(a.getFloatsCount())
                      .addAllFloatData(a.getFloatsList())
                      .build();
              default -> null;
            };
        if (t != null) {
          constants.put(node.getOutput(0), t.toBuilder().setName(node.getOutput(0)).build());
        }
      }
    }
    return constants;
  }

  /** Reads a DequantizeLinear node's parameters and checks they fit the weight's shape. */
  private static final class DequantizationBuilder {
    private final Path modelFile;
    private final NodeProto node;
    private final TensorFactory factory;

    DequantizationBuilder(Path modelFile, NodeProto node, TensorFactory factory) {
      this.modelFile = modelFile;
      this.node = node;
      this.factory = factory;
    }

    Dequantization build(long[] shape, TensorProto scaleProto, TensorProto zeroPointProto)
        throws ModelFormatException {
      if (!OnnxDataType.isFloat(scaleProto.getDataType())) {
        throw problem("scale has type " + OnnxDataType.name(scaleProto.getDataType()));
      }
      float[] scales = values(factory.create(scaleProto, null));
      int[] zeroPoints = null;
      if (zeroPointProto != null) {
        if (!OnnxDataType.isReadableInteger(zeroPointProto.getDataType())) {
          throw problem("zero point has type " + OnnxDataType.name(zeroPointProto.getDataType()));
        }
        float[] z = values(factory.create(zeroPointProto, null));
        if (z.length != scales.length) {
          throw problem("zero point has " + z.length + " values but scale has " + scales.length);
        }
        zeroPoints = new int[z.length];
        for (int i = 0; i < z.length; i++) {
          zeroPoints[i] = (int) z[i];
        }
      }
      if (scales.length == 1 && scaleProto.getDimsCount() <= 1) {
        return Dequantization.perTensor(scales[0], zeroPoints == null ? 0 : zeroPoints[0]);
      }
      int axis = axis(shape.length);
      long blockSize = attribute("block_size", 0);
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

    private int axis(int rank) throws ModelFormatException {
      long axis = attribute("axis", 1);
      long normalized = axis < 0 ? axis + rank : axis;
      if (normalized < 0 || normalized >= rank) {
        throw problem("axis " + axis + " is out of range for a weight of rank " + rank);
      }
      return (int) normalized;
    }

    private long attribute(String name, long fallback) {
      for (AttributeProto a : node.getAttributeList()) {
        if (a.getName().equals(name)) {
          return a.getI();
        }
      }
      return fallback;
    }

    private float[] values(Tensor tensor) throws ModelFormatException {
      long n = tensor.elementCount();
      if (n > 1 << 26) {
        throw problem("parameter tensor '" + tensor.name() + "' is too large (" + n + ")");
      }
      float[] values = new float[(int) n];
      tensor.reader().read(0, values, 0, values.length);
      return values;
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

    private ModelFormatException problem(String message) {
      String name = node.getName().isEmpty() ? node.getOutput(0) : node.getName();
      return new ModelFormatException(modelFile, "DequantizeLinear '" + name + "': " + message);
    }
  }
}
