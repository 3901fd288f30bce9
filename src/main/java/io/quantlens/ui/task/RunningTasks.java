package io.quantlens.ui.task;

import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import javafx.concurrent.Worker;

/**
 * Keeps a list of running tasks current: a task leaves it when it succeeds, fails or is cancelled.
 */
final class RunningTasks {
  private RunningTasks() {}

  static void removeWhenDone(ObservableList<Task<?>> running, Task<?> task) {
    task.stateProperty()
        .addListener(
            (obs, old, state) -> {
              if (state == Worker.State.SUCCEEDED
                  || state == Worker.State.FAILED
                  || state == Worker.State.CANCELLED) {
                running.remove(task);
              }
            });
  }
}
