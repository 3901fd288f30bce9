package io.quantlens.cli;

import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.eval.EvalException;
import io.quantlens.eval.EvalProgress;
import io.quantlens.eval.Evaluator;
import io.quantlens.files.AtomicWrite;
import io.quantlens.model.Model;
import io.quantlens.model.ValueInfo;
import io.quantlens.report.NpyRowsWriter;
import io.quantlens.report.SavedOutputs;
import io.quantlens.text.Messages;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code eval --save-outputs DIR}: which files it writes, checked before anything runs, and the two
 * runs that fill them (README, {@code eval}).
 */
final class OutputArrays {
  private static final String OPTION = "--save-outputs";
  private static final Set<String> FLOAT_TYPES = Set.of("FLOAT", "FLOAT16", "BFLOAT16");

  private final Path folder;
  private final Map<String, String> fileNames;
  private final List<ValueInfo> skipped;
  private final Map<String, long[]> shapes = new LinkedHashMap<>();

  private OutputArrays(Path folder, Map<String, String> fileNames, List<ValueInfo> skipped) {
    this.folder = folder;
    this.fileNames = fileNames;
    this.skipped = skipped;
  }

  /**
   * The files for {@code model}'s float outputs under {@code folder}, refused when one of them is
   * there already, is an input, or is the {@code --csv} file.
   *
   * @throws IllegalArgumentException naming the path and the problem
   */
  static OutputArrays check(Path folder, Model model, List<Path> inputs, Path csv, Messages texts)
      throws IOException {
    List<String> names = new ArrayList<>();
    List<ValueInfo> skipped = new ArrayList<>();
    for (ValueInfo output : model.outputs()) {
      if (FLOAT_TYPES.contains(output.elementType())) {
        names.add(output.name());
      } else {
        skipped.add(output);
      }
    }
    if (names.isEmpty()) {
      throw new IllegalArgumentException(texts.get("outputs.noFloat", OPTION, folder));
    }
    OutputArrays arrays = new OutputArrays(folder, SavedOutputs.fileNames(names), skipped);
    for (Path dir :
        List.of(
            folder,
            folder.resolve(SavedOutputs.QUANTIZED),
            folder.resolve(SavedOutputs.REFERENCE))) {
      if (Files.exists(dir) && !Files.isDirectory(dir)) {
        throw new IllegalArgumentException(texts.get("outputs.notFolder", OPTION, dir));
      }
    }
    for (Path target : arrays.targets()) {
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        throw new IllegalArgumentException(texts.get("outputs.exists", OPTION, target));
      }
      OutputPaths.check(inputs, OutputPaths.named("--csv", csv, OPTION, target), texts);
    }
    return arrays;
  }

  /** Creates the folders, so that a folder that cannot be written fails before the runs. */
  void prepare() throws IOException {
    for (Path target : targets()) {
      AtomicWrite.prepare(target);
    }
  }

  /**
   * Runs {@code plan} and the reference on the first {@code samples} samples into the files, all
   * written or none.
   *
   * @throws Exception what the runs throw ({@link EvalException}, {@link InterruptedException}) or
   *     an {@link IOException} naming the file
   */
  void write(Evaluator evaluator, PrecisionPlan plan, int samples, EvalProgress progress)
      throws Exception {
    List<Path> targets = targets();
    Set<String> outputs = new LinkedHashSet<>(fileNames.keySet());
    SavedOutputs.<Exception>write(
        targets,
        samples,
        arrays -> {
          evaluator.planOutputs(
              plan,
              samples,
              outputs,
              (start, output, values, shape) ->
                  arrays.get(file(SavedOutputs.QUANTIZED, output)).write(start, shape, values),
              progress);
          evaluator.referenceOutputs(
              samples,
              outputs,
              (start, output, values, shape) ->
                  arrays.get(file(SavedOutputs.REFERENCE, output)).write(start, shape, values),
              progress);
          for (String output : outputs) {
            NpyRowsWriter array = arrays.get(file(SavedOutputs.QUANTIZED, output));
            shapes.put(output, array.shape());
          }
        });
  }

  /**
   * E.g. {@code Outputs quantized and reference, 2000 samples each, written to out: logits.npy
   * [2000, 10]}, and the outputs skipped.
   */
  void describe(PrintWriter out, int samples, Messages texts) {
    LabelledLines lines = new LabelledLines(texts, 10, "label.outputs", "label.skipped");
    List<String> files = new ArrayList<>();
    fileNames.forEach(
        (output, file) ->
            files.add(
                file
                    + " "
                    + Arrays.toString(shapes.get(output))
                    + (file.equals(output + ".npy") ? "" : " " + texts.get("outputs.of", output))));
    out.println(
        lines.line(
            "label.outputs",
            texts.get(
                "outputs.written",
                SavedOutputs.QUANTIZED,
                SavedOutputs.REFERENCE,
                String.valueOf(samples),
                folder,
                String.join(", ", files))));
    for (ValueInfo output : skipped) {
      out.println(
          lines.line(
              "label.skipped", texts.get("outputs.skipped", output.name(), output.elementType())));
    }
  }

  private Path file(String side, String output) {
    return folder.resolve(side).resolve(fileNames.get(output));
  }

  private List<Path> targets() {
    List<Path> targets = new ArrayList<>();
    for (String side : List.of(SavedOutputs.QUANTIZED, SavedOutputs.REFERENCE)) {
      for (String output : fileNames.keySet()) {
        targets.add(file(side, output));
      }
    }
    return targets;
  }
}
