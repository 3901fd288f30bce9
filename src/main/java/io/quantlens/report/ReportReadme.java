package io.quantlens.report;

import io.quantlens.cost.CostAssumptions;
import io.quantlens.eval.EvalResult;
import io.quantlens.files.AtomicWrite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A {@link ReportSummary} as {@code README.txt}: the same facts as {@code summary.json} in plain
 * sentences for whoever opens the folder, then what each file holds.
 */
public final class ReportReadme {
  public static final String FILE = "README.txt";

  private ReportReadme() {}

  public static void write(ReportSummary summary, Path file) throws IOException {
    String text = text(summary);
    AtomicWrite.writeStream(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
  }

  static String text(ReportSummary s) {
    StringBuilder b = new StringBuilder();
    b.append("QuantLens report\n================\n\n");
    line(b, "Written", s.created() + " by QuantLens " + s.quantlensVersion());
    line(b, "Model", s.model().name() + " (" + s.format() + ")");
    line(b, "SHA-256", s.model().sha256());
    line(b, "Opened as", s.source());
    line(
        b,
        "Layers",
        String.format(Locale.ROOT, "%,d holding %,d parameters", s.layers(), s.parameters()));
    line(b, "Plan", s.planText() + "; plan.json lists every layer's scheme");
    line(b, "Hardware", s.hardwareName() + " (" + s.hardwareId() + ")");
    StringBuilder dims = new StringBuilder("batch " + s.workload().batch());
    s.workload().dims().forEach((k, v) -> dims.append(", ").append(k).append(" = ").append(v));
    line(b, "Workload", dims.toString());
    CostAssumptions a = s.assumptions();
    line(
        b,
        "Assumptions",
        String.format(
            Locale.ROOT,
            "compute efficiency %s, memory efficiency %s, activations %s DRAM, %s requests/s,"
                + " PUE %s, grid %s kg CO2/kWh",
            a.computeEfficiency(),
            a.memoryEfficiency(),
            a.activationsFromDram() ? "through" : "not through",
            a.requestsPerSecond(),
            a.pue(),
            a.gridKgCo2PerKwh()));
    EvalResult accuracy = s.accuracy();
    if (accuracy == null) {
      line(b, "Accuracy", "not measured");
    } else {
      line(b, "Accuracy", "against " + accuracy.reference() + " on " + accuracy.data());
      for (EvalCsv.Metric m : EvalCsv.summary(accuracy)) {
        line(b, "", m.name() + " = " + m.text() + " " + m.unit());
      }
    }
    b.append('\n').append("Files").append('\n').append("-----").append('\n');
    for (ReportSummary.ReportFile f : s.files()) {
      b.append(f.name()).append('\n').append("    ").append(f.contents()).append('\n');
    }
    b.append('\n')
        .append("Figures are drawn in the light print style whatever the window's theme;")
        .append(" each .csv beside a figure holds the data it draws. The column meanings are in")
        .append(" QuantLens's docs/exports.md.\n");
    return b.toString();
  }

  private static void line(StringBuilder b, String label, String value) {
    b.append(String.format(Locale.ROOT, "%-12s %s", label, value).stripTrailing()).append('\n');
  }
}
