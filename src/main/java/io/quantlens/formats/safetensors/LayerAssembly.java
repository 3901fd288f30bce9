package io.quantlens.formats.safetensors;

import io.quantlens.model.DType;
import io.quantlens.model.Layer;
import io.quantlens.model.Tensor;
import io.quantlens.model.TensorNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds the layers of a checkpoint, which has no graph: every readable, non-empty tensor of rank ≥
 * 2 is a layer's weight, named after the tensor without {@code .weight}, with {@code X.bias}
 * attached. PyTorch stores weights output-channel first ({@code [out, in]} for Linear, {@code [out,
 * in, kh, kw]} for Conv), so the channel axis is 0.
 */
final class LayerAssembly {
  private static final Set<String> EMBEDDING_SEGMENTS = Set.of("wte", "wpe", "token_embd");

  private LayerAssembly() {}

  /**
   * The layers in natural name order ({@code layers.2} before {@code layers.10}).
   *
   * @param storage how the file stores a weight, by tensor name, when it is more than a plain
   *     tensor
   * @param notWeights tensors that are no layer's weight (an MLX layer's scales and biases)
   */
  static List<Layer> layers(
      List<Tensor> tensors, Map<String, String> storage, Set<String> notWeights) {
    Map<String, Tensor> byName = new HashMap<>();
    for (Tensor t : tensors) {
      byName.put(t.name(), t);
    }
    List<Layer> layers = new ArrayList<>();
    Set<String> taken = new HashSet<>();
    for (Tensor t : tensors) {
      if (t.dtype() == DType.OTHER
          || t.rank() < 2
          || t.elementCount() == 0
          || notWeights.contains(t.name())) {
        continue;
      }
      String name = TensorNames.layerName(t.name());
      if (!taken.add(name)) {
        name = t.name(); // a tensor literally named like another's layer keeps its own name
        taken.add(name);
      }
      layers.add(
          new Layer(
              name,
              opType(t),
              t,
              bias(t, byName),
              0,
              storage.getOrDefault(t.name(), ""),
              List.of(name)));
    }
    layers.sort((a, b) -> TensorNames.compareNatural(a.name(), b.name()));
    return layers;
  }

  private static Tensor bias(Tensor weight, Map<String, Tensor> byName) {
    if (!weight.name().endsWith(".weight")) {
      return null;
    }
    Tensor bias = byName.get(TensorNames.layerName(weight.name()) + ".bias");
    return bias != null && bias.dtype() != DType.OTHER && bias.rank() <= 1 ? bias : null;
  }

  static String opType(Tensor weight) {
    String name = weight.name().toLowerCase(Locale.ROOT);
    if (name.contains("embed")) {
      return "Gather";
    }
    for (String segment : name.split("\\.")) {
      if (EMBEDDING_SEGMENTS.contains(segment)) {
        return "Gather";
      }
    }
    return weight.rank() >= 3 ? "Conv" : "MatMul";
  }
}
