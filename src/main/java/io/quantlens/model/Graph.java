package io.quantlens.model;

import java.util.List;

/**
 * A model's computation graph: its operations in stored (topological) order.
 *
 * @param nodes the top-level nodes; subgraphs of control-flow nodes are not included
 */
public record Graph(List<Node> nodes) {
  public Graph {
    nodes = List.copyOf(nodes);
  }
}
