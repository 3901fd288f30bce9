package io.quantlens.ui.state;

import io.quantlens.ui.text.ErrorText;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.concurrent.Task;

/** How the lessons' measurements on the open model run. */
final class ModelTasks {
  private ModelTasks() {}

  /**
   * Submits {@code task} for {@code open}: {@code running} holds it meanwhile, {@code result} gets
   * its value if that model is still open, a failure goes to the notices.
   */
  static <T> Task<T> submit(
      Workspace workspace,
      OpenModel open,
      Task<T> task,
      ReadOnlyObjectWrapper<Task<T>> running,
      ReadOnlyObjectWrapper<T> result) {
    task.setOnSucceeded(
        ev -> {
          running.set(null);
          if (workspace.isOpen(open)) {
            result.set(task.getValue());
          }
        });
    task.setOnFailed(
        ev -> {
          running.set(null);
          workspace
              .services()
              .notices()
              .error(ErrorText.of(task.getException(), workspace.services().messages()));
        });
    task.setOnCancelled(ev -> running.set(null));
    running.set(task);
    return workspace.services().tasks().submit(task);
  }
}
