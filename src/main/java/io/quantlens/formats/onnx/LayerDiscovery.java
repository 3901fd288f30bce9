package io.quantlens.formats.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import io.quantlens.formats.onnx.WeightView.Concat;
import io.quantlens.formats.onnx.WeightView.Relayout;
import io.quantlens.model.ModelFormatException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Finds the weight-bearing nodes of a model, in the main graph and every subgraph: for each, the
 * weight it reads, its output-channel axis and bias. {@link LayerGrouping} makes the layers.
 */
final class LayerDiscovery {
  /** Operators whose weights are recognised, for messages. */
  static final String KNOWN_OPS =
      "Conv, ConvTranspose, Gemm, MatMul, Gather, LSTM, GRU, RNN, MatMulInteger, ConvInteger,"
          + " QLinearConv, QLinearMatMul and com.microsoft MatMulNBits, GatherBlockQuantized,"
          + " DynamicQuantizeMatMul, FusedConv, FusedMatMul, Attention, EmbedLayerNormalization";

  private final WeightResolver resolver;
  private final QuantizedOps quantized;
  private final List<Use> uses = new ArrayList<>();

  /** One node reading one weight. */
  record Use(
      GraphScope scope,
      NodeProto node,
      int input,
      String layerName,
      String opType,
      WeightView weight,
      WeightView bias,
      int channelAxis) {}

  LayerDiscovery(WeightResolver resolver) {
    this.resolver = resolver;
    this.quantized = new QuantizedOps(resolver);
  }

  /** Every use of a weight in {@code scopes}, in graph order. */
  List<Use> uses(List<GraphScope> scopes) throws ModelFormatException {
    for (GraphScope scope : scopes) {
      for (NodeProto node : scope.graph().getNodeList()) {
        visit(scope, node);
      }
    }
    return List.copyOf(uses);
  }

  private void visit(GraphScope scope, NodeProto node) throws ModelFormatException {
    String op = Nodes.qualifiedOp(node);
    switch (op) {
      case "Conv", "com.microsoft.FusedConv" -> plain(scope, node, op, 1, 2, 0);
      case "ConvTranspose" -> plain(scope, node, op, 1, 2, 1);
      case "Gemm" -> gemm(scope, node);
      case "MatMul", "com.microsoft.FusedMatMul" -> matMul(scope, node, op);
      case "Gather" -> gather(scope, node);
      case "LSTM", "GRU", "RNN" -> recurrent(scope, node);
      case "MatMulInteger" ->
          add(scope, node, 1, "", op, quantized.integer(scope, node, 1, -1, 3, 1), null, 1);
      case "ConvInteger" ->
          add(scope, node, 1, "", op, quantized.integer(scope, node, 1, -1, 3, 0), null, 0);
      case "QLinearConv" ->
          add(scope, node, 3, "", op, quantized.integer(scope, node, 3, 4, 5, 0), null, 0);
      case "QLinearMatMul" ->
          add(scope, node, 3, "", op, quantized.integer(scope, node, 3, 4, 5, 1), null, 1);
      case "com.microsoft.DynamicQuantizeMatMul" ->
          add(
              scope,
              node,
              1,
              "",
              "DynamicQuantizeMatMul",
              quantized.integer(scope, node, 1, 2, 3, 1),
              bias(scope, node, 4),
              1);
      case "com.microsoft.MatMulNBits" ->
          add(
              scope,
              node,
              1,
              "",
              "MatMulNBits",
              quantized.matMulNBits(scope, node),
              bias(scope, node, 5),
              0);
      case "com.microsoft.GatherBlockQuantized" ->
          add(
              scope,
              node,
              0,
              "",
              "GatherBlockQuantized",
              quantized.gatherBlockQuantized(scope, node),
              null,
              0);
      case "com.microsoft.Attention" -> plain(scope, node, "Attention", 1, 2, 1);
      case "com.microsoft.EmbedLayerNormalization" -> {
        add(scope, node, 2, "/word_embedding", "Gather", table(scope, node, 2), null, 0);
        add(scope, node, 3, "/position_embedding", "Gather", table(scope, node, 3), null, 0);
        add(scope, node, 4, "/segment_embedding", "Gather", table(scope, node, 4), null, 0);
      }
      default -> {}
    }
  }

