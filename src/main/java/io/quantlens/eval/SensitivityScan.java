package io.quantlens.eval;

import io.quantlens.analysis.Analyzer;
import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.quant.ActivationScheme;
import io.quantlens.quant.Scheme;
import java.util.ArrayList;
import java.util.List;

/**
 * Quantizes one layer at a time and measures each against FP32. Layers run one after another, each
 * using every core through ONNX Runtime; results land in the evaluator's cache, so a second scan
 * (or the same layer in a plan) is free.
 */
public final class SensitivityScan {
  private SensitivityScan() {}

  /**
   * The layers a scan of {@code model} quantizes, one at a time: those the analysis analyses
   * (weights with at least one element), in model order. The command line and the window both scan
   * these.
   */
  public static List<Layer> layers(Model model) {
    return Analyzer.analysable(model);
  }

  public static SensitivityReport run(
      Evaluator evaluator, List<Layer> layers, Scheme scheme, EvalProgress progress)
      throws EvalException, InterruptedException {
    return run(evaluator, layers, scheme, ActivationScheme.NONE, progress);
  }

  /**
   * As above, each probe also quantizing its layer's input activation under {@code activation}
   * (layers that read none, such as a Gather, are probed on their weights alone).
   */
  public static SensitivityReport run(
      Evaluator evaluator,
      List<Layer> layers,
      Scheme scheme,
      ActivationScheme activation,
      EvalProgress progress)
      throws EvalException, InterruptedException {
    evaluator.reference(EvalProgress.NONE);
    List<LayerSensitivity> rows = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      Layer layer = layers.get(i);
      progress.update(i, layers.size(), layer.name());
      PrecisionPlan probe = PrecisionPlan.only(layer.name(), scheme);
      if (!activation.isNone() && evaluator.readsActivation(layer.name())) {
        probe = probe.withActivation(layer.name(), activation);
      }
      EvalResult result = evaluator.evaluate(probe, EvalProgress.NONE);
      rows.add(new LayerSensitivity(layer, result));
    }
    progress.update(layers.size(), layers.size(), "done");
    return new SensitivityReport(scheme, evaluator.task(), rows);
  }
}
