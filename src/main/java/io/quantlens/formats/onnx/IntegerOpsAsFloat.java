package io.quantlens.formats.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.quantlens.formats.onnx.WeightView.StoredTensor;
import io.quantlens.model.ModelFormatException;
import java.util.ArrayList;
import java.util.List;

/**
 * Float stand-ins for the integer operators, so that a plan's weight values can run where the file
 * computes with integer codes. Activations stay quantized exactly as the file does it; only the
 * weight changes:
 *
 * <ul>
 *   <li>MatMulInteger / ConvInteger as ONNX Runtime's dynamic quantizer writes them (output Cast
 *       then multiplied by x_scale · w_scale): MatMul / Conv of (x − x_zero_point) with the values
 *       divided by w_scale, so the file's own rescale gives back the values (to a float rounding);
 *   <li>QLinearMatMul / QLinearConv: DequantizeLinear of x, the float MatMul / Conv (bias
 *       dequantized with x_scale · w_scale), QuantizeLinear with y's scale and zero point;
 *   <li>DynamicQuantizeMatMul: DynamicQuantizeLinear and DequantizeLinear of A, MatMul, bias Add.
 * </ul>
 */
final class IntegerOpsAsFloat {
  private final WeightResolver resolver;
  private final QuantizedOps quantized;

  IntegerOpsAsFloat(WeightResolver resolver) {
    this.resolver = resolver;
    this.quantized = new QuantizedOps(resolver);
  }

  /** Why {@code node}'s weight cannot be replaced, or null. */
  String refusal(GraphScope scope, NodeProto node) {
    return switch (node.getOpType()) {
      case "MatMulInteger", "ConvInteger" ->
          quantized.outputScale(scope, node) == null
              ? "its integer result is rescaled in a way QuantLens does not follow (expected Cast"
                  + " then Mul by x_scale · w_scale, as ONNX Runtime's dynamic quantizer writes)"
              : null;
      case "QLinearMatMul", "QLinearConv", "DynamicQuantizeMatMul" -> null;
      default -> "no float form is known for " + node.getOpType();
    };
  }

  /** The nodes that replace {@code node}, computing with {@code values} as its weight. */
  List<NodeProto> replace(
      GraphScope scope, NodeProto node, String table, long[] shape, float[] values)
      throws ModelFormatException {
    String op = node.getOpType();
    List<NodeProto> nodes = new ArrayList<>();
    String x = table + "/x";
    switch (op) {
      case "MatMulInteger", "ConvInteger" -> {
        int axis = op.equals("MatMulInteger") ? 1 : 0;
        float[] divided = divided(values, shape, axis, wScales(scope, node));
        nodes.add(constant(table, shape, divided));
        nodes.add(
            GraphEdits.node(table + "/cast", "Cast", List.of(node.getInput(0)), x + "f", to()));
        String zeroPoint = Nodes.input(node, 2);
        String centred = x + "f";
        if (!zeroPoint.isEmpty()) {
          nodes.add(GraphEdits.node(table + "/zp", "Cast", List.of(zeroPoint), x + "zp", to()));
          nodes.add(
              GraphEdits.node(table + "/centre", "Sub", List.of(x + "f", x + "zp"), x, List.of()));
          centred = x;
        }
        String floatOp = op.equals("MatMulInteger") ? "MatMul" : "Conv";
        nodes.add(
            GraphEdits.node(
                node.getName(),
                floatOp,
                List.of(centred, table),
                node.getOutput(0),
                node.getAttributeList()));
      }
      case "QLinearMatMul", "QLinearConv" -> {
        nodes.add(constant(table, shape, values));
        nodes.add(
            GraphEdits.node(
                table + "/dequantize",
                "DequantizeLinear",
                List.of(node.getInput(0), node.getInput(1), node.getInput(2)),
                x,
                List.of()));
        List<String> inputs = new ArrayList<>(List.of(x, table));
        String bias = Nodes.input(node, 8);
        if (op.equals("QLinearConv") && !bias.isEmpty()) {
          // int32 bias at scale x_scale · w_scale per output channel
          nodes.add(GraphEdits.node(table + "/bias", "Cast", List.of(bias), table + "/b", to()));
          nodes.add(
              GraphEdits.node(
                  table + "/bias_x",
                  "Mul",
                  List.of(table + "/b", node.getInput(1)),
                  table + "/bx",
                  List.of()));
          nodes.add(
              GraphEdits.node(
                  table + "/bias_w",
                  "Mul",
                  List.of(table + "/bx", node.getInput(4)),
                  table + "/bf",
                  List.of()));
          inputs.add(table + "/bf");
        }
        String floatOp = op.equals("QLinearMatMul") ? "MatMul" : "Conv";
        nodes.add(
            GraphEdits.node(
                node.getName(), floatOp, inputs, table + "/y", node.getAttributeList()));
        nodes.add(
            GraphEdits.node(
                table + "/quantize",
                "QuantizeLinear",
                List.of(table + "/y", node.getInput(6), node.getInput(7)),
                node.getOutput(0),
                List.of()));
      }
      case "DynamicQuantizeMatMul" -> {
        nodes.add(constant(table, shape, values));
        nodes.add(
            NodeProto.newBuilder()
                .setName(table + "/quantize")
                .setOpType("DynamicQuantizeLinear")
                .addInput(node.getInput(0))
                .addOutput(x + "q")
                .addOutput(x + "s")
                .addOutput(x + "z")
                .build());
        nodes.add(
            GraphEdits.node(
                table + "/dequantize",
                "DequantizeLinear",
                List.of(x + "q", x + "s", x + "z"),
                x,
                List.of()));
        String bias = Nodes.input(node, 4);
        String product = bias.isEmpty() ? node.getOutput(0) : table + "/product";
        nodes.add(GraphEdits.node(node.getName(), "MatMul", List.of(x, table), product, List.of()));
        if (!bias.isEmpty()) {
          nodes.add(
              GraphEdits.node(
                  table + "/bias", "Add", List.of(product, bias), node.getOutput(0), List.of()));
        }
      }
      default -> throw new IllegalStateException("no float form for " + op);
    }
    return nodes;
  }

  private float[] wScales(GraphScope scope, NodeProto node) throws ModelFormatException {
    StoredTensor scale = quantized.outputScale(scope, node);
    return SmallTensors.floats(resolver.file(), resolver.factory().create(scale.proto(), null));
  }

  /** {@code values} divided by the scale of their index along {@code axis} (or the one scale). */
  private static float[] divided(float[] values, long[] shape, int axis, float[] scales) {
    long inner = 1;
    for (int i = axis + 1; i < shape.length; i++) {
      inner *= shape[i];
    }
    float[] out = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      float s = scales.length == 1 ? scales[0] : scales[(int) ((i / inner) % shape[axis])];
      out[i] = values[i] / s;
    }
    return out;
  }

  private static NodeProto constant(String name, long[] shape, float[] values) {
    TensorProto t = GraphEdits.floats(name, shape, OnnxDataType.FLOAT, values);
    return GraphEdits.constant(name, name, t);
  }

  private static List<AttributeProto> to() {
    return List.of(
        AttributeProto.newBuilder()
            .setName("to")
            .setType(AttributeProto.AttributeType.INT)
            .setI(OnnxDataType.FLOAT)
            .build());
  }
}
