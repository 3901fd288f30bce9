package io.quantlens.formats.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.model.ModelFormatException;
import io.quantlens.model.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    TensorFactory factory = new TensorFactory(file, new ExternalDataResolver(file));

    Map<String, TensorProto> protos = new LinkedHashMap<>();
    for (TensorProto t : graph.getInitializerList()) {
      if (protos.putIfAbsent(t.getName(), t) != null) {
        throw new ModelFormatException(
            file, "initializer name '" + t.getName() + "' is used twice");
      }
    }
    DequantizeLinearIndex dq = DequantizeLinearIndex.scan(file, graph, protos, factory);

    List<Tensor> initializers = new ArrayList<>(protos.size());
    Map<String, Tensor> weights = new HashMap<>();
    for (TensorProto proto : protos.values()) {
      Dequantization dequantization = dq.forInitializer(proto.getName());
      Tensor tensor = factory.create(proto, dequantization);
      initializers.add(tensor);
      if (OnnxDataType.isFloat(proto.getDataType()) || dequantization != null) {
        weights.put(tensor.name(), tensor);
      }
    }

    List<Layer> layers =
        new LayerDiscovery(
                graph,
                name -> {
                  Tensor direct = weights.get(name);
                  if (direct != null) {
                    return direct;
                  }
                  String quantized = dq.initializerFor(name);
                  return quantized == null ? null : weights.get(quantized);
                })
            .layers();

    return new Model(
        file,
        OnnxMetadata.metadata(model),
        OnnxMetadata.values(graph.getInputList(), protos.keySet()),
        OnnxMetadata.values(graph.getOutputList(), java.util.Set.of()),
        layers,
        initializers);
  }
}
