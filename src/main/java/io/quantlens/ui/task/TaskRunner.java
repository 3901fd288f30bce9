package io.quantlens.ui.task;

import javafx.collections.ObservableList;
import javafx.concurrent.Task;

/**
 * Where the window's background work runs: opening and analysing models, measuring accuracy and
 * cost shapes, exports. View models submit tasks here and never start threads of their own, so a
 * test can run them on the spot with {@link ImmediateTaskRunner}.
 */
public interface TaskRunner extends AutoCloseable {
  /** Runs {@code task}; it shows in {@link #running()} until it ends. */
  <T> Task<T> submit(Task<T> task);

  /** Tasks submitted and not yet ended; changes on the FX thread. */
  ObservableList<Task<?>> running();

  @Override
  void close();
}
