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
import java.io.PrintWriter;
import java.util.Locale;

/** The analysis as a plain-text table: a block per layer, a row per scheme, then model totals. */
final class AnalysisTable {
  private static final String ROW = "  %-22s %6s %9s %11s %11s %9s %8s%n";
  private final ModelAnalysis analysis;

  AnalysisTable(ModelAnalysis analysis) {
    this.analysis = analysis;
  }

  void print(PrintWriter out) {
    for (LayerAnalysis layer : analysis.layers()) {
      out.printf(
          Locale.ROOT,
          "%s  %s %s  %,d weights  range [%.4g, %.4g]%n",
          layer.layer().name(),
          layer.layer().opType(),
          AnalysisCsv.shapeText(layer.layer().weight().shape()),
          layer.weights().count(),
          layer.weights().min(),
          layer.weights().max());
      out.printf(
          Locale.ROOT, ROW, "scheme", "bits/w", "SQNR dB", "MSE", "max |err|", "cosine", "clipped");
      for (QuantResult r : layer.results()) {
        ErrorStats s = r.stats();
        out.printf(
            Locale.ROOT,
            ROW,
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
    out.printf(
        Locale.ROOT,
        "Model totals over %d layers (%,d weights); SQNR = 10·log10(Σx² / Σ(x−x̂)²) over all"
            + " weights%n",
        analysis.layers().size(),
        analysis.layers().stream().mapToLong(l -> l.weights().count()).sum());
    out.printf(Locale.ROOT, "  %-22s %6s %9s %12s%n", "scheme", "bits/w", "SQNR dB", "size MB");
    for (Scheme scheme : analysis.schemes()) {
      PlanSummary total = PlanSummary.of(analysis, PrecisionPlan.uniform(scheme));
      out.printf(
          Locale.ROOT,
          "  %-22s %6.3f %9s %12.3f%n",
          scheme.id(),
          total.bitsPerWeight(),
          NumberText.decibels(total.sqnrDb()),
          total.storedBytes() / 1e6);
    }
  }
}
