package io.quantlens.ui.state;

import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.cost.CostAssumptions;
import io.quantlens.cost.CostComparison;
import io.quantlens.cost.HardwareProfile;
import io.quantlens.cost.HardwareProfiles;
import io.quantlens.cost.PrecisionMismatch;
import io.quantlens.cost.Workload;
import io.quantlens.model.ModelFormatException;
import io.quantlens.ui.task.BackgroundTask;
import io.quantlens.ui.text.ErrorText;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Estimated size, traffic, time, energy and power of the current and pinned plans on the chosen
 * hardware. The workload's shapes are measured once per model in the background; after that a plan
 * change only re-sums layer costs on the FX thread.
 */
public final class CostState {
  public static final String DEFAULT_HARDWARE = "nvidia-jetson-orin-nano-8gb";

  private final Workspace workspace;
  private final PlanEditor plans;
  private final Services services;
  private final ObservableList<HardwareProfile> profiles = FXCollections.observableArrayList();
  // One read-only view, held here: a view made per call would drop its listeners when collected.
  private final ObservableList<HardwareProfile> profilesView =
      FXCollections.unmodifiableObservableList(profiles);
  private final ObjectProperty<HardwareProfile> hardware = new SimpleObjectProperty<>();
  private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper();
  private final ObjectProperty<Workload> workload = new SimpleObjectProperty<>(Workload.defaults());
  private final ObjectProperty<CostAssumptions> assumptions =
      new SimpleObjectProperty<>(CostAssumptions.defaults());
  private final ReadOnlyObjectWrapper<CostComparison> cost = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<PrecisionMismatch> mismatch = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<CostComparison> pinnedCost = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyBooleanWrapper measuring = new ReadOnlyBooleanWrapper();

  public CostState(Workspace workspace, PlanEditor plans) {
    this.workspace = workspace;
    this.plans = plans;
    this.services = workspace.services();
    try {
      profiles.setAll(HardwareProfiles.load(HardwareProfiles.defaultUserFolder()).all());
    } catch (Exception e) {
      services.notices().error(services.messages().get("error.hardware", e.getMessage()));
      try {
        profiles.setAll(HardwareProfiles.builtIn().all());
      } catch (Exception builtIn) {
        throw new IllegalStateException("the bundled hardware profiles do not load", builtIn);
      }
    }
    hardware.set(byId(DEFAULT_HARDWARE).orElse(profiles.get(0)));
    workspace.opened().addListener((obs, old, now) -> measure());
    plans.plan().addListener((obs, old, now) -> recompute());
    plans.pinned().addListener((obs, old, now) -> recompute());
    hardware.addListener((obs, old, now) -> recompute());
    assumptions.addListener((obs, old, now) -> recompute());
    workload.addListener((obs, old, now) -> measure());
  }

  public ObservableList<HardwareProfile> profiles() {
    return profilesView;
  }

  public ObjectProperty<HardwareProfile> hardware() {
    return hardware;
  }

  public ObjectProperty<Workload> workload() {
    return workload;
  }

  public ObjectProperty<CostAssumptions> assumptions() {
    return assumptions;
  }

  public ReadOnlyObjectProperty<CostComparison> cost() {
    return cost.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<CostComparison> pinnedCost() {
    return pinnedCost.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty measuring() {
    return measuring.getReadOnlyProperty();
  }

  /**
   * Why the workload's shapes could not be measured (the model did not run at its sizes), or null;
   * set again by the next workload or model.
   */
  /**
   * The layers the hardware computes at fewer bits than the current plan gives them, or null; the
   * Plan menu offers the consistent plan.
   */
  public ReadOnlyObjectProperty<PrecisionMismatch> mismatch() {
    return mismatch.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty problem() {
    return problem.getReadOnlyProperty();
  }

  public Optional<HardwareProfile> byId(String id) {
    return profiles.stream().filter(p -> p.id().equals(id)).findFirst();
  }

  private void measure() {
    OpenModel open = workspace.opened().get();
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
            services.messages().get("task.measureShapes"), () -> open.session().workloadCosts(w));
    task.setOnSucceeded(
        e -> {
          measuring.set(false);
          recompute();
        });
    task.setOnFailed(
        e -> {
          measuring.set(false);
          String why = ErrorText.of(task.getException(), services.messages());
          if (open == workspace.opened().get() && w.equals(workload.get())) {
            problem.set(why);
          }
          services.notices().error(services.messages().get("error.cost", why));
        });
    services.tasks().submit(task);
  }

  private void recompute() {
    OpenModel open = workspace.opened().get();
    if (open == null || open.session().measuredWorkload(workload.get()).isEmpty()) {
      return;
    }
    CostComparison now = estimate(open, plans.plan().get());
    cost.set(now);
    PrecisionMismatch found = now == null ? null : PrecisionMismatch.of(now.plan()).orElse(null);
    // Said once per change of what is mismatched, not at every recomputation.
    if (found != null && !found.equals(mismatch.get())) {
      services
          .notices()
          .notice(
              services
                  .messages()
                  .get(
                      "notice.precisionMismatch",
                      found.layers().size(),
                      found.used().toString(),
                      found.used().id()));
    }
    mismatch.set(found);
    PrecisionPlan pin = plans.pinned().get();
    pinnedCost.set(pin == null ? null : estimate(open, pin));
  }

  /** {@code plan}'s cost on the hardware, workload and assumptions set now; null without one. */
  public io.quantlens.cost.ModelCost costOf(PrecisionPlan plan) {
    OpenModel open = workspace.opened().get();
    CostComparison c = open == null ? null : estimate(open, plan);
    return c == null ? null : c.plan();
  }

  private CostComparison estimate(OpenModel open, PrecisionPlan plan) {
    if (plan == null) {
      return null;
    }
    try {
      return open.session().cost(workload.get(), plan, hardware.get(), assumptions.get());
    } catch (ModelFormatException e) {
      services.notices().error(e.getMessage());
      return null;
    }
  }
}
