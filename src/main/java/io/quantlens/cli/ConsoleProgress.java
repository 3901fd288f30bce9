package io.quantlens.cli;

import io.quantlens.analysis.AnalysisProgress;
import io.quantlens.eval.EvalProgress;
import io.quantlens.text.Messages;
import java.io.PrintWriter;

/** Shows the analysis progress as a percentage on one terminal line; silent when not a terminal. */
final class ConsoleProgress implements AnalysisProgress {
  private final PrintWriter err;
  private final Messages texts;
  private int shown = -1;

  private ConsoleProgress(PrintWriter err, Messages texts) {
    this.err = err;
    this.texts = texts;
  }

  static AnalysisProgress on(PrintWriter err, Messages texts) {
    return System.console() == null ? AnalysisProgress.NONE : new ConsoleProgress(err, texts);
  }

  /** Evaluation progress as {@code step: done/total} on one terminal line. */
  static EvalProgress forEval(PrintWriter err) {
    if (System.console() == null) {
      return EvalProgress.NONE;
    }
    return (done, total, step) -> {
      synchronized (err) {
        err.print(done < total ? "\r\033[K" + step + ": " + done + "/" + total : "\r\033[K");
        err.flush();
      }
    };
  }

  @Override
  public synchronized void update(long weightsDone, long weightsTotal) {
    int percent = weightsTotal == 0 ? 100 : (int) (100 * weightsDone / weightsTotal);
    if (percent != shown) {
      shown = percent;
      err.print(
          percent < 100
              ? "\r" + texts.get("progress.analysis", String.valueOf(percent))
              : "\r\033[K");
      err.flush();
    }
  }
}
