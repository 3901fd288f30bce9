package io.quantlens.cli;

import io.quantlens.eval.EvalData;
import io.quantlens.eval.EvalOptions;
import io.quantlens.eval.Evaluator;
import io.quantlens.model.ModelFormatException;
import io.quantlens.session.Session;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by the commands that run the model: data, compared output, threads, batch. */
final class EvalOptionsMixin {
  @Option(
      names = "--data",
      paramLabel = "DIR",
      description =
          "Folder of .npy files named after the model's inputs, optionally labels.npy"
              + " (default: the eval folder next to the model, else generated inputs).")
  private Path data;

  @Option(
      names = "--output",
      paramLabel = "NAME",
      description = "Model output to compare (default: the first).")
  private String output;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "ONNX Runtime and quantization threads (default: all cores).")
  private Integer threads;

  @Option(
      names = "--batch",
      paramLabel = "N",
      description = "Samples per ONNX Runtime call (default: ${DEFAULT-VALUE}).",
      defaultValue = "" + EvalOptions.DEFAULT_BATCH)
  private int batch;

  Evaluator open(Session session) throws IOException, ModelFormatException {
    EvalData evalData = session.evalData(data);
    int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    return session.evaluator(evalData, output, new EvalOptions(workers, batch));
  }
}
