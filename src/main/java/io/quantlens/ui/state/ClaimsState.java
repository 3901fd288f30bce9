package io.quantlens.ui.state;

import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.analysis.lessons.Claim;
import io.quantlens.analysis.lessons.WeightNoise;
import io.quantlens.cost.ModelCost;
import io.quantlens.eval.EvalProgress;
import io.quantlens.eval.EvalResult;
import io.quantlens.eval.Evaluator;
import io.quantlens.quant.Scheme;
import io.quantlens.ui.task.BackgroundTask;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.concurrent.Task;

/**
 * Lesson 7's measurements on the open model: the claims course material makes about INT8 and INT4,
 * each against the number the workbench measures (bandwidth and power from the cost model on the
 * chosen hardware, SQNR from the weights, accuracy from ONNX Runtime).
 */
public final class ClaimsState {
  static final Scheme INT8 = Scheme.parse("int8:channel:sym");
  static final Scheme INT4 = Scheme.parse("int4:g32:sym");

  private final Workspace workspace;
  private final AccuracyState accuracy;
  private final Function<PrecisionPlan, ModelCost> cost;
  private final ReadOnlyObjectWrapper<List<Claim>> claims = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<Task<List<Claim>>> running = new ReadOnlyObjectWrapper<>();

  public ClaimsState(
      Workspace workspace, AccuracyState accuracy, Function<PrecisionPlan, ModelCost> cost) {
    this.workspace = workspace;
    this.accuracy = accuracy;
    this.cost = cost;
    workspace.opened().addListener((obs, old, now) -> claims.set(null));
  }

  public ReadOnlyObjectProperty<List<Claim>> claims() {
    return claims.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<Task<List<Claim>>> running() {
    return running.getReadOnlyProperty();
  }

  /**
   * Checks every claim on the open model in the background, cancellable during the run and between
   * layers; null when none is open.
   */
  public Task<List<Claim>> check() {
    OpenModel open = workspace.opened().get();
    ModelCost fp32 = cost.apply(PrecisionPlan.fp32());
    ModelCost int8 = cost.apply(PrecisionPlan.uniform(INT8));
    ModelCost int4 = cost.apply(PrecisionPlan.uniform(INT4));
    if (open == null || fp32 == null || int8 == null || int4 == null) {
      return null;
    }
    var evaluator = accuracy.evaluatorLater(open);
    BackgroundTask<List<Claim>> task =
        BackgroundTask.of(
            workspace.services().messages().get("task.claims"),
            t -> {
              double drop;
              Evaluator e = evaluator.call();
              synchronized (e) {
                EvalResult r = e.evaluate(PrecisionPlan.uniform(INT8), EvalProgress.NONE);
                drop = r.hasLabels() ? r.accuracyDropPoints() : 100 * (1 - r.top1Agreement());
              }
              t.checkCancelled();
              double sqnr4 = weightSqnrDb(open, INT4);
              return List.of(
                  new Claim("tdp", 45, 10, saving(int8.averageWatts(), fp32.averageWatts())),
                  new Claim("bandwidth8", 80, 3, saving(int8.modelBytes(), fp32.modelBytes())),
                  new Claim("accuracy8", 0, 0.5, drop),
                  new Claim("sqnr4", 30, 3, sqnr4),
                  new Claim("bandwidth4", 95, 2, saving(int4.modelBytes(), fp32.modelBytes())));
            });
    return ModelTasks.submit(workspace, open, task, running, claims);
  }

  private static double saving(double plan, double fp32) {
    return 100 * (1 - plan / fp32);
  }

  /** 10·log10(Σw² / Σ(w − ŵ)²) over every layer's weights under {@code scheme}. */
  static double weightSqnrDb(OpenModel open, Scheme scheme) {
    return WeightNoise.of(open.session().model().layers(), scheme).sqnrDb();
  }
}
