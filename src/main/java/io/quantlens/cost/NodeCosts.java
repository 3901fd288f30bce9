package io.quantlens.cost;

import io.quantlens.model.Graph;
import io.quantlens.model.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Each node's MACs, activation bytes and weight from the sizes of the graph's values. */
final class NodeCosts {
  private NodeCosts() {}

  /**
   * One cost per top-level node, in graph order.
   *
   * @param sizes sizes of the initializers, graph inputs and node outputs
   * @param initializers names of the initializers (weights: not activation traffic)
   * @throws IllegalStateException when a shape a node's MACs need is missing
   */
  static List<NodeCost> of(Graph graph, Map<String, ValueSize> sizes, Set<String> initializers) {
    Map<String, long[]> shapes = shapes(sizes);
    Map<String, String> dequantized = dequantizedInitializers(graph, initializers);
    List<NodeCost> costs = new ArrayList<>(graph.nodes().size());
    for (Node node : graph.nodes()) {
      costs.add(cost(node, shapes, sizes, initializers, dequantized));
    }
    return costs;
  }

  static Map<String, long[]> shapes(Map<String, ValueSize> sizes) {
    Map<String, long[]> shapes = new LinkedHashMap<>();
    sizes.forEach((name, v) -> shapes.put(name, v.shape()));
    return shapes;
  }

  private static NodeCost cost(
      Node node,
      Map<String, long[]> shapes,
      Map<String, ValueSize> sizes,
      Set<String> initializers,
      Map<String, String> dequantized) {
    long macs = MacCounter.macs(node, shapes);
    long read = 0;
    for (String input : new LinkedHashSet<>(node.inputs())) {
      if (!input.isEmpty() && !initializers.contains(input) && sizes.containsKey(input)) {
        read += sizes.get(input).bytes();
      }
    }
    long written = 0;
    for (String output : node.outputs()) {
      ValueSize v = sizes.get(output);
      written += v == null ? 0 : v.bytes();
    }
    String first = node.outputs().isEmpty() ? "" : node.outputs().get(0);
    long[] outputShape = shapes.getOrDefault(first, new long[0]);
    String name = node.name().isEmpty() ? first : node.name();
    return new NodeCost(
        name,
        node.opType(),
        macs,
        outputShape,
        read,
        written,
        weight(node, initializers, dequantized));
  }

  /** The initializer behind the node's weight operand, directly or through a DequantizeLinear. */
  private static String weight(
      Node node, Set<String> initializers, Map<String, String> dequantized) {
    int[] positions = MacCounter.WEIGHT_INPUTS.get(node.opType());
    if (positions == null) {
      return null;
    }
    for (int position : positions) {
      String input = node.input(position);
      if (initializers.contains(input)) {
        return input;
      }
      if (dequantized.containsKey(input)) {
        return dequantized.get(input);
      }
    }
    return null;
  }

  /** DequantizeLinear outputs whose quantized input is an initializer, to that initializer. */
  private static Map<String, String> dequantizedInitializers(
      Graph graph, Set<String> initializers) {
    Map<String, String> map = new HashMap<>();
    for (Node node : graph.nodes()) {
      if (node.opType().equals("DequantizeLinear")
          && initializers.contains(node.input(0))
          && !node.outputs().isEmpty()) {
        map.put(node.outputs().get(0), node.input(0));
      }
    }
    return map;
  }
}
