package io.quantlens.cost;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * A plan's cost next to the model's as stored (the reference: what the plan changes) and the FP32
 * plan's, on the same device and workload.
 *
 * @param plan the plan's estimate
 * @param stored the estimate of the model as its file stores it
 * @param fp32 the FP32 estimate
 */
public record CostComparison(ModelCost plan, ModelCost stored, ModelCost fp32) {

  /** 100·(1 − plan / FP32): positive when the plan saves. */
  public static double savingPercent(double plan, double fp32) {
    return fp32 == 0 ? 0 : 100 * (1 - plan / fp32);
  }

  /** {@link #savingPercent} of one figure of the plan against the model as stored. */
  public double savingVsStored(ToDoubleFunction<ModelCost> figure) {
    return savingPercent(figure.applyAsDouble(plan), figure.applyAsDouble(stored));
  }

  /** {@link #savingPercent} of one figure of the plan against FP32. */
  public double savingVsFp32(ToDoubleFunction<ModelCost> figure) {
    return savingPercent(figure.applyAsDouble(plan), figure.applyAsDouble(fp32));
  }

  /**
   * One figure of {@code cost} (the plan, a pinned plan, FP32) in percent of the model as stored:
   * 100 when equal, 200 for an FP32 plan of an FP16 file's size.
   */
  public double percentOfStored(ModelCost cost, ToDoubleFunction<ModelCost> figure) {
    return 100 - savingPercent(figure.applyAsDouble(cost), figure.applyAsDouble(stored));
  }

  /** Size saving against FP32 (as the other {@code *Saving} methods). */
  public double sizeSaving() {
    return savingPercent(plan.modelBytes(), fp32.modelBytes());
  }

  public double dramBytesSaving() {
    return savingPercent(plan.dramBytes(), fp32.dramBytes());
  }

  public double timeSaving() {
    return savingPercent(plan.seconds(), fp32.seconds());
  }

  public double energySaving() {
    return savingPercent(plan.joules(), fp32.joules());
  }

  public double powerSaving() {
    return savingPercent(plan.averageWatts(), fp32.averageWatts());
  }

  /** Why each headline figure of the plan has its value. */
  public List<Explanation> explanations() {
    HardwareProfile hw = plan.hardware();
    CostAssumptions a = plan.assumptions();
    String device = hw.name();
    return List.of(
        new Explanation(
            "model size",
            plan.modelBytes(),
            "B",
            "Σ layers (codes·bits + scale groups·(scale + zero-point bits)) / 8 + FP32 biases"
                + " + other tensors as stored",
            List.of(
                new Explanation.Term(
                    "size as stored",
                    stored.modelBytes(),
                    "B",
                    "each weight at its stored type's bytes, scales among the other tensors"),
                new Explanation.Term(
                    "FP32 size", fp32.modelBytes(), "B", "4 bytes per FP32 weight"))),
        new Explanation(
            "time per batch",
            plan.seconds(),
            "s",
            "Σ layers max(MACs / (η·peak MAC/s), DRAM bytes / (η_mem·bandwidth))",
            List.of(
                new Explanation.Term("MACs", plan.macs(), "MAC", "measured shapes of the workload"),
                new Explanation.Term("DRAM bytes", plan.dramBytes(), "B", activationSource(a)),
                new Explanation.Term("η", a.computeEfficiency(), "", "assumption (user-set)"),
                new Explanation.Term("η_mem", a.memoryEfficiency(), "", "assumption (user-set)"),
                term("bandwidth", hw.memoryBandwidth(), "B/s", device))),
        new Explanation(
            "energy per inference",
            plan.joulesPerInference(),
            "J",
            "(Σ MACs·E_mac(precision) + DRAM bytes·E_byte + P_idle·t) / batch",
            List.of(
                term("E_byte", hw.energyPerDramByte(), "J/B", device),
                term("P_idle", hw.idleWatts(), "W", device),
                new Explanation.Term("batch", plan.workload().batch(), "", "workload"))),
        new Explanation(
            "average power",
            plan.averageWatts(),
            "W",
            "E per inference · min(request rate, throughput) + P_idle, against TDP",
            List.of(
                new Explanation.Term(
                    "request rate", a.requestsPerSecond(), "1/s", "assumption (user-set)"),
                term("TDP", hw.tdpWatts(), "W", device))),
        new Explanation(
            "energy per year",
            plan.kwhPerYear(),
            "kWh",
            "average power · 3.1536·10⁷ s · PUE / 3.6·10⁶ J/kWh; CO₂ = kWh · grid intensity",
            List.of(
                new Explanation.Term(
                    "PUE", a.pue(), "", "assumption; Uptime Institute 2023 average 1.58"),
                new Explanation.Term(
                    "grid intensity", a.gridKgCo2PerKwh(), "kg/kWh", "assumption (user-set)"))));
  }

  /** Why one layer of the plan takes its time and energy. */
  public List<Explanation> explain(LayerCost layer) {
    HardwareProfile hw = plan.hardware();
    CostAssumptions a = plan.assumptions();
    Precision used = layer.compute().used();
    String device = hw.name();
    List<Explanation.Term> timeTerms =
        List.of(
            new Explanation.Term("MACs", layer.macs(), "MAC", "measured shapes of the workload"),
            term("peak " + used.id(), hw.peakMacsPerSecond().get(used), "MAC/s", device),
            new Explanation.Term("η", a.computeEfficiency(), "", "assumption (user-set)"),
            new Explanation.Term("DRAM bytes", layer.dramBytes(), "B", activationSource(a)),
            term("bandwidth", hw.memoryBandwidth(), "B/s", device),
            new Explanation.Term("η_mem", a.memoryEfficiency(), "", "assumption (user-set)"));
    return List.of(
        new Explanation(
            layer.name() + " time",
            layer.seconds(),
            "s",
            "max(MACs / (η·peak), DRAM bytes / (η_mem·bandwidth)); "
                + (layer.memoryBound() ? "memory-bound" : "compute-bound")
                + (layer.compute().isNative() ? "" : "; " + layer.compute().reason()),
            timeTerms),
        new Explanation(
            layer.name() + " energy",
            layer.joules(),
            "J",
            "MACs·E_mac(" + used.id() + ") + DRAM bytes·E_byte + P_idle·t",
            List.of(
                term("E_mac " + used.id(), hw.energyPerMac().get(used), "J", device),
                term("E_byte", hw.energyPerDramByte(), "J/B", device),
                term("P_idle", hw.idleWatts(), "W", device),
                new Explanation.Term("t", layer.seconds(), "s", "roofline time above"))));
  }

  private static Explanation.Term term(String name, Sourced value, String unit, String device) {
    return new Explanation.Term(name, value.value(), unit, device + ": " + value.provenance());
  }

  private static String activationSource(CostAssumptions a) {
    return a.activationsFromDram()
        ? "weights once per batch + activations read and written"
        : "weights once per batch; activations assumed to stay on chip";
  }
}
