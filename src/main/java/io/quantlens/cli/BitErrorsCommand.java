package io.quantlens.cli;

import io.quantlens.analysis.biterrors.BitErrors;
import io.quantlens.analysis.biterrors.BitErrors.Protection;
import io.quantlens.analysis.biterrors.ModelBitErrors;
import io.quantlens.analysis.biterrors.StoredForm;
import io.quantlens.eval.EvalProgress;
import io.quantlens.eval.EvalResult;
import io.quantlens.eval.Evaluator;
import io.quantlens.report.NumberText;
import io.quantlens.session.Session;
import io.quantlens.text.Messages;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code quantlens biterrors MODEL}: accuracy with random bit flips in the stored weights. */
@Command(name = "biterrors", mixinStandardHelpOptions = true)
final class BitErrorsCommand implements Callable<Integer> {
  @Parameters(paramLabel = "MODEL", descriptionKey = "param.onnxModel")
  private Path model;

  @Option(
      names = "--ber",
      paramLabel = "RATE",
      defaultValue = "1e-6",
      descriptionKey = "option.biterrors.ber")
  private double ber;

  @Option(
      names = "--format",
      paramLabel = "F",
      defaultValue = "int8",
      descriptionKey = "option.biterrors.format")
  private String format;

  @Option(
      names = "--ecc",
      paramLabel = "E",
      defaultValue = "none",
      descriptionKey = "option.biterrors.ecc")
  private String ecc;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "1",
      descriptionKey = "option.biterrors.seed")
  private long seed;

  @Mixin private EvalOptionsMixin evalOptions;

  @Spec private picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Messages texts = CliText.of(spec);
    StoredForm form = parse(StoredForm.class, format, "--format", texts);
    Protection protection = parse(Protection.class, ecc, "--ecc", texts);
    Session session = Session.open(model).requireLayers();
    ModelBitErrors clean = ModelBitErrors.inject(session.model(), form, 0, protection, seed);
    ModelBitErrors flipped = ModelBitErrors.inject(session.model(), form, ber, protection, seed);
    BitErrors.Outcome o = flipped.outcome();
    PrintWriter out = spec.commandLine().getOut();
    try (Evaluator evaluator = evalOptions.open(session)) {
      EvalProgress progress = ConsoleProgress.forEval(spec.commandLine().getErr());
      EvalResult without = evaluator.evaluateWeights(clean.weights(), progress);
      EvalResult with = evaluator.evaluateWeights(flipped.weights(), progress);
      LabelledLines lines =
          new LabelledLines(
              texts,
              10,
              "label.model",
              "label.data",
              "biterrors.stored",
              "biterrors.bits",
              "biterrors.ecc",
              "biterrors.weights");
      out.println(lines.line("label.model", session.model().source().toString()));
      out.println(lines.line("label.data", evaluator.data().describe()));
      out.println(
          lines.line(
              "biterrors.stored",
              texts.get(
                  "biterrors.storedAs",
                  form.name().toLowerCase(Locale.ROOT),
                  protection == Protection.NONE
                      ? texts.get("biterrors.noEcc")
                      : protection.name().toLowerCase(Locale.ROOT),
                  NumberText.roundTrip(ber),
                  String.valueOf(seed))));
      out.println(
          lines.line(
              "biterrors.bits",
              texts.get(
                  "biterrors.flips",
                  NumberText.count(o.storedBits()),
                  NumberText.count(o.flipped()),
                  NumberText.fixed(o.storedBits() * ber, 1))));
      if (protection != Protection.NONE) {
        out.println(
            lines.line(
                "biterrors.ecc",
                texts.get(
                    "biterrors.eccWords",
                    NumberText.count(o.corrected()),
                    NumberText.count(o.detected()),
                    NumberText.count(o.silent()))));
      }
      out.println(
          lines.line(
              "biterrors.weights",
              texts.get("biterrors.changed", NumberText.count(o.valuesChanged()))));
      out.println();
      new Table(texts).print(out, without, with);
      out.flush();
    }
    return ExitCodes.OK;
  }

  /** The metrics without and with the flips, the first column as wide as its longest label. */
  private record Table(Messages texts) {
    void print(PrintWriter out, EvalResult without, EvalResult with) {
      String[] labels = {
        texts.get("eval.column.metric"),
        texts.get("eval.top1Accuracy"),
        texts.get("eval.top1Agreement", Evaluator.FP32),
        texts.get("biterrors.outputSqnr"),
        texts.get("biterrors.meanCosine"),
        texts.get("eval.neighbours")
      };
      int width = 28;
      for (String label : labels) {
        width = LabelledLines.fit(width, label);
      }
      String clean = texts.get("biterrors.column.without");
      String flipped = texts.get("biterrors.column.with");
      String format =
          NumberText.format(
              "%%-%ds %%%ds %%%ds%%n",
              width, LabelledLines.fit(14, clean), LabelledLines.fit(14, flipped));
      out.printf(Locale.ROOT, format, labels[0], clean, flipped);
      row(out, format, labels[1], without.quantizedAccuracy(), with.quantizedAccuracy(), -1);
      row(out, format, labels[2], without.top1Agreement(), with.top1Agreement(), -1);
      row(out, format, labels[3], without.outputSqnrDb(), with.outputSqnrDb(), 2);
      row(out, format, labels[4], without.meanCosine(), with.meanCosine(), 4);
      // an embedding model's own accuracy: does each sample keep its nearest neighbour?
      row(out, format, labels[5], without.neighbourAgreement(), with.neighbourAgreement(), -1);
    }

    /** One metric's row; {@code decimals} −1 for a share written as a percentage. */
    private void row(
        PrintWriter out, String format, String metric, double a, double b, int decimals) {
      if (Double.isNaN(a) && Double.isNaN(b)) {
        return;
      }
      out.printf(Locale.ROOT, format, metric, text(a, decimals), text(b, decimals));
    }

    private String text(double v, int decimals) {
      if (Double.isNaN(v)) {
        return "—";
      }
      if (Double.isInfinite(v)) {
        return v > 0 ? texts.get("eval.exact") : "-inf";
      }
      return decimals < 0 ? NumberText.percent(v, 2) : NumberText.fixed(v, decimals);
    }
  }

  private static <E extends Enum<E>> E parse(
      Class<E> type, String text, String option, Messages texts) {
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(text)) {
        return e;
      }
    }
    throw new IllegalArgumentException(
        texts.get(
            "error.oneOf",
            option,
            java.util.Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT))
                .toList()
                .toString(),
            text));
  }
}
