package io.quantlens.cost;

/**
 * The knobs of the cost model a user may change, with defaults that suit batch-1 inference.
 *
 * @param computeEfficiency share of peak MAC/s a layer reaches (η in the roofline)
 * @param memoryEfficiency share of peak bandwidth a layer reaches (η_mem)
 * @param activationsFromDram whether activations go through DRAM too (off: only weights do, as for
 *     batch-1 inference whose activations stay in caches)
 * @param requestsPerSecond request rate for average power and the data-centre view
 * @param pue data-centre power usage effectiveness
 * @param gridKgCo2PerKwh grid carbon intensity
 */
public record CostAssumptions(
    double computeEfficiency,
    double memoryEfficiency,
    boolean activationsFromDram,
    double requestsPerSecond,
    double pue,
    double gridKgCo2PerKwh) {
  /** Uptime Institute 2023 global average PUE. */
  public static final double AVERAGE_PUE = 1.58;

  public CostAssumptions {
    check("compute efficiency", computeEfficiency, 1);
    check("memory efficiency", memoryEfficiency, 1);
    if (!(requestsPerSecond >= 0) || !(pue >= 1) || !(gridKgCo2PerKwh >= 0)) {
      throw new IllegalArgumentException("request rate and grid intensity must be ≥ 0 and PUE ≥ 1");
    }
  }

  public static CostAssumptions defaults() {
    return new CostAssumptions(0.6, 0.7, false, 10, AVERAGE_PUE, 0.4);
  }

  private static void check(String name, double value, double max) {
    if (!(value > 0 && value <= max)) {
      throw new IllegalArgumentException(name + " must be in (0, " + max + "], got " + value);
    }
  }
}
