package io.quantlens.cost;

import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.quant.ActivationScheme;
import io.quantlens.quant.Scheme;
import java.util.List;
import java.util.Optional;

/**
 * Layers a device computes at fewer bits than the plan gives them (an INT8-only accelerator running
 * a float plan): the cost is of an integer model, while the plan's measured accuracy is of the
 * float one. The consistent plan quantizes those layers' weights and inputs to the device's integer
 * precision, so both describe one model.
 *
 * @param layers the narrowed layers, in model order
 * @param used the precision the device computes them in
 */
public record PrecisionMismatch(List<String> layers, Precision used) {
  private static final Scheme INT8_WEIGHTS = Scheme.parse("int8:channel:sym");
  private static final ActivationScheme INT8_INPUTS = ActivationScheme.parse("int8");

  public PrecisionMismatch {
    layers = List.copyOf(layers);
  }

  /** The narrowed layers of {@code cost}, when there are any and the device computes integers. */
  public static Optional<PrecisionMismatch> of(ModelCost cost) {
    List<LayerCost> narrowed =
        cost.layers().stream()
            .filter(l -> l.compute().used().bits() < l.compute().requested().bits())
            .filter(l -> l.compute().used() == Precision.INT8)
            // The operations outside layers follow the layers' inputs; a plan cannot name them.
            .filter(l -> !l.name().equals(CostModel.OTHER))
            .toList();
    if (narrowed.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new PrecisionMismatch(narrowed.stream().map(LayerCost::name).toList(), Precision.INT8));
  }

  /**
   * {@code plan} with each narrowed layer's weights at per-channel INT8 when they are wider (float
   * or 8 bits already kept as they are) and its input at static INT8.
   */
  public PrecisionPlan consistentPlan(Model model, PrecisionPlan plan) {
    PrecisionPlan consistent = plan;
    for (Layer layer : model.layers()) {
      if (!layers.contains(layer.name())) {
        continue;
      }
      if (plan.schemeFor(layer.name()).format().bits() > used.bits()) {
        consistent = consistent.with(layer.name(), INT8_WEIGHTS);
      }
      if (plan.activationFor(layer.name()).format().bits() > used.bits()) {
        consistent = consistent.withActivation(layer.name(), INT8_INPUTS);
      }
    }
    return consistent;
  }

  /** One line for a report or the window. */
  public String describe() {
    return "the device computes "
        + layers.size()
        + (layers.size() == 1 ? " layer" : " layers")
        + " in "
        + used
        + " while the plan keeps wider weights or inputs there, so the measured accuracy is of"
        + " another model; the consistent plan quantizes their weights and inputs to "
        + used.id()
        + " (--activations int8, or the full-int8 preset)";
  }
}
