package io.quantlens.ui.state;

import io.quantlens.analysis.biterrors.BitErrors.Protection;
import io.quantlens.analysis.biterrors.ModelBitErrors;
import io.quantlens.analysis.biterrors.StoredForm;
import io.quantlens.eval.EvalProgress;
import io.quantlens.eval.EvalResult;
import io.quantlens.eval.Evaluator;
import io.quantlens.ui.task.BackgroundTask;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.concurrent.Task;

/**
 * Lesson 5's measurement: the open model's accuracy with bit errors in its stored weights, for each
 * stored form at each bit error rate of {@link #RATES}, in the background.
 */
public final class BitErrorState {
  /** The bit error rates measured, 10⁻⁷ to 10⁻³. */
  public static final double[] RATES = {1e-7, 1e-6, 1e-5, 1e-4, 1e-3};

  /** Seed of the flips, so the lesson shows the same curves each time. */
  private static final long SEED = 1;

  /**
   * One form's curve.
   *
   * @param score top-1 accuracy with labels, else agreement with FP32, else mean cosine, at each
   *     rate
   */
  public record Curve(StoredForm form, double[] score) {
    public Curve {
      score = score.clone();
    }

    @Override
    public double[] score() {
      return score.clone();
    }
  }

  private final Workspace workspace;
  private final AccuracyState accuracy;
  private final ReadOnlyObjectWrapper<List<Curve>> curves = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<Task<List<Curve>>> running = new ReadOnlyObjectWrapper<>();

  public BitErrorState(Workspace workspace, AccuracyState accuracy) {
    this.workspace = workspace;
    this.accuracy = accuracy;
    workspace.opened().addListener((obs, old, now) -> curves.set(null));
  }

  /** The curves last measured, or null. */
  public ReadOnlyObjectProperty<List<Curve>> curves() {
    return curves.getReadOnlyProperty();
  }

  /** The measurement under way, or null. */
  public ReadOnlyObjectProperty<Task<List<Curve>>> running() {
    return running.getReadOnlyProperty();
  }

  /**
   * Measures every form at every rate, cancellable between runs (a run itself between batches),
   * {@code ecc} protecting FP32, FP16 and INT8 with SECDED and INT4 with parity; null when no model
   * is open.
   */
  public Task<List<Curve>> measure(boolean ecc) {
    OpenModel open = workspace.opened().get();
    if (open == null) {
      return null;
    }
    if (running.get() != null) {
      running.get().cancel(true);
    }
    var evaluator = accuracy.evaluatorLater(open);
    var m = workspace.services().messages();
    BackgroundTask<List<Curve>> task =
        BackgroundTask.of(
            m.get("task.bitErrors"),
            t -> {
              Evaluator e = evaluator.call();
              List<Curve> measured = new ArrayList<>();
              int steps = StoredForm.values().length * RATES.length;
              int done = 0;
              synchronized (e) {
                for (StoredForm form : StoredForm.values()) {
                  Protection protection =
                      !ecc
                          ? Protection.NONE
                          : form == StoredForm.INT4 ? Protection.PARITY : Protection.SECDED;
                  double[] score = new double[RATES.length];
                  for (int i = 0; i < RATES.length; i++) {
                    t.checkCancelled();
                    t.progress(done++, steps);
                    ModelBitErrors flipped =
                        ModelBitErrors.inject(
                            open.session().model(), form, RATES[i], protection, SEED);
                    score[i] = score(e.evaluateWeights(flipped.weights(), EvalProgress.NONE));
                  }
                  measured.add(new Curve(form, score));
                }
              }
              return List.copyOf(measured);
            });
    return ModelTasks.submit(workspace, open, task, running, curves);
  }

  /** Top-1 accuracy when the data have labels, else agreement with FP32, else mean cosine. */
  public static double score(EvalResult r) {
    if (!Double.isNaN(r.quantizedAccuracy())) {
      return r.quantizedAccuracy();
    }
    return Double.isNaN(r.top1Agreement()) ? r.meanCosine() : r.top1Agreement();
  }
}
