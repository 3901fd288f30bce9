package io.quantlens.cli;

import io.quantlens.eval.EvalResult;
import io.quantlens.eval.Evaluator;
import io.quantlens.eval.LayerSensitivity;
import io.quantlens.eval.SensitivityReport;
import io.quantlens.eval.SensitivityScan;
import io.quantlens.files.AtomicWrite;
import io.quantlens.quant.ActivationScheme;
import io.quantlens.quant.Scheme;
import io.quantlens.report.NumberText;
import io.quantlens.report.SensitivityCsv;
import io.quantlens.session.Session;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code quantlens sensitivity MODEL [--scheme S]}: each layer quantized alone, worst first. */
@Command(name = "sensitivity", mixinStandardHelpOptions = true)
final class SensitivityCommand implements Callable<Integer> {
  @Parameters(paramLabel = "MODEL", descriptionKey = "param.onnxModel")
  private Path model;

  @Option(
      names = "--scheme",
      paramLabel = "S",
      defaultValue = "int8",
      descriptionKey = "option.sensitivity.scheme")
  private String scheme;

  @Option(
      names = "--activations",
      paramLabel = "A",
      descriptionKey = "option.sensitivity.activations")
  private String activations;

  @Mixin private EvalOptionsMixin evalOptions;

  @Option(names = "--csv", paramLabel = "FILE", descriptionKey = "option.sensitivity.csv")
  private Path csv;

  @Spec private picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Scheme parsed = Scheme.parse(scheme);
    ActivationScheme activation =
        activations == null ? ActivationScheme.NONE : ActivationScheme.parse(activations);
    Session session = Session.open(model).requireLayers();
    OutputPaths.check(
        OutputPaths.inputs(session.model().source(), null, evalOptions.dataFiles()),
        OutputPaths.named("--csv", csv));
    if (csv != null) {
      AtomicWrite.prepare(csv);
    }
    try (Evaluator evaluator = evalOptions.open(session)) {
      SensitivityReport report =
          SensitivityScan.run(
              evaluator,
              SensitivityScan.layers(session.model()),
              parsed,
              activation,
              ConsoleProgress.forEval(spec.commandLine().getErr()));
      PrintWriter out = spec.commandLine().getOut();
      out.printf(Locale.ROOT, "Model      %s%n", session.model().source());
      out.printf(Locale.ROOT, "Data       %s%n", evaluator.data().describe());
      out.printf(Locale.ROOT, "Inputs     %s%n", evaluator.data().describeInputs());
      out.printf(Locale.ROOT, "Batch      %s%n", evaluator.batch().describe());
      out.printf(Locale.ROOT, "Compared   %s%n", evaluator.task().describe());
      out.printf(
          Locale.ROOT,
          "Scheme     %s%s, one layer at a time, the rest FP32%n%n",
          parsed.id(),
          activation.isNone() ? "" : " with its input at " + activation.id());
      print(report, out);
      if (csv != null) {
        SensitivityCsv.write(report, csv);
        out.println("CSV written to " + csv);
      }
      out.flush();
    }
    return ExitCodes.OK;
  }

  /** A column of the table: its header and how a result fills it. */
  private record Column(String header, Function<EvalResult, String> cell) {}

  private static void print(SensitivityReport report, PrintWriter out) {
    List<Column> columns = columns(report);
    int width =
        Math.max(
            5, report.layers().stream().mapToInt(l -> l.layer().name().length()).max().orElse(5));
    StringBuilder header =
        new StringBuilder(
            NumberText.format("%4s  %-" + width + "s  %12s", "rank", "layer", "params"));
    columns.forEach(c -> header.append(NumberText.format("  %12s", c.header())));
    out.println(header);
    int rank = 1;
    for (LayerSensitivity row : report.ranked()) {
      StringBuilder line =
          new StringBuilder(
              NumberText.format(
                  "%4d  %-" + width + "s  %,12d",
                  rank++,
                  row.layer().name(),
                  row.layer().weight().elementCount()));
      columns.forEach(c -> line.append(NumberText.format("  %12s", c.cell().apply(row.result()))));
      out.println(line);
    }
  }

  /** The metrics that apply to the task, the ranking one first. */
  private static List<Column> columns(SensitivityReport report) {
    Column sqnr = new Column("SQNR dB", r -> NumberText.decibels(r.outputSqnrDb()));
    Column cosine = new Column("mean cosine", r -> NumberText.fixed(r.meanCosine(), 6));
    Column kl = new Column("mean KL", r -> NumberText.significant(r.meanKlDivergence(), 3));
    Column agreement = new Column("agreement", r -> NumberText.percent(r.top1Agreement(), 2));
    boolean labelled = !report.layers().isEmpty() && report.layers().get(0).result().hasLabels();
    return switch (report.task().kind()) {
      case CLASSIFIER ->
          labelled
              ? List.of(
                  new Column("acc change", r -> NumberText.points(-r.accuracyDropPoints())),
                  kl,
                  agreement,
                  sqnr)
              : List.of(agreement, kl, sqnr);
      case EMBEDDING ->
          List.of(
              cosine,
              new Column("NN agreement", r -> NumberText.percent(r.neighbourAgreement(), 2)),
              sqnr);
      case TENSOR -> List.of(sqnr, cosine);
    };
  }
}
