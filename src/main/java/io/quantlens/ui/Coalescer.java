package io.quantlens.ui;

import javafx.application.Platform;

/**
 * Runs an action once on the FX thread after any number of requests made in the same pass: a plan
 * change fires several properties, and a chart is rebuilt once for all of them.
 */
final class Coalescer {
  private final Runnable action;
  private boolean pending;

  Coalescer(Runnable action) {
    this.action = action;
  }

  /** Asks for the action; it runs after the current event is handled. */
  void request() {
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
