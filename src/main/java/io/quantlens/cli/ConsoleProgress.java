package io.quantlens.cli;

import io.quantlens.analysis.AnalysisProgress;
import java.io.PrintWriter;

/** Shows the analysis progress as a percentage on one terminal line; silent when not a terminal. */
final class ConsoleProgress implements AnalysisProgress {
  private final PrintWriter err;
  private int shown = -1;

  private ConsoleProgress(PrintWriter err) {
    this.err = err;
  }

  static AnalysisProgress on(PrintWriter err) {
    return System.console() == null ? AnalysisProgress.NONE : new ConsoleProgress(err);
  }

  @Override
  public synchronized void update(long weightsDone, long weightsTotal) {
    int percent = weightsTotal == 0 ? 100 : (int) (100 * weightsDone / weightsTotal);
    if (percent != shown) {
      shown = percent;
      err.print(percent < 100 ? "\ranalysing weights: " + percent + "%" : "\r\033[K");
      err.flush();
    }
  }
}
