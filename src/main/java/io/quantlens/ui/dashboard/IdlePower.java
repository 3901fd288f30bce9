package io.quantlens.ui.dashboard;

import io.quantlens.cost.CostComparison;
import io.quantlens.cost.ModelCost;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Average power set by the device's idle power: at the request rate, inference adds so little that
 * no estimate compared (the plan, the model as stored, FP32) differs by a visible 0.1 %.
 *
 * @param idleWatts the device's idle power
 * @param inferenceWatts what the plan's inferences add to it, (E − P_idle·t)·min(r, X)
 * @param requestsPerSecond the assumed request rate
 */
record IdlePower(double idleWatts, double inferenceWatts, double requestsPerSecond) {
  /**
   * A change below this share of the power reads +0.0 % at one decimal; a saving against an
   * estimate is at most that estimate's inference share.
   */
  static final double INVISIBLE_SHARE = 0.0005;

  /** The idle-bound power of {@code c}'s plan, or empty when a plan can change it visibly. */
  static Optional<IdlePower> of(CostComparison c) {
    ModelCost plan = c.plan();
    double idle = plan.hardware().idleWatts().value();
    double most =
        Stream.of(plan, c.stored(), c.fp32())
            .mapToDouble(cost -> cost.averageWatts() - idle)
            .max()
            .orElseThrow();
    if (!(most < INVISIBLE_SHARE * idle)) {
      return Optional.empty();
    }
    return Optional.of(
        new IdlePower(idle, plan.averageWatts() - idle, plan.assumptions().requestsPerSecond()));
  }
}
