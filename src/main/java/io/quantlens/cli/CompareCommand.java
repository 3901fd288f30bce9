package io.quantlens.cli;

import io.quantlens.analysis.PlanPreset;
import io.quantlens.analysis.compare.ArtifactComparison;
import io.quantlens.analysis.compare.LayerMapping;
import io.quantlens.analysis.compare.LayerMatcher;
import io.quantlens.analysis.compare.MatchingPreset;
import io.quantlens.analysis.compare.Pairings;
import io.quantlens.files.AtomicWrite;
import io.quantlens.model.Model;
import io.quantlens.report.CompareCsv;
import io.quantlens.report.CompareJson;
import io.quantlens.session.MappingFiles;
import io.quantlens.session.Session;
import io.quantlens.text.Messages;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code quantlens compare ORIGINAL ARTIFACT...}: what each toolchain's file really did to the
 * original's weights, layer by layer, beside what the matching preset predicted.
 */
@Command(name = "compare", mixinStandardHelpOptions = true)
final class CompareCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "ORIGINAL", descriptionKey = "param.compare.original")
  private Path original;

  @Parameters(
      index = "1..*",
      arity = "1..*",
      paramLabel = "ARTIFACT",
      descriptionKey = "param.compare.artifact")
  private List<Path> artifacts;

  @Option(names = "--mapping", paramLabel = "FILE", descriptionKey = "option.compare.mapping")
  private Path mapping;

  @Option(names = "--preset", paramLabel = "ID", descriptionKey = "option.compare.preset")
  private String preset;

  @Option(names = "--no-prediction", descriptionKey = "option.compare.no-prediction")
  private boolean noPrediction;

  @Option(names = "--csv", paramLabel = "FILE", descriptionKey = "option.compare.csv")
  private Path csv;

  @Option(names = "--json", paramLabel = "FILE", descriptionKey = "option.compare.json")
  private Path json;

  @Option(
      names = "--threads",
      paramLabel = "N",
      defaultValue = "0",
      descriptionKey = "option.scheme.threads")
  private int threads;

  @Spec private picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Messages texts = CliText.of(spec);
    Optional<PlanPreset> chosen = chosenPreset(texts);
    Session base = Session.open(original).requireLayers();
    List<Session> opened = new ArrayList<>();
    for (Path a : artifacts) {
      opened.add(Session.open(a).requireLayers());
    }
    List<Path> inputs = new ArrayList<>(List.of(base.model().source()));
    opened.forEach(s -> inputs.add(s.model().source()));
    OutputPaths.check(inputs, OutputPaths.named("--csv", csv, "--json", json), texts);
    if (csv != null) {
      AtomicWrite.prepare(csv);
    }
    if (json != null) {
      AtomicWrite.prepare(json);
    }
    LayerMapping layerMapping = mapping == null ? LayerMapping.NONE : MappingFiles.read(mapping);
    int workers = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    PrintWriter out = spec.commandLine().getOut();
    CompareTable table = new CompareTable(texts);
    table.printOriginal(out, base.model());
    List<ArtifactComparison> results = new ArrayList<>();
    for (Session artifact : opened) {
      Model model = artifact.model();
      Pairings pairings = LayerMatcher.match(base.model(), model, layerMapping, mapping);
      Optional<PlanPreset> predictWith =
          noPrediction ? Optional.empty() : chosen.or(() -> MatchingPreset.of(model));
      ArtifactComparison result =
          base.compare(
              model,
              pairings,
              predictWith,
              workers,
              ConsoleProgress.on(spec.commandLine().getErr(), texts),
              () -> false);
      results.add(result);
      table.print(out, result, chosen.isEmpty());
    }
    if (csv != null) {
      CompareCsv.write(results, csv);
      out.println(texts.get("output.written", "CSV", csv));
    }
    if (json != null) {
      CompareJson.write(base.model().source(), results, json);
      out.println(texts.get("output.written", "JSON", json));
    }
    out.flush();
    return ExitCodes.OK;
  }

  private Optional<PlanPreset> chosenPreset(Messages texts) {
    return preset == null ? Optional.empty() : Optional.of(PlanOptions.preset(preset, texts));
  }
}
