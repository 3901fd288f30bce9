package io.quantlens.eval.llm;

import io.quantlens.analysis.FakeQuantizer;
import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.model.Tensor;
import io.quantlens.quant.Scheme;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the forward pass takes a weight matrix's values from. The pass asks for a block's matrices
 * when it starts that block and drops them when it ends it, so a source that computes values (a
 * plan's fake quantization) holds at most one block's matrices, or the embedding or the output
 * projection, at a time.
 */
@FunctionalInterface
public interface WeightSource {
  /** The values to run {@code tensor} (a stored {@code [rows, columns]} matrix) with. */
  Matrix matrix(Tensor tensor);

  /** The file's own values, dequantized row by row as the pass reads them. */
  static WeightSource stored() {
    return Matrix::of;
  }

  /**
   * The values a plan gives: each layer the plan quantizes, quantized and dequantized by the
   * analysis' kernels ({@link FakeQuantizer}, the whole tensor at once since a scheme's scales may
   * span it); every other tensor as stored.
   */
  static WeightSource plan(Model model, PrecisionPlan plan) {
    Map<String, Layer> layers = new HashMap<>();
    for (Layer layer : plan.quantizedLayers(model)) {
      layers.put(layer.weight().name(), layer);
    }
    return tensor -> {
      Layer layer = layers.get(tensor.name());
      if (layer == null) {
        return Matrix.of(tensor);
      }
      Scheme scheme = plan.schemeFor(layer.name());
      float[] values = FakeQuantizer.roundTrip(layer.weight(), layer.channelAxis(), scheme);
      return Matrix.of(values, Math.toIntExact(tensor.dim(0)), Math.toIntExact(tensor.dim(1)));
    };
  }
}
