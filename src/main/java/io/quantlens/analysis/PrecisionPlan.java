package io.quantlens.analysis;

import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.quant.FloatFormat;
import io.quantlens.quant.Scheme;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which scheme each layer runs at: a default plus per-layer choices. Immutable; a change makes a
 * new plan.
 *
 * @param defaultScheme the scheme of every layer not listed
 * @param layers layer name → scheme, in the order given
 */
public record PrecisionPlan(Scheme defaultScheme, Map<String, Scheme> layers) {
  public static final Scheme FP32 = Scheme.of(FloatFormat.FP32);

  public PrecisionPlan {
    layers = Collections.unmodifiableMap(new LinkedHashMap<>(layers));
  }

  /** Every layer FP32: the reference. */
  public static PrecisionPlan fp32() {
    return new PrecisionPlan(FP32, Map.of());
  }

  /** Every layer at {@code scheme}. */
  public static PrecisionPlan uniform(Scheme scheme) {
    return new PrecisionPlan(scheme, Map.of());
  }

  /** One layer at {@code scheme}, the rest FP32: a sensitivity probe. */
  public static PrecisionPlan only(String layer, Scheme scheme) {
    return new PrecisionPlan(FP32, Map.of(layer, scheme));
  }

  public Scheme schemeFor(String layer) {
    return layers.getOrDefault(layer, defaultScheme);
  }

  /** The plan with {@code layer} set to {@code scheme}. */
  public PrecisionPlan with(String layer, Scheme scheme) {
    Map<String, Scheme> changed = new LinkedHashMap<>(layers);
    changed.put(layer, scheme);
    return new PrecisionPlan(defaultScheme, changed);
  }

  /** The layers of {@code model} this plan changes (every scheme but FP32), in model order. */
  public List<Layer> quantizedLayers(Model model) {
    List<Layer> changed = new ArrayList<>();
    for (Layer layer : model.layers()) {
      if (!schemeFor(layer.name()).equals(FP32)) {
        changed.add(layer);
      }
    }
    return changed;
  }

  /** Layer names this plan lists that {@code model} does not have, sorted. */
  public Set<String> unknownLayers(Model model) {
    Set<String> unknown = new TreeSet<>(layers.keySet());
    model.layers().forEach(layer -> unknown.remove(layer.name()));
    return unknown;
  }

  /** Short text such as {@code int8:channel:sym} or {@code fp32 + 3 layers}. */
  public String describe() {
    if (layers.isEmpty()) {
      return defaultScheme.id();
    }
    return defaultScheme.id() + " + " + layers.size() + (layers.size() == 1 ? " layer" : " layers");
  }
}
