package io.quantlens.model;

import java.io.IOException;
import java.nio.file.Files;
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
 * @param files every file the model's tensors are read from, {@code source} first: an ONNX model's
 *     external data files, a sharded checkpoint's shards, an OpenVINO IR's {@code .bin}
 */
public record Model(
    Path source,
    ModelMetadata metadata,
    List<ValueInfo> inputs,
    List<ValueInfo> outputs,
    List<Layer> layers,
    List<Tensor> initializers,
    List<Path> files) {

  public Model {
    files = List.copyOf(files);
    if (files.isEmpty() || !files.get(0).equals(source)) {
      throw new IllegalArgumentException("a model's files begin with its source " + source);
    }
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    layers = List.copyOf(layers);
    initializers = List.copyOf(initializers);
  }

  /** A model read from its source file alone. */
  public Model(
      Path source,
      ModelMetadata metadata,
      List<ValueInfo> inputs,
      List<ValueInfo> outputs,
      List<Layer> layers,
      List<Tensor> initializers) {
    this(source, metadata, inputs, outputs, layers, initializers, List.of(source));
  }

  /** The bytes of every file the model reads, as they are on disk now. */
  public long fileBytes() throws IOException {
    long bytes = 0;
    for (Path f : files) {
      bytes += Files.size(f);
    }
    return bytes;
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
