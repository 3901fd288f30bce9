package io.quantlens.ui;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import javafx.concurrent.Worker;

/**
 * The one place background work runs: opening and analysing models, measuring accuracy and cost
 * shapes, exports. Tasks in flight are listed for the status bar and the task panel.
 */
public final class TaskExecutor implements AutoCloseable {
  private final ExecutorService pool;
  private final ObservableList<Task<?>> running = FXCollections.observableArrayList();

  public TaskExecutor(int threads) {
    AtomicInteger count = new AtomicInteger();
    pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "quantlens-task-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /** Runs {@code task} in the background; it shows in {@link #running()} until it ends. */
  public <T> Task<T> submit(Task<T> task) {
    onFx(() -> running.add(task));
    task.stateProperty()
        .addListener(
            (obs, old, state) -> {
              if (state == Worker.State.SUCCEEDED
                  || state == Worker.State.FAILED
                  || state == Worker.State.CANCELLED) {
                running.remove(task);
              }
            });
    pool.execute(task);
    return task;
  }

  /** Tasks submitted and not yet ended; changes on the FX thread. */
  public ObservableList<Task<?>> running() {
    return running;
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }

  private static void onFx(Runnable r) {
    if (Platform.isFxApplicationThread()) {
      r.run();
    } else {
      Platform.runLater(r);
    }
  }
}
