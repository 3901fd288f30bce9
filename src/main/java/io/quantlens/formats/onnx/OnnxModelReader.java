package io.quantlens.formats.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.model.ModelFormatException;
import io.quantlens.model.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an ONNX model into a format-neutral {@link Model}. The file is memory-mapped; tensor values
 * stay in the mapping (or in mapped external data files) and are streamed by the tensors' readers.
 * Instances hold no state and may be shared.
 */
public final class OnnxModelReader {

  /**
   * Reads the model.
   *
   * @throws ModelFormatException when the file is missing, unreadable, not an ONNX model, or
   *     inconsistent; the message names the file and the problem
   */
  public Model read(Path file) throws ModelFormatException {
    try {
      return readChecked(file);
    } catch (ModelFormatException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ModelFormatException(file, "cannot read ONNX model: " + e, e);
    }
  }

  private Model readChecked(Path file) throws ModelFormatException {
    ModelProto model = OnnxProtoParser.parse(file);
    GraphProto graph = model.getGraph();
    Set<String> initializerNames = uniqueInitializerNames(file, graph);
    ExternalDataResolver externalData = new ExternalDataResolver(file);
    TensorFactory factory = new TensorFactory(file, externalData);
    WeightResolver resolver = new WeightResolver(file, factory);
    List<GraphScope> scopes = GraphScope.main(graph).withSubgraphs();
    List<LayerDiscovery.Use> uses = new LayerDiscovery(resolver).uses(scopes);
    List<Layer> layers = LayerGrouping.layers(resolver, uses);
    List<Tensor> stored = StoredTensors.all(resolver, scopes, uses);
    List<String> notes = new ArrayList<>();
    UnreadWeights.note(scopes, stored, uses, layers).ifPresent(notes::add);
    List<Path> files = new ArrayList<>(List.of(file));
    try {
      files.addAll(externalData.files());
    } catch (java.io.IOException e) {
      throw new ModelFormatException(file, "cannot compare its external data files: " + e, e);
    }
    return new Model(
        file,
        OnnxMetadata.metadata(model, notes),
        OnnxMetadata.values(graph.getInputList(), initializerNames),
        OnnxMetadata.values(graph.getOutputList(), Set.of()),
        layers,
        stored,
        files);
  }

  /** The main graph's initializer names, each checked to be used once. */
  private static Set<String> uniqueInitializerNames(Path file, GraphProto graph)
      throws ModelFormatException {
    Set<String> names = new HashSet<>();
    for (TensorProto t : graph.getInitializerList()) {
      if (!names.add(t.getName())) {
        throw new ModelFormatException(
            file, "initializer name '" + t.getName() + "' is used twice");
      }
    }
    return names;
  }

  /** Every tensor the model stores: initializers of every graph and Constant node values. */
  static final class StoredTensors {
    private StoredTensors() {}

    /**
     * Integer tensors that a DequantizeLinear or a quantized operator reads are given with their
     * dequantizing reader; Constant nodes count when they hold several floats (weights), not shapes
     * or scalar arithmetic constants.
     */
    static List<Tensor> all(
        WeightResolver resolver, List<GraphScope> scopes, List<LayerDiscovery.Use> uses)
        throws ModelFormatException {
      Map<String, Tensor> dequantized = new HashMap<>();
      for (LayerDiscovery.Use use : uses) {
        dequantizing(use.weight(), dequantized);
      }
      List<Tensor> all = new ArrayList<>();
      for (GraphScope scope : scopes) {
        for (NodeProto node : scope.graph().getNodeList()) {
          if (node.getOpType().equals("DequantizeLinear") && node.getOutputCount() > 0) {
            dequantizing(resolver.resolve(scope, node.getOutput(0)), dequantized);
          }
        }
        for (TensorProto t : scope.graph().getInitializerList()) {
          var source = new WeightView.StoredTensor(scope, t.getName(), t, false);
          all.add(dequantized.getOrDefault(source.key(), resolver.tensor(source)));
        }
        for (NodeProto node : scope.graph().getNodeList()) {
          if (node.getOutputCount() == 1) {
            TensorProto value = WeightResolver.constantValue(node, node.getOutput(0));
            if (value != null && OnnxDataType.isFloat(value.getDataType()) && holdsSeveral(value)) {
              var source = new WeightView.StoredTensor(scope, node.getOutput(0), value, true);
              all.add(dequantized.getOrDefault(source.key(), resolver.tensor(source)));
            }
          }
        }
      }
      return all;
    }

    private static boolean holdsSeveral(TensorProto value) {
      long n = 1;
      for (long d : value.getDimsList()) {
        n *= d;
      }
      return n > 1;
    }

    private static void dequantizing(WeightView view, Map<String, Tensor> dequantized) {
      if (view != null && view.quantized() && view.steps().isEmpty()) {
        Tensor t = view.tensor();
        long[] stored = view.source().proto().getDimsList().stream().mapToLong(d -> d).toArray();
        if (java.util.Arrays.equals(stored, t.shape())) {
          dequantized.putIfAbsent(view.source().key(), t);
        }
      }
    }
  }
}
