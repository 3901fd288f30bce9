package io.quantlens.formats.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import io.quantlens.formats.onnx.LayerDiscovery.Use;
import io.quantlens.formats.onnx.WeightView.StoredTensor;
import io.quantlens.model.DType;
import io.quantlens.model.Layer;
import io.quantlens.model.ModelFormatException;
import io.quantlens.model.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the uses of stored tensors into layers, so that each stored value is counted in one layer
 * (docs/onnx-weights.md, "Slices and joins"): a stored tensor that some node reads whole is one
 * layer, shown as the first such node reads it; parts of it that nodes read (Slice) without any
 * node reading it whole are a layer each when they do not overlap, else the tensor is one layer as
 * stored.
 */
final class LayerGrouping {
  private final WeightResolver resolver;
  private final List<Layer> layers = new ArrayList<>();
  private final Map<String, List<Use>> usesByLayer = new LinkedHashMap<>();

  private LayerGrouping(WeightResolver resolver) {
    this.resolver = resolver;
  }

  /**
   * The layers, and under each layer's name the uses it stands for (none for a tensor shown as
   * stored because nodes read overlapping parts of it).
   */
  record Grouped(List<Layer> layers, Map<String, List<Use>> uses) {}

  static List<Layer> layers(WeightResolver resolver, List<Use> uses) throws ModelFormatException {
    return grouped(resolver, uses).layers();
  }

  static Grouped grouped(WeightResolver resolver, List<Use> uses) throws ModelFormatException {
    Map<String, List<Use>> bySource = new LinkedHashMap<>();
    for (Use use : uses) {
      bySource.computeIfAbsent(use.weight().source().key(), k -> new ArrayList<>()).add(use);
    }
    LayerGrouping grouping = new LayerGrouping(resolver);
    for (List<Use> group : bySource.values()) {
      grouping.group(group);
    }
    return new Grouped(List.copyOf(grouping.layers), Map.copyOf(grouping.usesByLayer));
  }

  private void group(List<Use> group) throws ModelFormatException {
    StoredTensor source = group.get(0).weight().source();
    Tensor stored = null; // as the file keeps it; needed only when a use selects
    Map<Part, List<Use>> parts = new LinkedHashMap<>();
    for (Use use : group) {
      if (!use.weight().selects()) {
        add(use, group, "");
        return;
      }
      stored = stored == null ? resolver.tensor(source) : stored;
      int[] indices = Footprint.indices(use.weight(), stored.shape());
      if (Footprint.coversAll(indices, stored.elementCount())) {
        add(use, group, "");
        return;
      }
      parts.computeIfAbsent(Part.of(indices), p -> new ArrayList<>()).add(use);
    }
    String of = "part of stored '" + source.name() + "' " + stored.shapeText();
    if (disjoint(parts.keySet(), stored.elementCount())) {
      parts.values().forEach(users -> add(users.get(0), users, of));
      return;
    }
    Use first = group.get(0);
    String where = where(source);
    String how = "read in overlapping parts by " + users(group).size() + " nodes, shown as stored";
    layers.add(
        new Layer(
            unique(first.layerName(), List.of()),
            first.opType(),
            stored,
            null,
            0,
            where.isEmpty() ? how : where + "; " + how,
            users(group)));
  }

  private void add(Use shown, List<Use> users, String part) {
    String storage = storage(shown.weight());
    if (!part.isEmpty()) {
      storage = storage.isEmpty() ? part : part + "; " + storage;
    }
    layers.add(
        new Layer(
            unique(shown.layerName(), users),
            shown.opType(),
            shown.weight().tensor(),
            shown.bias() == null ? null : shown.bias().tensor(),
            shown.channelAxis(),
            storage,
            users(users),
            activations(shown, storage.isEmpty())));
  }

  private static final Set<String> INTEGER_OPS =
      Set.of(
          "MatMulInteger", "ConvInteger", "QLinearMatMul", "QLinearConv", "DynamicQuantizeMatMul");

