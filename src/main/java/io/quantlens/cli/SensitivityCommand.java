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
        OutputPaths.named("--csv", csv),
        CliText.of(spec));
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
      Messages texts = CliText.of(spec);
      LabelledLines lines =
          new LabelledLines(
              texts,
              10,
              "label.model",
              "label.data",
              "label.inputs",
              "label.batch",
              "label.compared",
              "label.scheme");
      out.println(lines.line("label.model", session.model().source().toString()));
      out.println(lines.line("label.data", evaluator.data().describe()));
      out.println(lines.line("label.inputs", evaluator.data().describeInputs()));
      out.println(lines.line("label.batch", evaluator.batch().describe()));
      out.println(lines.line("label.compared", evaluator.task().describe()));
      out.println(
          lines.line(
              "label.scheme",
              texts.get(
                  "sensitivity.scheme",
                  parsed.id(),
                  activation.isNone()
                      ? ""
                      : " " + texts.get("sensitivity.withInput", activation.id()))));
      out.println();
      print(report, out, texts);
      if (csv != null) {
        SensitivityCsv.write(report, csv);
        out.println(CliText.of(spec).get("output.written", "CSV", csv));
      }
      out.flush();
    }
    return ExitCodes.OK;
  }

  /** A column of the table: its header and how a result fills it. */
  private record Column(String header, Function<EvalResult, String> cell) {}

  private static void print(SensitivityReport report, PrintWriter out, Messages texts) {
    List<Column> columns = columns(report, texts);
    String rank = texts.get("sensitivity.column.rank");
    String layer = texts.get("sensitivity.column.layer");
    String params = texts.get("sensitivity.column.params");
    int width =
        Math.max(
            LabelledLines.fit(5, layer),
            report.layers().stream().mapToInt(l -> l.layer().name().length()).max().orElse(5));
    int rankWidth = LabelledLines.fit(4, rank);
    int paramsWidth = LabelledLines.fit(12, params);
    StringBuilder header =
        new StringBuilder(
            NumberText.format(
                "%" + rankWidth + "s  %-" + width + "s  %" + paramsWidth + "s",
                rank,
                layer,
                params));
    columns.forEach(
        c ->
            header.append(
                NumberText.format("  %" + LabelledLines.fit(12, c.header()) + "s", c.header())));
    out.println(header);
    int n = 1;
    for (LayerSensitivity row : report.ranked()) {
      StringBuilder line =
          new StringBuilder(
              NumberText.format(
                  "%" + rankWidth + "d  %-" + width + "s  %," + paramsWidth + "d",
                  n++,
                  row.layer().name(),
                  row.layer().weight().elementCount()));
      columns.forEach(
          c ->
              line.append(
                  NumberText.format(
                      "  %" + LabelledLines.fit(12, c.header()) + "s",
                      c.cell().apply(row.result()))));
      out.println(line);
    }
  }

  /** The metrics that apply to the task, the ranking one first. */
  private static List<Column> columns(SensitivityReport report, Messages texts) {
    Column sqnr =
        new Column(
            texts.get("sensitivity.column.sqnr"), r -> NumberText.decibels(r.outputSqnrDb()));
    Column cosine =
        new Column(
            texts.get("sensitivity.column.cosine"), r -> NumberText.fixed(r.meanCosine(), 6));
    Column kl =
        new Column(
            texts.get("sensitivity.column.kl"),
            r -> NumberText.significant(r.meanKlDivergence(), 3));
    Column agreement =
        new Column(
            texts.get("sensitivity.column.agreement"),
            r -> NumberText.percent(r.top1Agreement(), 2));
    boolean labelled = !report.layers().isEmpty() && report.layers().get(0).result().hasLabels();
    return switch (report.task().kind()) {
      case CLASSIFIER ->
          labelled
              ? List.of(
                  new Column(
                      texts.get("sensitivity.column.accuracyChange"),
                      r -> NumberText.points(-r.accuracyDropPoints())),
                  kl,
                  agreement,
                  sqnr)
              : List.of(agreement, kl, sqnr);
      case EMBEDDING ->
          List.of(
              cosine,
              new Column(
                  texts.get("sensitivity.column.neighbours"),
                  r -> NumberText.percent(r.neighbourAgreement(), 2)),
              sqnr);
      case TENSOR -> List.of(sqnr, cosine);
    };
  }
}
