package io.quantlens.session;

import io.quantlens.analysis.PrecisionPlan;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Undo and redo over immutable precision plans. Each step remembers the plan it replaced and a
 * description such as "conv1 → int4:g32:sym". Not thread-safe: use it from one thread (the UI's).
 */
public final class PlanHistory {
  /** Steps kept for undo; older ones are forgotten. */
  public static final int LIMIT = 200;

  /** A plan and the description of the change that leads away from it (undo) or to it (redo). */
  private record Step(PrecisionPlan plan, String description) {}

  private final Deque<Step> undo = new ArrayDeque<>();
  private final Deque<Step> redo = new ArrayDeque<>();
  private final List<Consumer<PrecisionPlan>> listeners = new ArrayList<>();
  private PrecisionPlan current;

  public PlanHistory(PrecisionPlan initial) {
    this.current = Objects.requireNonNull(initial, "initial");
  }

  /** The same plan and steps to undo and redo, heard by no listener (a rebuilt window's). */
  public PlanHistory detached() {
    PlanHistory copy = new PlanHistory(current);
    copy.undo.addAll(undo);
    copy.redo.addAll(redo);
    return copy;
  }

  public PrecisionPlan current() {
    return current;
  }

  /**
   * Makes {@code next} the current plan, undoable under {@code description}, and forgets what could
   * be redone. A plan equal to the current one changes nothing.
   *
   * @return whether the plan changed
   */
  public boolean apply(PrecisionPlan next, String description) {
    Objects.requireNonNull(next, "next");
    Objects.requireNonNull(description, "description");
    if (next.equals(current)) {
      return false;
    }
    undo.push(new Step(current, description));
    if (undo.size() > LIMIT) {
      undo.removeLast();
    }
    redo.clear();
    change(next);
    return true;
  }

  /**
   * Goes back to the plan before the last change.
   *
   * @return false when there was nothing to undo
   */
  public boolean undo() {
    Step step = undo.poll();
    if (step == null) {
      return false;
    }
    redo.push(new Step(current, step.description()));
    change(step.plan());
    return true;
  }

  /**
   * Re-applies the last undone change.
   *
   * @return false when there was nothing to redo
   */
  public boolean redo() {
    Step step = redo.poll();
    if (step == null) {
      return false;
    }
    undo.push(new Step(current, step.description()));
    change(step.plan());
    return true;
  }

  /**
   * Starts over at {@code plan} with nothing to undo or redo (e.g. after opening a project);
   * listeners hear of it when the plan changes.
   */
  public void reset(PrecisionPlan plan) {
    Objects.requireNonNull(plan, "plan");
    undo.clear();
    redo.clear();
    if (!plan.equals(current)) {
      change(plan);
    }
  }

  public boolean canUndo() {
    return !undo.isEmpty();
  }

  public boolean canRedo() {
    return !redo.isEmpty();
  }

  /** What {@link #undo} would revert, e.g. for an "Undo conv1 → int4" menu item. */
  public Optional<String> undoDescription() {
    return Optional.ofNullable(undo.peek()).map(Step::description);
  }

  /** What {@link #redo} would re-apply. */
  public Optional<String> redoDescription() {
    return Optional.ofNullable(redo.peek()).map(Step::description);
  }

  /** Steps that can be undone, at most {@link #LIMIT}. */
  public int undoSize() {
    return undo.size();
  }

  /** Calls {@code listener} with the new current plan after every change. */
  public void addListener(Consumer<PrecisionPlan> listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  public void removeListener(Consumer<PrecisionPlan> listener) {
    listeners.remove(listener);
  }

  private void change(PrecisionPlan next) {
    current = next;
    // A copy, so a listener may add or remove listeners.
    for (Consumer<PrecisionPlan> listener : List.copyOf(listeners)) {
      listener.accept(next);
    }
  }
}
