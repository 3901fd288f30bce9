package io.quantlens.cli;

import io.quantlens.analysis.AnalysisOptions;
import io.quantlens.quant.Scheme;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Option;

/** Options shared by the commands that analyse: schemes, bins, threads. */
final class SchemeOptions {
  @Option(
      names = "--schemes",
      split = ",",
      paramLabel = "S",
      descriptionKey = "option.scheme.schemes",
      defaultValue = AnalysisOptions.DEFAULT_SCHEMES_TEXT)
  private List<String> schemes;

  @Option(
      names = "--bins",
      paramLabel = "N",
      descriptionKey = "option.scheme.bins",
      defaultValue = "" + AnalysisOptions.DEFAULT_BINS)
  private int bins;

  @Option(names = "--threads", paramLabel = "N", descriptionKey = "option.scheme.threads")
  private Integer threads;

  AnalysisOptions toOptions() {
    List<Scheme> parsed =
        schemes.stream()
            .flatMap(s -> Arrays.stream(s.split(",")))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .map(Scheme::parse)
            .distinct()
            .toList();
    int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    return new AnalysisOptions(parsed, bins, workers);
  }
}
