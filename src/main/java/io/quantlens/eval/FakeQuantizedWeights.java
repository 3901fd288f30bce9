package io.quantlens.eval;

import io.quantlens.analysis.FakeQuantizer;
import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.model.DType;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.quant.Scheme;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The weights a plan changes, quantized then dequantized by the engine, ready to replace the
 * file's.
 */
final class FakeQuantizedWeights {
  /** A weight to run with instead of the stored one. */
  record Replacement(String initializer, long[] shape, float[] values) {}

  private FakeQuantizedWeights() {}

  /** The plan's quantized layers whose weights can be replaced; refuses those that cannot. */
  static Map<String, Scheme> schemesByInitializer(Model model, PrecisionPlan plan)
      throws EvalException {
    Map<String, Scheme> schemes = new LinkedHashMap<>();
    Map<String, String> owner = new LinkedHashMap<>();
    for (Layer layer : plan.quantizedLayers(model)) {
      Scheme scheme = plan.schemeFor(layer.name());
      String name = layer.weight().name();
      if (!layer.storage().isEmpty() || !model.initializers().contains(layer.weight())) {
        throw new EvalException(
            "layer '"
                + layer.name()
                + "' keeps its weight as "
                + (layer.storage().isEmpty() ? "a reshaped tensor" : layer.storage())
                + "; measured accuracy can so far replace only FLOAT32 initializers that the main"
                + " graph's node reads directly");
      }
      if (layer.weight().dtype() != DType.FLOAT32) {
        throw new EvalException(
            "layer '"
                + layer.name()
                + "' stores "
                + layer.weight().dtype()
                + " weights; measured accuracy needs FLOAT32 weights to replace");
      }
      Scheme earlier = schemes.putIfAbsent(name, scheme);
      if (earlier != null && !earlier.equals(scheme)) {
        throw new EvalException(
            "layers '"
                + owner.get(name)
                + "' and '"
                + layer.name()
                + "' share weight '"
                + name
                + "' but the plan gives them different schemes ("
                + earlier.id()
                + ", "
                + scheme.id()
                + ")");
      }
      owner.putIfAbsent(name, layer.name());
    }
    return schemes;
  }

  /** Computes the replacements on {@code pool}, one task per layer. */
  static List<Replacement> compute(Model model, PrecisionPlan plan, ExecutorService pool)
      throws EvalException, InterruptedException {
    Map<String, Scheme> schemes = schemesByInitializer(model, plan);
    Map<String, Layer> layers = new LinkedHashMap<>();
    for (Layer layer : plan.quantizedLayers(model)) {
      layers.putIfAbsent(layer.weight().name(), layer);
    }
    List<Future<Replacement>> futures = new ArrayList<>();
    for (var entry : schemes.entrySet()) {
      Layer layer = layers.get(entry.getKey());
      futures.add(
          pool.submit(
              () ->
                  new Replacement(
                      layer.weight().name(),
                      layer.weight().shape(),
                      FakeQuantizer.roundTrip(
                          layer.weight(), layer.channelAxis(), entry.getValue()))));
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
