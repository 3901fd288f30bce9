package io.quantlens.ui.state;

import io.quantlens.text.Messages;
import java.util.function.LongSupplier;

/**
 * The progress line of a sensitivity scan, "layer 3 of 36 · about 1 min 10 s left": the time left
 * is the mean time per layer so far times the layers still to measure. Layers take about the same
 * time each (one model run over the same data), so the mean settles after the first few.
 */
final class ScanProgress {
  private final Messages m;
  private final LongSupplier nanos;
  private long startedAt;
  private boolean started;

  /**
   * @param nanos the clock, {@code System::nanoTime} outside tests
   */
  ScanProgress(Messages m, LongSupplier nanos) {
    this.m = m;
    this.nanos = nanos;
  }

  /**
   * The line for {@code done} of {@code total} layers finished; the first call starts the clock.
   */
  synchronized String update(int done, int total) {
    long now = nanos.getAsLong();
    if (!started) {
      started = true;
      startedAt = now;
    }
    if (done >= total) {
      return m.get("task.sensitivity.done", total);
    }
    if (done == 0) {
      return m.get("task.sensitivity.layer", 1, total);
    }
    double secondsPerLayer = (now - startedAt) / 1e9 / done;
    return m.get(
        "task.sensitivity.layerLeft", done + 1, total, duration(secondsPerLayer * (total - done)));
  }

  /**
   * E.g. {@code 45 s}, {@code 2 min 5 s}, {@code 1 h 3 min} in English: a whole second at least.
   */
  String duration(double seconds) {
    long s = Math.max(1, Math.round(seconds));
    if (s < 60) {
      return m.get("duration.seconds", s);
    }
    if (s < 3600) {
      long rest = s % 60;
      return rest == 0
          ? m.get("duration.minutes", s / 60)
          : m.get("duration.minutesSeconds", s / 60, rest);
    }
    long minutes = Math.round(s / 60.0);
    return minutes % 60 == 0
        ? m.get("duration.hours", minutes / 60)
        : m.get("duration.hoursMinutes", minutes / 60, minutes % 60);
  }
}
