package io.quantlens.formats.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import io.quantlens.model.Layer;
import io.quantlens.model.Tensor;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Says plainly what the layer list leaves out: large stored tensors that no recognised operator
 * reads as a weight, or, when no layer was found at all, which operators the graph has.
 */
final class UnreadWeights {
  /** Tensors smaller than this (shapes, scalars, norms of small models) are not mentioned. */
  static final long MENTION_AT = 4096;

  private UnreadWeights() {}

  static Optional<String> note(
      List<GraphScope> scopes,
      List<Tensor> stored,
      List<LayerDiscovery.Use> uses,
      List<Layer> layers) {
    if (layers.isEmpty()) {
      return Optional.of(noLayers(scopes));
    }
    Set<String> read = new HashSet<>();
    for (LayerDiscovery.Use use : uses) {
      use.weight().sources().forEach(s -> read.add(s.key()));
      if (use.bias() != null) {
        use.bias().sources().forEach(s -> read.add(s.key()));
      }
      for (String input : use.node().getInputList()) {
        read.add(use.scope().path() + input);
        read.add(input);
      }
    }
    List<Tensor> unread =
        stored.stream()
            .filter(t -> t.elementCount() >= MENTION_AT && !read.contains(t.name()))
            .sorted(Comparator.comparingLong(Tensor::elementCount).reversed())
            .toList();
    if (unread.isEmpty()) {
      return Optional.empty();
    }
    long values = unread.stream().mapToLong(Tensor::elementCount).sum();
    String largest =
        unread.stream()
            .limit(3)
            .map(t -> "'" + t.name() + "' " + t.shapeText())
            .collect(Collectors.joining(", "));
    return Optional.of(
        String.format(
            Locale.ROOT,
            "%d stored tensor%s (%,d values) %s not read as a layer weight by any recognised"
                + " operator and %s not analysed; largest: %s",
            unread.size(),
            unread.size() == 1 ? "" : "s",
            values,
            unread.size() == 1 ? "is" : "are",
            unread.size() == 1 ? "is" : "are",
            largest));
  }

  /** The sentence for a graph without weight layers; it starts with {@link #NO_LAYERS}. */
  static String noLayers(List<GraphScope> scopes) {
    Map<String, Integer> ops = new TreeMap<>();
    for (GraphScope scope : scopes) {
      for (NodeProto node : scope.graph().getNodeList()) {
        ops.merge(Nodes.qualifiedOp(node), 1, Integer::sum);
      }
    }
    String seen =
        ops.isEmpty()
            ? "the graph has no nodes"
            : "the graph has "
                + ops.entrySet().stream()
                    .map(e -> e.getKey() + " ×" + e.getValue())
                    .collect(Collectors.joining(", "));
    return NO_LAYERS
        + ": "
        + seen
        + ", and none of them reads a stored weight (weights are recognised in "
        + LayerDiscovery.KNOWN_OPS
        + ", stored as initializers or Constant nodes)";
  }

  static final String NO_LAYERS = "no weight layer found";
}
