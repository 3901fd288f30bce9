package io.quantlens.ui;

import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.cost.CostAssumptions;
import io.quantlens.cost.CostComparison;
import io.quantlens.cost.HardwareProfile;
import io.quantlens.cost.HardwareProfiles;
import io.quantlens.cost.Workload;
import io.quantlens.model.ModelFormatException;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Estimated size, traffic, time, energy and power of the current and pinned plans on the chosen
 * hardware. The workload's shapes are measured once per model in the background; after that a plan
 * change only re-sums layer costs on the FX thread.
 */
final class CostViewModel {
  static final String DEFAULT_HARDWARE = "nvidia-jetson-orin-nano-8gb";

  private final WorkbenchModel workbench;
  private final ObservableList<HardwareProfile> profiles = FXCollections.observableArrayList();
  private final ObjectProperty<HardwareProfile> hardware = new SimpleObjectProperty<>();
  private final StringProperty problem = new SimpleStringProperty();
  private final ObjectProperty<Workload> workload = new SimpleObjectProperty<>(Workload.defaults());
  private final ObjectProperty<CostAssumptions> assumptions =
      new SimpleObjectProperty<>(CostAssumptions.defaults());
  private final ObjectProperty<CostComparison> cost = new SimpleObjectProperty<>();
  private final ObjectProperty<CostComparison> pinnedCost = new SimpleObjectProperty<>();
  private final BooleanProperty measuring = new SimpleBooleanProperty();

  CostViewModel(WorkbenchModel workbench) {
    this.workbench = workbench;
    try {
      profiles.setAll(HardwareProfiles.load(HardwareProfiles.defaultUserFolder()).all());
    } catch (Exception e) {
      workbench.reportError(workbench.messages().get("error.hardware", e.getMessage()));
      try {
        profiles.setAll(HardwareProfiles.builtIn().all());
      } catch (Exception builtIn) {
        throw new IllegalStateException("the bundled hardware profiles do not load", builtIn);
      }
    }
    hardware.set(byId(DEFAULT_HARDWARE).orElse(profiles.get(0)));
    workbench.model().addListener((obs, old, now) -> measure());
    workbench.plan().addListener((obs, old, now) -> recompute());
    workbench.pinned().addListener((obs, old, now) -> recompute());
    hardware.addListener((obs, old, now) -> recompute());
    assumptions.addListener((obs, old, now) -> recompute());
    workload.addListener((obs, old, now) -> measure());
  }

  ObservableList<HardwareProfile> profiles() {
    return profiles;
  }

  ObjectProperty<HardwareProfile> hardware() {
    return hardware;
  }

  ObjectProperty<Workload> workload() {
    return workload;
  }

  ObjectProperty<CostAssumptions> assumptions() {
    return assumptions;
  }

  ReadOnlyObjectProperty<CostComparison> cost() {
    return cost;
  }

  ReadOnlyObjectProperty<CostComparison> pinnedCost() {
    return pinnedCost;
  }

  BooleanProperty measuring() {
    return measuring;
  }

  /**
   * Why the workload's shapes could not be measured (the model did not run at its sizes), or null;
   * set again by the next workload or model.
   */
  ReadOnlyStringProperty problem() {
    return problem;
  }

  Optional<HardwareProfile> byId(String id) {
    return profiles.stream().filter(p -> p.id().equals(id)).findFirst();
  }

  private void measure() {
    OpenModel open = workbench.model().get();
    problem.set(null);
    cost.set(null);
    pinnedCost.set(null);
    if (open == null) {
      return;
    }
    Workload w = workload.get();
    if (open.session().measuredWorkload(w).isPresent()) {
      recompute();
      return;
    }
    measuring.set(true);
    BackgroundTask<Object> task =
        BackgroundTask.of(
            workbench.messages().get("task.measureShapes"), () -> open.session().workloadCosts(w));
    task.setOnSucceeded(
        e -> {
          measuring.set(false);
          recompute();
        });
    task.setOnFailed(
        e -> {
          measuring.set(false);
          String why = ErrorText.of(task.getException());
          if (open == workbench.model().get() && w.equals(workload.get())) {
            problem.set(why);
          }
          workbench.reportError(workbench.messages().get("error.cost", why));
        });
    workbench.executor().submit(task);
  }

  private void recompute() {
    OpenModel open = workbench.model().get();
    if (open == null || open.session().measuredWorkload(workload.get()).isEmpty()) {
      return;
    }
    cost.set(estimate(open, workbench.plan().get()));
    PrecisionPlan pin = workbench.pinned().get();
    pinnedCost.set(pin == null ? null : estimate(open, pin));
  }

  private CostComparison estimate(OpenModel open, PrecisionPlan plan) {
    if (plan == null) {
      return null;
    }
    try {
      return open.session().cost(workload.get(), plan, hardware.get(), assumptions.get());
    } catch (ModelFormatException e) {
      workbench.reportError(e.getMessage());
      return null;
    }
  }
}
