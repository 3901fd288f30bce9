package io.quantlens.analysis;

import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.text.Messages;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** A plan in a few words of one language, with or without the model it is applied to. */
public final class PlanDescription {
  /** How many schemes a description with a model names before it sums up the rest. */
  static final int NAMED_SCHEMES = 3;

  private PlanDescription() {}

  /**
   * Without a model: {@code int8:channel:sym}, or {@code fp32 + 3 layers} when some layers are
   * listed, then {@code , activations int8:tensor:asym:static} when activations are quantized.
   */
  public static String of(PrecisionPlan plan, Messages m) {
    String weights = listed(m, plan.defaultScheme().id(), plan.layers().size()) + biasText(plan, m);
    if (!plan.quantizesActivations()) {
      return weights;
    }
    return m.get(
        "plan.withActivations",
        weights,
        listed(m, plan.defaultActivation().id(), plan.activations().size()) + smoothText(plan, m));
  }

  /**
   * What the plan does to {@code model}'s layers, counted by the scheme each layer gets (listed or
   * by default): {@code int8:channel:sym for all 40 layers}, or {@code mixed: 38 int4:g32:sym, 2
   * fp32} (the most used first; past three schemes, {@code 4 in 2 other schemes}); then, when
   * activations are quantized, {@code ; activations …} counted the same way.
   */
  public static String of(PrecisionPlan plan, Model model, Messages m) {
    String weights =
        counted(m, model, layer -> plan.schemeFor(layer).id(), plan.defaultScheme().id())
            + biasText(plan, m);
    if (!plan.quantizesActivations()) {
      return weights;
    }
    return m.get(
        "plan.withCountedActivations",
        weights,
        counted(m, model, layer -> plan.activationFor(layer).id(), plan.defaultActivation().id())
            + smoothText(plan, m));
  }

  private static String biasText(PrecisionPlan plan, Messages m) {
    int n = plan.biasCorrected().size();
    return n == 0 ? "" : m.get("plan.biasCorrected", n);
  }

  private static String smoothText(PrecisionPlan plan, Messages m) {
    return plan.smoothes()
        ? m.get("plan.smoothQuant", m.numbers().four(plan.smoothQuantAlpha()))
        : "";
  }

  private static String listed(Messages m, String defaultId, int listed) {
    return listed == 0 ? defaultId : m.get("plan.plusLayers", defaultId, listed);
  }

  private static String counted(
      Messages m, Model model, Function<String, String> idOf, String defaultId) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Layer layer : model.layers()) {
      counts.merge(idOf.apply(layer.name()), 1, Integer::sum);
    }
    int total = model.layers().size();
    if (counts.isEmpty()) {
      return defaultId;
    }
    if (counts.size() == 1) {
      String scheme = counts.keySet().iterator().next();
      return total == 1 ? m.get("plan.forTheOne", scheme) : m.get("plan.forAll", scheme, total);
    }
    List<Map.Entry<String, Integer>> byUse = new ArrayList<>(counts.entrySet());
    byUse.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < Math.min(NAMED_SCHEMES, byUse.size()); i++) {
      parts.add(m.get("plan.count", byUse.get(i).getValue(), byUse.get(i).getKey()));
    }
    if (byUse.size() > NAMED_SCHEMES) {
      int rest =
          byUse.subList(NAMED_SCHEMES, byUse.size()).stream().mapToInt(Map.Entry::getValue).sum();
      parts.add(m.get("plan.others", rest, byUse.size() - NAMED_SCHEMES));
    }
    return m.get("plan.mixed", String.join(", ", parts));
  }
}
