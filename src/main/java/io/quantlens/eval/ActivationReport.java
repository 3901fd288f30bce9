package io.quantlens.eval;

import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.model.Layer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The activation view of one plan (docs/activations.md#the-activation-view): every layer with its
 * input activation's profile on the calibration samples and its local and accumulated output error,
 * in model order; what {@code quantlens activations} prints and the window draws.
 *
 * @param plan the plan as measured ({@link Evaluator#effective})
 * @param calibrationSamples the samples the profiles are taken on
 * @param errorSamples the samples the output errors are measured on; 0 before they are
 */
public record ActivationReport(
    PrecisionPlan plan, int calibrationSamples, int errorSamples, List<LayerActivation> layers) {

  public ActivationReport {
    layers = List.copyOf(layers);
  }

  /**
   * Measures {@code asked} on {@code evaluator}: the profiles in two passes over the calibration
   * samples, then the layer errors on the first {@code errorSamples} measured samples.
   */
  public static ActivationReport measure(
      Evaluator evaluator, PrecisionPlan asked, int errorSamples, EvalProgress progress)
      throws EvalException, InterruptedException {
    return profiles(evaluator, asked, progress).withErrors(evaluator, errorSamples, progress);
  }

  /** The profiles alone, without errors (they take a run per quantized layer). */
  public static ActivationReport profiles(
      Evaluator evaluator, PrecisionPlan asked, EvalProgress progress)
      throws EvalException, InterruptedException {
    PrecisionPlan plan = evaluator.effective(asked);
    Map<String, ActivationProfile> profiles = evaluator.activationProfiles(plan, progress);
    List<LayerActivation> rows = new ArrayList<>();
    for (Layer layer : evaluator.model().layers()) {
      rows.add(new LayerActivation(layer, profiles.get(layer.name()), null));
    }
    return new ActivationReport(plan, evaluator.calibrationSamples(), 0, rows);
  }

  /** This report with every layer's output errors measured on {@code errorSamples} samples. */
  public ActivationReport withErrors(Evaluator evaluator, int errorSamples, EvalProgress progress)
      throws EvalException, InterruptedException {
    Map<String, LayerError> errors =
        evaluator.layerErrors(plan, errorSamples, progress).stream()
            .collect(Collectors.toMap(LayerError::layer, Function.identity()));
    List<LayerActivation> rows = new ArrayList<>();
    for (LayerActivation row : layers) {
      rows.add(new LayerActivation(row.layer(), row.profile(), errors.get(row.layer().name())));
    }
    return new ActivationReport(
        plan, calibrationSamples, Math.min(errorSamples, evaluator.measuredSamples(plan)), rows);
  }

  /** True once the output errors are measured. */
  public boolean hasErrors() {
    return errorSamples > 0;
  }

  /** The row of {@code layer}, or null. */
  public LayerActivation layer(String name) {
    return layers.stream().filter(l -> l.layer().name().equals(name)).findFirst().orElse(null);
  }
}
