package io.quantlens.cost;

import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.model.Tensor;
import io.quantlens.quant.Scheme;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Roofline and energy estimates per layer (formulas: ../shared/specs/HARDWARE.md):
 *
 * <ul>
 *   <li>t = max(MACs / (η·peak MAC/s), DRAM bytes / (η_mem·bandwidth))
 *   <li>E = MACs·E_mac + DRAM bytes·E_byte + P_idle·t
 * </ul>
 *
 * <p>Weights are read from DRAM once per run of the batch (a Gather only the rows it looks up);
 * activations only when {@link CostAssumptions#activationsFromDram()}. Operations outside layers
 * (attention products, elementwise) run at FP32, or the device's nearest precision.
 */
public final class CostModel {
  static final String OTHER = "(other operations)";

  private CostModel() {}

  public static ModelCost estimate(
      Model model,
      WorkloadCosts workload,
      Workload shape,
      PrecisionPlan plan,
      HardwareProfile hardware,
      CostAssumptions assumptions) {
    List<LayerCost> layers = new ArrayList<>();
    Set<String> layerNodes = new HashSet<>();
    Set<String> layerTensors = new HashSet<>();
    for (Layer layer : model.layers()) {
      Scheme scheme = plan.schemeFor(layer.name());
      NodeCost node = workload.forLayer(layer).orElse(null);
      if (node != null) {
        layerNodes.add(node.node());
      }
      layerTensors.add(layer.weight().name());
      if (layer.bias() != null) {
        layerTensors.add(layer.bias().name());
      }
      ComputeChoice compute = hardware.computeFor(ComputePrecisions.of(scheme));
      long macs = node == null ? 0 : node.macs();
      double activations = node == null ? 0 : activationBytes(node, compute.used());
      layers.add(
          cost(
              layer.name(),
              layer.opType(),
              scheme.id(),
              compute,
              macs,
              WeightStorage.bytes(layer, scheme),
              gatheredShare(layer, node),
              activations,
              hardware,
              assumptions));
    }
    long otherMacs = 0;
    double otherActivations = 0;
    ComputeChoice fp32 = hardware.computeFor(Precision.FP32);
    for (NodeCost node : workload.nodes()) {
      if (!layerNodes.contains(node.node())) {
        otherMacs += node.macs();
        otherActivations += activationBytes(node, fp32.used());
      }
    }
    layers.add(
        cost(OTHER, "-", "-", fp32, otherMacs, 0, 1, otherActivations, hardware, assumptions));
    double otherParameters =
        model.initializers().stream()
            .filter(t -> !layerTensors.contains(t.name()))
            .mapToDouble(Tensor::storedBytes)
            .sum();
    return new ModelCost(plan, hardware, shape, assumptions, layers, otherParameters);
  }

  /** A Gather (embedding lookup) reads only the rows it gathers; other layers read all weights. */
  private static double gatheredShare(Layer layer, NodeCost node) {
    if (node == null || !layer.opType().equals("Gather")) {
      return 1;
    }
    double gathered = 1;
    for (long d : node.outputShape()) {
      gathered *= d;
    }
    return Math.min(1, gathered / layer.weight().elementCount());
  }

  private static double activationBytes(NodeCost node, Precision precision) {
    // ORT reported FP32 sizes for float activations; rescale to the precision they run at.
    double values = (node.activationBytesRead() + node.activationBytesWritten()) / 4.0;
    return values * ComputePrecisions.activationBytes(precision);
  }

  private static LayerCost cost(
      String name,
      String op,
      String scheme,
      ComputeChoice compute,
      long macs,
      double weightBytes,
      double weightShareRead,
      double activationBytes,
      HardwareProfile hw,
      CostAssumptions a) {
    double dram = weightBytes * weightShareRead + (a.activationsFromDram() ? activationBytes : 0);
    double peak = hw.peakMacsPerSecond().get(compute.used()).value();
    double computeSeconds = macs / (a.computeEfficiency() * peak);
    double memorySeconds = dram / (a.memoryEfficiency() * hw.memoryBandwidth().value());
    double seconds = Math.max(computeSeconds, memorySeconds);
    return new LayerCost(
        name,
        op,
        scheme,
        compute,
        macs,
        weightBytes,
        activationBytes,
        dram,
        computeSeconds,
        memorySeconds,
        macs * hw.energyPerMac().get(compute.used()).value(),
        dram * hw.energyPerDramByte().value(),
        hw.idleWatts().value() * seconds);
  }
}
