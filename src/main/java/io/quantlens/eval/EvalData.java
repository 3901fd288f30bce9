package io.quantlens.eval;

import io.quantlens.formats.npy.NpyArray;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluation inputs: one array per model input, all with the same number of samples along their
 * first axis, and optionally one label per sample.
 *
 * @param inputs model input name → array whose first dimension is the sample
 * @param labels class index per sample, or {@code null}
 * @param samples number of samples
 * @param origin where the data came from
 * @param location the folder read, or {@code null} for generated data
 */
public record EvalData(
    Map<String, NpyArray> inputs, long[] labels, int samples, DataOrigin origin, Path location) {
  public EvalData {
    inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    labels = labels == null ? null : labels.clone();
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

  /** E.g. {@code 2000 samples, evaluation data /x/eval (labelled)}. */
  public String describe() {
    return samples
        + " samples, "
        + origin.label()
        + (location == null ? "" : " " + location)
        + (hasLabels() ? " (labelled)" : "");
  }
}
