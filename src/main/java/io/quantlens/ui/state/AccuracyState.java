package io.quantlens.ui.state;

import io.quantlens.analysis.PlanDescription;
import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.eval.EvalData;
import io.quantlens.eval.EvalOptions;
import io.quantlens.eval.EvalResult;
import io.quantlens.eval.Evaluator;
import io.quantlens.eval.LayerSensitivity;
import io.quantlens.eval.SensitivityReport;
import io.quantlens.eval.SensitivityScan;
import io.quantlens.model.InputDims;
import io.quantlens.model.Layer;
import io.quantlens.quant.Scheme;
import io.quantlens.text.Messages;
import io.quantlens.ui.task.BackgroundTask;
import io.quantlens.ui.task.Debounce;
import io.quantlens.ui.text.ErrorText;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;
import javafx.concurrent.Task;

/**
 * Measured accuracy of the current and pinned plans: ONNX Runtime runs the model with
 * fake-quantized weights on the evaluation set. A plan change waits a moment (so a burst of clicks
 * runs once), cancels the run in flight and starts a new one; the FX thread never waits.
 */
public final class AccuracyState {
  /** The scheme a sensitivity scan probes each layer with unless the user picks another. */
  public static final Scheme DEFAULT_PROBE = Scheme.parse("int4:g32:sym");

  private final Workspace workspace;
  private final PlanEditor plans;
  private final Services services;
  private final ReadOnlyObjectWrapper<EvalResult> result = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<EvalResult> pinnedResult = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<EvalResult> uncorrectedResult = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
  private final ReadOnlyBooleanWrapper cancelled = new ReadOnlyBooleanWrapper();
  private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper();
  private final ReadOnlyBooleanWrapper needsOnnx = new ReadOnlyBooleanWrapper();
  private final ObservableMap<String, LayerSensitivity> sensitivity =
      FXCollections.observableHashMap();
  // One read-only view, held here: a view made per call would drop its listeners when collected.
  private final ObservableMap<String, LayerSensitivity> sensitivityView =
      FXCollections.unmodifiableObservableMap(sensitivity);
  private final ReadOnlyObjectWrapper<Scheme> sensitivityScheme = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<SensitivityReport> sensitivityReport =
      new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<Task<SensitivityReport>> scanning =
      new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<EvalData> evalData = new ReadOnlyObjectWrapper<>();
  private final ObjectProperty<InputDims> inputDims =
      new SimpleObjectProperty<>(InputDims.defaults());
  private final IntegerProperty callBatch = new SimpleIntegerProperty(0);
  private final Debounce debounce;
  private Evaluator evaluator;
  private RunSettings evaluatorSettings;
  private Task<?> current;

  public AccuracyState(Workspace workspace, PlanEditor plans) {
    this.workspace = workspace;
    this.plans = plans;
    this.services = workspace.services();
    debounce = new Debounce(services.measureDelay(), this::measure);
    workspace.opened().addListener((obs, old, now) -> modelChanged(old, now));
    plans.plan().addListener((obs, old, now) -> debounce.restart());
    plans.pinned().addListener((obs, old, now) -> debounce.restart());
    inputDims.addListener((obs, old, now) -> runSettingsChanged());
    callBatch.addListener((obs, old, now) -> runSettingsChanged());
  }

  /**
   * Sizes of the symbolic dimensions of generated inputs (the workload's, so the model runs at the
   * shapes its cost is estimated at); data read from a folder keeps its own sizes.
   */
  public ObjectProperty<InputDims> inputDims() {
    return inputDims;
  }

  /** Samples per ONNX Runtime call; 0 for the model's fixed batch, else the evaluator's default. */
  public IntegerProperty callBatch() {
    return callBatch;
  }

