package io.quantlens.cli;

import io.quantlens.eval.CallBatch;
import io.quantlens.eval.DataOrigin;
import io.quantlens.eval.EvalResult;
import io.quantlens.eval.Evaluator;
import io.quantlens.eval.SampleResult;
import io.quantlens.model.Model;
import io.quantlens.report.NumberText;
import io.quantlens.text.Messages;
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
  private final Messages texts;

  EvalReport(Model model, EvalResult result, String inputs, CallBatch batch, Messages texts) {
    this.model = model;
    this.result = result;
    this.inputs = inputs;
    this.batch = batch;
    this.texts = texts;
  }

  void print(PrintWriter out) {
    LabelledLines lines =
        new LabelledLines(
            texts,
            10,
            "label.model",
            "label.data",
            "label.inputs",
            "label.batch",
            "label.compared",
            "label.plan",
            "label.note",
            "label.reference",
            "label.flipped");
    out.println(lines.line("label.model", model.source().toString()));
    out.println(lines.line("label.data", result.data()));
    out.println(lines.line("label.inputs", inputs));
    out.println(lines.line("label.batch", batch.describe()));
    out.println(lines.line("label.compared", result.task().describe()));
    out.println(lines.line("label.plan", result.plan().describe(model)));
    if (result.origin() == DataOrigin.GENERATED) {
      out.println(lines.line("label.note", texts.get("eval.generatedNote")));
    }
    String ref = result.reference();
    if (!ref.equals(Evaluator.FP32)) {
      out.println(lines.line("label.reference", texts.get("eval.referenceStored", ref)));
    }
    out.println();
    String metric = texts.get("eval.column.metric");
    String quantized = texts.get("eval.column.quantized");
    String change = texts.get("eval.column.change");
    String[] labels = {
      texts.get("eval.top1Accuracy"),
      texts.get("eval.top1Agreement", ref),
      texts.get("eval.meanKl", ref),
      texts.get("eval.neighbours"),
      texts.get("eval.outputSqnr"),
      texts.get("eval.meanCosine")
    };
    int width = LabelledLines.fit(28, metric);
    for (String label : labels) {
      width = LabelledLines.fit(width, label);
    }
    String header =
        "%-"
            + width
            + "s %"
            + LabelledLines.fit(10, ref)
            + "s %"
            + LabelledLines.fit(10, quantized)
            + "s %"
            + LabelledLines.fit(12, change)
            + "s%n";
    String row = header.substring(0, header.lastIndexOf(" %")) + "%n";
    out.printf(Locale.ROOT, header, metric, ref, quantized, change);
    if (result.hasLabels()) {
      out.printf(
          Locale.ROOT,
          header,
          labels[0],
          percent(result.referenceAccuracy()),
          percent(result.quantizedAccuracy()),
          NumberText.points(-result.accuracyDropPoints()));
    }
    row(out, row, labels[1], percent(result.top1Agreement()), result.top1Agreement());
    row(
        out,
        row,
        labels[2],
        result.meanKlDivergence() == 0
            ? "0 nats"
            : NumberText.significant(result.meanKlDivergence(), 3) + " nats",
        result.meanKlDivergence());
    row(out, row, labels[3], percent(result.neighbourAgreement()), result.neighbourAgreement());
    row(out, row, labels[4], decibels(result.outputSqnrDb(), texts), result.outputSqnrDb());
    row(out, row, labels[5], NumberText.fixed(result.meanCosine(), 6), result.meanCosine());
    printFlips(out, lines);
  }

  /** One line with the metrics of the same plan without {@code option}, on the same samples. */
  static void printWithout(PrintWriter out, String option, EvalResult uncorrected, Messages texts) {
    List<String> parts = new java.util.ArrayList<>();
    if (uncorrected.hasLabels()) {
      parts.add(texts.get("eval.part.accuracy", percent(uncorrected.quantizedAccuracy())));
    }
    if (!Double.isNaN(uncorrected.top1Agreement())) {
      parts.add(texts.get("eval.part.agreement", percent(uncorrected.top1Agreement())));
    }
    if (!Double.isNaN(uncorrected.neighbourAgreement())) {
      parts.add(texts.get("eval.part.neighbours", percent(uncorrected.neighbourAgreement())));
    }
    parts.add(texts.get("eval.part.sqnr", decibels(uncorrected.outputSqnrDb(), texts)));
    parts.add(texts.get("eval.part.cosine", NumberText.fixed(uncorrected.meanCosine(), 6)));
    out.println();
    out.println(
        texts.get(
            "eval.without",
            option,
            String.valueOf(uncorrected.samples()),
            String.join(", ", parts)));
  }

  private static void row(PrintWriter out, String format, String metric, String value, double raw) {
    if (!Double.isNaN(raw)) {
      out.printf(Locale.ROOT, format, metric, "", value);
    }
  }

  private void printFlips(PrintWriter out, LabelledLines lines) {
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
        line.append(" (")
            .append(texts.get("eval.flip.label", String.valueOf(s.label())))
            .append(')');
      }
    }
    out.println(
        lines.line(
            "label.flipped",
            texts.get(
                    "eval.flipped",
                    String.valueOf(flipped.size()),
                    String.valueOf(result.samples()),
                    line.toString())
                + (flipped.size() > FLIPS_SHOWN ? ", …" : "")));
  }

  private static String percent(double share) {
    return NumberText.percent(share, 2);
  }

  private static String decibels(double db, Messages texts) {
    return Double.isInfinite(db) ? texts.get("eval.exact") : NumberText.decibels(db) + " dB";
  }
}
