package io.quantlens.ui.task;

import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.util.Duration;

/**
 * Runs an action once a burst of requests has settled: a plan change waits {@code delay} so that
 * several quick clicks measure once. With a zero delay the action runs after the current event,
 * which lets tests wait for FX events instead of sleeping.
 */
public final class Debounce {
  private final Runnable action;
  private final PauseTransition pause;
  private boolean pending;

  public Debounce(Duration delay, Runnable action) {
    this.action = action;
    if (delay.greaterThan(Duration.ZERO)) {
      pause = new PauseTransition(delay);
      pause.setOnFinished(e -> action.run());
    } else {
      pause = null;
    }
  }

  /** Starts the wait again; the action runs once it ends. */
  public void restart() {
    if (pause != null) {
      pause.playFromStart();
    } else if (!pending) {
      pending = true;
      Platform.runLater(
          () -> {
            if (pending) {
              pending = false;
              action.run();
            }
          });
    }
  }

  /** Forgets a request still waiting. */
  public void stop() {
    if (pause != null) {
      pause.stop();
    }
    pending = false;
  }
}
