package io.quantlens.ui.app;

import io.quantlens.ui.state.UserTiming;
import java.lang.System.Logger.Level;
import java.util.Locale;
import javafx.application.Platform;
import javafx.scene.Scene;

/**
 * Measures how long a plan change takes to reach the screen: from the change to the end of the next
 * layout pass, after every view has redrawn. Logged at DEBUG (logger {@code
 * io.quantlens.ui.timing}); {@code -Dquantlens.timing=true} prints it to standard error.
 */
final class UiTiming implements UserTiming {
  private static final System.Logger LOG = System.getLogger("io.quantlens.ui.timing");

  private final boolean print = Boolean.getBoolean("quantlens.timing");
  private long changedAt;
  private boolean drained;
  private boolean draining;
  private double lastMillis = Double.NaN;

  UiTiming(Scene scene) {
    scene.addPostLayoutPulseListener(this::afterLayout);
  }

  @Override
  public void actionStarted() {
    changedAt = System.nanoTime();
    drained = false;
  }

  private void afterLayout() {
    if (changedAt == 0) {
      return;
    }
    if (!drained) {
      // Redraws are coalesced into runLater calls made during the change; one more runLater runs
      // after them, and the layout pass after that is the one the user sees.
      if (!draining) {
        draining = true;
        Platform.runLater(
            () -> {
              drained = true;
              draining = false;
              Platform.requestNextPulse();
            });
      }
      return;
    }
    drained = false;
    lastMillis = (System.nanoTime() - changedAt) / 1e6;
    changedAt = 0;
    log(String.format(Locale.ROOT, "plan change to screen: %.1f ms", lastMillis));
  }

  /** Logs how long opening and analysing {@code model} took, from the request to a usable table. */
  @Override
  public void opened(String model, long requestedAt) {
    log(
        String.format(
            Locale.ROOT,
            "opened %s to a usable window: %.0f ms",
            model,
            (System.nanoTime() - requestedAt) / 1e6));
  }

  private void log(String text) {
    LOG.log(Level.DEBUG, text);
    if (print) {
      System.err.println("[timing] " + text);
    }
  }

  /** The last plan change's time to screen in milliseconds; NaN before the first. */
  double lastMillis() {
    return lastMillis;
  }
}
