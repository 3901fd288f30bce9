package io.quantlens.eval;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Measures {@link LayerError}s: one FP32 run and one run of the whole plan with every layer's
 * output added to the graph's outputs, and for each layer the plan changes one run with only that
 * layer changed. The FP32 outputs are kept between runs, so the samples are bounded.
 */
final class LayerErrorScan {
  /** Layer outputs kept from the FP32 run at most: 2^27 floats, 512 MB. */
  static final long MAX_KEPT_VALUES = 1L << 27;

  private final Model model;
  private final EvalData data;
  private final OrtEnvironment env;
  private final PlanRewriter rewriter;
  private final int batch;
  private final int threads;

  LayerErrorScan(
      Model model,
      EvalData data,
      OrtEnvironment env,
      PlanRewriter rewriter,
      int batch,
      int threads) {
    this.model = model;
    this.data = data;
    this.env = env;
    this.rewriter = rewriter;
    this.batch = batch;
    this.threads = threads;
  }

  /** The errors of every layer with an output in the main graph, in model order. */
  List<LayerError> scan(PrecisionPlan plan, int samples, EvalProgress progress)
      throws EvalException, InterruptedException {
    Map<String, String> outputs = rewriter.patcher().layerOutputs();
    List<Layer> changed = new ArrayList<>();
    for (Layer layer : model.layers()) {
      boolean touched =
          !plan.schemeFor(layer.name()).equals(PrecisionPlan.FP32)
              || !plan.activationFor(layer.name()).isNone();
      if (touched && outputs.containsKey(layer.name())) {
        changed.add(layer);
      }
    }
    int runs = 2 + changed.size();
    Map<Integer, Map<String, float[]>> fp32 = new HashMap<>();
    long[] kept = {0};
    run(
        PrecisionPlan.fp32(),
        Set.copyOf(outputs.values()),
        samples,
        step(progress, 0, runs, "FP32 layer outputs"),
        (start, value, values) -> {
          kept[0] += values.remaining();
          if (kept[0] > MAX_KEPT_VALUES) {
            throw new EvalException(
                "the layer outputs of "
                    + samples
                    + " samples exceed "
                    + (MAX_KEPT_VALUES * 4 >> 20)
                    + " MB; measure layer errors on fewer samples");
          }
          float[] copy = new float[values.remaining()];
          values.get(values.position(), copy);
          fp32.computeIfAbsent(start, k -> new HashMap<>()).put(value, copy);
        });
    Map<String, double[]> accumulated = energies(outputs.values());
    run(
        plan,
        Set.copyOf(outputs.values()),
        samples,
        step(progress, 1, runs, "layer outputs under the plan"),
        (start, value, values) -> add(accumulated.get(value), fp32.get(start).get(value), values));
    Map<String, double[]> local = energies(outputs.values());
    for (int i = 0; i < changed.size(); i++) {
      Layer layer = changed.get(i);
      String output = outputs.get(layer.name());
      PrecisionPlan alone =
          PrecisionPlan.fp32()
              .with(layer.name(), plan.schemeFor(layer.name()))
              .withActivation(layer.name(), plan.activationFor(layer.name()))
              .withBiasCorrection(layer.name(), plan.biasCorrected().contains(layer.name()))
              .withSmoothQuant(plan.smoothQuantAlpha());
      run(
          alone,
          Set.of(output),
          samples,
          step(progress, 2 + i, runs, "layer " + layer.name() + " alone"),
          (start, value, values) -> add(local.get(value), fp32.get(start).get(value), values));
    }
    List<LayerError> errors = new ArrayList<>();
    for (Layer layer : model.layers()) {
      String output = outputs.get(layer.name());
      if (output != null) {
        errors.add(
            new LayerError(
                layer.name(),
                output,
                relative(local.get(output)),
                relative(accumulated.get(output))));
      }
    }
    return errors;
  }

  private interface Sink {
    void accept(int start, String value, FloatBuffer values) throws EvalException;
  }

  private void run(
      PrecisionPlan plan, Set<String> outputs, int samples, EvalProgress progress, Sink sink)
      throws EvalException, InterruptedException {
    OrtRunner.Source source = rewriter.source(plan, outputs, progress);
    EvalException[] failure = {null};
    try (OrtRunner runner = new OrtRunner(env, source, threads)) {
      runner.collect(
          data,
          0,
          samples,
          batch,
          outputs,
          (start, value, values, shape) -> {
            try {
              sink.accept(start, value, values);
            } catch (EvalException e) {
              failure[0] = e;
              throw new OrtException(e.getMessage());
            }
          },
          progress,
          "running " + plan.describe(model));
    } catch (OrtException | IllegalStateException e) {
      if (failure[0] != null) {
        throw failure[0];
      }
      throw new EvalException("measuring layer errors failed: " + e.getMessage(), e);
    }
  }

  private static Map<String, double[]> energies(Iterable<String> values) {
    Map<String, double[]> energies = new LinkedHashMap<>();
    values.forEach(v -> energies.put(v, new double[2]));
    return energies;
  }

  /** Adds Σy² and Σ(y − ŷ)² of one batch. */
  private static void add(double[] energy, float[] reference, FloatBuffer quantized) {
    for (int i = 0; i < reference.length; i++) {
      double y = reference[i];
      double d = y - quantized.get(quantized.position() + i);
      energy[0] += y * y;
      energy[1] += d * d;
    }
  }

  private static double relative(double[] energy) {
    return energy[1] == 0 ? 0 : energy[1] / energy[0];
  }

  /** Progress of run {@code index} of {@code runs}, as a share of the whole scan. */
  private static EvalProgress step(EvalProgress progress, int index, int runs, String what) {
    return (done, total, step) ->
        progress.update(index * total + done, runs * total, what + ": " + step);
  }
}