  public ReadOnlyObjectProperty<EvalResult> result() {
    return result.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<EvalResult> pinnedResult() {
    return pinnedResult.getReadOnlyProperty();
  }

  /**
   * The current plan without its bias correction and SmoothQuant, on the same samples as {@link
   * #result()}; null when the plan uses neither.
   */
  public ReadOnlyObjectProperty<EvalResult> uncorrectedResult() {
    return uncorrectedResult.getReadOnlyProperty();
  }

  /** True while a measurement is under way (the dashboard shows a spinner). */
  public ReadOnlyBooleanProperty running() {
    return running.getReadOnlyProperty();
  }

  /**
   * True when the user cancelled the last measurement and nothing replaced it: the figure shown is
   * not being measured.
   */
  public ReadOnlyBooleanProperty cancelled() {
    return cancelled.getReadOnlyProperty();
  }

  /** Why accuracy cannot be measured for this model, or null. */
  public ReadOnlyStringProperty problem() {
    return problem.getReadOnlyProperty();
  }

  /** True when the open file holds weights without a graph to run (safetensors, GGUF). */
  public ReadOnlyBooleanProperty needsOnnx() {
    return needsOnnx.getReadOnlyProperty();
  }

  /** The last scan's result per layer name; empty before a scan. */
  public ObservableMap<String, LayerSensitivity> sensitivity() {
    return sensitivityView;
  }

  /** The scheme the last scan probed with, or null before a scan. */
  public ReadOnlyObjectProperty<Scheme> sensitivityScheme() {
    return sensitivityScheme.getReadOnlyProperty();
  }

  /** The last scan, every layer in model order; null before a scan. */
  public ReadOnlyObjectProperty<SensitivityReport> sensitivityReport() {
    return sensitivityReport.getReadOnlyProperty();
  }

  /** The scan under way (its message says how far it is and the time left), or null. */
  public ReadOnlyObjectProperty<Task<SensitivityReport>> scanning() {
    return scanning.getReadOnlyProperty();
  }

  /** The data {@link #result()} was measured on (to show its samples), or null. */
  public ReadOnlyObjectProperty<EvalData> evalData() {
    return evalData.getReadOnlyProperty();
  }

  private void modelChanged(OpenModel old, OpenModel now) {
    if (old != null && now != null && old.session() == now.session()) {
      return;
    }
    clearResults(now);
    Evaluator previous;
    synchronized (this) {
      previous = evaluator;
      evaluator = null;
    }
    if (previous != null) {
      services
          .tasks()
          .submit(
              BackgroundTask.of(services.messages().get("task.close"), () -> closeLater(previous)));
    }
  }

  /**
   * The sizes or the batch changed: the next measurement builds the evaluator again with them (see
   * {@link #evaluatorFor}), and a model that could not run before is tried again.
   */
  private void runSettingsChanged() {
    OpenModel open = workspace.opened().get();
    if (open != null) {
      clearResults(open);
      debounce.restart();
    }
  }

  private void clearResults(OpenModel now) {
    cancel();
    cancelScan();
    result.set(null);
    pinnedResult.set(null);
    uncorrectedResult.set(null);
    evalData.set(null);
    cancelled.set(false);
    sensitivity.clear();
    sensitivityScheme.set(null);
    sensitivityReport.set(null);
    String why = now == null ? null : now.session().whyAccuracyCannotBeMeasured().orElse(null);
    needsOnnx.set(why != null);
    problem.set(why);
  }

  private static Object closeLater(Evaluator e) {
    synchronized (e) {
      e.close();
    }
    return null;
  }

  /** Measures now (skipping the debounce); the next plan change measures again. */
  public void measure() {
    OpenModel open = workspace.opened().get();
    PrecisionPlan plan = plans.plan().get();
    if (open == null || plan == null || problem.get() != null) {
      return;
    }
    cancel();
    PrecisionPlan pin = plans.pinned().get();
    InputDims dims = inputDims.get();
    int perCall = callBatch.get();
    running.set(true);
    cancelled.set(false);
    BackgroundTask<Measured> task =
        BackgroundTask.of(
            services
                .messages()
                .get(
                    "task.measureAccuracy",
                    PlanDescription.of(plan, open.session().model(), services.messages())),
            t -> {
              Evaluator e = evaluatorFor(open, dims, perCall);
              synchronized (e) {
                EvalResult now = e.evaluate(plan, (done, total, step) -> t.progress(done, total));
                EvalResult pinned = pin == null ? null : e.evaluate(pin, (d, n, s) -> {});
                EvalResult uncorrected =
                    plan.biasCorrected().isEmpty() && !plan.smoothes()
                        ? null
                        : e.evaluate(
                            plan.withBiasCorrection(open.session().model(), false)
                                .withSmoothQuant(Double.NaN),
                            now.samples(),
                            (d, n, s) -> {});
                return new Measured(now, pinned, uncorrected, e.data());
              }
            });
    task.setOnSucceeded(
        e -> {
          running.set(false);
          if (workspace.isOpen(open)) {
            Measured measured = task.getValue();
            evalData.set(measured.data());
            result.set(measured.current());
            pinnedResult.set(measured.pinned());
            uncorrectedResult.set(measured.uncorrected());
          }
        });
    task.setOnFailed(
        e -> {
          running.set(false);
          problem.set(ErrorText.of(task.getException(), services.messages()));
        });
    task.setOnCancelled(
        e -> {
          running.set(false);
          // Still the current run: cancelled by the user, not replaced by a newer plan's.
          if (current == task) {
            current = null;
            cancelled.set(true);
          }
        });
    current = services.tasks().submit(task);
  }

  /**
   * Measures every layer alone at {@code scheme}, in the background, filling the table column;
   * replaces a scan still running.
   */
  public Task<SensitivityReport> scanSensitivity(Scheme scheme) {
    cancelScan();
    OpenModel open = workspace.opened().get();
    List<Layer> layers = SensitivityScan.layers(open.session().model());
    InputDims dims = inputDims.get();
    int perCall = callBatch.get();
    Messages m = services.messages();
    BackgroundTask<SensitivityReport> task =
        BackgroundTask.of(
            m.get("task.sensitivity", scheme.id()),
            t -> {
              t.message(m.get("task.sensitivity.reference"));
              ScanProgress line = new ScanProgress(m, System::nanoTime);
              Evaluator e = evaluatorFor(open, dims, perCall);
              synchronized (e) {
                return SensitivityScan.run(
                    e,
                    layers,
                    scheme,
                    (done, total, step) -> {
                      t.progress(done, total);
                      t.message(line.update(done, total));
                    });
              }
            });
    task.setOnSucceeded(
        e -> {
          endScan(task);
          if (workspace.isOpen(open)) {
            sensitivity.clear();
            task.getValue().layers().forEach(l -> sensitivity.put(l.layer().name(), l));
            sensitivityScheme.set(scheme);
            sensitivityReport.set(task.getValue());
          }
        });
    task.setOnFailed(
        e -> {
          endScan(task);
          services
              .notices()
              .error(
                  m.get(
                      "error.sensitivity", ErrorText.of(task.getException(), services.messages())));
        });
    task.setOnCancelled(e -> endScan(task));
    scanning.set(task);
    return services.tasks().submit(task);
  }

  private void endScan(Task<SensitivityReport> task) {
    if (scanning.get() == task) {
      scanning.set(null);
    }
  }

  private void cancelScan() {
    Task<SensitivityReport> running = scanning.get();
    scanning.set(null);
    if (running != null) {
      running.cancel(true);
    }
  }

  private void cancel() {
    debounce.stop();
    Task<?> replaced = current;
    current = null;
    if (replaced != null) {
      replaced.cancel(true);
    }
  }

  /**
   * The open model's evaluator at the sizes and batch set now, for work on a worker thread; the
   * work synchronizes on it, as measurements and scans do.
   */
  Callable<Evaluator> evaluatorLater(OpenModel open) {
    InputDims dims = inputDims.get();
    int perCall = callBatch.get();
    return () -> evaluatorFor(open, dims, perCall);
  }

  /**
   * Built on first use, on a worker thread (loading the evaluation data reads files), and again
   * when the model or the sizes and batch it runs at ({@code dims}, {@code perCall}) change.
   */
  private synchronized Evaluator evaluatorFor(OpenModel open, InputDims dims, int perCall)
      throws Exception {
    RunSettings wanted = new RunSettings(dims, perCall);
    if (evaluator != null
        && (evaluator.model() != open.session().model() || !wanted.equals(evaluatorSettings))) {
      closeLater(evaluator);
      evaluator = null;
    }
    if (evaluator == null) {
      EvalData data = open.session().evalData(null, dims);
      // One core stays free for the window: a measurement runs while the user keeps clicking.
      int threads = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
      EvalOptions options =
          perCall > 0 ? new EvalOptions(threads, perCall) : EvalOptions.withThreads(threads);
      evaluator = open.session().evaluator(data, null, options);
      evaluatorSettings = wanted;
    }
    return evaluator;
  }

  private record RunSettings(InputDims dims, int perCall) {}

  /**
   * What one measurement gives: the current and pinned plans' results, the current one without bias
   * correction, and the data used.
   */
  private record Measured(
      EvalResult current, EvalResult pinned, EvalResult uncorrected, EvalData data) {}
}
