package io.quantlens.report;

import io.quantlens.cost.CostComparison;
import io.quantlens.cost.LayerCost;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** One CSV row per layer (and one for the operations outside layers), plan next to FP32. */
public final class CostCsv {
  public static final List<String> COLUMNS =
      List.of(
          "layer",
          "op",
          "scheme",
          "precision_used",
          "native",
          "macs",
          "weight_bytes",
          "fp32_weight_bytes",
          "dram_bytes",
          "compute_s",
          "memory_s",
          "time_s",
          "bound",
          "energy_j",
          "fp32_energy_j");

  private CostCsv() {}

  public static void write(CostComparison cost, Path file) throws IOException {
    List<LayerCost> plan = cost.plan().layers();
    List<LayerCost> fp32 = cost.fp32().layers();
    CsvFiles.write(
        file,
        COLUMNS,
        csv -> {
          for (int i = 0; i < plan.size(); i++) {
            LayerCost l = plan.get(i);
            csv.printRecord(
                l.name(),
                l.opType(),
                l.scheme(),
                l.compute().used().id(),
                l.compute().isNative(),
                l.macs(),
                CsvFiles.number(l.weightBytes()),
                CsvFiles.number(fp32.get(i).weightBytes()),
                CsvFiles.number(l.dramBytes()),
                CsvFiles.number(l.computeSeconds()),
                CsvFiles.number(l.memorySeconds()),
                CsvFiles.number(l.seconds()),
                l.memoryBound() ? "memory" : "compute",
                CsvFiles.number(l.joules()),
                CsvFiles.number(fp32.get(i).joules()));
          }
        });
  }
}
