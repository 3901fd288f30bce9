package io.quantlens.eval;

import io.quantlens.analysis.FakeQuantizer;
import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.model.DType;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.model.Tensor;
import io.quantlens.quant.Scheme;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The weights a plan changes, quantized then dequantized by the engine, laid out as each layer
 * shows its weight, ready to replace the file's.
 */
final class FakeQuantizedWeights {
  /** A layer's weight to run with instead of the stored one. */
  record Replacement(Layer layer, float[] values) {
    /** True when the values can go straight in as the FLOAT32 initializer they replace. */
    boolean plain(Model model) {
      return isPlain(model, layer);
    }
  }

  private FakeQuantizedWeights() {}

  /** True for a FLOAT32 initializer of the main graph that its node reads as it is stored. */
  static boolean isPlain(Model model, Layer layer) {
    return layer.storage().isEmpty()
        && layer.weight().dtype() == DType.FLOAT32
        && model.initializers().contains(layer.weight());
  }

  /** The plan's schemes by the name of each layer it changes. */
  static Map<String, Scheme> schemesByLayer(Model model, PrecisionPlan plan) {
    Map<String, Scheme> schemes = new LinkedHashMap<>();
    for (Layer layer : plan.quantizedLayers(model)) {
      schemes.put(layer.name(), plan.schemeFor(layer.name()));
    }
    return schemes;
  }

  /**
   * Computes the replacements on {@code pool}, one task per layer; a layer in {@code smoothing} has
   * its weight rows multiplied by SmoothQuant's factors before it is quantized.
   */
  static List<Replacement> compute(
      Model model, PrecisionPlan plan, Map<String, float[]> smoothing, ExecutorService pool)
      throws EvalException, InterruptedException {
    List<Future<Replacement>> futures = new ArrayList<>();
    for (Layer layer : plan.quantizedLayers(model)) {
      Scheme scheme = plan.schemeFor(layer.name());
      float[] s = smoothing.get(layer.name());
      futures.add(
          pool.submit(
              () -> {
                Tensor weight =
                    s == null
                        ? layer.weight()
                        : SmoothQuant.scaled(layer.weight(), layer.channelAxis(), s);
                return new Replacement(
                    layer, FakeQuantizer.roundTrip(weight, layer.channelAxis(), scheme));
              }));
    }
    List<Replacement> replacements = new ArrayList<>();
    try {
      for (Future<Replacement> future : futures) {
        replacements.add(future.get());
      }
    } catch (ExecutionException e) {
      throw new EvalException("quantizing weights failed: " + e.getCause(), e.getCause());
    } finally {
      futures.forEach(f -> f.cancel(true));
    }
    return replacements;
  }
}
