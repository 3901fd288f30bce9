package io.quantlens.eval;

import io.quantlens.formats.RegularFiles;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads a folder of {@code .npy} files named after the model's inputs, plus an optional {@code
 * labels.npy}, and checks them against the model's input types and shapes before anything runs.
 * Each array holds the samples along its first axis; a 0-d array (a scalar such as a sample rate),
 * and an array with exactly the input's fixed shape while the other inputs hold another number of
 * samples (a recurrent state {@code [2, 1, 128]}), is passed whole to every call instead.
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
    Map<String, Path> files = new LinkedHashMap<>();
    Set<String> candidates = new LinkedHashSet<>();
    for (ValueInfo input : model.inputs()) {
      Path file = fileFor(folder, input.name());
      NpyArray array = Npy.read(file);
      checkType(file, array, input, model);
      if (array.shape().length == 0 || fitsOneCall(array, input)) {
        candidates.add(input.name());
      }
      inputs.put(input.name(), array);
      files.put(input.name(), file);
    }
    long samples = sampleCount(inputs, files, candidates);
    Set<String> whole = new LinkedHashSet<>();
    for (ValueInfo input : model.inputs()) {
      NpyArray array = inputs.get(input.name());
      boolean scalar = array.shape().length == 0;
      if (scalar || (candidates.contains(input.name()) && array.rows() != samples)) {
        whole.add(input.name());
      } else {
        checkSamples(files.get(input.name()), array, input);
      }
    }
    if (samples <= 0) {
      throw new ModelFormatException(folder, "no samples to evaluate (first dimension is 0)");
    }
    long[] labels = readLabels(folder.resolve(LABELS_FILE), samples);
    if (samples > Integer.MAX_VALUE) {
      throw new ModelFormatException(folder, "too many samples: " + samples);
    }
    return new EvalData(inputs, labels, (int) samples, origin, folder, whole);
  }

  /**
   * The number of samples: the first axis of the arrays that cannot be passed whole, which must
   * agree; when every array could be, of the arrays of rank one or more; 1 when all are scalars.
   */
  private static long sampleCount(
      Map<String, NpyArray> inputs, Map<String, Path> files, Set<String> candidates)
      throws ModelFormatException {
    long samples = -1;
    String first = null;
    boolean onlyCandidates = inputs.keySet().stream().allMatch(candidates::contains);
    for (var entry : inputs.entrySet()) {
      NpyArray array = entry.getValue();
      boolean decides =
          onlyCandidates ? array.shape().length > 0 : !candidates.contains(entry.getKey());
      if (!decides) {
        continue;
      }
      if (samples >= 0 && array.rows() != samples) {
        throw new ModelFormatException(
            files.get(entry.getKey()),
            array.rows()
                + " samples, but "
                + files.get(first).getFileName()
                + " has "
                + samples
                + "; every input needs the same number (a scalar input is a 0-d array)");
      }
      samples = array.rows();
      first = entry.getKey();
    }
    return samples < 0 ? 1 : samples;
  }

  /** {@code NAME.npy}; characters a file name cannot hold become {@code _}. */
  static Path fileFor(Path folder, String inputName) throws IOException, ModelFormatException {
    Path exact = folder.resolve(safeName(inputName) + ".npy");
    if (Files.exists(exact)) {
      RegularFiles.require(exact);
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

  private static void checkType(Path file, NpyArray array, ValueInfo input, Model model)
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
    if (array.shape().length == 0 && !input.dims().isEmpty()) {
      throw new ModelFormatException(
          file,
          "is a 0-d array, but input '"
              + input.name()
              + "' is "
              + input.shapeText()
              + "; give its samples along the first axis");
    }
  }

  /**
   * Whether the array has the input's shape for one call, fixed first axis included: such an array
   * is passed whole when the other inputs hold another number of samples.
   */
  private static boolean fitsOneCall(NpyArray array, ValueInfo input) {
    long[] shape = array.shape();
    List<String> dims = input.dims();
    if (dims.isEmpty() || shape.length != dims.size() || InputDims.fixed(dims.get(0)) == null) {
      return false;
    }
    for (int axis = 0; axis < dims.size(); axis++) {
      Long fixed = InputDims.fixed(dims.get(axis));
      if (fixed != null && fixed != shape[axis]) {
        return false;
      }
    }
    return true;
  }

  private static void checkSamples(Path file, NpyArray array, ValueInfo input)
      throws ModelFormatException {
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
    if (batch != null && array.rows() % batch != 0) {
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
