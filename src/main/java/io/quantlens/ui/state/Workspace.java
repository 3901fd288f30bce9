package io.quantlens.ui.state;

import io.quantlens.analysis.AnalysisOptions;
import io.quantlens.analysis.ModelAnalysis;
import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.quant.Scheme;
import io.quantlens.session.Session;
import io.quantlens.ui.task.BackgroundTask;
import io.quantlens.ui.text.ErrorText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

/**
 * The model open in the window, the schemes it is analysed under and the selected layer. Opening
 * and analysing run in the background; everything here changes on the FX thread.
 */
public final class Workspace {
  /** Told around a model replacing the open one, so plan state resets in step with it. */
  public interface Listener {
    /** Before {@code next} is published: nothing has seen it yet. */
    void replacing(OpenModel next);

    /** After every listener of {@link #opened()} has seen {@code now} and a layer is selected. */
    void opened(OpenModel now, PrecisionPlan initialPlan);
  }

  private final Services services;
  private final RecentFiles recent;
  private final int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
  private final ReadOnlyObjectWrapper<OpenModel> opened = new ReadOnlyObjectWrapper<>();
  private final ObservableList<Scheme> schemes = FXCollections.observableArrayList();
  // One read-only view, held here: a view made per call would drop its listeners when collected.
  private final ObservableList<Scheme> schemesView =
      FXCollections.unmodifiableObservableList(schemes);
  private final ReadOnlyStringWrapper selectedLayer = new ReadOnlyStringWrapper();
  private final ReadOnlyObjectWrapper<Task<?>> loading = new ReadOnlyObjectWrapper<>();
  private final List<Listener> listeners = new ArrayList<>();
  private UserTiming timing = UserTiming.NONE;

  public Workspace(Services services, RecentFiles recent) {
    this.services = services;
    this.recent = recent;
  }

  public void addListener(Listener listener) {
    listeners.add(listener);
  }

  public void setTiming(UserTiming timing) {
    this.timing = timing;
  }

  /** The open model, or null before the first one opens. */
  public ReadOnlyObjectProperty<OpenModel> opened() {
    return opened.getReadOnlyProperty();
  }

  /** FP32 first, then every analysed scheme: what a layer can be set to without waiting. */
  public ObservableList<Scheme> schemes() {
    return schemesView;
  }

  /** The selected layer's name, or null. */
  public ReadOnlyStringProperty selectedLayer() {
    return selectedLayer.getReadOnlyProperty();
  }

  public void select(String layer) {
    selectedLayer.set(layer);
  }

  /** The open-and-analyse task while one runs, else null. */
  public ReadOnlyObjectProperty<Task<?>> loading() {
    return loading.getReadOnlyProperty();
  }

  public RecentFiles recent() {
    return recent;
  }

  public Services services() {
    return services;
  }

  /**
   * Opens a model file or a sample name in the background, analyses it, then shows it with {@code
   * initialPlan} (null for FP32); cancels a load still running.
   */
  public Task<OpenModel> open(String source, PrecisionPlan initialPlan) {
    cancelLoading();
    long requestedAt = System.nanoTime();
    var m = services.messages();
    BackgroundTask<OpenModel> task =
        BackgroundTask.of(
            m.get("task.open", source),
            t -> {
              t.message(m.get("task.open.reading", source));
              Session session = Session.open(source);
              Path file = session.model().source();
              t.message(m.get("task.open.analysing", file.getFileName()));
              ModelAnalysis analysis =
                  session.analyze(
                      new AnalysisOptions(
                          AnalysisOptions.defaultSchemes(), AnalysisOptions.DEFAULT_BINS, threads),
                      t::progress,
                      t::isCancelled);
              return new OpenModel(source, file, session, analysis);
            });
    // The mask names the file from its first frame, before the worker thread has started.
    task.message(m.get("task.open.reading", source));
    task.setOnSucceeded(
        e -> {
          loading.set(null);
          show(task.getValue(), initialPlan);
          timing.opened(source, requestedAt);
        });
    task.setOnFailed(
        e -> {
          loading.set(null);
          services
              .notices()
              .error(
                  m.get(
                      "error.open",
                      source,
                      ErrorText.of(task.getException(), services.messages())));
        });
    task.setOnCancelled(e -> loading.set(null));
    loading.set(task);
    return services.tasks().submit(task);
  }

  public void cancelLoading() {
    Task<?> running = loading.get();
    if (running != null) {
      running.cancel(true);
    }
  }

  private void show(OpenModel next, PrecisionPlan initialPlan) {
    listeners.forEach(l -> l.replacing(next));
    schemes.setAll(schemesOf(next.analysis()));
    opened.set(next);
    // A layer of the same name stays selected (a project names the one it was saved with).
    String keep = selectedLayer.get();
    var layers = next.analysis().layers();
    if (layers.stream().noneMatch(l -> l.layer().name().equals(keep))) {
      selectedLayer.set(layers.isEmpty() ? null : layers.get(0).layer().name());
    }
    recent.add(next.source());
    listeners.forEach(l -> l.opened(next, initialPlan));
  }

  /**
   * Analyses {@code open} under {@code missing} schemes too, in the background (the analysed ones
   * come from the cache), then runs {@code then} if the model is still open, else {@code otherwise}
   * (the analysis failed or was cancelled; a model opened since needs neither).
   */
  void analyseMore(OpenModel open, Set<Scheme> missing, Runnable then, Runnable otherwise) {
    Set<Scheme> all = new LinkedHashSet<>(open.analysis().schemes());
    all.addAll(missing);
    BackgroundTask<ModelAnalysis> task =
        BackgroundTask.of(
            services.messages().get("task.analyseSchemes", missing.size()),
            t ->
                open.session()
                    .analyze(
                        new AnalysisOptions(List.copyOf(all), open.analysis().bins(), threads),
                        t::progress,
                        t::isCancelled));
    task.setOnSucceeded(
        e -> {
          if (opened.get() == open) {
            OpenModel more = open.withAnalysis(task.getValue());
            schemes.setAll(schemesOf(more.analysis()));
            opened.set(more);
            then.run();
          }
        });
    task.setOnFailed(
        e -> {
          services
              .notices()
              .error(
                  services
                      .messages()
                      .get(
                          "error.analyse", ErrorText.of(task.getException(), services.messages())));
          otherwise.run();
        });
    task.setOnCancelled(e -> otherwise.run());
    services.tasks().submit(task);
  }

  /** True while {@code open}'s session is still the open model's (its analysis may have grown). */
  public boolean isOpen(OpenModel open) {
    OpenModel now = opened.get();
    return now != null && open != null && now.session() == open.session();
  }

  /** Runs {@code action} with the open model, if there is one. */
  public void ifOpen(Consumer<OpenModel> action) {
    OpenModel now = opened.get();
    if (now != null) {
      action.accept(now);
    }
  }

  private static List<Scheme> schemesOf(ModelAnalysis analysis) {
    List<Scheme> all = new ArrayList<>();
    all.add(PrecisionPlan.FP32);
    all.addAll(analysis.schemes());
    return all;
  }
}
