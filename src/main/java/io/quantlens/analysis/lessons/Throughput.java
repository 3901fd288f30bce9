package io.quantlens.analysis.lessons;

/**
 * The processor throughput lesson 6 computes by hand: T = N_ops · f_clk / CPI, operations per
 * second from the operations one instruction does (a SIMD width, say), the clock, and the cycles an
 * instruction takes on average.
 */
public final class Throughput {
  private Throughput() {}

  /** T in operations per second; {@code clockHz} in hertz. */
  public static double opsPerSecond(double opsPerInstruction, double clockHz, double cpi) {
    if (!(opsPerInstruction > 0 && clockHz > 0 && cpi > 0)) {
      throw new IllegalArgumentException("N_ops, f_clk and CPI must be positive");
    }
    return opsPerInstruction * clockHz / cpi;
  }
}
