package io.quantlens.ui.task;

import java.util.concurrent.Callable;
import javafx.concurrent.Task;

/** A titled task around a callable; the callable may report progress through the task. */
public final class BackgroundTask<T> extends Task<T> {
  /** Work that reports progress as done-of-total. */
  public interface Work<T> {
    T run(BackgroundTask<T> task) throws Exception;
  }

  private final Work<T> work;

  private BackgroundTask(String title, Work<T> work) {
    this.work = work;
    updateTitle(title);
  }

  public static <T> BackgroundTask<T> of(String title, Work<T> work) {
    return new BackgroundTask<>(title, work);
  }

  public static <T> BackgroundTask<T> of(String title, Callable<T> work) {
    return new BackgroundTask<>(title, t -> work.call());
  }

  /** Progress from any thread; JavaFX coalesces the updates. */
  public void progress(long done, long total) {
    updateProgress(done, total);
  }

  /**
   * Ends the work with an {@link InterruptedException} once the task is cancelled: call between
   * units of work (samples, layers, trials) that do not check for interruption themselves.
   */
  public void checkCancelled() throws InterruptedException {
    if (isCancelled() || Thread.currentThread().isInterrupted()) {
      throw new InterruptedException(getTitle() + " cancelled");
    }
  }

  public void message(String text) {
    updateMessage(text);
  }

  @Override
  protected T call() throws Exception {
    return work.run(this);
  }
}