  private void plain(GraphScope scope, NodeProto node, String op, int w, int b, int axis)
      throws ModelFormatException {
    add(scope, node, w, "", shortOp(op), weight(scope, node, w), bias(scope, node, b), axis);
  }

  private static String shortOp(String op) {
    return op.startsWith(Nodes.MICROSOFT + ".") ? op.substring(Nodes.MICROSOFT.length() + 1) : op;
  }

  private void gemm(GraphScope scope, NodeProto node) throws ModelFormatException {
    WeightView b = weight(scope, node, 1);
    if (b != null) {
      int axis = Nodes.longAttribute(node, "transB", 0) == 1 ? 0 : 1;
      add(scope, node, 1, "", "Gemm", b, bias(scope, node, 2), axis);
      return;
    }
    int axis = Nodes.longAttribute(node, "transA", 0) == 1 ? 1 : 0;
    add(scope, node, 0, "", "Gemm", weight(scope, node, 0), null, axis);
  }

  private void matMul(GraphScope scope, NodeProto node, String op) throws ModelFormatException {
    WeightView b = weight(scope, node, 1);
    if (b != null) {
      int rank = b.tensor().rank();
      int axis = Math.max(0, rank - 1);
      WeightView bias = rank >= 2 ? addedBias(scope, node, b.tensor().dim(axis)) : null;
      add(scope, node, 1, "", shortOp(op), b, bias, axis);
      return;
    }
    add(scope, node, 0, "", shortOp(op), weight(scope, node, 0), null, 0);
  }

  private void gather(GraphScope scope, NodeProto node) throws ModelFormatException {
    WeightView table = table(scope, node, 0);
    if (table == null && node.getOutputCount() == 1) {
      table = quantized.gatheredThenDequantized(scope, node);
      table = table != null && table.tensor().rank() == 2 ? table : null;
    }
    if (table != null && Nodes.longAttribute(node, "axis", 0) == 0) {
      add(scope, node, 0, "", "Gather", table, null, 0);
    }
  }

  private WeightView table(GraphScope scope, NodeProto node, int input)
      throws ModelFormatException {
    WeightView table = weight(scope, node, input);
    return table != null && table.tensor().rank() == 2 ? table : null;
  }

  /**
   * LSTM, GRU and RNN keep W {@code [directions, gates·hidden, input]} and R {@code [directions,
   * gates·hidden, hidden]}, gates stacked as the ONNX operators say (LSTM i, o, f, c; GRU z, r, h;
   * RNN one). Each row is one gate's unit of one direction, so the layer shows {@code
   * [directions·gates·hidden, input]} with a channel per row; B belongs to W.
   */
  private void recurrent(GraphScope scope, NodeProto node) throws ModelFormatException {
    String gates =
        switch (node.getOpType()) {
          case "LSTM" -> "gates i, o, f, c";
          case "GRU" -> "gates z, r, h";
          default -> "one gate";
        };
    WeightView bias = weight(scope, node, 3);
    WeightView b = bias == null || bias.tensor().rank() != 2 ? null : flat(bias);
    String op = node.getOpType();
    add(scope, node, 1, "/W", op, weight(scope, node, 1), b, 0, v -> rows(v, gates));
    add(scope, node, 2, "/R", op, weight(scope, node, 2), null, 0, v -> rows(v, gates));
  }

  private static WeightView rows(WeightView view, String gates) {
    if (view == null || view.tensor().rank() != 3) {
      return null;
    }
    long[] shape = view.tensor().shape();
    long[] rows = {shape[0] * shape[1], shape[2]};
    String note =
        "stored "
            + java.util.Arrays.toString(shape)
            + " (directions, "
            + gates
            + " × hidden, inputs)";
    return view.then(TensorViews.reshaped(view.tensor(), rows), new Relayout("rows", rows), note);
  }

  private static WeightView flat(WeightView view) {
    long[] shape = {view.tensor().elementCount()};
    return view.then(TensorViews.reshaped(view.tensor(), shape), new Relayout("flat", shape), "");
  }

