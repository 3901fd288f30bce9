package io.quantlens.cost;

import io.quantlens.model.Layer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Per-node MACs, shapes and activation traffic of one inference at a workload.
 *
 * @param workload the workload measured
 * @param effectiveDims every symbolic input dimension's value as used, user-set or default
 * @param nodes one entry per top-level graph node, in graph order
 * @param shapes every value's measured shape: graph inputs, initializers and node outputs
 */
public record WorkloadCosts(
    Workload workload,
    Map<String, Long> effectiveDims,
    List<NodeCost> nodes,
    Map<String, long[]> shapes) {

  public WorkloadCosts {
    effectiveDims = Collections.unmodifiableMap(new LinkedHashMap<>(effectiveDims));
    nodes = List.copyOf(nodes);
    Map<String, long[]> copy = new LinkedHashMap<>();
    shapes.forEach((name, shape) -> copy.put(name, shape.clone()));
    shapes = Collections.unmodifiableMap(copy);
  }

  /** Shapes by value name; the arrays are copies. */
  @Override
  public Map<String, long[]> shapes() {
    Map<String, long[]> copy = new LinkedHashMap<>();
    shapes.forEach((name, shape) -> copy.put(name, shape.clone()));
    return copy;
  }

  /** The measured shape of one value, or empty when the graph has no value of that name. */
  public Optional<long[]> shape(String value) {
    return Optional.ofNullable(shapes.get(value)).map(long[]::clone);
  }

  public long totalMacs() {
    return nodes.stream().mapToLong(NodeCost::macs).sum();
  }

  public long activationBytesRead() {
    return nodes.stream().mapToLong(NodeCost::activationBytesRead).sum();
  }

  public long activationBytesWritten() {
    return nodes.stream().mapToLong(NodeCost::activationBytesWritten).sum();
  }

  /**
   * The node behind a layer: same op type and node name, else (for layers named after their weight
   * because the node had no name) same op type and weight initializer.
   */
  public Optional<NodeCost> forLayer(Layer layer) {
    Optional<NodeCost> byName =
        nodes.stream()
            .filter(n -> n.opType().equals(layer.opType()) && n.node().equals(layer.name()))
            .findFirst();
    if (byName.isPresent()) {
      return byName;
    }
    String weight = layer.weight().name();
    return nodes.stream()
        .filter(n -> n.opType().equals(layer.opType()) && weight.equals(n.weight()))
        .findFirst();
  }
}
