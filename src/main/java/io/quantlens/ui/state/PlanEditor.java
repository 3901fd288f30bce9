package io.quantlens.ui.state;

import io.quantlens.analysis.PlanPreset;
import io.quantlens.analysis.PlanSummary;
import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.quant.ActivationScheme;
import io.quantlens.quant.Scheme;
import io.quantlens.session.PlanHistory;
import io.quantlens.text.Messages;
import io.quantlens.ui.task.BackgroundTask;
import io.quantlens.ui.text.CatalogText;
import io.quantlens.ui.text.ErrorText;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

/**
 * The open model's plan with undo and redo, presets, and the pinned plan kept for comparison.
 * Schemes a plan needs that are not analysed yet are analysed first, in the background.
 */
public final class PlanEditor {
  private final Workspace workspace;
  private final Services services;
  private final Messages m;
  private final ReadOnlyObjectWrapper<PrecisionPlan> plan = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<PlanSummary> summary = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<PrecisionPlan> pinned = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<PlanSummary> pinnedSummary = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper();
  private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper();
  private final ObservableList<Scheme> recent = FXCollections.observableArrayList();
  private final ObservableList<Scheme> recentView =
      FXCollections.unmodifiableObservableList(recent);
  private PlanHistory history;
  private final CatalogText catalogText;

  /** The history the next model opened continues, when a rebuilt window reopens the same one. */
  private PlanHistory carried;

  /** Edits in the order asked for; the head waits while its schemes are analysed. */
  private final Deque<Edit> waiting = new ArrayDeque<>();

  private Task<PrecisionPlan> presetTask;
  private UserTiming timing = UserTiming.NONE;

  public PlanEditor(Workspace workspace) {
    this.workspace = workspace;
    this.services = workspace.services();
    this.m = services.messages();
    this.catalogText = CatalogText.of(m.language());
    workspace.addListener(
        new Workspace.Listener() {
          @Override
          public void replacing(OpenModel next) {
            waiting.clear();
            history = carried != null ? carried : new PlanHistory(PrecisionPlan.fp32());
            carried = null;
            history.addListener(p -> planChanged());
            pinned.set(null);
            pinnedSummary.set(null);
          }

          @Override
          public void opened(OpenModel now, PrecisionPlan initialPlan) {
            planChanged();
            if (initialPlan != null && !initialPlan.equals(PrecisionPlan.fp32())) {
              apply(initialPlan, m.get("undo.load"));
            }
          }
        });
  }

  /**
   * The next model opened (the same one, reopened by a window rebuilt in another language) keeps
   * {@code previous}'s undo and redo steps, their descriptions in the language they were made in.
   */
  public void continueHistory(PlanEditor previous) {
    carried = previous.history == null ? null : previous.history.detached();
  }

  public void setTiming(UserTiming timing) {
    this.timing = timing;
  }

