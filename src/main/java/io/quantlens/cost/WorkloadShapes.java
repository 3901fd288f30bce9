package io.quantlens.cost;

import io.quantlens.formats.ModelFiles;
import io.quantlens.model.Graph;
import io.quantlens.model.Model;
import io.quantlens.model.ModelFormatException;
import io.quantlens.model.Node;
import io.quantlens.model.Tensor;
import io.quantlens.model.ValueInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Measures every value's shape at a workload, then derives each node's MACs and activation bytes.
 *
 * <p>Shapes are inferred from the inputs' for the common operators ({@link ShapeInference}). The
 * rest come from ONNX Runtime runs that each keep a bounded set of values to the end: every value
 * whose shape cannot be inferred but whose producer's inputs are known (at most {@link
 * #MAX_EXPOSED} per run, plus Constant outputs, which are as large as the file holds), and the
 * small shape vectors that Reshape / Squeeze / Unsqueeze / Reduce targets are computed into
 * (exported transformers' Shape → Gather → Concat chains). Running rather than inferring resolves
 * those chains. A run's memory is therefore ONNX Runtime's ordinary inference (weights plus the
 * activations alive at once) plus at most {@value #MAX_EXPOSED} kept activations; a graph of only
 * inferable operators is not run at all.
 */
public final class WorkloadShapes {
  /** Activations one run keeps to its end at most. */
  static final int MAX_EXPOSED = 8;

  private WorkloadShapes() {}

  /** Value sizes, and the values each ONNX Runtime run reported (empty when none was needed). */
  record Measurement(Map<String, ValueSize> sizes, List<Set<String>> runs) {}

  /**
   * Measures the model's shapes at the workload's input shapes and costs every node.
   *
   * @param modelFile the model file {@code model} was read from
   * @throws IllegalArgumentException when the workload sets a dimension the model does not have
   * @throws ModelFormatException when the model cannot be read or run
   */
  public static WorkloadCosts measure(Path modelFile, Model model, Workload workload)
      throws ModelFormatException {
    if (LayerOnlyWorkloads.appliesTo(model)) {
      return LayerOnlyWorkloads.measure(modelFile, model, workload);
    }
    workload.checkAgainst(model.inputs());
    Graph graph = ModelFiles.graph(modelFile);
    return costs(
        modelFile, model, graph, workload, sizes(modelFile, model, graph, workload).sizes());
  }

  /** Per-node costs from measured sizes. */
  static WorkloadCosts costs(
      Path modelFile, Model model, Graph graph, Workload workload, Map<String, ValueSize> sizes)
      throws ModelFormatException {
    Set<String> initializers = new HashSet<>();
    model.initializers().forEach(t -> initializers.add(t.name()));
    try {
      List<NodeCost> nodes = NodeCosts.of(graph, sizes, initializers);
      return new WorkloadCosts(
          workload, workload.effectiveDims(model.inputs()), nodes, NodeCosts.shapes(sizes));
    } catch (IllegalStateException | ArithmeticException e) {
      throw new ModelFormatException(modelFile, "cannot cost the graph: " + e.getMessage(), e);
    }
  }

  /** Stored sizes of the initializers, by name. */
  static Map<String, ValueSize> initializerSizes(Model model) {
    Map<String, ValueSize> sizes = new LinkedHashMap<>();
    for (Tensor t : model.initializers()) {
      sizes.put(t.name(), new ValueSize(t.shape(), t.dtype().bits()));
    }
    return sizes;
  }

  /** Sizes of the initializers, graph inputs and node outputs: inferred, else run for. */
  static Measurement sizes(Path modelFile, Model model, Graph graph, Workload workload)
      throws ModelFormatException {
    Map<String, ValueSize> sizes = initializerSizes(model);
    Map<String, long[]> values = graph.smallIntegers();
    graph.constantShapes().forEach((name, shape) -> sizes.put(name, new ValueSize(shape, 64)));
    boolean inputsSized = true;
    for (ValueInfo input : model.inputs()) {
      int bits = ElementBits.ofName(input.elementType());
      if (bits == 0) {
        inputsSized = false;
      } else {
        sizes.put(input.name(), new ValueSize(workload.resolve(input), bits));
      }
    }
    Map<String, Node> producers = new HashMap<>();
    graph.nodes().forEach(n -> n.outputs().forEach(o -> producers.put(o, n)));
    Set<String> unreported = new HashSet<>();
    Set<String> unread = new HashSet<>();
    List<Set<String>> runs = new ArrayList<>();
    while (true) {
      infer(graph, sizes, values);
      Set<String> shapeVectors = shapeVectorsToRead(graph, sizes, values, producers, unread);
      Set<String> request = new LinkedHashSet<>(shapeVectors);
      request.addAll(unknownOutputs(graph, sizes, producers, unreported, shapeVectors));
      if (request.isEmpty() && inputsSized) {
        return new Measurement(sizes, runs);
      }
      OrtShapeRun.Report report = OrtShapeRun.run(modelFile, model, workload, request);
      runs.add(request);
      sizes.putAll(report.sizes());
      values.putAll(report.values());
      for (String value : request) {
        if (!report.sizes().containsKey(value)) {
          unreported.add(value);
        }
        if (shapeVectors.contains(value) && !report.values().containsKey(value)) {
          unread.add(value);
        }
      }
      inputsSized = true;
    }
  }

  /**
   * Passes in graph order until one adds nothing: ONNX asks for topological order, but some
   * converters append nodes (e.g. the input casts of an FP16 conversion) after their consumers.
   */
  private static void infer(Graph graph, Map<String, ValueSize> sizes, Map<String, long[]> values) {
    boolean added = true;
    while (added) {
      added = false;
      for (Node node : graph.nodes()) {
        if (node.opType().equals("DynamicQuantizeLinear")
            && !sizes.containsKey(node.outputs().get(0))) {
          ValueSize[] outputs = ShapeInference.dynamicQuantizeLinear(node, sizes::get);
          for (int i = 0; outputs != null && i < outputs.length; i++) {
            sizes.put(node.outputs().get(i), outputs[i]);
            added = true;
          }
        }
        if (node.outputs().size() == 1 && !sizes.containsKey(node.outputs().get(0))) {
          ValueSize size = ShapeInference.infer(node, sizes::get, values::get);
          if (size != null) {
            sizes.put(node.outputs().get(0), size);
            added = true;
          }
        }
        if (node.outputs().size() == 1
            && sizes.containsKey(node.outputs().get(0))
            && !values.containsKey(node.outputs().get(0))) {
          long[] elements = ShapeValues.infer(node, sizes::get, values::get);
          if (elements != null) {
            values.put(node.outputs().get(0), elements);
            added = true;
          }
        }
      }
    }
  }

  /** Computed inputs whose elements an unknown output's shape waits for. */
  private static Set<String> shapeVectorsToRead(
      Graph graph,
      Map<String, ValueSize> sizes,
      Map<String, long[]> values,
      Map<String, Node> producers,
      Set<String> unread) {
    Set<String> wanted = new LinkedHashSet<>();
    for (Node node : graph.nodes()) {
      int position = ShapeInference.valueInput(node);
      if (position < 0 || node.outputs().stream().allMatch(sizes::containsKey)) {
        continue;
      }
      String vector = node.input(position);
      if (producers.containsKey(vector)
          && !values.containsKey(vector)
          && !unread.contains(vector)) {
        wanted.add(vector);
      }
    }
    return wanted;
  }

  /**
   * Unknown outputs of nodes whose inputs are all as known as they will get: Constant outputs all,
   * others at most {@link #MAX_EXPOSED}; nodes waiting for a shape vector wait.
   */
  private static List<String> unknownOutputs(
      Graph graph,
      Map<String, ValueSize> sizes,
      Map<String, Node> producers,
      Set<String> unreported,
      Set<String> awaitedVectors) {
    List<String> chosen = new ArrayList<>();
    int activations = 0;
    for (Node node : graph.nodes()) {
      boolean ready =
          node.inputs().stream()
              .allMatch(
                  in ->
                      in.isEmpty()
                          || sizes.containsKey(in)
                          || unreported.contains(in)
                          || !producers.containsKey(in));
      int vector = ShapeInference.valueInput(node);
      boolean waits = vector >= 0 && awaitedVectors.contains(node.input(vector));
      if (!ready || waits) {
        continue;
      }
      boolean constant = node.opType().equals("Constant");
      for (String output : node.outputs()) {
        if (output.isEmpty() || sizes.containsKey(output) || unreported.contains(output)) {
          continue;
        }
        if (!constant && activations == MAX_EXPOSED) {
          return chosen;
        }
        chosen.add(output);
        activations += constant ? 0 : 1;
      }
    }
    return chosen;
  }
}
