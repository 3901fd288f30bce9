package io.quantlens.ui;

import io.quantlens.analysis.AnalysisOptions;
import io.quantlens.analysis.ModelAnalysis;
import io.quantlens.analysis.PlanPreset;
import io.quantlens.analysis.PlanSummary;
import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.quant.Scheme;
import io.quantlens.session.PlanHistory;
import io.quantlens.session.Session;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

/**
 * The window's central state: the open model, its plan with undo and redo, the pinned plan and the
 * selected layer. Everything here changes on the FX thread; slow work goes to the {@link
 * TaskExecutor} and lands back here.
 */
final class WorkbenchModel {
  private final TaskExecutor executor;
  private final Messages messages;
  private final RecentFiles recent;
  private final int threads = Math.max(1, Runtime.getRuntime().availableProcessors());

  private final ObjectProperty<OpenModel> model = new SimpleObjectProperty<>();
  private final ObjectProperty<PrecisionPlan> plan = new SimpleObjectProperty<>();
  private final ObjectProperty<PlanSummary> summary = new SimpleObjectProperty<>();
  private final ObjectProperty<PrecisionPlan> pinned = new SimpleObjectProperty<>();
  private final ObjectProperty<PlanSummary> pinnedSummary = new SimpleObjectProperty<>();
  private final StringProperty selectedLayer = new SimpleStringProperty();
  private final ObservableList<Scheme> schemes = FXCollections.observableArrayList();
  private final BooleanProperty canUndo = new SimpleBooleanProperty();
  private final BooleanProperty canRedo = new SimpleBooleanProperty();
  private final ObjectProperty<Task<?>> loading = new SimpleObjectProperty<>();
  private final List<Consumer<String>> errorListeners = new ArrayList<>();
  private final List<Consumer<String>> noticeListeners = new ArrayList<>();
  private final StringProperty lastError = new SimpleStringProperty();
  private PlanHistory history;
  private Task<PrecisionPlan> presetTask;
  private UiTiming timing;

  WorkbenchModel(TaskExecutor executor, Messages messages, RecentFiles recent) {
    this.executor = executor;
    this.messages = messages;
    this.recent = recent;
  }

  ReadOnlyObjectProperty<OpenModel> model() {
    return model;
  }

  ReadOnlyObjectProperty<PrecisionPlan> plan() {
    return plan;
  }

  ReadOnlyObjectProperty<PlanSummary> summary() {
    return summary;
  }

  ReadOnlyObjectProperty<PrecisionPlan> pinned() {
    return pinned;
  }

  ReadOnlyObjectProperty<PlanSummary> pinnedSummary() {
    return pinnedSummary;
  }

  StringProperty selectedLayer() {
    return selectedLayer;
  }

  /** FP32 first, then every analysed scheme: what a layer can be set to without waiting. */
  ObservableList<Scheme> schemes() {
    return schemes;
  }

  ReadOnlyBooleanProperty canUndo() {
    return canUndo;
  }

  ReadOnlyBooleanProperty canRedo() {
    return canRedo;
  }

  /** The open-and-analyse task while one runs, else null. */
  ReadOnlyObjectProperty<Task<?>> loading() {
    return loading;
  }

  TaskExecutor executor() {
    return executor;
  }

  Messages messages() {
    return messages;
  }

  RecentFiles recent() {
    return recent;
  }

  void setTiming(UiTiming timing) {
    this.timing = timing;
  }

  UiTiming timing() {
    return timing;
  }

  private void markStart() {
    if (timing != null) {
      timing.start();
    }
  }

  void onError(Consumer<String> listener) {
    errorListeners.add(listener);
  }

  /** The last error shown to the user, or null. */
  StringProperty lastError() {
    return lastError;
  }

  void reportError(String message) {
    lastError.set(message);
    errorListeners.forEach(l -> l.accept(message));
  }

  void onNotice(Consumer<String> listener) {
    noticeListeners.add(listener);
  }

  /** Tells the user something finished, e.g. an export. */
  void notice(String message) {
    noticeListeners.forEach(l -> l.accept(message));
  }

