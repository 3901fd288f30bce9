package io.quantlens.cost;

import io.quantlens.cost.Explanation.Quantity;
import io.quantlens.cost.Explanation.Term;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * The explanations of one plan's cost: each headline {@link Quantity} and each layer's time and
 * energy, every formula in the symbols of {@link CostModel}'s roofline and energy model.
 */
final class CostExplanations {
  private final ModelCost plan;
  private final HardwareProfile hw;
  private final CostAssumptions a;
  private final String device;

  CostExplanations(ModelCost plan) {
    this.plan = plan;
    this.hw = plan.hardware();
    this.a = plan.assumptions();
    this.device = hw.name();
  }

  Explanation of(Quantity q) {
    return switch (q) {
      case MODEL_SIZE -> modelSize();
      case DRAM_BYTES -> dramBytes();
      case TIME -> time();
      case ENERGY -> energy();
      case AVERAGE_POWER -> averagePower();
      case ENERGY_PER_YEAR -> energyPerYear();
      case CO2_PER_YEAR -> co2PerYear();
    };
  }

  private Explanation modelSize() {
    double layers = plan.layers().stream().mapToDouble(LayerCost::weightBytes).sum();
    return new Explanation(
        Quantity.MODEL_SIZE.label(),
        "S",
        plan.modelBytes(),
        "B",
        "S = S_layers + S_other",
        List.of(
            new Term(
                "S_layers",
                "every layer's weights under the plan (codes, plus a scale and, if asymmetric, a"
                    + " zero point per group) and its bias, kept FP32",
                layers,
                "B",
                "each layer's scheme, stored as its format's files store it"),
            new Term(
                "S_other",
                "parameters outside the layers, as the file stores them",
                plan.otherParameterBytes(),
                "B",
                "the model file")),
        "1 kB = 1000 B, 1 MB = 10⁶ B");
  }

  private Explanation dramBytes() {
    double activations = activationsMoved();
    return new Explanation(
        Quantity.DRAM_BYTES.label(),
        "D",
        plan.dramBytes() / batch(),
        "B",
        "D = (W_read + A) / batch",
        List.of(
            new Term(
                "W_read",
                "weight bytes read per run of the batch: each layer's weights once, a Gather only"
                    + " the rows it looks up",
                plan.dramBytes() - activations,
                "B",
                "the plan's sizes and the workload's shapes"),
            new Term(
                "A",
                "activation bytes read and written per run of the batch",
                activations,
                "B",
                activationSource()),
            batchTerm()));
  }

  private Explanation time() {
    return new Explanation(
        Quantity.TIME.label(),
        "t",
        plan.seconds() / batch(),
        "s",
        "t = Σ_l max(MACs_l / (η·peak_l), D_l / (η_mem·BW)) / batch",
        List.of(
            new Term(
                "MACs_l",
                "multiply-accumulates of layer l (the total is shown)",
                plan.macs(),
                "MAC",
                "measured shapes of the workload"),
            perPrecision(
                "peak_l",
                "peak MAC/s of the device at the precision layer l runs in",
                "MAC/s",
                hw.peakMacsPerSecond()::get),
            efficiency(),
            new Term(
                "D_l",
                "bytes layer l moves to or from DRAM per run (the total is shown)",
                plan.dramBytes(),
                "B",
                activationSource()),
            memoryEfficiency(),
            sourced("BW", "memory bandwidth", hw.memoryBandwidth(), "B/s"),
            batchTerm()),
        memoryBoundNote());
  }

