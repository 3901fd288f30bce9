package io.quantlens.ui.state;

import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.analysis.lessons.WeightNoise;
import io.quantlens.eval.EvalProgress;
import io.quantlens.eval.Evaluator;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.quant.Scheme;
import io.quantlens.ui.task.BackgroundTask;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.concurrent.Task;

/**
 * Lesson 8's measurement: the open model at INT4 everywhere, then with the layers whose INT4
 * weights lose the most SQNR kept at INT8 one by one, and INT4 with bias correction; every point
 * measured in ONNX Runtime, in the background.
 */
public final class MixedPrecisionState {
  static final Scheme INT4 = Scheme.parse("int4:g32:sym");
  static final Scheme INT8 = Scheme.parse("int8:channel:sym");

  /** Points of the curve at most: a deep model keeps its layers at INT8 in this many steps. */
  public static final int MAX_STEPS = 8;

  /**
   * The measurement.
   *
   * @param kept layers kept at INT8 at each point, 0 first
   * @param score top-1 accuracy (agreement with FP32, or mean cosine, without labels) at each point
   * @param order the layers in the order they are kept at INT8, the worst INT4 SQNR first
   * @param int4Sqnr output SQNR of INT4 everywhere, in dB
   * @param correctedSqnr the same with bias correction on every layer it applies to
   * @param correctedScore the score with bias correction
   */
  public record Result(
      int[] kept,
      double[] score,
      List<String> order,
      double int4Sqnr,
      double correctedSqnr,
      double correctedScore) {}

  private final Workspace workspace;
  private final AccuracyState accuracy;
  private final ReadOnlyObjectWrapper<Result> result = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<Task<Result>> running = new ReadOnlyObjectWrapper<>();

  public MixedPrecisionState(Workspace workspace, AccuracyState accuracy) {
    this.workspace = workspace;
    this.accuracy = accuracy;
    workspace.opened().addListener((obs, old, now) -> result.set(null));
  }

  public ReadOnlyObjectProperty<Result> result() {
    return result.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<Task<Result>> running() {
    return running.getReadOnlyProperty();
  }

  /**
   * Measures in the background, cancellable between layers and runs; null when no model is open.
   */
  public Task<Result> measure() {
    OpenModel open = workspace.opened().get();
    if (open == null) {
      return null;
    }
    var evaluator = accuracy.evaluatorLater(open);
    BackgroundTask<Result> task =
        BackgroundTask.of(
            workspace.services().messages().get("task.mixedPrecision"),
            t -> {
              Model model = open.session().model();
              List<String> order = worstFirst(model);
              int layers = order.size();
              int steps = Math.min(MAX_STEPS, layers);
              int[] kept = new int[steps + 1];
              double[] score = new double[steps + 1];
              Evaluator e = evaluator.call();
              synchronized (e) {
                PrecisionPlan int4 = PrecisionPlan.uniform(INT4);
                for (int i = 0; i <= steps; i++) {
                  t.checkCancelled();
                  t.progress(i, steps + 2);
                  kept[i] = (int) Math.round((double) i * layers / steps);
                  PrecisionPlan plan = int4;
                  for (String layer : order.subList(0, kept[i])) {
                    plan = plan.with(layer, INT8);
                  }
                  score[i] = BitErrorState.score(e.evaluate(plan, EvalProgress.NONE));
                }
                t.checkCancelled();
                PrecisionPlan corrected = int4.withBiasCorrection(model, true);
                var c = e.evaluate(corrected, EvalProgress.NONE);
                t.checkCancelled();
                var same = e.evaluate(int4, c.samples(), EvalProgress.NONE);
                return new Result(
                    kept,
                    score,
                    order,
                    same.outputSqnrDb(),
                    c.outputSqnrDb(),
                    BitErrorState.score(c));
              }
            });
    return ModelTasks.submit(workspace, open, task, running, result);
  }

  /**
   * The layers by their INT4 weight SQNR, lowest first; each layer quantized once, and an interrupt
   * ends it between layers with a {@link CancellationException}.
   */
  static List<String> worstFirst(Model model) {
    Map<String, Double> sqnr = new HashMap<>();
    for (Layer l : model.layers()) {
      if (Thread.currentThread().isInterrupted()) {
        throw new CancellationException("mixed precision cancelled before " + l.name());
      }
      sqnr.put(l.name(), WeightNoise.of(l, INT4).sqnrDb());
    }
    return model.layers().stream()
        .map(Layer::name)
        .sorted(Comparator.comparingDouble(sqnr::get))
        .toList();
  }
}
