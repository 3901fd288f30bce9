package io.quantlens.eval;

import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.formats.onnx.ActivationQuant;
import io.quantlens.formats.onnx.WeightPatcher;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.quant.ActivationHistogram;
import io.quantlens.quant.ActivationRange;
import io.quantlens.quant.ActivationScheme;
import io.quantlens.quant.Calibration;
import io.quantlens.quant.Symmetry;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The statistics of a model's activation edges on the calibration split of its evaluation data,
 * collected by running the model as stored with those edges as extra outputs: a first pass finds
 * each edge's exact min and max, a second (only when a method other than min/max asks) fills a
 * histogram over that range. Both are kept, so every calibration method of an edge costs one
 * collection (docs/activations.md#calibration).
 */
final class ActivationCalibration {
  /** Exact extremes of one edge over the split. */
  record Extremes(float min, float max, long count) {}

  /** A range searched on an edge's histogram, kept: the entropy search alone takes ~60 ms. */
  private record RangeKey(String value, Calibration calibration, int bits, Symmetry symmetry) {}

  private final ValueReads reads;
  private final Model model;
  private final Map<String, Extremes> extremes = new ConcurrentHashMap<>();
  private final Map<String, ActivationHistogram> histograms = new ConcurrentHashMap<>();
  private final Map<RangeKey, ActivationRange> searched = new ConcurrentHashMap<>();

  ActivationCalibration(ValueReads reads) {
    this.reads = reads;
    this.model = reads.model();
  }

  /**
   * How each layer whose activation {@code plan} quantizes is to be rewritten, calibrating first
   * what the plan's static schemes need and no earlier plan has collected.
   */
  Map<String, ActivationQuant> quantization(
      PrecisionPlan plan, WeightPatcher patcher, EvalProgress progress)
      throws EvalException, InterruptedException {
    Map<String, List<String>> valuesByLayer = new LinkedHashMap<>();
    Set<String> needExtremes = new LinkedHashSet<>();
    Set<String> needHistograms = new LinkedHashSet<>();
    for (Layer layer : plan.activationLayers(model)) {
      ActivationScheme scheme = plan.activationFor(layer.name());
      if (!scheme.needsCalibration()) {
        continue;
      }
      List<String> values = patcher.activationValues(layer.name());
      if (values.isEmpty()) {
        throw new EvalException(
            "the input of layer '"
                + layer.name()
                + "' lies inside a control-flow body, where calibration cannot read it;"
                + " give it a dynamic activation scheme");
      }
      valuesByLayer.put(layer.name(), values);
      for (String value : values) {
        if (!extremes.containsKey(value)) {
          needExtremes.add(value);
        }
        if (scheme.calibration().kind() != Calibration.Kind.MINMAX
            && !histograms.containsKey(value)) {
          needHistograms.add(value);
        }
      }
    }
    collectExtremes(needExtremes, patcher, progress);
    collectHistograms(needHistograms, patcher, progress);
    Map<String, ActivationQuant> quant = new LinkedHashMap<>();
    for (Layer layer : plan.activationLayers(model)) {
      ActivationScheme scheme = plan.activationFor(layer.name());
      List<String> values = valuesByLayer.get(layer.name());
      quant.put(
          layer.name(), new ActivationQuant(scheme, values == null ? null : range(scheme, values)));
    }
    return quant;
  }

  /** The extremes of each of {@code values}, collected in one pass for those not known yet. */
  Map<String, Extremes> extremes(Set<String> values, WeightPatcher patcher, EvalProgress progress)
      throws EvalException, InterruptedException {
    Set<String> missing = new LinkedHashSet<>(values);
    missing.removeAll(extremes.keySet());
    collectExtremes(missing, patcher, progress);
    Map<String, Extremes> known = new LinkedHashMap<>();
    values.forEach(v -> known.put(v, extremes.get(v)));
    return known;
  }

  /** The collected extremes of {@code value}, or null before a plan needed them. */
  Extremes extremes(String value) {
    return extremes.get(value);
  }

  /** The range a layer reading {@code values} gets: the union of each value's calibrated range. */
  private ActivationRange range(ActivationScheme scheme, List<String> values) {
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    for (String value : values) {
      ActivationRange r =
          scheme.calibration().kind() == Calibration.Kind.MINMAX
              ? minMax(extremes.get(value))
              : searched.computeIfAbsent(
                  new RangeKey(value, scheme.calibration(), scheme.bits(), scheme.symmetry()),
                  k -> histograms.get(value).range(k.calibration(), k.bits(), k.symmetry()));
      min = Math.min(min, r.min());
      max = Math.max(max, r.max());
    }
    return new ActivationRange(min, max);
  }

  private static ActivationRange minMax(Extremes e) {
    return e.count() == 0 ? new ActivationRange(0, 0) : new ActivationRange(e.min(), e.max());
  }

  private void collectExtremes(Set<String> values, WeightPatcher patcher, EvalProgress progress)
      throws EvalException, InterruptedException {
    if (values.isEmpty()) {
      return;
    }
    Map<String, Running> running = new LinkedHashMap<>();
    values.forEach(v -> running.put(v, new Running()));
    collect(
        values,
        patcher,
        progress,
        "calibrating: ranges of " + values.size() + " activations",
        (value, buffer) -> running.get(value).add(buffer));
    for (String value : values) {
      Running r = running.get(value);
      if (r.count > 0 && !(Float.isFinite(r.min) && Float.isFinite(r.max))) {
        throw new EvalException(
            "activation '" + value + "' is not finite on the calibration samples");
      }
      extremes.put(value, new Extremes(r.min, r.max, r.count));
    }
  }

  /** Min and max so far, NaN skipped. */
  private static final class Running {
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    long count;

    void add(FloatBuffer values) {
      for (int i = values.position(), end = values.limit(); i < end; i++) {
        float x = values.get(i);
        if (x == x) {
          min = Math.min(min, x);
          max = Math.max(max, x);
          count++;
        }
      }
    }
  }

  private void collectHistograms(Set<String> values, WeightPatcher patcher, EvalProgress progress)
      throws EvalException, InterruptedException {
    if (values.isEmpty()) {
      return;
    }
    Map<String, ActivationHistogram> filling = new LinkedHashMap<>();
    for (String value : values) {
      Extremes e = extremes.get(value);
      filling.put(
          value,
          e.count() == 0
              ? new ActivationHistogram(0, 0)
              : new ActivationHistogram(e.min(), e.max()));
    }
    collect(
        values,
        patcher,
        progress,
        "calibrating: histograms of " + values.size() + " activations",
        (value, buffer) -> filling.get(value).add(buffer));
    histograms.putAll(filling);
  }

  private void collect(
      Set<String> values,
      WeightPatcher patcher,
      EvalProgress progress,
      String step,
      ValueConsumer consumer)
      throws EvalException, InterruptedException {
    reads.collect(
        patcher,
        values,
        (start, value, buffer, shape) -> consumer.accept(value, buffer),
        progress,
        step,
        "calibration");
  }

  private interface ValueConsumer {
    void accept(String value, FloatBuffer values);
  }
}
