package io.quantlens.cli;

import io.quantlens.eval.DataOrigin;
import io.quantlens.eval.EvalData;
import io.quantlens.eval.EvalException;
import io.quantlens.eval.EvalOptions;
import io.quantlens.eval.Evaluator;
import io.quantlens.model.InputDims;
import io.quantlens.model.ModelFormatException;
import io.quantlens.session.Session;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Options shared by the commands that run the model: data, compared output, threads, batch. */
final class EvalOptionsMixin {
  @Option(names = "--data", paramLabel = "DIR", descriptionKey = "option.run.data")
  private Path data;

  /** The command this mixin belongs to, whose texts its errors use. */
  @Spec(Spec.Target.MIXEE)
  private CommandSpec command;

  /** The .npy files of the --data folder, which an output must not replace. */
  List<Path> dataFiles() throws java.io.IOException {
    if (data == null || !java.nio.file.Files.isDirectory(data)) {
      return List.of();
    }
    try (var files = java.nio.file.Files.list(data)) {
      return files.filter(f -> f.toString().endsWith(".npy")).toList();
    }
  }

  @Option(names = "--output", paramLabel = "NAME", descriptionKey = "option.run.output")
  private String output;

  @Option(names = "--threads", paramLabel = "N", descriptionKey = "option.run.threads")
  private Integer threads;

  @Option(names = "--batch", paramLabel = "N", descriptionKey = "option.run.batch")
  private Integer batch;

  @Option(
      names = "--calibration-samples",
      paramLabel = "N",
      descriptionKey = "option.run.calibration-samples")
  private Integer calibrationSamples;

  @Option(names = "--dim", paramLabel = "NAME=VALUE", descriptionKey = "option.run.dim")
  private Map<String, Long> dims = new LinkedHashMap<>();

  Evaluator open(Session session) throws IOException, ModelFormatException, EvalException {
    EvalData evalData = session.evalData(data, new InputDims(dims));
    if (!dims.isEmpty() && evalData.origin() != DataOrigin.GENERATED) {
      throw new IllegalArgumentException(
          CliText.of(command).get("error.dim", String.valueOf(evalData.location())));
    }
    int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    OptionalInt perCall = batch == null ? OptionalInt.empty() : OptionalInt.of(batch);
    int calibration =
        calibrationSamples == null ? EvalOptions.DEFAULT_CALIBRATION : calibrationSamples;
    if (calibration < 1) {
      throw new IllegalArgumentException(
          CliText.of(command).get("error.atLeastOne", "--calibration-samples"));
    }
    return session.evaluator(evalData, output, new EvalOptions(workers, perCall, calibration));
  }
}
