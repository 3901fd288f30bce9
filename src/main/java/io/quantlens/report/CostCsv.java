package io.quantlens.report;

import io.quantlens.cost.CostComparison;
import io.quantlens.cost.LayerCost;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * One CSV row per layer (and one for the operations outside layers): the plan's weights, time and
 * energy next to the model's as stored and FP32's, each with its saving in percent, as the {@code
 * cost} command's table orders them (as stored, plan, saving, FP32, vs FP32).
 */
public final class CostCsv {
  public static final List<String> COLUMNS =
      List.of(
          "layer",
          "op",
          "scheme",
          "stored_scheme",
          "precision_used",
          "stored_precision_used",
          "native",
          "macs",
          "stored_weight_bytes",
          "weight_bytes",
          "weight_saving_vs_stored_pct",
          "fp32_weight_bytes",
          "weight_saving_vs_fp32_pct",
          "dram_bytes",
          "compute_s",
          "memory_s",
          "stored_time_s",
          "time_s",
          "time_saving_vs_stored_pct",
          "fp32_time_s",
          "time_saving_vs_fp32_pct",
          "bound",
          "stored_energy_j",
          "energy_j",
          "energy_saving_vs_stored_pct",
          "fp32_energy_j",
          "energy_saving_vs_fp32_pct");

  private CostCsv() {}

  public static void write(CostComparison cost, Path file) throws IOException {
    List<LayerCost> plan = cost.plan().layers();
    List<LayerCost> stored = cost.stored().layers();
    List<LayerCost> fp32 = cost.fp32().layers();
    CsvFiles.write(
        file,
        COLUMNS,
        csv -> {
          for (int i = 0; i < plan.size(); i++) {
            LayerCost l = plan.get(i);
            LayerCost s = stored.get(i);
            LayerCost f = fp32.get(i);
            csv.printRecord(
                l.name(),
                l.opType(),
                l.scheme(),
                s.scheme(),
                l.compute().used().id(),
                s.compute().used().id(),
                l.compute().isNative(),
                l.macs(),
                NumberText.roundTrip(s.weightBytes()),
                NumberText.roundTrip(l.weightBytes()),
                saving(l, s, LayerCost::weightBytes),
                NumberText.roundTrip(f.weightBytes()),
                saving(l, f, LayerCost::weightBytes),
                NumberText.roundTrip(l.dramBytes()),
                NumberText.roundTrip(l.computeSeconds()),
                NumberText.roundTrip(l.memorySeconds()),
                NumberText.roundTrip(s.seconds()),
                NumberText.roundTrip(l.seconds()),
                saving(l, s, LayerCost::seconds),
                NumberText.roundTrip(f.seconds()),
                saving(l, f, LayerCost::seconds),
                l.memoryBound() ? "memory" : "compute",
                NumberText.roundTrip(s.joules()),
                NumberText.roundTrip(l.joules()),
                saving(l, s, LayerCost::joules),
                NumberText.roundTrip(f.joules()),
                saving(l, f, LayerCost::joules));
          }
        });
  }

  /** {@link CostComparison#savingPercent} of one figure of a layer; + 0.0 turns −0.0 into 0.0. */
  private static String saving(
      LayerCost plan, LayerCost reference, ToDoubleFunction<LayerCost> figure) {
    return NumberText.roundTrip(
        CostComparison.savingPercent(figure.applyAsDouble(plan), figure.applyAsDouble(reference))
            + 0.0);
  }
}