  /**
   * The type of the activations the node multiplies its weight with: 8-bit integers for an integer
   * operator or a float one whose other input comes out of a DequantizeLinear (static QDQ, which
   * ONNX Runtime fuses into the integer operator); else the float type the graph declares for that
   * input or a Cast gives it; when the file says nothing, the weight's own type if the node reads
   * it as stored (ONNX's MatMul, Gemm and Conv take both inputs in one type), else FLOAT32.
   */
  private static DType activations(Use use, boolean readAsStored) {
    NodeProto node = use.node();
    if (INTEGER_OPS.contains(node.getOpType())) {
      return DType.INT8;
    }
    for (int i = 0; i < Math.min(2, node.getInputCount()); i++) {
      String input = node.getInput(i);
      if (i == use.input() || input.isEmpty()) {
        continue;
      }
      if (dequantizesComputed(use.scope(), input)) {
        return DType.INT8;
      }
      int type = use.scope().declaredType(input);
      GraphScope.Definition d = use.scope().define(input);
      if (type == 0
          && d != null
          && d.producer() != null
          && d.producer().getOpType().equals("Cast")) {
        type = (int) Nodes.longAttribute(d.producer(), "to", 0);
      }
      if (type == 0 && readAsStored) {
        DType weight = use.weight().tensor().dtype();
        return weight == DType.FLOAT16 || weight == DType.BFLOAT16 ? weight : DType.FLOAT32;
      }
      return switch (type) {
        case OnnxDataType.FLOAT16 -> DType.FLOAT16;
        case OnnxDataType.BFLOAT16 -> DType.BFLOAT16;
        default -> DType.FLOAT32;
      };
    }
    return DType.FLOAT32;
  }

  /** True when {@code name} is a DequantizeLinear of a computed (not stored) value. */
  private static boolean dequantizesComputed(GraphScope scope, String name) {
    GraphScope.Definition d = scope.define(name);
    if (d == null || d.producer() == null) {
      return false;
    }
    NodeProto producer = d.producer();
    if (!producer.getOpType().equals("DequantizeLinear") || producer.getInputCount() == 0) {
      return false;
    }
    GraphScope.Definition codes = d.scope().define(producer.getInput(0));
    return codes == null || !codes.stored();
  }

  /** {@code wanted}, numbered when taken, recorded as the name of {@code uses}. */
  private String unique(String wanted, List<Use> uses) {
    String name = wanted;
    for (int i = 2; usesByLayer.containsKey(name); i++) {
      name = wanted + " #" + i;
    }
    usesByLayer.put(name, List.copyOf(uses));
    return name;
  }

  private static List<String> users(List<Use> uses) {
    return uses.stream().map(Use::layerName).distinct().toList();
  }

  private static boolean disjoint(Set<Part> parts, long count) {
    BitSet taken = new BitSet((int) count);
    for (Part part : parts) {
      for (int i : part.sorted()) {
        if (taken.get(i)) {
          return false;
        }
        taken.set(i);
      }
    }
    return true;
  }

  /** How the file stores a weight, for {@link Layer#storage}. */
  static String storage(WeightView view) {
    String where = where(view.source());
    String stored = view.quantized() ? "" : OnnxDataType.name(view.source().proto().getDataType());
    String chain = view.storage();
    List<String> parts = new ArrayList<>();
    if (!where.isEmpty()) {
      parts.add(where);
    }
    if (!chain.isEmpty()) {
      parts.add(view.quantized() ? chain : stored + ", through " + chain);
    }
    return String.join("; ", parts);
  }

  private static String where(StoredTensor source) {
    String where = source.constant() ? "Constant node" : "";
    if (!source.scope().isMain()) {
      where = (where.isEmpty() ? "initializer" : where) + " of subgraph " + source.scope().path();
    }
    return where;
  }

  /** The stored values a use reads, in index order. */
  private record Part(int[] sorted) {
    static Part of(int[] indices) {
      int[] sorted = indices.clone();
      Arrays.sort(sorted);
      return new Part(sorted);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Part p && Arrays.equals(sorted, p.sorted);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(sorted);
    }
  }
}
