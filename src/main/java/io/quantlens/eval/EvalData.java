package io.quantlens.eval;

import io.quantlens.formats.npy.NpyArray;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Evaluation inputs: one array per model input, all with the same number of samples along their
 * first axis, and optionally one label per sample. Whole inputs (a scalar such as a sample rate, or
 * a tensor whose first axis is not the batch, such as a recurrent state) are passed as they are to
 * every ONNX Runtime call instead of being cut into batches.
 *
 * @param inputs model input name → array whose first dimension is the sample
 * @param labels class index per sample, or {@code null}
 * @param samples number of samples
 * @param origin where the data came from
 * @param location the folder read, or {@code null} for generated data
 * @param wholeInputs names of the inputs passed whole to every call
 */
public record EvalData(
    Map<String, NpyArray> inputs,
    long[] labels,
    int samples,
    DataOrigin origin,
    Path location,
    Set<String> wholeInputs) {
  public EvalData {
    inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    labels = labels == null ? null : labels.clone();
    wholeInputs = Set.copyOf(wholeInputs);
    if (!inputs.keySet().containsAll(wholeInputs)) {
      throw new IllegalArgumentException("whole inputs " + wholeInputs + " are not all inputs");
    }
  }

  /** Data whose every input holds the samples along its first axis. */
  public EvalData(
      Map<String, NpyArray> inputs, long[] labels, int samples, DataOrigin origin, Path location) {
    this(inputs, labels, samples, origin, location, Set.of());
  }

  @Override
  public long[] labels() {
    return labels == null ? null : labels.clone();
  }

  public Optional<long[]> labelsIfAny() {
    return Optional.ofNullable(labels());
  }

  public boolean hasLabels() {
    return labels != null;
  }

  /** Whether {@code input} is passed whole to every call rather than cut into batches. */
  public boolean isWhole(String input) {
    return wholeInputs.contains(input);
  }

  /** E.g. {@code images [64, 3, 224, 224], sr [] (whole)}: every array's shape. */
  public String describeInputs() {
    List<String> parts = new ArrayList<>();
    inputs.forEach(
        (name, array) ->
            parts.add(
                name
                    + " "
                    + Arrays.toString(array.shape())
                    + (isWhole(name) ? " (whole, to every call)" : "")));
    return String.join(", ", parts);
  }

  /** E.g. {@code 2000 samples, evaluation data /x/eval (labelled)}. */
  public String describe() {
    return samples
        + " samples, "
        + origin.label()
        + (location == null ? "" : " " + location)
        + (hasLabels() ? " (labelled)" : "");
  }
}
