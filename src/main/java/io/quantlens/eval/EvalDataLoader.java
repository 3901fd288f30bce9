package io.quantlens.eval;

import io.quantlens.formats.npy.Npy;
import io.quantlens.formats.npy.NpyArray;
import io.quantlens.formats.npy.NpyType;
import io.quantlens.model.InputDims;
import io.quantlens.model.Model;
import io.quantlens.model.ModelFormatException;
import io.quantlens.model.ValueInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads a folder of {@code .npy} files named after the model's inputs, plus an optional {@code
 * labels.npy}, and checks them against the model's input types and shapes before anything runs.
 */
public final class EvalDataLoader {
  public static final String LABELS_FILE = "labels.npy";

  private EvalDataLoader() {}

  public static EvalData load(Path folder, Model model, DataOrigin origin)
      throws IOException, ModelFormatException {
    if (!Files.isDirectory(folder)) {
      if (!Files.exists(folder)) {
        throw new NoSuchFileException(folder.toString(), null, "no such evaluation data folder");
      }
      throw new ModelFormatException(
          folder, "evaluation data is a folder of .npy files, not a file");
    }
    Map<String, NpyArray> inputs = new LinkedHashMap<>();
    long samples = -1;
    Path first = null;
    for (ValueInfo input : model.inputs()) {
      Path file = fileFor(folder, input.name());
      NpyArray array = Npy.read(file);
      check(file, array, input, model);
      if (samples >= 0 && array.rows() != samples) {
        throw new ModelFormatException(
            file,
            array.rows()
                + " samples, but "
                + first.getFileName()
                + " has "
                + samples
                + "; every input needs the same number");
      }
      samples = array.rows();
      first = file;
      inputs.put(input.name(), array);
    }
    if (samples <= 0) {
      throw new ModelFormatException(
          first == null ? folder : first, "no samples to evaluate (first dimension is 0)");
    }
    long[] labels = readLabels(folder.resolve(LABELS_FILE), samples);
    if (samples > Integer.MAX_VALUE) {
      throw new ModelFormatException(folder, "too many samples: " + samples);
    }
    return new EvalData(inputs, labels, (int) samples, origin, folder);
  }

  /** {@code NAME.npy}; characters a file name cannot hold become {@code _}. */
  static Path fileFor(Path folder, String inputName) throws IOException, ModelFormatException {
    Path exact = folder.resolve(safeName(inputName) + ".npy");
    if (Files.isRegularFile(exact)) {
      return exact;
    }
    List<String> present;
    try (Stream<Path> files = Files.list(folder)) {
      present =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".npy"))
              .sorted()
              .toList();
    }
    throw new ModelFormatException(
        folder,
        "no "
            + exact.getFileName()
            + " for model input '"
            + inputName
            + "' (found: "
            + (present.isEmpty() ? "no .npy files" : String.join(", ", present))
            + ")");
  }

  static String safeName(String inputName) {
    return inputName.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  private static void check(Path file, NpyArray array, ValueInfo input, Model model)
      throws ModelFormatException {
    NpyType expected = InputTypes.npyType(input.elementType());
    if (array.type() != expected) {
      throw new ModelFormatException(
          file,
          String.format(
              "holds %s (%s) but input '%s' of %s takes %s (%s)",
              array.type().name().toLowerCase(java.util.Locale.ROOT),
              array.type().descriptor(),
              input.name(),
              model.source().getFileName(),
              input.elementType(),
              expected == null ? "not supported" : expected.descriptor()));
    }
    long[] shape = array.shape();
    List<String> dims = input.dims();
    boolean rankOk = dims.isEmpty() || shape.length == dims.size();
    boolean dimsOk = rankOk;
    for (int axis = 1; dimsOk && axis < dims.size(); axis++) {
      Long fixed = InputDims.fixed(dims.get(axis));
      dimsOk = fixed == null || fixed == shape[axis];
    }
    if (!dimsOk) {
      throw new ModelFormatException(
          file,
          "shape "
              + Arrays.toString(shape)
              + " does not fit input '"
              + input.name()
              + "' "
              + input.shapeText()
              + " (the first axis counts samples)");
    }
    Long batch = dims.isEmpty() ? null : InputDims.fixed(dims.get(0));
    if (batch != null && batch > 0 && array.rows() % batch != 0) {
      throw new ModelFormatException(
          file, array.rows() + " samples cannot be fed in the model's fixed batches of " + batch);
    }
  }

  private static long[] readLabels(Path file, long samples)
      throws IOException, ModelFormatException {
    if (!Files.exists(file)) {
      return null;
    }
    NpyArray array = Npy.read(file);
    if (array.shape().length != 1) {
      throw new ModelFormatException(
          file,
          "labels must be one class index per sample (1-D), got shape "
              + Arrays.toString(array.shape()));
    }
    if (array.rows() != samples) {
      throw new ModelFormatException(
          file,
          (array.rows() < samples ? "fewer" : "more")
              + " labels ("
              + array.rows()
              + ") than input samples ("
              + samples
              + ")");
    }
    long[] labels = InputTypes.integers(file, array);
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0) {
        throw new ModelFormatException(file, "label " + i + " is negative (" + labels[i] + ")");
      }
    }
    return labels;
  }
}
