package io.quantlens.formats.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.quantlens.formats.onnx.WeightView.StoredTensor;
import io.quantlens.model.ModelFormatException;
import io.quantlens.model.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the stored tensor behind a value a node reads: an initializer or Constant of its graph or
 * an enclosing one, possibly through DequantizeLinear and value-preserving operations (Identity,
 * Cast between float types, Reshape, Squeeze, Unsqueeze, Flatten, Transpose, Slice, Concat).
 */
final class WeightResolver {
  /** Longest chain of value-preserving operations followed. */
  static final int MAX_CHAIN = 32;

  private final Path file;
  private final TensorFactory factory;
  private final Map<GraphScope, Map<String, Optional<WeightView>>> views = new IdentityHashMap<>();
  private final Map<String, Tensor> plain = new HashMap<>();

  WeightResolver(Path file, TensorFactory factory) {
    this.file = file;
    this.factory = factory;
  }

  Path file() {
    return file;
  }

  TensorFactory factory() {
    return factory;
  }

  /**
   * The float (or dequantized) weight that {@code name} carries in {@code scope}, from one stored
   * tensor, or null.
   */
  WeightView resolve(GraphScope scope, String name) throws ModelFormatException {
    WeightView view = resolve(scope, name, 0);
    return view == null || view.source() == null ? null : view;
  }

  /** As {@link #resolve}, but also a Concat of pieces of several stored tensors. */
  WeightView resolveJoined(GraphScope scope, String name) throws ModelFormatException {
    return resolve(scope, name, 0);
  }

  private WeightView resolve(GraphScope scope, String name, int depth) throws ModelFormatException {
    if (name.isEmpty() || depth > MAX_CHAIN) {
      return null;
    }
    Map<String, Optional<WeightView>> known = views.computeIfAbsent(scope, s -> new HashMap<>());
    Optional<WeightView> cached = known.get(name);
    if (cached != null) {
      return cached.orElse(null);
    }
    WeightView view = find(scope, name, depth);
    known.put(name, Optional.ofNullable(view));
    return view;
  }

  private WeightView find(GraphScope scope, String name, int depth) throws ModelFormatException {
    StoredTensor stored = stored(scope, name);
    if (stored != null) {
      if (!OnnxDataType.isFloat(stored.proto().getDataType())) {
        return null;
      }
      return new WeightView(tensor(stored), stored, List.of(), "", null);
    }
    GraphScope.Definition d = scope.define(name);
    if (d == null || d.producer() == null) {
      return null;
    }
    NodeProto node = d.producer();
    GraphScope at = d.scope();
    if (node.getOpType().equals("DequantizeLinear")
        && (Nodes.isDefaultDomain(node) || node.getDomain().equals(Nodes.MICROSOFT))) {
      // com.microsoft DequantizeLinear: ONNX Runtime's QDQ contrib op (per-axis before opset 13)
      return dequantized(at, node);
    }
    if (!Nodes.isDefaultDomain(node)) {
      return null;
    }
    if (node.getOpType().equals("Concat")) {
      List<WeightView> pieces = new ArrayList<>(node.getInputCount());
      for (String input : node.getInputList()) {
        WeightView piece = resolve(at, input, depth + 1);
        if (piece == null) {
          return null;
        }
        pieces.add(piece);
      }
      return SelectionSteps.concat(node, pieces);
    }
    WeightView input = resolve(at, Nodes.input(node, 0), depth + 1);
    if (input == null) {
      return null;
    }
    return ValueSteps.apply(this, at, node, input);
  }

  /**
   * The stored tensor {@code name} names in {@code scope}: an initializer, or the output of a
   * Constant node. Null for computed values.
   */
  StoredTensor stored(GraphScope scope, String name) {
    if (name.isEmpty()) {
      return null;
    }
    GraphScope.Definition d = scope.define(name);
    if (d == null) {
      return null;
    }
    if (d.tensor() != null) {
      return new StoredTensor(d.scope(), name, d.tensor(), false);
    }
    TensorProto constant = constantValue(d.producer(), name);
    return constant == null ? null : new StoredTensor(d.scope(), name, constant, true);
  }

  /** The stored tensor read as it is (integers as integers), named by its key. */
  Tensor tensor(StoredTensor stored) throws ModelFormatException {
    Tensor t = plain.get(stored.key());
    if (t == null) {
      t = factory.create(named(stored), null);
      plain.put(stored.key(), t);
    }
    return t;
  }

  /** The stored tensor's proto, renamed to its key. */
  TensorProto named(StoredTensor stored) {
    TensorProto proto = stored.proto();
    return proto.getName().equals(stored.key())
        ? proto
        : proto.toBuilder().setName(stored.key()).build();
  }

  /** The INT64/INT32 values of a stored shape or axes tensor, or null. */
  long[] longs(GraphScope scope, String name) {
    StoredTensor stored = stored(scope, name);
    return stored == null ? null : SmallTensors.longs(stored.proto());
  }

  private WeightView dequantized(GraphScope scope, NodeProto node) throws ModelFormatException {
    StoredTensor x = stored(scope, Nodes.input(node, 0));
    if (x == null || !OnnxDataType.isReadableInteger(x.proto().getDataType())) {
      return null;
    }
    StoredTensor scale = stored(scope, Nodes.input(node, 1));
    String zpName = Nodes.input(node, 2);
    StoredTensor zeroPoint = stored(scope, zpName);
    if (scale == null || (zeroPoint == null && !zpName.isEmpty())) {
      return null; // parameters computed at run time: the weight stays a plain integer tensor
    }
    var params = new DequantizeLinearParams(file, node, factory);
    long[] shape = factory.shape(x.proto(), x.key());
    Dequantization dq =
        params.build(shape, scale.proto(), zeroPoint == null ? null : zeroPoint.proto());
    Tensor tensor = factory.create(named(x), dq);
    String type = OnnxDataType.name(x.proto().getDataType());
    return new WeightView(
        tensor, x, List.of(), "DequantizeLinear " + type + ", " + dq.describe(), node);
  }

  /** The tensor a Constant node holds (value, value_float(s), value_int(s)), or null. */
  static TensorProto constantValue(NodeProto node, String output) {
    if (node == null || !node.getOpType().equals("Constant") || !Nodes.isDefaultDomain(node)) {
      return null;
    }
    for (AttributeProto a : node.getAttributeList()) {
      TensorProto t =
          switch (a.getName()) {
            case "value" -> a.hasT() ? a.getT() : null;
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
            case "value_int" ->
                TensorProto.newBuilder()
                    .setDataType(OnnxDataType.INT64)
                    .addInt64Data(a.getI())
                    .build();
            case "value_ints" ->
                TensorProto.newBuilder()
                    .setDataType(OnnxDataType.INT64)
                    .addDims(a.getIntsCount())
                    .addAllInt64Data(a.getIntsList())
                    .build();
            default -> null;
          };
      if (t != null) {
        return t.toBuilder().setName(output).build();
      }
    }
    return null;
  }
}
