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

  /**
   * Short text without a model: {@code int8:channel:sym}, or {@code fp32 + 3 layers} when some
   * layers are listed. {@link #describe(Model)} says what the plan does to a model's layers.
   */
  public String describe() {
    if (layers.isEmpty()) {
      return defaultScheme.id();
    }
    return defaultScheme.id() + " + " + layers.size() + (layers.size() == 1 ? " layer" : " layers");
  }

  /** How many schemes {@link #describe(Model)} names before it sums up the rest. */
  static final int NAMED_SCHEMES = 3;

  /**
   * What the plan does to {@code model}'s layers, counted by the scheme each layer gets (listed or
   * by default): {@code int8:channel:sym for all 40 layers}, or {@code mixed: 38 int4:g32:sym, 2
   * fp32} (the most used first; past three schemes, {@code 4 in 2 other schemes}).
   */
  public String describe(Model model) {
    Map<Scheme, Integer> counts = new LinkedHashMap<>();
    for (Layer layer : model.layers()) {
      counts.merge(schemeFor(layer.name()), 1, Integer::sum);
    }
    int total = model.layers().size();
    if (counts.isEmpty()) {
      return defaultScheme.id();
    }
    if (counts.size() == 1) {
      String scheme = counts.keySet().iterator().next().id();
      return total == 1 ? scheme + " for the one layer" : scheme + " for all " + total + " layers";
    }
    List<Map.Entry<Scheme, Integer>> byUse = new ArrayList<>(counts.entrySet());
    byUse.sort(Map.Entry.<Scheme, Integer>comparingByValue().reversed());
    StringBuilder text = new StringBuilder("mixed: ");
    for (int i = 0; i < Math.min(NAMED_SCHEMES, byUse.size()); i++) {
      if (i > 0) {
        text.append(", ");
      }
      text.append(byUse.get(i).getValue()).append(' ').append(byUse.get(i).getKey().id());
    }
    if (byUse.size() > NAMED_SCHEMES) {
      int rest =
          byUse.subList(NAMED_SCHEMES, byUse.size()).stream().mapToInt(Map.Entry::getValue).sum();
      int others = byUse.size() - NAMED_SCHEMES;
      text.append(", ")
          .append(rest)
          .append(" in ")
          .append(others)
          .append(others == 1 ? " other scheme" : " other schemes");
    }
    return text.toString();
  }
}
