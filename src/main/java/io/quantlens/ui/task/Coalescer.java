package io.quantlens.ui.task;

import javafx.application.Platform;

/**
 * Runs an action once on the FX thread after any number of requests made in the same pass: a plan
 * change fires several properties, and a chart is rebuilt once for all of them.
 */
public final class Coalescer {
  private final Runnable action;
  private boolean pending;

  public Coalescer(Runnable action) {
    this.action = action;
  }

  /** Asks for the action; it runs after the current event is handled. */
  public void request() {
    if (!pending) {
      pending = true;
      Platform.runLater(
          () -> {
            pending = false;
            action.run();
          });
    }
  }
}
