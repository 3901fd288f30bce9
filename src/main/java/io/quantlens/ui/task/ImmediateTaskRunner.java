package io.quantlens.ui.task;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

/**
 * Runs each task at once on the calling thread, which must be the FX thread: the task's handlers
 * have run when {@link #submit} returns. For tests of view models, which then need no waiting.
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
