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
    StoredForm form = parse(StoredForm.class, format, "--format");
    Protection protection = parse(Protection.class, ecc, "--ecc");
    Session session = Session.open(model).requireLayers();
    ModelBitErrors clean = ModelBitErrors.inject(session.model(), form, 0, protection, seed);
    ModelBitErrors flipped = ModelBitErrors.inject(session.model(), form, ber, protection, seed);
    BitErrors.Outcome o = flipped.outcome();
    PrintWriter out = spec.commandLine().getOut();
    try (Evaluator evaluator = evalOptions.open(session)) {
      EvalProgress progress = ConsoleProgress.forEval(spec.commandLine().getErr());
      EvalResult without = evaluator.evaluateWeights(clean.weights(), progress);
      EvalResult with = evaluator.evaluateWeights(flipped.weights(), progress);
      out.printf(Locale.ROOT, "Model      %s%n", session.model().source());
      out.printf(Locale.ROOT, "Data       %s%n", evaluator.data().describe());
      out.printf(
          Locale.ROOT,
          "Stored     %s, %s, BER %s, seed %d%n",
          form.name().toLowerCase(Locale.ROOT),
          protection == Protection.NONE ? "no ECC" : protection.name().toLowerCase(Locale.ROOT),
          NumberText.roundTrip(ber),
          seed);
      out.printf(
          Locale.ROOT,
          "Bits       %s stored, %s flipped (%s expected)%n",
          NumberText.count(o.storedBits()),
          NumberText.count(o.flipped()),
          NumberText.fixed(o.storedBits() * ber, 1));
      if (protection != Protection.NONE) {
        out.printf(
            Locale.ROOT,
            "ECC        %s words corrected, %s detected, %s silent%n",
            NumberText.count(o.corrected()),
            NumberText.count(o.detected()),
            NumberText.count(o.silent()));
      }
      out.printf(
          Locale.ROOT,
          "Weights    %s changed by the flips%n%n",
          NumberText.count(o.valuesChanged()));
      out.printf(Locale.ROOT, "%-28s %14s %14s%n", "metric", "without errors", "with errors");
      row(out, "top-1 accuracy", without.quantizedAccuracy(), with.quantizedAccuracy(), -1);
      row(out, "top-1 agreement with FP32", without.top1Agreement(), with.top1Agreement(), -1);
      row(out, "output SQNR (dB)", without.outputSqnrDb(), with.outputSqnrDb(), 2);
      row(out, "mean cosine", without.meanCosine(), with.meanCosine(), 4);
      out.flush();
    }
    return ExitCodes.OK;
  }

  /** One metric's row; {@code decimals} −1 for a share written as a percentage. */
  private static void row(PrintWriter out, String metric, double a, double b, int decimals) {
    if (Double.isNaN(a) && Double.isNaN(b)) {
      return;
    }
    out.printf(Locale.ROOT, "%-28s %14s %14s%n", metric, text(a, decimals), text(b, decimals));
  }

  private static String text(double v, int decimals) {
    if (Double.isNaN(v)) {
      return "—";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "exact" : "-inf";
    }
    return decimals < 0 ? NumberText.percent(v, 2) : NumberText.fixed(v, decimals);
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String text, String option) {
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(text)) {
        return e;
      }
    }
    throw new IllegalArgumentException(
        option
            + " is one of "
            + java.util.Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT))
                .toList()
            + ", not '"
            + text
            + "'");
  }
}
