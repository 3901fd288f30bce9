package io.quantlens.cli;

import io.quantlens.analysis.LayerAnalysis;
import io.quantlens.analysis.ModelAnalysis;
import io.quantlens.analysis.PlanSummary;
import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.analysis.QuantResult;
import io.quantlens.quant.ErrorStats;
import io.quantlens.quant.Scheme;
import io.quantlens.report.AnalysisCsv;
import io.quantlens.report.NumberText;
import io.quantlens.text.Messages;
import java.io.PrintWriter;
import java.util.Locale;

/** The analysis as a plain-text table: a block per layer, a row per scheme, then model totals. */
final class AnalysisTable {
  private final ModelAnalysis analysis;
  private final Messages texts;
  private final String scheme;
  private final String bits;
  private final String sqnr;

  AnalysisTable(ModelAnalysis analysis, Messages texts) {
    this.analysis = analysis;
    this.texts = texts;
    this.scheme = texts.get("analysis.column.scheme");
    this.bits = texts.get("analysis.column.bitsPerWeight");
    this.sqnr = texts.get("analysis.column.sqnr");
  }

  void print(PrintWriter out) {
    String[] headings = {
      scheme,
      bits,
      sqnr,
      texts.get("analysis.column.mse"),
      texts.get("analysis.column.maxError"),
      texts.get("analysis.column.cosine"),
      texts.get("analysis.column.clipped")
    };
    int[] widths = {22, 6, 9, 11, 11, 9, 8};
    StringBuilder row = new StringBuilder(" ");
    for (int i = 0; i < widths.length; i++) {
      row.append(" %").append(i == 0 ? "-" : "").append(LabelledLines.fit(widths[i], headings[i]));
      row.append('s');
    }
    String format = row.append("%n").toString();
    for (LayerAnalysis layer : analysis.layers()) {
      out.println(
          texts.get(
              "analysis.layer",
              layer.layer().name(),
              layer.layer().opType(),
              AnalysisCsv.shapeText(layer.layer().weight().shape()),
              NumberText.count(layer.weights().count()),
              NumberText.format("%.4g", layer.weights().min()),
              NumberText.format("%.4g", layer.weights().max())));
      out.printf(Locale.ROOT, format, (Object[]) headings);
      for (QuantResult r : layer.results()) {
        ErrorStats s = r.stats();
        out.printf(
            Locale.ROOT,
            format,
            r.scheme().id(),
            NumberText.fixed(r.bitsPerWeight(), 3),
            NumberText.decibels(s.sqnrDb()),
            NumberText.scientific(s.mse(), 3),
            NumberText.scientific(s.maxAbsError(), 3),
            NumberText.fixed(s.cosine(), 6),
            NumberText.fixed(100 * s.clippedFraction(), 3) + "%");
      }
      out.println();
    }
    printTotals(out);
  }

  private void printTotals(PrintWriter out) {
    out.println(
        texts.get(
            "analysis.totals",
            String.valueOf(analysis.layers().size()),
            NumberText.count(
                analysis.layers().stream().mapToLong(l -> l.weights().count()).sum())));
    String size = texts.get("analysis.column.size");
    String format =
        "  %-"
            + LabelledLines.fit(22, scheme)
            + "s %"
            + LabelledLines.fit(6, bits)
            + "s %"
            + LabelledLines.fit(9, sqnr)
            + "s %"
            + LabelledLines.fit(12, size)
            + "s%n";
    out.printf(Locale.ROOT, format, scheme, bits, sqnr, size);
    for (Scheme s : analysis.schemes()) {
      PlanSummary total = PlanSummary.of(analysis, PrecisionPlan.uniform(s));
      out.printf(
          Locale.ROOT,
          format,
          s.id(),
          NumberText.fixed(total.bitsPerWeight(), 3),
          NumberText.decibels(total.sqnrDb()),
          NumberText.fixed(total.storedBytes() / 1e6, 3));
    }
  }
}
