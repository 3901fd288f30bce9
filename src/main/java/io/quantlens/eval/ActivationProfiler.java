package io.quantlens.eval;

import ai.onnxruntime.OrtException;
import io.quantlens.formats.onnx.ActivationQuant;
import io.quantlens.model.Layer;
import io.quantlens.quant.ActivationScheme;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one layer's input activation on the calibration samples, run by run, and keeps the last few
 * edges read, so that a change of scheme re-measures it without running the model again.
 */
final class ActivationProfiler {
  /** Edges whose values stay in memory. */
  static final int KEPT_EDGES = 8;

  /** Values of one edge kept at most: 2^25 floats, 128 MB. */
  static final long MAX_VALUES = 1L << 25;

  /** One run's tensor of the edge. */
  private record Run(float[] values, long[] shape) {}

  private final Map<String, List<Run>> kept =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<Run>> eldest) {
          return size() > KEPT_EDGES;
        }
      };

  /** The profile of {@code layer}'s first input edge under {@code quant}. */
  synchronized ActivationProfile profile(
      Layer layer, ActivationQuant quant, PlanRewriter rewriter, EvalProgress progress)
      throws EvalException, InterruptedException {
    List<String> values = rewriter.patcher().activationValues(layer.name());
    if (values.isEmpty()) {
      throw new EvalException(
          "layer '" + layer.name() + "' reads no activation the calibration samples can show");
    }
    String value = values.get(0);
    List<Run> runs = kept.get(value);
    if (runs == null) {
      runs = read(value, rewriter, progress);
      kept.put(value, runs);
    }
    return measure(layer, value, runs, quant);
  }

  private List<Run> read(String value, PlanRewriter rewriter, EvalProgress progress)
      throws EvalException, InterruptedException {
    List<Run> runs = new ArrayList<>();
    long[] total = {0};
    rewriter
        .valueReads()
        .collect(
            rewriter.patcher(),
            Set.of(value),
            (start, name, buffer, shape) -> {
              total[0] += buffer.remaining();
              if (total[0] > MAX_VALUES) {
                throw new OrtException(
                    "activation '"
                        + value
                        + "' holds more than "
                        + MAX_VALUES
                        + " values on the"
                        + " calibration samples; use fewer (--calibration-samples)");
              }
              float[] copy = new float[buffer.remaining()];
              buffer.get(buffer.position(), copy);
              runs.add(new Run(copy, shape));
            },
            progress,
            "reading activation " + value,
            "reading the activation");
    return runs;
  }

  /**
   * The profiles of {@code layers}' first input edges under {@code quants} (FP32 for a layer not
   * there) in two streamed passes over the calibration samples, the extremes (shared with
   * calibration) and then the rest, keeping no values.
   */
  Map<String, ActivationProfile> profileAll(
      List<Layer> layers,
      Map<String, ActivationQuant> quants,
      PlanRewriter rewriter,
      EvalProgress progress)
      throws EvalException, InterruptedException {
    Map<String, String> valueOf = new LinkedHashMap<>();
    for (Layer layer : layers) {
      List<String> values = rewriter.patcher().activationValues(layer.name());
      if (!values.isEmpty()) {
        valueOf.put(layer.name(), values.get(0));
      }
    }
    Set<String> values = new LinkedHashSet<>(valueOf.values());
    Map<String, ActivationCalibration.Extremes> extremes = rewriter.extremes(values, progress);
    Map<String, List<ProfileAccumulator>> byValue = new LinkedHashMap<>();
    Map<String, ProfileAccumulator> byLayer = new LinkedHashMap<>();
    for (Layer layer : layers) {
      String value = valueOf.get(layer.name());
      if (value == null) {
        continue;
      }
      ActivationCalibration.Extremes e = extremes.get(value);
      ProfileAccumulator accumulator =
          new ProfileAccumulator(
              layer,
              value,
              quants.getOrDefault(layer.name(), new ActivationQuant(ActivationScheme.NONE, null)),
              e.count() == 0 ? 0 : e.min(),
              e.count() == 0 ? 0 : e.max());
      byLayer.put(layer.name(), accumulator);
      byValue.computeIfAbsent(value, v -> new ArrayList<>()).add(accumulator);
    }
    if (values.isEmpty()) {
      return Map.of();
    }
    rewriter
        .valueReads()
        .collect(
            rewriter.patcher(),
            values,
            (start, name, buffer, shape) -> {
              float[] copy = new float[buffer.remaining()];
              buffer.get(buffer.position(), copy);
              for (ProfileAccumulator accumulator : byValue.get(name)) {
                accumulator.add(copy, shape);
              }
            },
            progress,
            "profiling " + values.size() + " activations",
            "profiling the activations");
    Map<String, ActivationProfile> profiles = new LinkedHashMap<>();
    byLayer.forEach((layer, accumulator) -> profiles.put(layer, accumulator.result()));
    return profiles;
  }

  private static ActivationProfile measure(
      Layer layer, String value, List<Run> runs, ActivationQuant quant) {
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    for (Run run : runs) {
      for (float x : run.values()) {
        if (x == x) {
          min = Math.min(min, x);
          max = Math.max(max, x);
        }
      }
    }
    ProfileAccumulator profile = new ProfileAccumulator(layer, value, quant, min, max);
    runs.forEach(run -> profile.add(run.values(), run.shape()));
    return profile.result();
  }
}
