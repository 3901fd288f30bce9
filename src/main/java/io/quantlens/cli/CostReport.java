package io.quantlens.cli;

import io.quantlens.cost.CostComparison;
import io.quantlens.cost.LayerCost;
import io.quantlens.cost.ModelCost;
import io.quantlens.cost.PrecisionMismatch;
import io.quantlens.report.NumberText;
import io.quantlens.text.Messages;
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
  private final Messages texts;

  CostReport(CostComparison cost, Messages texts) {
    this.cost = cost;
    this.texts = texts;
  }

  void print(PrintWriter out) {
    ModelCost plan = cost.plan();
    String layer = texts.get("cost.column.layer");
    int width =
        Math.max(
            LabelledLines.fit(5, layer),
            plan.layers().stream().mapToInt(l -> l.name().length()).max().orElse(5));
    String[] headings = {
      layer,
      texts.get("cost.column.scheme"),
      texts.get("cost.column.runs"),
      texts.get("cost.column.macs"),
      texts.get("cost.column.weights"),
      texts.get("cost.column.time"),
      texts.get("cost.column.bound"),
      texts.get("cost.column.energy")
    };
    String format =
        NumberText.format(
            "%%-%ds  %%-%ds %%-%ds %%%ds %%%ds %%%ds %%-%ds %%%ds%%n",
            width,
            LabelledLines.fit(18, headings[1]),
            LabelledLines.fit(6, headings[2]),
            LabelledLines.fit(14, headings[3]),
            LabelledLines.fit(12, headings[4]),
            LabelledLines.fit(12, headings[5]),
            LabelledLines.fit(7, headings[6]),
            LabelledLines.fit(12, headings[7]));
    out.printf(Locale.ROOT, format, (Object[]) headings);
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
          texts.get(l.memoryBound() ? "cost.bound.memory" : "cost.bound.compute"),
          NumberText.joules(l.joules()));
    }
    List<LayerCost> emulated = plan.emulated();
    if (!emulated.isEmpty()) {
      out.println();
      out.println(
          texts.get(
              "cost.emulated",
              emulated.get(0).compute().reason(),
              String.valueOf(emulated.size())));
    }
    PrecisionMismatch.of(plan).ifPresent(m -> out.println(texts.get("cost.note", m.describe())));
    out.println();
    String[] labels = {
      texts.get("cost.perInference", String.valueOf(plan.workload().batch())),
      texts.get("cost.modelSize"),
      texts.get("cost.dramTraffic"),
      texts.get("cost.timePerBatch"),
      texts.get("cost.throughput"),
      texts.get("cost.energyPerInference"),
      texts.get("cost.averagePower", rate(plan.assumptions().requestsPerSecond())),
      texts.get("cost.shareOfTdp"),
      texts.get("cost.kwhPerMillion"),
      texts.get("cost.kwhPerYear"),
      texts.get("cost.co2PerYear")
    };
    int labelWidth = 30;
    for (String label : labels) {
      labelWidth = LabelledLines.fit(labelWidth, label);
    }
    String stored = texts.get("cost.column.stored");
    String planned = texts.get("cost.column.plan");
    String saving = texts.get("cost.column.saving");
    String versus = texts.get("cost.column.versusFp32");
    String totals =
        NumberText.format(
            "%%-%ds %%%ds %%%ds %%%ds %%%ds %%%ds%%n",
            labelWidth,
            LabelledLines.fit(14, stored),
            LabelledLines.fit(14, planned),
            LabelledLines.fit(9, saving),
            14,
            LabelledLines.fit(9, versus));
    out.printf(Locale.ROOT, totals, labels[0], stored, planned, saving, "FP32", versus);
    row(out, totals, labels[1], ModelCost::modelBytes, NumberText::bytes);
    row(out, totals, labels[2], ModelCost::dramBytes, NumberText::bytes);
    row(out, totals, labels[3], ModelCost::seconds, NumberText::seconds);
    out.printf(
        Locale.ROOT,
        totals,
        labels[4],
        NumberText.count(cost.stored().throughput(), 1),
        NumberText.count(plan.throughput(), 1),
        "×" + NumberText.fixed(plan.throughput() / cost.stored().throughput(), 2),
        NumberText.count(cost.fp32().throughput(), 1),
        "×" + NumberText.fixed(plan.throughput() / cost.fp32().throughput(), 2));
    row(out, totals, labels[5], ModelCost::joulesPerInference, NumberText::joules);
    row(out, totals, labels[6], ModelCost::averageWatts, v -> NumberText.significant(v, 3) + " W");
    row(out, totals, labels[7], ModelCost::shareOfTdp, v -> NumberText.percent(v, 2));
    row(
        out,
        totals,
        labels[8],
        ModelCost::kwhPerMillionInferences,
        v -> NumberText.significant(v, 4));
    row(out, totals, labels[9], ModelCost::kwhPerYear, v -> NumberText.significant(v, 4));
    row(out, totals, labels[10], ModelCost::kgCo2PerYear, v -> NumberText.significant(v, 4));
    out.println();
    out.println(
        texts.get(
            "cost.formulas",
            NumberText.fixed(plan.assumptions().computeEfficiency(), 2),
            NumberText.fixed(plan.assumptions().memoryEfficiency(), 2),
            NumberText.fixed(plan.assumptions().pue(), 2)));
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
