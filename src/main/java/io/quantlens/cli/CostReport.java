package io.quantlens.cli;

import io.quantlens.cost.CostComparison;
import io.quantlens.cost.LayerCost;
import io.quantlens.cost.ModelCost;
import io.quantlens.cost.PrecisionMismatch;
import io.quantlens.report.NumberText;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Prints a cost comparison: one line per layer, then the totals against the model as stored (the
 * reference) and against FP32.
 */
final class CostReport {
  private final CostComparison cost;

  CostReport(CostComparison cost) {
    this.cost = cost;
  }

  void print(PrintWriter out) {
    ModelCost plan = cost.plan();
    int width =
        Math.max(5, plan.layers().stream().mapToInt(l -> l.name().length()).max().orElse(5));
    String format = "%-" + width + "s  %-18s %-6s %14s %12s %12s %-7s %12s%n";
    out.printf(
        Locale.ROOT,
        format,
        "layer",
        "scheme",
        "runs",
        "MACs",
        "weights",
        "time",
        "bound",
        "energy");
    for (LayerCost l : plan.layers()) {
      out.printf(
          Locale.ROOT,
          format,
          l.name(),
          l.scheme(),
          l.compute().used().id() + (l.compute().isNative() ? "" : "*"),
          NumberText.count(l.macs()),
          NumberText.bytes(l.weightBytes()),
          NumberText.seconds(l.seconds()),
          l.memoryBound() ? "memory" : "compute",
          NumberText.joules(l.joules()));
    }
    List<LayerCost> emulated = plan.emulated();
    if (!emulated.isEmpty()) {
      out.printf(
          Locale.ROOT, "%n* %s (%d layers)%n", emulated.get(0).compute().reason(), emulated.size());
    }
    PrecisionMismatch.of(plan).ifPresent(m -> out.printf(Locale.ROOT, "Note: %s.%n", m.describe()));
    out.println();
    String totals = "%-30s %14s %14s %9s %14s %9s%n";
    out.printf(
        Locale.ROOT,
        totals,
        "per inference (batch " + plan.workload().batch() + ")",
        "as stored",
        "plan",
        "saving",
        "FP32",
        "vs FP32");
    row(out, totals, "model size", ModelCost::modelBytes, NumberText::bytes);
    row(out, totals, "DRAM traffic per batch", ModelCost::dramBytes, NumberText::bytes);
    row(out, totals, "time per batch", ModelCost::seconds, NumberText::seconds);
    out.printf(
        Locale.ROOT,
        totals,
        "throughput (inferences/s)",
        NumberText.count(cost.stored().throughput(), 1),
        NumberText.count(plan.throughput(), 1),
        "×" + NumberText.fixed(plan.throughput() / cost.stored().throughput(), 2),
        NumberText.count(cost.fp32().throughput(), 1),
        "×" + NumberText.fixed(plan.throughput() / cost.fp32().throughput(), 2));
    row(out, totals, "energy per inference", ModelCost::joulesPerInference, NumberText::joules);
    row(
        out,
        totals,
        "average power at " + rate(plan.assumptions().requestsPerSecond()),
        ModelCost::averageWatts,
        v -> NumberText.significant(v, 3) + " W");
    row(out, totals, "share of TDP", ModelCost::shareOfTdp, v -> NumberText.percent(v, 2));
    row(
        out,
        totals,
        "kWh per 10⁶ inferences",
        ModelCost::kwhPerMillionInferences,
        v -> NumberText.significant(v, 4));
    row(out, totals, "kWh per year", ModelCost::kwhPerYear, v -> NumberText.significant(v, 4));
    row(out, totals, "kg CO₂ per year", ModelCost::kgCo2PerYear, v -> NumberText.significant(v, 4));
    out.printf(
        Locale.ROOT,
        "%nTime: roofline max(MACs/(η·peak), bytes/(η_mem·BW)), η %.2f, η_mem %.2f; energy: MACs·E_mac"
            + " + DRAM bytes·E_byte + P_idle·t; yearly figures at PUE %.2f. `--explain` shows sources.%n",
        plan.assumptions().computeEfficiency(),
        plan.assumptions().memoryEfficiency(),
        plan.assumptions().pue());
  }

  private interface Format {
    String of(double value);
  }

  private void row(
      PrintWriter out, String format, String label, ToDoubleFunction<ModelCost> f, Format text) {
    out.printf(
        Locale.ROOT,
        format,
        label,
        text.of(f.applyAsDouble(cost.stored())),
        text.of(f.applyAsDouble(cost.plan())),
        percent(cost.savingVsStored(f)),
        text.of(f.applyAsDouble(cost.fp32())),
        percent(cost.savingVsFp32(f)));
  }

  /** A saving in percent; + 0.0 turns −0.0 into 0.0. */
  private static String percent(double saving) {
    return NumberText.fixed(saving + 0.0, 1) + " %";
  }

  static String rate(double perSecond) {
    return (perSecond == Math.rint(perSecond)
            ? NumberText.count(perSecond, 0)
            : NumberText.significant(perSecond, 3))
        + "/s";
  }
}
