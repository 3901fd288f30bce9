package io.quantlens.analysis.lessons;

import java.util.SplittableRandom;

/**
 * The signals the lessons quantize, each deterministic for a seed and scaled so that its largest
 * magnitude is about 1: uniform on [−1, 1], Gaussian and Laplace of σ = 0.25, and a sine of
 * amplitude 1 sampled at a frequency incommensurate with the sample rate.
 */
public enum TestSignal {
  UNIFORM,
  GAUSSIAN,
  LAPLACE,
  SINE;

  /** Standard deviation of the Gaussian and Laplace signals. */
  public static final double SIGMA = 0.25;

  /** {@code n} samples of this signal. */
  public float[] samples(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] =
          (float)
              switch (this) {
                case UNIFORM -> 2 * random.nextDouble() - 1;
                case GAUSSIAN -> SIGMA * gaussian(random);
                case LAPLACE -> laplace(random);
                case SINE -> Math.sin(2 * Math.PI * FREQUENCY * i + 0.3);
              };
    }
    return x;
  }

  /** Cycles per sample: the golden ratio's fraction, so no two samples share a phase. */
  private static final double FREQUENCY = 0.6180339887498949;

  /** Box–Muller: one standard normal value from two uniform ones. */
  private static double gaussian(SplittableRandom random) {
    double u = 1 - random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
  }

  /** Laplace of scale b = σ/√2 by inverting its distribution function. */
  private static double laplace(SplittableRandom random) {
    double u = random.nextDouble() - 0.5;
    double b = SIGMA / Math.sqrt(2);
    return -b * Math.signum(u) * Math.log(1 - 2 * Math.abs(u));
  }
}
