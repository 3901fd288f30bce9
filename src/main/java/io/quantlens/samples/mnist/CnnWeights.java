package io.quantlens.samples.mnist;

import java.util.Arrays;
import java.util.SplittableRandom;

/** The parameters of a {@link CnnArchitecture}, as one flat float array laid out by its blocks. */
public final class CnnWeights {
  private final CnnArchitecture architecture;
  private final float[] values;

  public CnnWeights(CnnArchitecture architecture, float[] values) {
    if (values.length != architecture.parameterCount()) {
      throw new IllegalArgumentException(
          "expected " + architecture.parameterCount() + " values, got " + values.length);
    }
    this.architecture = architecture;
    this.values = values.clone();
  }

  /**
   * He-uniform weights (bound √(6 / fan-in)) and zero biases. Uniform rather than Gaussian so that
   * only {@code nextDouble} and {@code sqrt} are involved, both exactly specified.
   */
  public static CnnWeights initialize(CnnArchitecture architecture, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] values = new float[architecture.parameterCount()];
    for (CnnArchitecture.Block block : architecture.blocks()) {
      if (block.name().endsWith(".bias")) {
        continue;
      }
      double bound = Math.sqrt(6.0 / block.fanIn());
      for (int i = 0; i < block.size(); i++) {
        values[block.offset() + i] = (float) random.nextDouble(-bound, bound);
      }
    }
    return new CnnWeights(architecture, values);
  }

  public CnnArchitecture architecture() {
    return architecture;
  }

  /** A copy of all parameters. */
  public float[] values() {
    return values.clone();
  }

  /** A copy of one named block, e.g. {@code conv1.weight}. */
  public float[] block(String name) {
    CnnArchitecture.Block block = architecture.block(name);
    return Arrays.copyOfRange(values, block.offset(), block.offset() + block.size());
  }

  /** The array itself, for the forward and backward passes, which only read it. */
  float[] raw() {
    return values;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CnnWeights other
        && architecture.equals(other.architecture)
        && Arrays.equals(values, other.values);
  }

  @Override
  public int hashCode() {
    return 31 * architecture.hashCode() + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "CnnWeights[" + architecture + ", " + values.length + " parameters]";
  }
}
