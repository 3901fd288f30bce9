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
import io.quantlens.text.Messages;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
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
    Messages texts = CliText.of(spec);
    if (errorSamples < 1) {
      throw new IllegalArgumentException(texts.get("error.atLeastOne", "--error-samples"));
    }
    Session session = Session.open(model).requireLayers();
    OutputPaths.check(
        OutputPaths.inputs(session.model().source(), planOptions.file(), evalOptions.dataFiles()),
        OutputPaths.named("--csv", csv),
        texts);
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
      LabelledLines lines =
          new LabelledLines(
              texts,
              10,
              "label.model",
              "label.data",
              "label.batch",
              "label.plan",
              "activations.profiles");
      out.println(lines.line("label.model", session.model().source().toString()));
      out.println(lines.line("label.data", evaluator.data().describe()));
      out.println(lines.line("label.batch", evaluator.batch().describe()));
      out.println(
          lines.line(
              "label.plan",
              plan.describe(session.model())
                  + (asked.quantizesActivations()
                      ? ""
                      : " " + texts.get("activations.byDefault"))));
      out.println(
          lines.line(
              "activations.profiles",
              texts.get(
                  "activations.samples",
                  String.valueOf(report.calibrationSamples()),
                  String.valueOf(report.errorSamples()))));
      out.println();
      print(rows, out, texts);
      if (csv != null) {
        ActivationsCsv.write(rows, l -> plan.schemeFor(l).id(), csv);
        out.println(texts.get("output.written", "CSV", csv));
      }
      out.flush();
    }
    return ExitCodes.OK;
  }

  private record Column(String header, int width, Function<LayerActivation, String> cell) {
    /** A column at least as wide as its heading in {@code texts}' language. */
    static Column of(
        Messages texts, String key, int width, Function<LayerActivation, String> cell) {
      String header = texts.get(key);
      return new Column(header, LabelledLines.fit(width, header), cell);
    }
  }

  private static void print(List<LayerActivation> rows, PrintWriter out, Messages texts) {
    String layer = texts.get("activations.column.layer");
    int nameWidth =
        Math.max(
            LabelledLines.fit(5, layer),
            rows.stream().mapToInt(r -> r.layer().name().length()).max().orElse(5));
    List<Column> columns =
        List.of(
            Column.of(
                texts,
                "activations.column.range",
                20,
                r -> profile(r, p -> range(p.histogram().min(), p.histogram().max()))),
            Column.of(
                texts,
                "activations.column.calibrated",
                20,
                r ->
                    profile(
                        r,
                        p ->
                            p.calibrated() == null
                                ? p.scheme().mode().id()
                                : range(p.calibrated().min(), p.calibrated().max()))),
            Column.of(
                texts,
                "activations.column.clipped",
                8,
                r -> profile(r, p -> NumberText.percent(p.clippedShare(), 2))),
            Column.of(
                texts,
                "activations.column.sqnr",
                7,
                r -> profile(r, p -> decibels(p.sqnrDb(), texts))),
            Column.of(
                texts,
                "activations.column.maxMedian",
                8,
                r -> profile(r, p -> NumberText.significant(p.maxMedianRatio(), 3))),
            Column.of(
                texts,
                "activations.column.outliers",
                9,
                r -> profile(r, p -> String.valueOf(p.outlierChannels().size()))),
            Column.of(
                texts,
                "activations.column.local",
                9,
                r -> error(r, LayerError::localSqnrDb, texts)),
            Column.of(
                texts,
                "activations.column.accumulated",
                9,
                r -> error(r, LayerError::accumulatedSqnrDb, texts)));
    StringBuilder header = new StringBuilder(NumberText.format("%-" + nameWidth + "s", layer));
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
      LayerActivation row, java.util.function.ToDoubleFunction<LayerError> db, Messages texts) {
    return row.error() == null ? "-" : decibels(db.applyAsDouble(row.error()), texts);
  }

  /** An SQNR in dB without its unit, or the word for no error at all. */
  private static String decibels(double db, Messages texts) {
    return Double.isInfinite(db) ? texts.get("eval.exact") : NumberText.decibels(db);
  }

  private static String range(float lo, float hi) {
    return "[" + NumberText.significant(lo, 3) + ", " + NumberText.significant(hi, 3) + "]";
  }
}