  public ReadOnlyObjectProperty<PrecisionPlan> plan() {
    return plan.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<PlanSummary> summary() {
    return summary.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<PrecisionPlan> pinned() {
    return pinned.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<PlanSummary> pinnedSummary() {
    return pinnedSummary.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty canUndo() {
    return canUndo.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty canRedo() {
    return canRedo.getReadOnlyProperty();
  }

  /** The schemes set on layers in this session, the most recent first, each once. */
  public ObservableList<Scheme> recentSchemes() {
    return recentView;
  }

  /** Sets {@code layers} to {@code scheme} as one undoable step. */
  public void setScheme(Collection<String> layers, Scheme scheme) {
    if (layers.isEmpty() || plan.get() == null) {
      return;
    }
    recent.remove(scheme);
    recent.add(0, scheme);
    setEach(layers, scheme.id(), "undo.setLayer", "undo.setLayers", (p, l) -> p.with(l, scheme));
  }

  /** Sets the input activation of {@code layers} to {@code scheme} as one undoable step. */
  public void setActivation(Collection<String> layers, ActivationScheme scheme) {
    if (layers.isEmpty() || plan.get() == null) {
      return;
    }
    setEach(
        layers,
        scheme.id(),
        "undo.setActivation",
        "undo.setActivations",
        (p, l) -> p.withActivation(l, scheme));
  }

  /** Turns bias correction on or off for {@code layers} as one undoable step. */
  public void setBiasCorrection(Collection<String> layers, boolean on) {
    if (layers.isEmpty() || plan.get() == null) {
      return;
    }
    setEach(
        layers,
        m.get(on ? "undo.biasOn" : "undo.biasOff"),
        "undo.setBias",
        "undo.setBiases",
        (p, l) -> p.withBiasCorrection(l, on));
  }

  /** Turns SmoothQuant on at {@code alpha}, or off for NaN, as one undoable step. */
  public void setSmoothQuant(double alpha) {
    PrecisionPlan now = plan.get();
    if (now == null || Double.compare(now.smoothQuantAlpha(), alpha) == 0) {
      return;
    }
    edit(
        new Edit(
            current -> current.withSmoothQuant(alpha),
            Double.isNaN(alpha)
                ? m.get("undo.smoothQuantOff")
                : m.get("undo.smoothQuant", m.numbers().three(alpha))));
  }

  /**
   * One undoable edit that changes each of {@code layers}, applied to the plan as it is when the
   * edit's turn comes, so an edit made while an earlier one waits for its analysis keeps that
   * earlier one.
   */
  private void setEach(
      Collection<String> layers,
      String id,
      String undoOne,
      String undoMany,
      java.util.function.BiFunction<PrecisionPlan, String, PrecisionPlan> change) {
    List<String> targets = List.copyOf(layers);
    String what =
        targets.size() == 1
            ? m.get(undoOne, targets.get(0), id)
            : m.get(undoMany, targets.size(), id);
    edit(
        new Edit(
            current -> {
              PrecisionPlan next = current;
              for (String layer : targets) {
                next = change.apply(next, layer);
              }
              return next;
            },
            what));
  }

  /**
   * Makes {@code preset}'s plan in the background (some presets read every weight to rank layers),
   * then applies it as one undoable step. A newer preset request cancels one still being made; a
   * cancelled request leaves the plan as it was.
   */
  public Task<PrecisionPlan> applyPreset(PlanPreset preset) {
    OpenModel open = workspace.opened().get();
    if (open == null) {
      return null;
    }
    cancelPreset();
    BackgroundTask<PrecisionPlan> task =
        BackgroundTask.of(
            m.get("task.preset", catalogText.name(preset)),
            () -> preset.planFor(open.analysis().model()));
    task.setOnSucceeded(
        e -> {
          presetTask = null;
          if (workspace.isOpen(open)) {
            apply(task.getValue(), m.get("undo.preset", catalogText.name(preset)));
            noticeLayersLeftInFloat(preset, task.getValue(), open);
          }
        });
    task.setOnFailed(
        e -> {
          presetTask = null;
          services
              .notices()
              .error(
                  m.get(
                      "error.preset",
                      catalogText.name(preset),
                      ErrorText.of(task.getException(), services.messages())));
        });
    task.setOnCancelled(e -> presetTask = null);
    presetTask = task;
    return services.tasks().submit(task);
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
      services
          .notices()
          .notice(
              m.get(
                  "notice.presetPartial",
                  catalogText.name(preset),
                  set,
                  layers.size(),
                  catalogText.description(preset)));
    }
  }

  private void cancelPreset() {
    if (presetTask != null) {
      presetTask.cancel(true);
      presetTask = null;
    }
  }

  /**
   * Makes {@code next} the current plan. Schemes not analysed yet are analysed first in the
   * background (only they are computed; the rest comes from the cache).
   */
  public void apply(PrecisionPlan next, String description) {
    edit(new Edit(current -> next, description));
  }

  private void edit(Edit edit) {
    if (workspace.opened().get() == null || history == null) {
      return;
    }
    waiting.add(edit);
    if (waiting.size() == 1) {
      applyWaiting();
    }
  }

  /**
   * Applies the waiting edits in order; one that needs schemes not analysed yet waits for them
   * (only they are computed; the rest comes from the cache), and an analysis that fails drops it.
   */
  private void applyWaiting() {
    while (!waiting.isEmpty()) {
      OpenModel open = workspace.opened().get();
      Edit head = waiting.peek();
      PrecisionPlan next = head.change().apply(plan.get());
      Set<Scheme> missing = PlanSummary.missingSchemes(open.analysis(), next);
      if (!missing.isEmpty()) {
        workspace.analyseMore(
            open,
            missing,
            this::applyWaiting,
            () -> {
              waiting.remove(head);
              applyWaiting();
            });
        return;
      }
      waiting.poll();
      timing.actionStarted();
      history.apply(next, head.description());
    }
  }

  /** A change to the plan as it is when applied, and its undo text. */
  private record Edit(UnaryOperator<PrecisionPlan> change, String description) {}

  public void undo() {
    if (history != null && history.canUndo()) {
      timing.actionStarted();
      history.undo();
    }
  }

  public void redo() {
    if (history != null && history.canRedo()) {
      timing.actionStarted();
      history.redo();
    }
  }

  /** Keeps the current plan for side-by-side comparison. */
  public void pin() {
    pinned.set(plan.get());
    pinnedSummary.set(summary.get());
  }

  public void unpin() {
    pinned.set(null);
    pinnedSummary.set(null);
  }

  public String undoDescription() {
    return history == null ? "" : history.undoDescription().orElse("");
  }

  public String redoDescription() {
    return history == null ? "" : history.redoDescription().orElse("");
  }

  private void planChanged() {
    PrecisionPlan current = history.current();
    plan.set(current);
    summary.set(PlanSummary.of(workspace.opened().get().analysis(), current));
    canUndo.set(history.canUndo());
    canRedo.set(history.canRedo());
  }
}
