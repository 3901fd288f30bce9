package io.quantlens.report;

import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.cost.Workload;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a user saves to come back to: the model, the precision plan, the hardware and workload the
 * cost is estimated for, and view settings the window restores (which layer is selected, which
 * chart is shown; free-form text the window defines).
 *
 * @param model the model: a file path, or the id of a bundled sample such as {@code mnist-cnn}.
 *     {@link ProjectJson} stores a file under the project file's folder relative to it, and reads
 *     it back as a full path
 * @param plan the precision plan
 * @param hardwareId the id of the hardware profile, e.g. {@code nvidia-a100-sxm-80gb}
 * @param workload batch size and symbolic dimensions
 * @param view view settings by name, in order
 */
public record Project(
    String model,
    PrecisionPlan plan,
    String hardwareId,
    Workload workload,
    Map<String, String> view) {

  public Project {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(hardwareId, "hardwareId");
    Objects.requireNonNull(workload, "workload");
    if (model.isBlank()) {
      throw new IllegalArgumentException("a project needs a model");
    }
    Map<String, String> copy = new LinkedHashMap<>();
    view.forEach(
        (key, value) ->
            copy.put(Objects.requireNonNull(key, "view key"), Objects.requireNonNull(value, key)));
    view = Collections.unmodifiableMap(copy);
  }

  /** The same project with another plan. */
  public Project withPlan(PrecisionPlan newPlan) {
    return new Project(model, newPlan, hardwareId, workload, view);
  }
}