  /** Opens a model file or a sample name in the background, then analyses it; cancels a load. */
  Task<OpenModel> open(String source, PrecisionPlan initialPlan) {
    cancelLoading();
    long requestedAt = System.nanoTime();
    BackgroundTask<OpenModel> task =
        BackgroundTask.of(
            messages.get("task.open", source),
            t -> {
              t.message(messages.get("task.open.reading", source));
              Session session = Session.open(source);
              Path file = session.model().source();
              t.message(messages.get("task.open.analysing", file.getFileName()));
              ModelAnalysis analysis =
                  session.analyze(
                      new AnalysisOptions(
                          AnalysisOptions.defaultSchemes(), AnalysisOptions.DEFAULT_BINS, threads),
                      t::progress,
                      t::isCancelled);
              return new OpenModel(source, file, session, analysis);
            });
    task.setOnSucceeded(
        e -> {
          loading.set(null);
          show(task.getValue(), initialPlan);
          if (timing != null) {
            timing.opened(source, requestedAt);
          }
        });
    task.setOnFailed(
        e -> {
          loading.set(null);
          reportError(messages.get("error.open", source, ErrorText.of(task.getException())));
        });
    task.setOnCancelled(e -> loading.set(null));
    loading.set(task);
    return executor.submit(task);
  }

  /** One file's writing, run in the background. */
  interface FileWork {
    void write() throws Exception;
  }

  /**
   * Writes {@code file} in the background; tells the user when it is written ({@code doneKey}) or
   * why not ({@code errorKey}, with the file and the problem).
   */
  Task<Path> writeInBackground(
      String title, Path file, FileWork work, String doneKey, String errorKey) {
    BackgroundTask<Path> task =
        BackgroundTask.of(
            title,
            () -> {
              work.write();
              return file;
            });
    task.setOnSucceeded(e -> notice(messages.get(doneKey, file)));
    task.setOnFailed(
        e -> reportError(messages.get(errorKey, file, ErrorText.of(task.getException()))));
    return executor.submit(task);
  }

  void cancelLoading() {
    Task<?> running = loading.get();
    if (running != null) {
      running.cancel(true);
    }
  }

  private void show(OpenModel opened, PrecisionPlan initialPlan) {
    PrecisionPlan start = initialPlan == null ? PrecisionPlan.fp32() : initialPlan;
    history = new PlanHistory(PrecisionPlan.fp32());
    history.addListener(p -> planChanged());
    pinned.set(null);
    pinnedSummary.set(null);
    schemes.setAll(schemesOf(opened.analysis()));
    model.set(opened);
    planChanged();
    // A layer of the same name stays selected (a project names the one it was saved with).
    String keep = selectedLayer.get();
    boolean known =
        opened.analysis().layers().stream().anyMatch(l -> l.layer().name().equals(keep));
    if (!known) {
      selectedLayer.set(
          opened.analysis().layers().isEmpty()
              ? null
              : opened.analysis().layers().get(0).layer().name());
    }
    recent.add(opened.source());
    if (!start.equals(PrecisionPlan.fp32())) {
      apply(start, messages.get("undo.load"));
    }
  }

  private static List<Scheme> schemesOf(ModelAnalysis analysis) {
    List<Scheme> all = new ArrayList<>();
    all.add(PrecisionPlan.FP32);
    all.addAll(analysis.schemes());
    return all;
  }

  /** Sets {@code layers} to {@code scheme} as one undoable step. */
  void setScheme(Collection<String> layers, Scheme scheme) {
    PrecisionPlan next = plan.get();
    for (String layer : layers) {
      next = next.with(layer, scheme);
    }
    String what =
        layers.size() == 1
            ? messages.get("undo.setLayer", layers.iterator().next(), scheme.id())
            : messages.get("undo.setLayers", layers.size(), scheme.id());
    apply(next, what);
  }

