package io.quantlens.cost;

/**
 * Estimated cost of one layer (or of the operations outside layers) for one inference of the
 * workload's batch.
 *
 * @param name layer name, or {@code (other operations)}
 * @param opType operator
 * @param scheme scheme id the weights are stored in ({@code -} for the other operations)
 * @param compute the precision asked for and the one the device runs it in
 * @param macs multiply-accumulates
 * @param weightBytes stored parameter bytes (codes, scales, zero points, FP32 bias)
 * @param activationBytes activation bytes read and written, at the compute precision
 * @param dramBytes bytes moved from or to DRAM: the weights, plus activations when assumed to
 * @param computeSeconds MACs / (η · peak MAC/s at the precision used)
 * @param memorySeconds DRAM bytes / (η_mem · bandwidth)
 * @param macJoules MACs · energy per MAC at the precision used
 * @param memoryJoules DRAM bytes · energy per DRAM byte
 * @param staticJoules idle power · time
 */
public record LayerCost(
    String name,
    String opType,
    String scheme,
    ComputeChoice compute,
    long macs,
    double weightBytes,
    double activationBytes,
    double dramBytes,
    double computeSeconds,
    double memorySeconds,
    double macJoules,
    double memoryJoules,
    double staticJoules) {

  /** Roofline time: the slower of compute and memory. */
  public double seconds() {
    return Math.max(computeSeconds, memorySeconds);
  }

  public double joules() {
    return macJoules + memoryJoules + staticJoules;
  }

  public boolean memoryBound() {
    return memorySeconds > computeSeconds;
  }
}
