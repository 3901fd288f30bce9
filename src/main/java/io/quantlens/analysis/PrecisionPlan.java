package io.quantlens.analysis;

import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.quant.ActivationScheme;
import io.quantlens.quant.FloatFormat;
import io.quantlens.quant.Scheme;
import io.quantlens.text.Language;
import io.quantlens.text.Messages;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which scheme each layer's weight runs at and how its input activation is quantized: a default
 * plus per-layer choices for each. Immutable; a change makes a new plan.
 *
 * @param defaultScheme the weight scheme of every layer not listed
 * @param layers layer name → weight scheme, in the order given
 * @param defaultActivation the activation scheme of every layer not listed in {@code activations}
 * @param activations layer name → activation scheme, in the order given
 * @param biasCorrected layers whose output is corrected for the mean shift their quantized weights
 *     cause (docs/activations.md#bias-correction), sorted
 * @param smoothQuantAlpha SmoothQuant's migration strength α in [0, 1] for the MatMul and Gemm
 *     layers whose weight and input are both integer-quantized (docs/activations.md#smoothquant);
 *     NaN for none
 */
public record PrecisionPlan(
    Scheme defaultScheme,
    Map<String, Scheme> layers,
    ActivationScheme defaultActivation,
    Map<String, ActivationScheme> activations,
    Set<String> biasCorrected,
    double smoothQuantAlpha) {
  public static final Scheme FP32 = Scheme.of(FloatFormat.FP32);

  public PrecisionPlan {
    layers = Collections.unmodifiableMap(new LinkedHashMap<>(layers));
    activations = Collections.unmodifiableMap(new LinkedHashMap<>(activations));
    biasCorrected = Collections.unmodifiableSortedSet(new TreeSet<>(biasCorrected));
    if (!Double.isNaN(smoothQuantAlpha) && !(smoothQuantAlpha >= 0 && smoothQuantAlpha <= 1)) {
      throw new IllegalArgumentException(
          "SmoothQuant's alpha is between 0 and 1, not " + smoothQuantAlpha);
    }
  }

  /** Without SmoothQuant. */
  public PrecisionPlan(
      Scheme defaultScheme,
      Map<String, Scheme> layers,
      ActivationScheme defaultActivation,
      Map<String, ActivationScheme> activations,
      Set<String> biasCorrected) {
    this(defaultScheme, layers, defaultActivation, activations, biasCorrected, Double.NaN);
  }

  /** Weights and activations, no bias correction. */
  public PrecisionPlan(
      Scheme defaultScheme,
      Map<String, Scheme> layers,
      ActivationScheme defaultActivation,
      Map<String, ActivationScheme> activations) {
    this(defaultScheme, layers, defaultActivation, activations, Set.of());
  }

  /** A weight-only plan: every activation left in float. */
  public PrecisionPlan(Scheme defaultScheme, Map<String, Scheme> layers) {
    this(defaultScheme, layers, ActivationScheme.NONE, Map.of());
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

  public ActivationScheme activationFor(String layer) {
    return activations.getOrDefault(layer, defaultActivation);
  }

  /** The plan with {@code layer}'s weight set to {@code scheme}. */
  public PrecisionPlan with(String layer, Scheme scheme) {
    Map<String, Scheme> changed = new LinkedHashMap<>(layers);
    changed.put(layer, scheme);
    return new PrecisionPlan(
        defaultScheme, changed, defaultActivation, activations, biasCorrected, smoothQuantAlpha);
  }

  /** The plan with {@code layer}'s input activation set to {@code scheme}. */
  public PrecisionPlan withActivation(String layer, ActivationScheme scheme) {
    Map<String, ActivationScheme> changed = new LinkedHashMap<>(activations);
    changed.put(layer, scheme);
    return new PrecisionPlan(
        defaultScheme, layers, defaultActivation, changed, biasCorrected, smoothQuantAlpha);
  }

  /** The same weights with every activation at {@code scheme}. */
  public PrecisionPlan withActivations(ActivationScheme scheme) {
    return new PrecisionPlan(
        defaultScheme, layers, scheme, Map.of(), biasCorrected, smoothQuantAlpha);
  }

  /** The same activations with other weights. */
  public PrecisionPlan withWeights(Scheme defaultWeight, Map<String, Scheme> weights) {
    return new PrecisionPlan(
        defaultWeight, weights, defaultActivation, activations, biasCorrected, smoothQuantAlpha);
  }

  /** The plan with bias correction on or off for {@code layer}. */
  public PrecisionPlan withBiasCorrection(String layer, boolean on) {
    Set<String> changed = new TreeSet<>(biasCorrected);
    if (on) {
      changed.add(layer);
    } else {
      changed.remove(layer);
    }
    return new PrecisionPlan(
        defaultScheme, layers, defaultActivation, activations, changed, smoothQuantAlpha);
  }

  /**
   * The plan with bias correction on every Conv, Gemm and MatMul layer of {@code model} whose
   * weights it quantizes, or off everywhere.
   */
  public PrecisionPlan withBiasCorrection(Model model, boolean on) {
    Set<String> changed = new TreeSet<>();
    if (on) {
      for (Layer layer : quantizedLayers(model)) {
        if (BIAS_CORRECTABLE.contains(layer.opType())) {
          changed.add(layer.name());
        }
      }
    }
    return new PrecisionPlan(
        defaultScheme, layers, defaultActivation, activations, changed, smoothQuantAlpha);
  }

  /** The plan with SmoothQuant at {@code alpha}, or without it for NaN. */
  public PrecisionPlan withSmoothQuant(double alpha) {
    return new PrecisionPlan(
        defaultScheme, layers, defaultActivation, activations, biasCorrected, alpha);
  }

  /** True when SmoothQuant migrates activation outliers into the weights. */
  public boolean smoothes() {
    return !Double.isNaN(smoothQuantAlpha);
  }

  /** Operators whose output shift ΔW·E[x] bias correction removes. */
  public static final Set<String> BIAS_CORRECTABLE = Set.of("Conv", "Gemm", "MatMul");

  /** True when some layer's input activation is quantized. */
  public boolean quantizesActivations() {
    return !defaultActivation.isNone() || activations.values().stream().anyMatch(a -> !a.isNone());
  }

  /**
   * True when some layer's input range is found at each run (a dynamic scheme): results then depend
   * on how samples are batched.
   */
  public boolean hasDynamicActivations() {
    return java.util.stream.Stream.concat(
            java.util.stream.Stream.of(defaultActivation), activations.values().stream())
        .anyMatch(a -> !a.isNone() && a.mode() == ActivationScheme.Mode.DYNAMIC);
  }

  /** The layers of {@code model} whose input activation this plan quantizes, in model order. */
  public List<Layer> activationLayers(Model model) {
    List<Layer> changed = new ArrayList<>();
    for (Layer layer : model.layers()) {
      if (!activationFor(layer.name()).isNone()) {
        changed.add(layer);
      }
    }
    return changed;
  }

  /**
   * The layers of {@code model} whose weights this plan changes (every scheme but FP32), in order.
   */
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
    unknown.addAll(activations.keySet());
    unknown.addAll(biasCorrected);
    model.layers().forEach(layer -> unknown.remove(layer.name()));
    return unknown;
  }

  /**
   * Short text without a model, in English: {@code int8:channel:sym}, or {@code fp32 + 3 layers}
   * when some layers are listed ({@link PlanDescription#of(PrecisionPlan, Messages)}).
   */
  public String describe() {
    return PlanDescription.of(this, Language.ENGLISH.messages());
  }

  /**
   * What the plan does to {@code model}'s layers, in English: {@code int8:channel:sym for all 40
   * layers}, {@code mixed: 38 int4:g32:sym, 2 fp32} ({@link PlanDescription#of(PrecisionPlan,
   * Model, Messages)}).
   */
  public String describe(Model model) {
    return PlanDescription.of(this, model, Language.ENGLISH.messages());
  }
}
