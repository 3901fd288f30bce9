package io.quantlens.report;

import io.quantlens.cost.CostAssumptions;
import io.quantlens.eval.EvalResult;
import io.quantlens.files.AtomicWrite;
import io.quantlens.text.Messages;
import io.quantlens.text.Numbers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link ReportSummary} as {@code README.txt}: the same facts as {@code summary.json} in plain
 * sentences for whoever opens the folder, then what each file holds.
 */
public final class ReportReadme {
  public static final String FILE = "README.txt";

  private ReportReadme() {}

  /**
   * Writes {@code summary} in {@code m}'s language, the plan described as {@code planText} (the
   * summary's own is the English one summary.json keeps).
   */
  public static void write(ReportSummary summary, String planText, Messages m, Path file)
      throws IOException {
    String text = text(summary, planText, m);
    AtomicWrite.writeStream(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
  }

  static String text(ReportSummary s, String planText, Messages m) {
    Numbers n = m.numbers();
    List<String[]> lines = new ArrayList<>();
    lines.add(
        row(m, "report.written", m.get("report.writtenValue", s.created(), s.quantlensVersion())));
    lines.add(row(m, "report.model", s.model().name() + " (" + s.format() + ")"));
    lines.add(new String[] {"SHA-256", s.model().sha256()});
    lines.add(row(m, "report.openedAs", s.source()));
    lines.add(
        row(
            m,
            "report.layers",
            m.get("report.layersValue", n.count(s.layers()), n.count(s.parameters()))));
    lines.add(row(m, "report.plan", m.get("report.planValue", planText)));
    lines.add(row(m, "report.hardware", s.hardwareName() + " (" + s.hardwareId() + ")"));
    StringBuilder dims = new StringBuilder(m.get("report.batch", s.workload().batch()));
    s.workload().dims().forEach((k, v) -> dims.append(", ").append(k).append(" = ").append(v));
    lines.add(row(m, "report.workload", dims.toString()));
    CostAssumptions a = s.assumptions();
    lines.add(
        row(
            m,
            "report.assumptions",
            m.get(
                "report.assumptionsValue",
                n.four(a.computeEfficiency()),
                n.four(a.memoryEfficiency()),
                m.get(a.activationsFromDram() ? "report.through" : "report.notThrough"),
                n.four(a.requestsPerSecond()),
                n.four(a.pue()),
                n.four(a.gridKgCo2PerKwh()))));
    EvalResult accuracy = s.accuracy();
    if (accuracy == null) {
      lines.add(row(m, "report.accuracy", m.get("report.notMeasured")));
    } else {
      lines.add(
          row(
              m,
              "report.accuracy",
              m.get("report.against", accuracy.reference(), accuracy.data())));
      for (EvalCsv.Metric metric : EvalCsv.summary(accuracy)) {
        lines.add(new String[] {"", metric.name() + " = " + metric.text() + " " + metric.unit()});
      }
    }
    int width = Math.max(12, lines.stream().mapToInt(l -> l[0].length()).max().orElse(0)) + 1;
    StringBuilder b = new StringBuilder();
    heading(b, m.get("report.title"), '=');
    b.append('\n');
    for (String[] l : lines) {
      b.append((l[0] + " ".repeat(width - l[0].length()) + l[1]).stripTrailing()).append('\n');
    }
    b.append('\n');
    heading(b, m.get("report.files"), '-');
    for (ReportSummary.ReportFile f : s.files()) {
      b.append(f.name()).append('\n').append("    ").append(f.contents()).append('\n');
    }
    b.append('\n').append(m.get("report.footer")).append('\n');
    return b.toString();
  }

  private static String[] row(Messages m, String key, String value) {
    return new String[] {m.get(key), value};
  }

  /** The text underlined with as many {@code rule} characters as it has. */
  private static void heading(StringBuilder b, String text, char rule) {
    b.append(text).append('\n').append(String.valueOf(rule).repeat(text.length())).append('\n');
  }
}