  /** The bias of a MatMul whose only consumer is an Add of a 1-D tensor of length {@code n}. */
  private WeightView addedBias(GraphScope scope, NodeProto matMul, long n)
      throws ModelFormatException {
    if (matMul.getOutputCount() != 1 || scope.isGraphOutput(matMul.getOutput(0))) {
      return null;
    }
    String output = matMul.getOutput(0);
    List<NodeProto> consumers = scope.consumers(output);
    if (consumers.size() != 1) {
      return null;
    }
    NodeProto add = consumers.get(0);
    if (!add.getOpType().equals("Add") || !Nodes.isDefaultDomain(add) || add.getInputCount() != 2) {
      return null;
    }
    String other = add.getInput(0).equals(output) ? add.getInput(1) : add.getInput(0);
    WeightView bias = resolver.resolveJoined(scope, other);
    return bias != null && bias.tensor().rank() == 1 && bias.tensor().dim(0) == n ? bias : null;
  }

  /** The weight a node reads: from one stored tensor, or a Concat of several (see #add). */
  private WeightView weight(GraphScope scope, NodeProto node, int input)
      throws ModelFormatException {
    return resolver.resolveJoined(scope, Nodes.input(node, input));
  }

  private WeightView bias(GraphScope scope, NodeProto node, int input) throws ModelFormatException {
    return weight(scope, node, input);
  }

  private void add(
      GraphScope scope,
      NodeProto node,
      int input,
      String suffix,
      String op,
      WeightView weight,
      WeightView bias,
      int channelAxis) {
    add(scope, node, input, suffix, op, weight, bias, channelAxis, UnaryOperator.identity());
  }

  /**
   * Records the use, or one use per stored tensor when the node reads a Concat of several: each
   * piece as it enters the Concat (then {@code shown}), named after its place on the Concat's axis,
   * the bias going with the first.
   */
  private void add(
      GraphScope scope,
      NodeProto node,
      int input,
      String suffix,
      String op,
      WeightView weight,
      WeightView bias,
      int channelAxis,
      UnaryOperator<WeightView> shown) {
    if (weight == null) {
      return;
    }
    if (weight.source() != null) {
      use(scope, node, input, suffix, op, shown.apply(weight), bias, channelAxis);
      return;
    }
    List<WeightView> pieces = pieces(weight);
    int axis = pieces.isEmpty() ? 0 : ((Concat) weight.steps().get(0)).axis();
    long offset = 0;
    for (int k = 0; k < pieces.size(); k++) {
      WeightView piece = pieces.get(k);
      long end = offset + piece.tensor().dim(axis);
      String where = " [" + offset + ":" + end + "]";
      String note =
          "piece " + (k + 1) + " of " + pieces.size() + " joined on axis " + axis + " for the node";
      WeightView noted =
          new WeightView(
              piece.tensor(),
              piece.source(),
              piece.steps(),
              piece.storage().isEmpty() ? note : piece.storage() + ", " + note,
              piece.decoder());
      use(
          scope,
          node,
          input,
          suffix + where,
          op,
          shown.apply(noted),
          k == 0 ? bias : null,
          channelAxis);
      offset = end;
    }
  }

  /**
   * The pieces of one stored tensor each that a Concat the node reads directly joins (nested
   * Concats on the same axis flattened), or none when anything follows the Concat.
   */
  private static List<WeightView> pieces(WeightView joined) {
    if (joined.steps().size() != 1 || !(joined.steps().get(0) instanceof Concat c)) {
      return List.of();
    }
    List<WeightView> pieces = new ArrayList<>();
    for (WeightView piece : c.pieces()) {
      if (piece.source() != null) {
        pieces.add(piece);
        continue;
      }
      List<WeightView> inner = pieces(piece);
      if (inner.isEmpty() || ((Concat) piece.steps().get(0)).axis() != c.axis()) {
        return List.of();
      }
      pieces.addAll(inner);
    }
    return pieces;
  }

  private void use(
      GraphScope scope,
      NodeProto node,
      int input,
      String suffix,
      String op,
      WeightView weight,
      WeightView bias,
      int channelAxis) {
    if (weight == null) {
      return;
    }
    int axis = Math.min(channelAxis, Math.max(0, weight.tensor().rank() - 1));
    String label = node.getName().isEmpty() ? weight.tensor().name() : node.getName();
    String name = scope.path() + label + suffix;
    uses.add(new Use(scope, node, input, name, op, weight, bias, axis));
  }
}
