package io.quantlens.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A format-neutral view of a model file: its weight-bearing layers and descriptive metadata. Tensor
 * values stay in the (memory-mapped) file until a reader asks for them.
 *
 * @param source the model file
 * @param metadata format, producer, versions
 * @param inputs graph inputs (initializers excluded)
 * @param outputs graph outputs
 * @param layers weight-bearing layers in graph order
 * @param initializers every stored tensor, including those that are not layer weights
 */
public record Model(
    Path source,
    ModelMetadata metadata,
    List<ValueInfo> inputs,
    List<ValueInfo> outputs,
    List<Layer> layers,
    List<Tensor> initializers) {

  public Model {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    layers = List.copyOf(layers);
    initializers = List.copyOf(initializers);
  }

  /** Parameters held by the layers' weights and biases. */
  public long layerParameterCount() {
    return layers.stream().mapToLong(Layer::parameterCount).sum();
  }

  /** Elements of every stored tensor. */
  public long totalParameterCount() {
    return initializers.stream().mapToLong(Tensor::elementCount).sum();
  }

  /** Stored bytes of all tensors, by element type, in a stable order. */
  public Map<DType, Long> bytesByDType() {
    var bytes = new java.util.EnumMap<DType, Long>(DType.class);
    for (Tensor t : initializers) {
      bytes.merge(t.dtype(), t.storedBytes(), Long::sum);
    }
    return bytes;
  }
}
