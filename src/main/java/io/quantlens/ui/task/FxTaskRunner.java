package io.quantlens.ui.task;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

/** Runs tasks on a small pool of daemon threads; their results land on the FX thread. */
public final class FxTaskRunner implements TaskRunner {
  private final ExecutorService pool;
  private final ObservableList<Task<?>> running = FXCollections.observableArrayList();

  public FxTaskRunner(int threads) {
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

  @Override
  public <T> Task<T> submit(Task<T> task) {
    onFx(() -> running.add(task));
    RunningTasks.removeWhenDone(running, task);
    pool.execute(task);
    return task;
  }

  @Override
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
