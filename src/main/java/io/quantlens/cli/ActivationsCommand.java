package io.quantlens.cli;

import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.eval.ActivationProfile;
import io.quantlens.eval.ActivationReport;
import io.quantlens.eval.EvalProgress;
import io.quantlens.eval.Evaluator;
import io.quantlens.eval.LayerActivation;
import io.quantlens.eval.LayerError;
import io.quantlens.files.AtomicWrite;
import io.quantlens.quant.ActivationScheme;
import io.quantlens.report.ActivationsCsv;
import io.quantlens.report.NumberText;
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

/** {@code quantlens activations MODEL}: each layer's input activation and output errors. */
@Command(name = "activations", mixinStandardHelpOptions = true)
final class ActivationsCommand implements Callable<Integer> {
  private static final ActivationScheme DEFAULT = ActivationScheme.parse("int8");

  @Parameters(paramLabel = "MODEL", descriptionKey = "param.onnxModel")
  private Path model;

  @Mixin private PlanOptions planOptions;

  @Mixin private EvalOptionsMixin evalOptions;

  @Option(
      names = "--error-samples",
      paramLabel = "N",
      defaultValue = "64",
      descriptionKey = "option.activations.error-samples")
  private int errorSamples;

  @Option(names = "--csv", paramLabel = "FILE", descriptionKey = "option.activations.csv")
  private Path csv;

  @Spec private picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (errorSamples < 1) {
      throw new IllegalArgumentException("--error-samples must be at least 1");
    }
    Session session = Session.open(model).requireLayers();
    OutputPaths.check(
        OutputPaths.inputs(session.model().source(), planOptions.file(), evalOptions.dataFiles()),
        OutputPaths.named("--csv", csv),
        CliText.of(spec));
    if (csv != null) {
      AtomicWrite.prepare(csv);
    }
    PrecisionPlan asked = planOptions.plan(session.model());
    PrecisionPlan chosen = asked.quantizesActivations() ? asked : asked.withActivations(DEFAULT);
    PrintWriter out = spec.commandLine().getOut();
    try (Evaluator evaluator = evalOptions.open(session)) {
      EvalProgress progress = ConsoleProgress.forEval(spec.commandLine().getErr());
      ActivationReport report = ActivationReport.measure(evaluator, chosen, errorSamples, progress);
      PrecisionPlan plan = report.plan();
      List<LayerActivation> rows = report.layers();
      out.printf(Locale.ROOT, "Model      %s%n", session.model().source());
      out.printf(Locale.ROOT, "Data       %s%n", evaluator.data().describe());
      out.printf(Locale.ROOT, "Batch      %s%n", evaluator.batch().describe());
      out.printf(
          Locale.ROOT,
          "Plan       %s%s%n",
          plan.describe(session.model()),
          asked.quantizesActivations() ? "" : " (activations by default; --activations A)");
      out.printf(
          Locale.ROOT,
          "Profiles   on the %d calibration samples; errors on %d samples%n%n",
          report.calibrationSamples(),
          report.errorSamples());
      print(rows, out);
      if (csv != null) {
        ActivationsCsv.write(rows, l -> plan.schemeFor(l).id(), csv);
        out.println(CliText.of(spec).get("output.written", "CSV", csv));
      }
      out.flush();
    }
    return ExitCodes.OK;
  }

  private record Column(String header, int width, Function<LayerActivation, String> cell) {}

  private static void print(List<LayerActivation> rows, PrintWriter out) {
    int nameWidth =
        Math.max(5, rows.stream().mapToInt(r -> r.layer().name().length()).max().orElse(5));
    List<Column> columns =
        List.of(
            new Column(
                "range", 20, r -> profile(r, p -> range(p.histogram().min(), p.histogram().max()))),
            new Column(
                "calibrated",
                20,
                r ->
                    profile(
                        r,
                        p ->
                            p.calibrated() == null
                                ? p.scheme().mode().id()
                                : range(p.calibrated().min(), p.calibrated().max()))),
            new Column("clipped", 8, r -> profile(r, p -> NumberText.percent(p.clippedShare(), 2))),
            new Column("act dB", 7, r -> profile(r, p -> NumberText.decibels(p.sqnrDb()))),
            new Column(
                "max/med", 8, r -> profile(r, p -> NumberText.significant(p.maxMedianRatio(), 3))),
            new Column(
                "outliers", 9, r -> profile(r, p -> String.valueOf(p.outlierChannels().size()))),
            new Column("local dB", 9, r -> error(r, LayerError::localSqnrDb)),
            new Column("accum dB", 9, r -> error(r, LayerError::accumulatedSqnrDb)));
    StringBuilder header = new StringBuilder(NumberText.format("%-" + nameWidth + "s", "layer"));
    columns.forEach(c -> header.append(NumberText.format("  %" + c.width() + "s", c.header())));
    out.println(header);
    for (LayerActivation row : rows) {
      StringBuilder line =
          new StringBuilder(NumberText.format("%-" + nameWidth + "s", row.layer().name()));
      columns.forEach(
          c -> line.append(NumberText.format("  %" + c.width() + "s", c.cell().apply(row))));
      out.println(line);
    }
  }

  private static String profile(LayerActivation row, Function<ActivationProfile, String> cell) {
    return row.profile() == null ? "-" : cell.apply(row.profile());
  }

  private static String error(
      LayerActivation row, java.util.function.ToDoubleFunction<LayerError> db) {
    return row.error() == null ? "-" : NumberText.decibels(db.applyAsDouble(row.error()));
  }

  private static String range(float lo, float hi) {
    return "[" + NumberText.significant(lo, 3) + ", " + NumberText.significant(hi, 3) + "]";
  }
}
