package io.quantlens.cli;

import io.quantlens.analysis.AnalysisOptions;
import io.quantlens.analysis.ModelAnalysis;
import io.quantlens.files.AtomicWrite;
import io.quantlens.report.AnalysisCsv;
import io.quantlens.report.AnalysisJson;
import io.quantlens.session.Session;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code quantlens analyze MODEL}: what each scheme does to each layer's weights. */
@Command(name = "analyze", mixinStandardHelpOptions = true)
final class AnalyzeCommand implements Callable<Integer> {
  @Parameters(paramLabel = "MODEL", descriptionKey = "param.model")
  private Path model;

  @Mixin private SchemeOptions schemeOptions;

  @Option(names = "--csv", paramLabel = "FILE", descriptionKey = "option.analyze.csv")
  private Path csv;

  @Option(names = "--json", paramLabel = "FILE", descriptionKey = "option.analyze.json")
  private Path json;

  @Spec private picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    AnalysisOptions options = schemeOptions.toOptions();
    Session session = Session.open(model).requireLayers();
    OutputPaths.check(
        List.of(session.model().source()),
        OutputPaths.named("--csv", csv, "--json", json),
        CliText.of(spec));
    // Fail on an unusable output path now, not after a long analysis.
    if (csv != null) {
      AtomicWrite.prepare(csv);
    }
    if (json != null) {
      AtomicWrite.prepare(json);
    }
    ModelAnalysis analysis =
        session.analyze(
            options,
            ConsoleProgress.on(spec.commandLine().getErr(), CliText.of(spec)),
            () -> false);
    PrintWriter out = spec.commandLine().getOut();
    new AnalysisTable(analysis, CliText.of(spec)).print(out);
    if (csv != null) {
      AnalysisCsv.write(analysis, csv);
      out.println(CliText.of(spec).get("output.written", "CSV", csv));
    }
    if (json != null) {
      AnalysisJson.write(analysis, json);
      out.println(CliText.of(spec).get("output.written", "JSON", json));
    }
    out.flush();
    return ExitCodes.OK;
  }
}
