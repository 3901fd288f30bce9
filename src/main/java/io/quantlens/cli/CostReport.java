package io.quantlens.cli;

import io.quantlens.cost.CostComparison;
import io.quantlens.cost.LayerCost;
import io.quantlens.cost.ModelCost;
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
    out.printf(format, "layer", "scheme", "runs", "MACs", "weights", "time", "bound", "energy");
    for (LayerCost l : plan.layers()) {
      out.printf(
          Locale.ROOT,
          format,
          l.name(),
          l.scheme(),
          l.compute().used().id() + (l.compute().isNative() ? "" : "*"),
          String.format(Locale.ROOT, "%,d", l.macs()),
          bytes(l.weightBytes()),
          seconds(l.seconds()),
          l.memoryBound() ? "memory" : "compute",
          joules(l.joules()));
    }
    List<LayerCost> emulated = plan.emulated();
    if (!emulated.isEmpty()) {
      out.printf("%n* %s (%d layers)%n", emulated.get(0).compute().reason(), emulated.size());
    }
    out.println();
    String totals = "%-30s %14s %14s %9s %14s %9s%n";
    out.printf(
        totals,
        "per inference (batch " + plan.workload().batch() + ")",
        "as stored",
        "plan",
        "saving",
        "FP32",
        "vs FP32");
    row(out, totals, "model size", ModelCost::modelBytes, CostReport::bytes);
    row(out, totals, "DRAM traffic per batch", ModelCost::dramBytes, CostReport::bytes);
    row(out, totals, "time per batch", ModelCost::seconds, CostReport::seconds);
    out.printf(
        totals,
        "throughput (inferences/s)",
        String.format(Locale.ROOT, "%,.1f", cost.stored().throughput()),
        String.format(Locale.ROOT, "%,.1f", plan.throughput()),
        String.format(Locale.ROOT, "×%.2f", plan.throughput() / cost.stored().throughput()),
        String.format(Locale.ROOT, "%,.1f", cost.fp32().throughput()),
        String.format(Locale.ROOT, "×%.2f", plan.throughput() / cost.fp32().throughput()));
    row(out, totals, "energy per inference", ModelCost::joulesPerInference, CostReport::joules);
    row(
        out,
        totals,
        "average power at " + rate(plan.assumptions().requestsPerSecond()),
        ModelCost::averageWatts,
        v -> String.format(Locale.ROOT, "%.3g W", v));
    row(
        out,
        totals,
        "share of TDP",
        ModelCost::shareOfTdp,
        v -> String.format(Locale.ROOT, "%.2f %%", 100 * v));
    row(
        out,
        totals,
        "kWh per 10⁶ inferences",
        ModelCost::kwhPerMillionInferences,
        v -> String.format(Locale.ROOT, "%.4g", v));
    row(
        out,
        totals,
        "kWh per year",
        ModelCost::kwhPerYear,
        v -> String.format(Locale.ROOT, "%.4g", v));
    row(
        out,
        totals,
        "kg CO₂ per year",
        ModelCost::kgCo2PerYear,
        v -> String.format(Locale.ROOT, "%.4g", v));
    out.printf(
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
    return String.format(Locale.ROOT, "%.1f %%", saving + 0.0);
  }

  static String rate(double perSecond) {
    return (perSecond == Math.rint(perSecond)
            ? String.format(Locale.ROOT, "%,.0f", perSecond)
            : String.format(Locale.ROOT, "%.3g", perSecond))
        + "/s";
  }

  static String bytes(double b) {
    if (b >= 1e9) {
      return String.format(Locale.ROOT, "%.3g GB", b / 1e9);
    }
    if (b >= 1e6) {
      return String.format(Locale.ROOT, "%.3g MB", b / 1e6);
    }
    return String.format(Locale.ROOT, "%.3g kB", b / 1e3);
  }

  static String seconds(double s) {
    if (s >= 1) {
      return String.format(Locale.ROOT, "%.3g s", s);
    }
    if (s >= 1e-3) {
      return String.format(Locale.ROOT, "%.3g ms", s * 1e3);
    }
    return String.format(Locale.ROOT, "%.3g µs", s * 1e6);
  }

  static String joules(double j) {
    if (j >= 1) {
      return String.format(Locale.ROOT, "%.3g J", j);
    }
    if (j >= 1e-3) {
      return String.format(Locale.ROOT, "%.3g mJ", j * 1e3);
    }
    return String.format(Locale.ROOT, "%.3g µJ", j * 1e6);
  }
}
