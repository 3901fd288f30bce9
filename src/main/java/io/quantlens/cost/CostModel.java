package io.quantlens.cost;

import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.model.Tensor;
import io.quantlens.quant.ActivationScheme;
import io.quantlens.quant.Scheme;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Roofline and energy estimates per layer (formulas:
 * docs/hardware-profiles.md#how-the-cost-model-uses-the-fields):
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

  /** {@link ModelCost#basis()} of {@link #estimateAsStored}. */
  public static final String AS_STORED = "as stored";

  private CostModel() {}

  /** The cost of {@code plan}: each layer's weights stored and computed as its scheme says. */
  public static ModelCost estimate(
      Model model,
      WorkloadCosts workload,
      Workload shape,
      PrecisionPlan plan,
      HardwareProfile hardware,
      CostAssumptions assumptions) {
    return estimate(
        model,
        workload,
        shape,
        plan.describe(model),
        layer -> {
          Scheme scheme = plan.schemeFor(layer.name());
          ActivationScheme activation = plan.activationFor(layer.name());
          if (activation.isNone()) { // the activations as the file feeds them
            return new Storage(
                scheme.id(),
                ComputePrecisions.of(
                    ComputePrecisions.of(scheme), StoredPrecision.activations(layer)),
                WeightStorage.bytes(layer, scheme),
                StoredPrecision.activationBytes(layer));
          }
          return new Storage(
              scheme.id() + " · A " + activation.id(),
              ComputePrecisions.of(scheme, activation, hardware),
              WeightStorage.bytes(layer, scheme),
              ComputePrecisions.activationBytes(activation));
        },
        hardware,
        assumptions);
  }

  /**
   * The cost of the model as its file stores it: each layer's weights at their stored type's bytes
   * (an FP16 file at 2 bytes per weight, an ONNX Runtime int8 file at its int8 codes, with the
   * scales and zero points among the other tensors) and computed in the arithmetic that type and
   * the activations the file feeds the layer ask for ({@link StoredPrecision}).
   */
  public static ModelCost estimateAsStored(
      Model model,
      WorkloadCosts workload,
      Workload shape,
      HardwareProfile hardware,
      CostAssumptions assumptions) {
    return estimate(
        model,
        workload,
        shape,
        AS_STORED,
        layer ->
            new Storage(
                StoredPrecision.label(layer),
                StoredPrecision.of(layer),
                WeightStorage.storedBytes(layer),
                StoredPrecision.activationBytes(layer)),
        hardware,
        assumptions);
  }

  /**
   * How one layer's weights are kept and what it computes in: a label, the arithmetic asked for,
   * stored weight bytes, bytes per activation value it reads and writes.
   */
  private record Storage(
      String label, Precision precision, double bytes, double activationValueBytes) {}

  private static ModelCost estimate(
      Model model,
      WorkloadCosts workload,
      Workload shape,
      String basis,
      Function<Layer, Storage> storage,
      HardwareProfile hardware,
      CostAssumptions assumptions) {
    List<LayerCost> layers = new ArrayList<>();
    Set<String> layerNodes = new HashSet<>();
    Set<String> layerTensors = new HashSet<>();
    for (Layer layer : model.layers()) {
      Storage stored = storage.apply(layer);
      NodeCost node = workload.forLayer(layer).orElse(null);
      if (node != null) {
        layerNodes.add(node.node());
      }
      layerTensors.add(layer.weight().name());
      if (layer.bias() != null) {
        layerTensors.add(layer.bias().name());
      }
      ComputeChoice compute = hardware.computeFor(stored.precision());
      long macs = node == null ? 0 : node.macs();
      double activations = node == null ? 0 : activationBytes(node, stored.activationValueBytes());
      layers.add(
          cost(
              layer.name(),
              layer.opType(),
              stored.label(),
              compute,
              macs,
              stored.bytes(),
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
        otherActivations +=
            activationBytes(node, ComputePrecisions.storedActivationBytes(fp32.used()));
      }
    }
    layers.add(
        cost(OTHER, "-", "-", fp32, otherMacs, 0, 1, otherActivations, hardware, assumptions));
    double otherParameters =
        model.initializers().stream()
            .filter(t -> !layerTensors.contains(t.name()))
            .mapToDouble(Tensor::storedBytes)
            .sum();
    return new ModelCost(basis, hardware, shape, assumptions, layers, otherParameters);
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

  private static double activationBytes(NodeCost node, double bytesPerValue) {
    // ORT reported FP32 sizes for float activations; rescale to the precision they are kept at.
    double values = (node.activationBytesRead() + node.activationBytesWritten()) / 4.0;
    return values * bytesPerValue;
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
