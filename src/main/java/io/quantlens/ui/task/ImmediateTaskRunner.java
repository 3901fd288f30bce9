package io.quantlens.ui.task;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

/**
 * Runs each task's work at once on the calling thread, with no pool: for tests of view models,
 * which then never wait on threads. JavaFX still hands the result (state, value, handlers) over in
 * a later FX event, so a test drains FX events until {@link #running()} is empty.
 */
public final class ImmediateTaskRunner implements TaskRunner {
  private final ObservableList<Task<?>> running = FXCollections.observableArrayList();

  @Override
  public <T> Task<T> submit(Task<T> task) {
    running.add(task);
    RunningTasks.removeWhenDone(running, task);
    task.run();
    return task;
  }

  @Override
  public ObservableList<Task<?>> running() {
    return running;
  }

  @Override
  public void close() {}
}