  /**
   * Makes {@code preset}'s plan in the background (some presets read every weight to rank layers),
   * then applies it as one undoable step. A newer preset request cancels one still being made; a
   * cancelled request leaves the plan as it was.
   */
  Task<PrecisionPlan> applyPreset(PlanPreset preset) {
    OpenModel open = model.get();
    if (open == null) {
      return null;
    }
    cancelPreset();
    BackgroundTask<PrecisionPlan> task =
        BackgroundTask.of(
            messages.get("task.preset", preset.name()),
            () -> preset.planFor(open.analysis().model()));
    task.setOnSucceeded(
        e -> {
          presetTask = null;
          if (isOpen(open)) {
            apply(task.getValue(), messages.get("undo.preset", preset.name()));
            noticeLayersLeftInFloat(preset, task.getValue(), open);
          }
        });
    task.setOnFailed(
        e -> {
          presetTask = null;
          reportError(
              messages.get("error.preset", preset.name(), ErrorText.of(task.getException())));
        });
    task.setOnCancelled(e -> presetTask = null);
    presetTask = task;
    return executor.submit(task);
  }

  /**
   * A preset that leaves layers in FP32 (a toolchain that rewrites only MatMul nodes, say) says so
   * with its description: otherwise a click on "INT4" that changes one layer of 54, or none, looks
   * like nothing happened.
   */
  private void noticeLayersLeftInFloat(PlanPreset preset, PrecisionPlan plan, OpenModel open) {
    if (PrecisionPlan.FP32.equals(plan.defaultScheme()) && preset.id().equals("fp32")) {
      return;
    }
    var layers = open.analysis().layers();
    long set =
        layers.stream()
            .filter(l -> !PrecisionPlan.FP32.equals(plan.schemeFor(l.layer().name())))
            .count();
    if (set < layers.size()) {
      notice(
          messages.get(
              "notice.presetPartial", preset.name(), set, layers.size(), preset.description()));
    }
  }

  private void cancelPreset() {
    if (presetTask != null) {
      presetTask.cancel(true);
      presetTask = null;
    }
  }

  /**
   * True while {@code open}'s session is still the window's model (its analysis may have grown).
   */
  private boolean isOpen(OpenModel open) {
    OpenModel now = model.get();
    return now != null && now.session() == open.session();
  }

  /**
   * Makes {@code next} the current plan. Schemes not analysed yet are analysed first in the
   * background (only they are computed; the rest comes from the cache).
   */
  void apply(PrecisionPlan next, String description) {
    OpenModel open = model.get();
    if (open == null || history == null) {
      return;
    }
    Set<Scheme> missing = PlanSummary.missingSchemes(open.analysis(), next);
    if (missing.isEmpty()) {
      markStart();
      history.apply(next, description);
      return;
    }
    analyseMore(open, missing, () -> history.apply(next, description));
  }

  private void analyseMore(OpenModel open, Set<Scheme> missing, Runnable then) {
    Set<Scheme> all = new LinkedHashSet<>(open.analysis().schemes());
    all.addAll(missing);
    BackgroundTask<ModelAnalysis> task =
        BackgroundTask.of(
            messages.get("task.analyseSchemes", missing.size()),
            t ->
                open.session()
                    .analyze(
                        new AnalysisOptions(List.copyOf(all), open.analysis().bins(), threads),
                        t::progress,
                        t::isCancelled));
    task.setOnSucceeded(
        e -> {
          if (model.get() == open) {
            OpenModel more = open.withAnalysis(task.getValue());
            schemes.setAll(schemesOf(more.analysis()));
            model.set(more);
            then.run();
          }
        });
    task.setOnFailed(
        e -> reportError(messages.get("error.analyse", ErrorText.of(task.getException()))));
    executor.submit(task);
  }

  void undo() {
    if (history != null && history.canUndo()) {
      markStart();
      history.undo();
    }
  }

  void redo() {
    if (history != null && history.canRedo()) {
      markStart();
      history.redo();
    }
  }

  /** Keeps the current plan for side-by-side comparison. */
  void pin() {
    pinned.set(plan.get());
    pinnedSummary.set(summary.get());
  }

  void unpin() {
    pinned.set(null);
    pinnedSummary.set(null);
  }

  String undoDescription() {
    return history == null ? "" : history.undoDescription().orElse("");
  }

  String redoDescription() {
    return history == null ? "" : history.redoDescription().orElse("");
  }

  private void planChanged() {
    PrecisionPlan current = history.current();
    plan.set(current);
    summary.set(PlanSummary.of(model.get().analysis(), current));
    canUndo.set(history.canUndo());
    canRedo.set(history.canRedo());
  }
}
