package io.quantlens.eval;

import ai.onnxruntime.OrtEnvironment;
import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.formats.onnx.ActivationQuant;
import io.quantlens.formats.onnx.OutputOffset;
import io.quantlens.formats.onnx.WeightPatcher;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.model.ModelFormatException;
import io.quantlens.quant.ActivationScheme;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * Turns a plan into what ONNX Runtime loads: the weights it changes, quantized on a pool, and the
 * activation round trips it asks for, calibrated on the evaluation data's calibration split; the
 * graph is parsed and rewritten only when a plan needs it.
 */
final class PlanRewriter {
  private final Model model;
  private final EvalData data;
  private final OrtEnvironment env;
  private final EvalOptions options;
  private final int batch;
  private final ExecutorService quantizers;
  private WeightPatcher patcher;
  private ActivationCalibration calibration;
  private BiasCorrection biasCorrection;
  private SmoothQuant smoothQuant;

  PlanRewriter(
      Model model,
      EvalData data,
      OrtEnvironment env,
      EvalOptions options,
      int batch,
      ExecutorService quantizers) {
    this.model = model;
    this.data = data;
    this.env = env;
    this.options = options;
    this.batch = batch;
    this.quantizers = quantizers;
  }

  /**
   * {@code plan} with its default activation scheme kept from the layers that read no activation (a
   * Gather reads indices): a scheme for every layer means every layer input there is. A scheme the
   * plan names for such a layer stays, and {@link #check} refuses it.
   */
  PrecisionPlan effective(PrecisionPlan plan) throws EvalException {
    if (plan.defaultActivation().isNone()) {
      return plan;
    }
    PrecisionPlan effective = plan;
    for (Layer layer : model.layers()) {
      if (!plan.activations().containsKey(layer.name())
          && !patcher().readsActivation(layer.name())) {
        effective = effective.withActivation(layer.name(), ActivationScheme.NONE);
      }
    }
    return effective;
  }

  /** Fails before any run when a layer the plan changes cannot be rewritten as it asks. */
  void check(PrecisionPlan plan) throws EvalException {
    for (Layer layer : plan.quantizedLayers(model)) {
      if (!FakeQuantizedWeights.isPlain(model, layer)) {
        Optional<String> why = patcher().refusal(layer.name());
        if (why.isPresent()) {
          throw new EvalException(
              "layer '"
                  + layer.name()
                  + "' cannot be changed for measured accuracy: "
                  + why.get()
                  + "; leave it at FP32 in the plan");
        }
      }
    }
    if (plan.smoothes() && !plan.biasCorrected().isEmpty()) {
      throw new EvalException(
          "SmoothQuant and bias correction cannot be combined yet: the correction is measured"
              + " against the unsmoothed weight; take one of them off");
    }
    for (String name : plan.biasCorrected()) {
      Optional<Layer> layer =
          model.layers().stream().filter(l -> l.name().equals(name)).findFirst();
      Optional<String> why =
          layer.isEmpty()
              ? Optional.of("the model has no such layer")
              : !PrecisionPlan.BIAS_CORRECTABLE.contains(layer.get().opType())
                  ? Optional.of("it is a " + layer.get().opType() + ", not a Conv, Gemm or MatMul")
                  : !patcher().readsActivation(name)
                      ? Optional.of("it reads no activation whose mean can be measured")
                      : patcher().offsetRefusal(name);
      if (why.isPresent()) {
        throw new EvalException(
            "layer '" + name + "' cannot be bias corrected: " + why.get() + "; take it off");
      }
    }
    for (Layer layer : plan.activationLayers(model)) {
      ActivationScheme scheme = plan.activationFor(layer.name());
      Optional<String> why = patcher().activationRefusal(layer.name(), scheme);
      if (why.isPresent()) {
        throw new EvalException(
            "the input of layer '"
                + layer.name()
                + "' cannot be quantized as "
                + scheme.id()
                + ": "
                + why.get()
                + "; leave its activation at fp32 in the plan");
      }
    }
  }

  /**
   * True when {@code plan} needs the calibration samples: a static activation scheme's range, or
   * the input means of bias correction, SmoothQuant's input maxima.
   */
  boolean needsCalibration(PrecisionPlan plan) {
    return !plan.biasCorrected().isEmpty()
        || (plan.smoothes() && plan.quantizesActivations())
        || plan.activationLayers(model).stream()
            .anyMatch(l -> plan.activationFor(l.name()).needsCalibration());
  }

  /** The samples that calibrate static activation ranges. */
  CalibrationSplit calibrationSplit() throws EvalException {
    return CalibrationSplit.of(data.samples(), options.calibrationSamples());
  }

