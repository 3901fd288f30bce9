package io.quantlens.cli;

import io.quantlens.eval.CallBatch;
import io.quantlens.eval.DataOrigin;
import io.quantlens.eval.EvalResult;
import io.quantlens.eval.Evaluator;
import io.quantlens.eval.SampleResult;
import io.quantlens.model.Model;
import io.quantlens.report.NumberText;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** Prints an evaluation result as a short table; metrics that do not apply are left out. */
final class EvalReport {
  private static final int FLIPS_SHOWN = 10;

  private final Model model;
  private final EvalResult result;
  private final String inputs;
  private final CallBatch batch;

  EvalReport(Model model, EvalResult result, String inputs, CallBatch batch) {
    this.model = model;
    this.result = result;
    this.inputs = inputs;
    this.batch = batch;
  }

  void print(PrintWriter out) {
    out.printf(Locale.ROOT, "Model      %s%n", model.source());
    out.printf(Locale.ROOT, "Data       %s%n", result.data());
    out.printf(Locale.ROOT, "Inputs     %s%n", inputs);
    out.printf(Locale.ROOT, "Batch      %s%n", batch.describe());
    out.printf(Locale.ROOT, "Compared   %s%n", result.task().describe());
    out.printf(Locale.ROOT, "Plan       %s%n", result.plan().describe(model));
    if (result.origin() == DataOrigin.GENERATED) {
      out.println("Note       generated inputs: only agreement with the reference is meaningful");
    }
    String ref = result.reference();
    if (!ref.equals(Evaluator.FP32)) {
      out.printf(
          Locale.ROOT, "Reference  the model as stored (its own weight types), column '%s'%n", ref);
    }
    out.println();
    out.printf(Locale.ROOT, "%-28s %10s %10s %12s%n", "metric", ref, "quantized", "change");
    if (result.hasLabels()) {
      out.printf(
          Locale.ROOT,
          "%-28s %10s %10s %12s%n",
          "top-1 accuracy",
          percent(result.referenceAccuracy()),
          percent(result.quantizedAccuracy()),
          NumberText.points(-result.accuracyDropPoints()));
    }
    row(
        out,
        "top-1 agreement with " + ref,
        percent(result.top1Agreement()),
        result.top1Agreement());
    row(
        out,
        "mean KL(" + ref + " || quantized)",
        result.meanKlDivergence() == 0
            ? "0 nats"
            : NumberText.significant(result.meanKlDivergence(), 3) + " nats",
        result.meanKlDivergence());
    row(
        out,
        "nearest-neighbour agreement",
        percent(result.neighbourAgreement()),
        result.neighbourAgreement());
    row(out, "output SQNR", decibels(result.outputSqnrDb()), result.outputSqnrDb());
    row(
        out,
        "mean cosine similarity",
        NumberText.fixed(result.meanCosine(), 6),
        result.meanCosine());
    printFlips(out);
  }

  /** One line with the metrics of the same plan without {@code option}, on the same samples. */
  static void printWithout(PrintWriter out, String option, EvalResult uncorrected) {
    List<String> parts = new java.util.ArrayList<>();
    if (uncorrected.hasLabels()) {
      parts.add("top-1 accuracy " + percent(uncorrected.quantizedAccuracy()));
    }
    if (!Double.isNaN(uncorrected.top1Agreement())) {
      parts.add("agreement " + percent(uncorrected.top1Agreement()));
    }
    if (!Double.isNaN(uncorrected.neighbourAgreement())) {
      parts.add("neighbours " + percent(uncorrected.neighbourAgreement()));
    }
    parts.add("SQNR " + decibels(uncorrected.outputSqnrDb()));
    parts.add("cosine " + NumberText.fixed(uncorrected.meanCosine(), 6));
    out.println();
    out.printf(
        Locale.ROOT,
        "Without %s (same %d samples): %s%n",
        option,
        uncorrected.samples(),
        String.join(", ", parts));
  }

  private static void row(PrintWriter out, String metric, String value, double raw) {
    if (!Double.isNaN(raw)) {
      out.printf(Locale.ROOT, "%-28s %10s %10s%n", metric, "", value);
    }
  }

  private void printFlips(PrintWriter out) {
    List<SampleResult> flipped = result.flipped();
    if (Double.isNaN(result.top1Agreement()) || flipped.isEmpty()) {
      return;
    }
    out.println();
    StringBuilder line = new StringBuilder();
    for (SampleResult s : flipped.subList(0, Math.min(FLIPS_SHOWN, flipped.size()))) {
      line.append(line.length() == 0 ? "" : ", ")
          .append('#')
          .append(s.index())
          .append(' ')
          .append(s.referenceClass())
          .append('→')
          .append(s.quantizedClass());
      if (s.label() >= 0) {
        line.append(" (label ").append(s.label()).append(')');
      }
    }
    out.printf(
        Locale.ROOT,
        "Flipped    %d of %d samples: %s%s%n",
        flipped.size(),
        result.samples(),
        line,
        flipped.size() > FLIPS_SHOWN ? ", …" : "");
  }

  private static String percent(double share) {
    return NumberText.percent(share, 2);
  }

  private static String decibels(double db) {
    return Double.isInfinite(db) ? "exact" : NumberText.decibels(db) + " dB";
  }
}