  private Explanation energy() {
    return new Explanation(
        Quantity.ENERGY.label(),
        "E",
        plan.joulesPerInference(),
        "J",
        "E = (E_MAC + D·E_byte + P_idle·T) / batch",
        List.of(
            new Term(
                "E_MAC",
                "Σ over layers of MACs · energy per MAC at the layer's precision",
                plan.layers().stream().mapToDouble(LayerCost::macJoules).sum(),
                "J",
                perPrecisionSource(hw.energyPerMac()::get, "J")),
            new Term(
                "D",
                "DRAM bytes moved per run of the batch",
                plan.dramBytes(),
                "B",
                activationSource()),
            sourced("E_byte", "energy per DRAM byte", hw.energyPerDramByte(), "J/B"),
            idle(),
            new Term(
                "T", "time per run of the batch (roofline)", plan.seconds(), "s", "this model"),
            batchTerm()));
  }

  /** P_idle · (1 − min(r, X)/X): idle power for the share of each second the device waits. */
  private double idleWhileWaiting() {
    double rate = Math.min(a.requestsPerSecond(), plan.throughput());
    return hw.idleWatts().value() * (1 - rate / plan.throughput());
  }

  private Explanation averagePower() {
    return new Explanation(
        Quantity.AVERAGE_POWER.label(),
        "P",
        plan.averageWatts(),
        "W",
        "P = E·min(r, X) + P_idle·(1 − min(r, X)/X)",
        List.of(
            new Term(
                "E",
                "energy per inference",
                plan.joulesPerInference(),
                "J",
                "energy per inference above"),
            new Term(
                "r", "requests per second", a.requestsPerSecond(), "1/s", "assumption (user-set)"),
            new Term(
                "X",
                "throughput: inferences per second the device serves, batch / T",
                plan.throughput(),
                "1/s",
                "this model"),
            idle(),
            sourced("TDP", "thermal design power, for the share shown", hw.tdpWatts(), "W")),
        String.format(
            Locale.ROOT,
            "E·min(r, X) is %.3g %% of P at this request rate, the rest idle power while waiting"
                + " (E holds the idle power drawn while working)",
            100 * (plan.averageWatts() - idleWhileWaiting()) / plan.averageWatts()));
  }

  private Explanation energyPerYear() {
    return new Explanation(
        Quantity.ENERGY_PER_YEAR.label(),
        "Y",
        plan.kwhPerYear(),
        "kWh",
        "Y = P·s_year·PUE / J_kWh",
        List.of(
            new Term("P", "average power", plan.averageWatts(), "W", "average power above"),
            new Term(
                "s_year", "seconds in a year of 365 days", ModelCost.SECONDS_PER_YEAR, "s", "—"),
            new Term(
                "PUE",
                "data-centre power usage effectiveness",
                a.pue(),
                "",
                "assumption; Uptime Institute 2023 average 1.58"),
            new Term("J_kWh", "joules in a kWh", ModelCost.JOULES_PER_KWH, "J/kWh", "—")));
  }

  private Explanation co2PerYear() {
    return new Explanation(
        Quantity.CO2_PER_YEAR.label(),
        "CO₂",
        plan.kgCo2PerYear(),
        "kg",
        "CO₂ = Y·I",
        List.of(
            new Term("Y", "energy per year", plan.kwhPerYear(), "kWh", "energy per year above"),
            new Term(
                "I",
                "grid carbon intensity",
                a.gridKgCo2PerKwh(),
                "kg/kWh",
                "assumption (user-set)")));
  }

