package io.quantlens.cli;

import io.quantlens.eval.EvalResult;
import io.quantlens.eval.Evaluator;
import io.quantlens.eval.LayerSensitivity;
import io.quantlens.eval.SensitivityReport;
import io.quantlens.eval.SensitivityScan;
import io.quantlens.quant.Scheme;
import io.quantlens.report.AtomicFiles;
import io.quantlens.report.SensitivityCsv;
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

/** {@code quantlens sensitivity MODEL --scheme S}: each layer quantized alone, worst first. */
@Command(
    name = "sensitivity",
    mixinStandardHelpOptions = true,
    description =
        "Quantize one layer at a time (the rest FP32), measure each against FP32 in ONNX Runtime"
            + " and rank the layers that hurt most.")
final class SensitivityCommand implements Callable<Integer> {
  @Parameters(
      paramLabel = "MODEL",
      description = "Model file (.onnx) or a sample name (see `samples`).")
  private Path model;

  @Option(
      names = "--scheme",
      paramLabel = "S",
      required = true,
      description = "Scheme to apply to each layer.")
  private String scheme;

  @Mixin private EvalOptionsMixin evalOptions;

  @Option(
      names = "--csv",
      paramLabel = "FILE",
      description = "Write one row per layer, worst first.")
  private Path csv;

  @Spec private picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Scheme parsed = Scheme.parse(scheme);
    Session session = Session.open(ModelArgument.resolve(model));
    if (csv != null) {
      AtomicFiles.prepare(csv);
    }
    try (Evaluator evaluator = evalOptions.open(session)) {
      SensitivityReport report =
          SensitivityScan.run(
              evaluator,
              session.model().layers(),
              parsed,
              ConsoleProgress.forEval(spec.commandLine().getErr()));
      PrintWriter out = spec.commandLine().getOut();
      out.printf("Model      %s%n", session.model().source());
      out.printf("Data       %s%n", evaluator.data().describe());
      out.printf("Compared   %s%n", evaluator.task().describe());
      out.printf("Scheme     %s, one layer at a time, the rest FP32%n%n", parsed.id());
      print(report, out);
      if (csv != null) {
        SensitivityCsv.write(report, csv);
        out.println("CSV written to " + csv);
      }
      out.flush();
    }
    return ExitCodes.OK;
  }

  private static void print(SensitivityReport report, PrintWriter out) {
    int width =
        Math.max(
            5, report.layers().stream().mapToInt(l -> l.layer().name().length()).max().orElse(5));
    String format = "%4s  %-" + width + "s  %12s  %10s  %11s  %10s  %10s%n";
    out.printf(format, "rank", "layer", "params", "acc drop", "agreement", "mean KL", "SQNR dB");
    int rank = 1;
    for (LayerSensitivity row : report.ranked()) {
      EvalResult r = row.result();
      out.printf(
          format,
          rank++,
          row.layer().name(),
          String.format(Locale.ROOT, "%,d", row.layer().weight().elementCount()),
          r.hasLabels() ? String.format(Locale.ROOT, "%+.2f pts", -r.accuracyDropPoints()) : "n/a",
          agreement(r),
          Double.isNaN(r.meanKlDivergence())
              ? "n/a"
              : String.format(Locale.ROOT, "%.3g", r.meanKlDivergence()),
          Double.isInfinite(r.outputSqnrDb())
              ? "exact"
              : String.format(Locale.ROOT, "%.2f", r.outputSqnrDb()));
    }
  }

  /** Top-1 agreement for classifiers, nearest-neighbour agreement for embeddings, else cosine. */
  private static String agreement(EvalResult r) {
    if (!Double.isNaN(r.top1Agreement())) {
      return EvalReport.percent(r.top1Agreement());
    }
    if (!Double.isNaN(r.neighbourAgreement())) {
      return "NN " + EvalReport.percent(r.neighbourAgreement());
    }
    return String.format(Locale.ROOT, "cos %.5f", r.meanCosine());
  }
}
