package io.quantlens.cost;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * A plan's cost next to the model's as stored (the reference: what the plan changes) and the FP32
 * plan's, on the same device and workload.
 *
 * @param plan the plan's estimate
 * @param stored the estimate of the model as its file stores it
 * @param fp32 the FP32 estimate
 */
public record CostComparison(ModelCost plan, ModelCost stored, ModelCost fp32) {

  /** 100·(1 − plan / FP32): positive when the plan saves. */
  public static double savingPercent(double plan, double fp32) {
    return fp32 == 0 ? 0 : 100 * (1 - plan / fp32);
  }

  /** {@link #savingPercent} of one figure of the plan against the model as stored. */
  public double savingVsStored(ToDoubleFunction<ModelCost> figure) {
    return savingPercent(figure.applyAsDouble(plan), figure.applyAsDouble(stored));
  }

  /** {@link #savingPercent} of one figure of the plan against FP32. */
  public double savingVsFp32(ToDoubleFunction<ModelCost> figure) {
    return savingPercent(figure.applyAsDouble(plan), figure.applyAsDouble(fp32));
  }

  /**
   * One figure of {@code cost} (the plan, a pinned plan, FP32) in percent of the model as stored:
   * 100 when equal, 200 for an FP32 plan of an FP16 file's size.
   */
  public double percentOfStored(ModelCost cost, ToDoubleFunction<ModelCost> figure) {
    return 100 - savingPercent(figure.applyAsDouble(cost), figure.applyAsDouble(stored));
  }

  /** Size saving against FP32 (as the other {@code *Saving} methods). */
  public double sizeSaving() {
    return savingPercent(plan.modelBytes(), fp32.modelBytes());
  }

  public double dramBytesSaving() {
    return savingPercent(plan.dramBytes(), fp32.dramBytes());
  }

  public double timeSaving() {
    return savingPercent(plan.seconds(), fp32.seconds());
  }

  public double energySaving() {
    return savingPercent(plan.joules(), fp32.joules());
  }

  public double powerSaving() {
    return savingPercent(plan.averageWatts(), fp32.averageWatts());
  }

  /** Why each headline figure of the plan has its value, in {@link Explanation.Quantity} order. */
  public List<Explanation> explanations() {
    CostExplanations why = new CostExplanations(plan);
    return Arrays.stream(Explanation.Quantity.values()).map(why::of).toList();
  }

  /** Why one headline figure of the plan has its value. */
  public Explanation explanation(Explanation.Quantity quantity) {
    return new CostExplanations(plan).of(quantity);
  }

  /** Why one layer of the plan takes its time and energy. */
  public List<Explanation> explain(LayerCost layer) {
    return new CostExplanations(plan).layer(layer);
  }
}