  /** Each activation round trip of {@code plan}, calibrating what is not cached yet. */
  Map<String, ActivationQuant> activations(PrecisionPlan plan, EvalProgress progress)
      throws EvalException, InterruptedException {
    if (!plan.quantizesActivations()) {
      return Map.of();
    }
    List<Layer> smoothed = SmoothQuant.layers(plan, plan.activationLayers(model), patcher());
    if (smoothed.isEmpty()) {
      return calibration().quantization(plan, patcher(), progress);
    }
    PrecisionPlan others = plan;
    for (Layer layer : smoothed) {
      others = others.withActivation(layer.name(), ActivationScheme.NONE);
    }
    Map<String, ActivationQuant> quant = new LinkedHashMap<>();
    quant.putAll(calibration().quantization(others, patcher(), progress));
    quant.putAll(smoothQuant().quantization(plan, smoothed, patcher(), progress));
    Map<String, ActivationQuant> ordered = new LinkedHashMap<>();
    for (Layer layer : model.layers()) {
      if (quant.containsKey(layer.name())) {
        ordered.put(layer.name(), quant.get(layer.name()));
      }
    }
    return ordered;
  }

  /** SmoothQuant's factors by layer in {@code activations}. */
  private static Map<String, float[]> smoothing(Map<String, ActivationQuant> activations) {
    Map<String, float[]> factors = new LinkedHashMap<>();
    activations.forEach(
        (layer, quant) -> {
          if (quant.smoothing() != null) {
            factors.put(layer, quant.smoothing());
          }
        });
    return factors;
  }

  /**
   * The model under {@code plan} with {@code outputs} added to the graph's outputs: the file with
   * replaced initializers when the plan changes only plain FP32 initializers and adds nothing, else
   * a rewritten model.
   */
  OrtRunner.Source source(PrecisionPlan plan, Collection<String> outputs, EvalProgress progress)
      throws EvalException, InterruptedException {
    Map<String, ActivationQuant> activations = activations(plan, progress);
    progress.update(0, 1, "quantizing weights");
    List<FakeQuantizedWeights.Replacement> replacements =
        FakeQuantizedWeights.compute(model, plan, smoothing(activations), quantizers);
    boolean plain = replacements.stream().allMatch(r -> r.plain(model));
    Map<String, OutputOffset> offsets =
        plan.biasCorrected().isEmpty()
            ? Map.of()
            : biasCorrection().offsets(plan, replacements, patcher(), progress);
    try {
      if (plain && activations.isEmpty() && offsets.isEmpty() && outputs.isEmpty()) {
        return OrtRunner.Source.file(model.source(), replacements);
      }
      if (plain) {
        return OrtRunner.Source.rewritten(
            model.source(),
            replacements,
            patcher().patched(Map.of(), activations, offsets, outputs));
      }
      Map<String, float[]> values = new LinkedHashMap<>();
      replacements.forEach(r -> values.put(r.layer().name(), r.values()));
      return OrtRunner.Source.patched(
          model.source(), patcher().patched(values, activations, offsets, outputs));
    } catch (ModelFormatException e) {
      throw new EvalException(e.getMessage(), e);
    }
  }

  /** The model with {@code weights} (layer → values as the layer shows them) in place. */
  OrtRunner.Source source(Map<String, float[]> weights) throws EvalException {
    List<FakeQuantizedWeights.Replacement> replacements = new java.util.ArrayList<>();
    for (Layer layer : model.layers()) {
      float[] values = weights.get(layer.name());
      if (values != null) {
        replacements.add(new FakeQuantizedWeights.Replacement(layer, values));
      }
    }
    if (replacements.stream().allMatch(r -> r.plain(model))) {
      return OrtRunner.Source.file(model.source(), replacements);
    }
    try {
      return OrtRunner.Source.patched(model.source(), patcher().patched(weights));
    } catch (ModelFormatException e) {
      throw new EvalException(e.getMessage(), e);
    }
  }

  private synchronized ActivationCalibration calibration() throws EvalException {
    if (calibration == null) {
      calibration = new ActivationCalibration(valueReads());
    }
    return calibration;
  }

  /** The extremes of {@code values} on the calibration split, shared with calibration. */
  Map<String, ActivationCalibration.Extremes> extremes(
      java.util.Set<String> values, EvalProgress progress)
      throws EvalException, InterruptedException {
    return calibration().extremes(values, patcher(), progress);
  }

  /** Reads of inner values of the model as stored, over the calibration split. */
  ValueReads valueReads() throws EvalException {
    return new ValueReads(env, model, data, calibrationSplit(), batch, options.threads());
  }

  private synchronized SmoothQuant smoothQuant() throws EvalException {
    if (smoothQuant == null) {
      smoothQuant = new SmoothQuant(valueReads());
    }
    return smoothQuant;
  }

  private synchronized BiasCorrection biasCorrection() throws EvalException {
    if (biasCorrection == null) {
      biasCorrection = new BiasCorrection(valueReads());
    }
    return biasCorrection;
  }

  synchronized WeightPatcher patcher() throws EvalException {
    if (patcher == null) {
      try {
        patcher = WeightPatcher.open(model.source());
      } catch (ModelFormatException e) {
        throw new EvalException(e.getMessage(), e);
      }
    }
    return patcher;
  }
}
