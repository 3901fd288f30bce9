package io.quantlens.formats.gguf;

import io.quantlens.model.Layer;
import io.quantlens.model.Tensor;
import io.quantlens.model.TensorNames;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Makes layers of a GGUF file's weight matrices. GGUF stores no graph, so every decodable tensor of
 * rank ≥ 2 is a layer; a row of it (the innermost GGUF dimension, the last axis of the shape) is
 * contiguous and holds one output channel's weights, so blocks run along rows and the channel axis
 * is 0.
 */
final class GgufLayers {
  private GgufLayers() {}

  /** Layers of the decodable tensors, in {@link #ORDER}. */
  static List<Layer> of(List<Tensor> decodable) {
    Map<String, Tensor> byName =
        decodable.stream().collect(Collectors.toMap(Tensor::name, Function.identity()));
    List<Layer> layers = new ArrayList<>();
    for (Tensor tensor : decodable) {
      if (tensor.rank() < 2) {
        continue;
      }
      String name = TensorNames.layerName(tensor.name());
      Tensor bias = byName.get(name + ".bias");
      String opType = name.equals("token_embd") ? "Gather" : "MatMul";
      layers.add(new Layer(name, opType, tensor, bias, 0));
    }
    layers.sort(Comparator.comparing(Layer::name, ORDER));
    return layers;
  }

  /**
   * Embeddings first, then the rest in {@link TensorNames#NATURAL_ORDER} ({@code blk.2} before
   * {@code blk.10}), then the output head; inside the first and last groups the (stable) sort keeps
   * file order.
   */
  static final Comparator<String> ORDER =
      Comparator.comparingInt(GgufLayers::group)
          .thenComparing((a, b) -> group(a) == 1 ? TensorNames.compareNatural(a, b) : 0);

  private static int group(String name) {
    if (name.startsWith("token_embd")) {
      return 0;
    }
    return name.equals("output") || name.startsWith("output_") || name.startsWith("output.")
        ? 2
        : 1;
  }
}
