package io.quantlens.formats.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One graph of a model, the main graph or a control-flow body (If branch, Loop or Scan body), with
 * what its names mean there. A name is looked up in the innermost graph that defines it (as a node
 * output, an initializer or a graph input) and then outward, as ONNX scoping says.
 */
final class GraphScope {
  /** Subgraphs nested deeper than this are not searched for weights. */
  static final int MAX_DEPTH = 16;

  private final GraphScope parent;
  private final String path;
  private final GraphProto graph;
  private final Map<String, TensorProto> initializers = new HashMap<>();
  private final Map<String, NodeProto> producers = new HashMap<>();
  private final Set<String> inputs = new HashSet<>();
  private final Map<String, List<NodeProto>> consumers = new HashMap<>();
  private final Set<String> graphOutputs = new HashSet<>();
  private final Map<String, Integer> declaredTypes = new HashMap<>();

  private GraphScope(GraphScope parent, String path, GraphProto graph) {
    this.parent = parent;
    this.path = path;
    this.graph = graph;
    for (TensorProto t : graph.getInitializerList()) {
      initializers.putIfAbsent(t.getName(), t);
    }
    for (ValueInfoProto input : graph.getInputList()) {
      if (!initializers.containsKey(input.getName())) {
        inputs.add(input.getName());
      }
    }
    for (ValueInfoProto output : graph.getOutputList()) {
      graphOutputs.add(output.getName());
    }
    for (List<ValueInfoProto> values :
        List.of(graph.getInputList(), graph.getOutputList(), graph.getValueInfoList())) {
      for (ValueInfoProto v : values) {
        if (v.getType().hasTensorType()) {
          declaredTypes.putIfAbsent(v.getName(), v.getType().getTensorType().getElemType());
        }
      }
    }
    for (NodeProto node : graph.getNodeList()) {
      for (String output : node.getOutputList()) {
        if (!output.isEmpty()) {
          producers.putIfAbsent(output, node);
        }
      }
      for (String input : node.getInputList()) {
        if (!input.isEmpty()) {
          consumers.computeIfAbsent(input, k -> new ArrayList<>(1)).add(node);
        }
      }
    }
  }

  static GraphScope main(GraphProto graph) {
    return new GraphScope(null, "", graph);
  }

  /** The main graph and every subgraph below it, outer graphs first. */
  List<GraphScope> withSubgraphs() {
    List<GraphScope> all = new ArrayList<>();
    collect(this, 0, all);
    return all;
  }

  private static void collect(GraphScope scope, int depth, List<GraphScope> all) {
    all.add(scope);
    if (depth >= MAX_DEPTH) {
      return;
    }
    for (NodeProto node : scope.graph.getNodeList()) {
      for (AttributeProto a : node.getAttributeList()) {
        List<GraphProto> bodies = new ArrayList<>();
        if (a.hasG()) {
          bodies.add(a.getG());
        }
        bodies.addAll(a.getGraphsList());
        for (GraphProto body : bodies) {
          String prefix = scope.path + nodeLabel(node) + "/" + a.getName() + "/";
          collect(new GraphScope(scope, prefix, body), depth + 1, all);
        }
      }
    }
  }

  /** A node's name, or its op and first output when it has none. */
  static String nodeLabel(NodeProto node) {
    if (!node.getName().isEmpty()) {
      return node.getName();
    }
    return node.getOpType() + (node.getOutputCount() > 0 ? "(" + node.getOutput(0) + ")" : "");
  }

  GraphProto graph() {
    return graph;
  }

  /** Prefix that makes this graph's names unique in the model: "" for the main graph. */
  String path() {
    return path;
  }

  boolean isMain() {
    return parent == null;
  }

  /** Where {@code name} is defined, looking outward from this graph; null when nowhere. */
  Definition define(String name) {
    for (GraphScope s = this; s != null; s = s.parent) {
      NodeProto producer = s.producers.get(name);
      if (producer != null) {
        return new Definition(s, producer, null);
      }
      TensorProto tensor = s.initializers.get(name);
      if (tensor != null) {
        return new Definition(s, null, tensor);
      }
      if (s.inputs.contains(name)) {
        return null; // a graph input (or a Loop/Scan body's iteration value): computed, not stored
      }
    }
    return null;
  }

  /**
   * The element type the graph declares for {@code name} (as an input, output or value_info),
   * looking outward; 0 (UNDEFINED) when none does.
   */
  int declaredType(String name) {
    for (GraphScope s = this; s != null; s = s.parent) {
      Integer type = s.declaredTypes.get(name);
      if (type != null) {
        return type;
      }
    }
    return 0;
  }

  /** The nodes of this graph that read {@code name}. */
  List<NodeProto> consumers(String name) {
    return consumers.getOrDefault(name, List.of());
  }

  /** True when {@code name} is read by something other than its consumers in this graph. */
  boolean isGraphOutput(String name) {
    return graphOutputs.contains(name);
  }

  /**
   * What defines a name: a node's output ({@code producer}) or an initializer ({@code tensor}), in
   * graph {@code scope}.
   */
  record Definition(GraphScope scope, NodeProto producer, TensorProto tensor) {
    /** True for an initializer or a Constant's value: stored in the file, not computed. */
    boolean stored() {
      return tensor != null || producer.getOpType().equals("Constant");
    }
  }
}
