package io.quantlens.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's computation graph: its operations in stored (topological) order.
 *
 * @param nodes the top-level nodes; subgraphs of control-flow nodes are not included
 * @param smallIntegers elements of the integer initializers of at most {@link
 *     #SMALL_INTEGER_ELEMENTS} elements stored in the file itself (the shape and axes vectors that
 *     Reshape, Squeeze and the like read), and of such integer Constant nodes, by name
 * @param constantShapes the shapes of those Constant nodes' values, by output name
 */
public record Graph(
    List<Node> nodes, Map<String, long[]> smallIntegers, Map<String, long[]> constantShapes) {
  public static final int SMALL_INTEGER_ELEMENTS = 64;

  public Graph {
    nodes = List.copyOf(nodes);
    smallIntegers = copied(smallIntegers);
    constantShapes = copied(constantShapes);
  }

  public Graph(List<Node> nodes) {
    this(nodes, Map.of(), Map.of());
  }

  private static Map<String, long[]> copied(Map<String, long[]> arrays) {
    Map<String, long[]> copy = new HashMap<>();
    arrays.forEach((name, values) -> copy.put(name, values.clone()));
    return Map.copyOf(copy);
  }

  /** The shapes of the small integer Constant values; the arrays are copies. */
  @Override
  public Map<String, long[]> constantShapes() {
    Map<String, long[]> copy = new HashMap<>();
    constantShapes.forEach((name, shape) -> copy.put(name, shape.clone()));
    return copy;
  }

  /** The elements of small integer initializers; the arrays are copies. */
  @Override
  public Map<String, long[]> smallIntegers() {
    Map<String, long[]> copy = new HashMap<>();
    smallIntegers.forEach((name, values) -> copy.put(name, values.clone()));
    return copy;
  }
}
