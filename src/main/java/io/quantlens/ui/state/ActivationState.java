package io.quantlens.ui.state;

import io.quantlens.analysis.PlanDescription;
import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.eval.ActivationReport;
import io.quantlens.eval.EvalProgress;
import io.quantlens.eval.Evaluator;
import io.quantlens.text.Messages;
import io.quantlens.ui.task.BackgroundTask;
import io.quantlens.ui.task.Debounce;
import io.quantlens.ui.text.ErrorText;
import javafx.application.Platform;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.concurrent.Task;

/**
 * The activation view of the current plan (docs/activations.md#the-activation-view): asked for
 * once, it follows the plan, each change measured again after a moment with the run in flight
 * cancelled. The profiles are shown as soon as they are taken; the layer errors, a run per
 * quantized layer, follow.
 */
public final class ActivationState {
  /** Samples the layer errors are measured on unless the user picks another number. */
  public static final int DEFAULT_ERROR_SAMPLES = 64;

  private final Workspace workspace;
  private final PlanEditor plans;
  private final AccuracyState accuracy;
  private final Services services;
  private final ReadOnlyObjectWrapper<ActivationReport> report = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<Task<ActivationReport>> profiling =
      new ReadOnlyObjectWrapper<>();
  private final IntegerProperty errorSamples = new SimpleIntegerProperty(DEFAULT_ERROR_SAMPLES);
  private final Debounce debounce;
  private boolean following;

  public ActivationState(Workspace workspace, PlanEditor plans, AccuracyState accuracy) {
    this.workspace = workspace;
    this.plans = plans;
    this.accuracy = accuracy;
    this.services = workspace.services();
    debounce = new Debounce(services.measureDelay(), this::profile);
    workspace.opened().addListener((obs, old, now) -> forget());
    accuracy.inputDims().addListener((obs, old, now) -> forget());
    accuracy.callBatch().addListener((obs, old, now) -> forget());
    plans
        .plan()
        .addListener(
            (obs, old, now) -> {
              if (following) {
                debounce.restart();
              }
            });
    errorSamples.addListener(
        (obs, old, now) -> {
          if (following) {
            debounce.restart();
          }
        });
  }

  /** The last activation view of the current plan (its errors may still be coming), or null. */
  public ReadOnlyObjectProperty<ActivationReport> report() {
    return report.getReadOnlyProperty();
  }

  /** The measurement under way, or null. */
  public ReadOnlyObjectProperty<Task<ActivationReport>> profiling() {
    return profiling.getReadOnlyProperty();
  }

  /** Samples the layer errors are measured on (at least 1). */
  public IntegerProperty errorSamples() {
    return errorSamples;
  }

  /**
   * Measures the current plan's activation view now, replacing a measurement in flight; from now on
   * plan changes measure again. Returns the task, or null when nothing can be measured.
   */
  public Task<ActivationReport> profile() {
    debounce.stop();
    OpenModel open = workspace.opened().get();
    PrecisionPlan plan = plans.plan().get();
    if (open == null || plan == null || accuracy.problem().get() != null) {
      return null;
    }
    cancel();
    following = true;
    Messages m = services.messages();
    int samples = Math.max(1, errorSamples.get());
    var evaluator = accuracy.evaluatorLater(open);
    BackgroundTask<ActivationReport> task =
        BackgroundTask.of(
            m.get("task.activations", PlanDescription.of(plan, open.session().model(), m)),
            t -> {
              Evaluator e = evaluator.call();
              synchronized (e) {
                t.message(m.get("task.activations.profiles"));
                ActivationReport profiles = ActivationReport.profiles(e, plan, EvalProgress.NONE);
                Platform.runLater(() -> publish(t, open, profiles));
                return profiles.withErrors(
                    e,
                    samples,
                    // the engine's step names are English; the window words its own
                    (done, total, step) -> {
                      t.progress(done, total);
                      t.message(m.get("task.activations.errors"));
                    });
              }
            });
    task.setOnSucceeded(
        e -> {
          publish(task, open, task.getValue());
          end(task);
        });
    task.setOnFailed(
        e -> {
          end(task);
          services
              .notices()
              .error(
                  m.get(
                      "error.activations", ErrorText.of(task.getException(), services.messages())));
        });
    task.setOnCancelled(e -> end(task));
    profiling.set(task);
    return services.tasks().submit(task);
  }

  /** Stops the measurement under way; the plan is no longer followed until asked again. */
  public void cancel() {
    debounce.stop();
    Task<ActivationReport> running = profiling.get();
    profiling.set(null);
    if (running != null) {
      running.cancel(true);
      following = false;
    }
  }

  private void publish(Task<ActivationReport> task, OpenModel open, ActivationReport measured) {
    if (profiling.get() == task && workspace.isOpen(open)) {
      report.set(measured);
    }
  }

  private void end(Task<ActivationReport> task) {
    if (profiling.get() == task) {
      profiling.set(null);
    }
  }

  private void forget() {
    cancel();
    following = false;
    report.set(null);
  }
}
