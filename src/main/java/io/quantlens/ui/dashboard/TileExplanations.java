package io.quantlens.ui.dashboard;

import io.quantlens.analysis.PlanSummary;
import io.quantlens.cost.Explanation;
import io.quantlens.cost.Explanation.Term;
import io.quantlens.eval.EvalResult;
import io.quantlens.eval.EvalTask;
import io.quantlens.eval.Evaluator;
import io.quantlens.text.Messages;
import java.util.ArrayList;
import java.util.List;

/**
 * What the weight-SQNR and measured-accuracy tiles' figures mean, in the same form as the cost
 * model's explanations: a formula in symbols and every symbol named.
 */
final class TileExplanations {
  private static final double NONE = Double.NaN;

  private final Messages m;

  TileExplanations(Messages m) {
    this.m = m;
  }

  /** 10·log10 of signal over noise power, summed over every analysed weight. */
  List<Explanation> weightSqnr(PlanSummary s) {
    String source = m.get("why.sourceAnalysis");
    return List.of(
        new Explanation(
            m.get("why.sqnrName"),
            "SQNR",
            s.sqnrDb(),
            "dB",
            "SQNR = 10·log10(Σ x² / Σ (x − x̂)²)",
            List.of(
                new Term("x", m.get("why.sqnrX"), NONE, "", source),
                new Term("x̂", m.get("why.sqnrXq"), NONE, "", source),
                new Term("N", m.get("why.sqnrN"), s.weights(), "", source),
                new Term("b", m.get("why.sqnrBits"), s.bitsPerWeight(), "bits", source)),
            m.get("why.sqnrNote")));
  }

  /** The headline measure of {@code r} (accuracy change, cosine or output SQNR) and agreement. */
  List<Explanation> accuracy(EvalResult r) {
    String data = m.get("why.sourceMeasured");
    String reference =
        r.reference().equals(Evaluator.FP32) ? "FP32" : m.get("dashboard.referenceStored");
    Term samples = new Term("N", m.get("why.samples"), r.samples(), "", r.data());
    List<Explanation> out = new ArrayList<>();
    if (r.hasLabels()) {
      out.add(
          new Explanation(
              m.get("why.deltaName"),
              "Δ",
              -r.accuracyDropPoints() + 0.0,
              "pts",
              "Δ = a_q − a_ref",
              List.of(
                  new Term("a_q", m.get("why.aq"), 100 * r.quantizedAccuracy(), "%", data),
                  new Term(
                      "a_ref",
                      m.get("why.aref", reference),
                      100 * r.referenceAccuracy(),
                      "%",
                      data),
                  samples),
              m.get("why.deltaNote")));
      out.add(agreement(r, samples, reference));
    } else if (r.task().kind() == EvalTask.Kind.EMBEDDING) {
      out.add(
          new Explanation(
              m.get("why.cosName"),
              "cos",
              r.meanCosine(),
              "",
              "cos = mean_i (y_i · ŷ_i) / (‖y_i‖ · ‖ŷ_i‖)",
              List.of(
                  new Term("y_i", m.get("why.yi", reference), NONE, "", data),
                  new Term("ŷ_i", m.get("why.yqi"), NONE, "", data),
                  samples),
              m.get("why.cosNote")));
      out.add(
          new Explanation(
              m.get("why.neighbourName"),
              "n",
              100 * r.neighbourAgreement(),
              "%",
              "n = 100 · k / N",
              List.of(
                  new Term(
                      "k",
                      m.get("why.neighbourK", reference),
                      Math.round(r.neighbourAgreement() * r.samples()),
                      "",
                      data),
                  samples)));
    } else {
      out.add(
          new Explanation(
              m.get("why.outputName"),
              "SQNR_out",
              r.outputSqnrDb(),
              "dB",
              "SQNR_out = 10·log10(Σ y² / Σ (y − ŷ)²)",
              List.of(
                  new Term("y", m.get("why.y", reference), NONE, "", data),
                  new Term("ŷ", m.get("why.yq"), NONE, "", data),
                  samples)));
      if (r.task().kind() == EvalTask.Kind.CLASSIFIER) {
        out.add(agreement(r, samples, reference));
      }
    }
    return out;
  }

  private Explanation agreement(EvalResult r, Term samples, String reference) {
    return new Explanation(
        m.get("why.agreementName"),
        "g",
        100 * r.top1Agreement(),
        "%",
        "g = 100 · k / N",
        List.of(
            new Term(
                "k",
                m.get("why.agreementK", reference),
                Math.round(r.top1Agreement() * r.samples()),
                "",
                m.get("why.sourceMeasured")),
            samples));
  }
}
