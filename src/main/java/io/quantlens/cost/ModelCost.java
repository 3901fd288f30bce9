package io.quantlens.cost;

import java.util.List;

/**
 * Estimated cost of a whole model under a plan, or as stored, on one device.
 *
 * @param basis what the weights are kept in: the plan's description, or {@link CostModel#AS_STORED}
 * @param hardware the device
 * @param workload what one inference is
 * @param assumptions efficiencies, request rate, PUE, grid intensity
 * @param layers one entry per layer, then one for the operations outside layers
 * @param otherParameterBytes stored bytes of tensors that belong to no layer (kept as they are)
 */
public record ModelCost(
    String basis,
    HardwareProfile hardware,
    Workload workload,
    CostAssumptions assumptions,
    List<LayerCost> layers,
    double otherParameterBytes) {
  public static final double SECONDS_PER_YEAR = 365 * 24 * 3600.0;
  public static final double JOULES_PER_KWH = 3.6e6;

  public ModelCost {
    layers = List.copyOf(layers);
  }

  /** Stored bytes of every parameter. */
  public double modelBytes() {
    return layers.stream().mapToDouble(LayerCost::weightBytes).sum() + otherParameterBytes;
  }

  public long macs() {
    return layers.stream().mapToLong(LayerCost::macs).sum();
  }

  /** DRAM bytes moved per run of the batch. */
  public double dramBytes() {
    return layers.stream().mapToDouble(LayerCost::dramBytes).sum();
  }

  /** Time per run of the batch: layers run one after another, each at its roofline time. */
  public double seconds() {
    return layers.stream().mapToDouble(LayerCost::seconds).sum();
  }

  /** Energy per run of the batch. */
  public double joules() {
    return layers.stream().mapToDouble(LayerCost::joules).sum();
  }

  public double joulesPerInference() {
    return joules() / workload.batch();
  }

  /** Inferences per second when the device does nothing else. */
  public double throughput() {
    return workload.batch() / seconds();
  }

  /**
   * P = E · min(r, X) + P_idle · (1 − min(r, X) / X) at the assumed request rate r, capped by the
   * throughput X. E already holds the idle power drawn while an inference runs (P_idle · t), so
   * idle power is added only for the share of each second the device waits: a saturated device
   * draws E · X, not E · X + P_idle.
   */
  public double averageWatts() {
    double rate = Math.min(assumptions.requestsPerSecond(), throughput());
    double busy = rate / throughput();
    return joulesPerInference() * rate + hardware.idleWatts().value() * (1 - busy);
  }

  /**
   * The same costs at another request rate and PUE; neither changes a layer's time or energy, only
   * the average power and the energy at the wall.
   */
  public ModelCost atUse(double requestsPerSecond, double pue) {
    CostAssumptions a =
        new CostAssumptions(
            assumptions.computeEfficiency(),
            assumptions.memoryEfficiency(),
            assumptions.activationsFromDram(),
            requestsPerSecond,
            pue,
            assumptions.gridKgCo2PerKwh());
    return new ModelCost(basis, hardware, workload, a, layers, otherParameterBytes);
  }

  /** Average power as a share of TDP. */
  public double shareOfTdp() {
    return averageWatts() / hardware.tdpWatts().value();
  }

  /** Energy of a million inferences at the wall: E · 10⁶ · PUE, in kWh. */
  public double kwhPerMillionInferences() {
    return joulesPerInference() * 1e6 * assumptions.pue() / JOULES_PER_KWH;
  }

  /** Energy in a year at the request rate at the wall: P · 3.15·10⁷ s · PUE. */
  public double kwhPerYear() {
    return averageWatts() * SECONDS_PER_YEAR * assumptions.pue() / JOULES_PER_KWH;
  }

  public double kgCo2PerYear() {
    return kwhPerYear() * assumptions.gridKgCo2PerKwh();
  }

  /** Layers whose precision the device cannot run natively. */
  public List<LayerCost> emulated() {
    return layers.stream().filter(l -> !l.compute().isNative()).toList();
  }
}