  /** Why one layer takes its time and energy. */
  List<Explanation> layer(LayerCost layer) {
    Precision used = layer.compute().used();
    String bound =
        (layer.memoryBound() ? "memory-bound" : "compute-bound")
            + (layer.compute().isNative() ? "" : "; " + layer.compute().reason());
    return List.of(
        new Explanation(
            layer.name() + " time",
            "t",
            layer.seconds(),
            "s",
            "t = max(MACs / (η·peak), D / (η_mem·BW))",
            List.of(
                new Term("MACs", "multiply-accumulates", layer.macs(), "MAC", "workload"),
                sourced(
                    "peak",
                    "peak MAC/s at " + used.id(),
                    hw.peakMacsPerSecond().get(used),
                    "MAC/s"),
                efficiency(),
                new Term(
                    "D", "bytes moved to or from DRAM", layer.dramBytes(), "B", activationSource()),
                sourced("BW", "memory bandwidth", hw.memoryBandwidth(), "B/s"),
                memoryEfficiency()),
            bound),
        new Explanation(
            layer.name() + " energy",
            "E",
            layer.joules(),
            "J",
            "E = MACs·E_mac + D·E_byte + P_idle·t",
            List.of(
                new Term("MACs", "multiply-accumulates", layer.macs(), "MAC", "workload"),
                sourced(
                    "E_mac", "energy per MAC at " + used.id(), hw.energyPerMac().get(used), "J"),
                new Term(
                    "D", "bytes moved to or from DRAM", layer.dramBytes(), "B", activationSource()),
                sourced("E_byte", "energy per DRAM byte", hw.energyPerDramByte(), "J/B"),
                idle(),
                new Term("t", "the layer's roofline time", layer.seconds(), "s", "time above"))));
  }

  private double batch() {
    return plan.workload().batch();
  }

  private double activationsMoved() {
    return a.activationsFromDram()
        ? plan.layers().stream().mapToDouble(LayerCost::activationBytes).sum()
        : 0;
  }

  private Term batchTerm() {
    return new Term("batch", "inferences per run", batch(), "", "workload");
  }

  private Term efficiency() {
    return new Term(
        "η",
        "share of peak MAC/s a layer reaches",
        a.computeEfficiency(),
        "",
        "assumption (user-set)");
  }

  private Term memoryEfficiency() {
    return new Term(
        "η_mem",
        "share of the bandwidth a layer reaches",
        a.memoryEfficiency(),
        "",
        "assumption (user-set)");
  }

  private Term idle() {
    return sourced("P_idle", "idle power", hw.idleWatts(), "W");
  }

  private Term sourced(String symbol, String meaning, Sourced value, String unit) {
    return new Term(symbol, meaning, value.value(), unit, device + ": " + value.provenance());
  }

  /**
   * A device constant that depends on each layer's compute precision: its value when every layer
   * with MACs runs in one precision, else NaN with each precision's value in the source.
   */
  private Term perPrecision(
      String symbol, String meaning, String unit, Function<Precision, Sourced> value) {
    Set<Precision> used = usedPrecisions();
    if (used.size() == 1) {
      return sourced(symbol, meaning, value.apply(used.iterator().next()), unit);
    }
    return new Term(symbol, meaning, Double.NaN, unit, perPrecisionSource(value, unit));
  }

  /** {@code device: int8 4e+12 MAC/s (source); fp32 …} for the precisions the layers run in. */
  private String perPrecisionSource(Function<Precision, Sourced> value, String unit) {
    List<String> parts = new ArrayList<>();
    for (Precision p : usedPrecisions()) {
      Sourced s = value.apply(p);
      parts.add(
          String.format(Locale.ROOT, "%s %.3g %s (%s)", p.id(), s.value(), unit, s.provenance()));
    }
    return device + ": " + String.join("; ", parts);
  }

  private Set<Precision> usedPrecisions() {
    Set<Precision> used = new LinkedHashSet<>();
    for (LayerCost l : plan.layers()) {
      if (l.macs() > 0) {
        used.add(l.compute().used());
      }
    }
    if (used.isEmpty()) {
      used.add(hw.computeFor(Precision.FP32).used());
    }
    return used;
  }

  /** How many layers are memory-bound: the roofline term that sets the time. */
  private String memoryBoundNote() {
    long memory = plan.layers().stream().filter(l -> l.macs() > 0 && l.memoryBound()).count();
    long all = plan.layers().stream().filter(l -> l.macs() > 0).count();
    return String.format(Locale.ROOT, "%d of %d layers with MACs are memory-bound", memory, all);
  }

  private String activationSource() {
    return a.activationsFromDram()
        ? "weights once per batch + activations read and written"
        : "weights once per batch; activations assumed to stay on chip";
  }
}
