package io.quantlens.samples.synthetic;

import java.util.SplittableRandom;

/**
 * Deterministic pseudo-random weights for a synthetic tensor. Values come in chunks of {@link
 * #CHUNK} elements, each drawn from its own generator seeded by the tensor and chunk index, so any
 * range can be produced on its own, in any order and on any thread, with the same result.
 *
 * <p>Matrices get roughly normal weights of standard deviation 0.02 (the initialisation of GPT-2
 * and Llama) with one weight in 4,096 ten times larger, the kind of outlier that makes per-tensor
 * scales coarse; normalization weights sit around 1.
 */
public final class SyntheticValues {
  static final int CHUNK = 1 << 16;
  private static final float STD = 0.02f;
  private static final float NORM_STD = 0.1f;
  private static final int OUTLIER_EVERY = 4096;
  private static final float OUTLIER_FACTOR = 10f;
  // Irwin–Hall: the sum of 4 uniforms has variance 4/12, so (sum − 2)·√3 has variance 1.
  private static final float IRWIN_HALL_SCALE = (float) Math.sqrt(3);

  private final long seed;
  private final boolean norm;

  public SyntheticValues(long modelSeed, SyntheticTensor tensor) {
    this.seed = modelSeed * 0x9E3779B97F4A7C15L + tensor.name().hashCode();
    this.norm = tensor.norm();
  }

  /** Writes the tensor's elements {@code [start, start + count)} to {@code dst[off..]}. */
  public void fill(long start, float[] dst, int off, int count) {
    long end = start + count;
    long chunk = start / CHUNK;
    float[] values = new float[CHUNK];
    while (chunk * CHUNK < end) {
      long chunkStart = chunk * CHUNK;
      long from = Math.max(start, chunkStart);
      long to = Math.min(end, chunkStart + CHUNK);
      generate(chunk, values, (int) (to - chunkStart));
      System.arraycopy(
          values, (int) (from - chunkStart), dst, off + (int) (from - start), (int) (to - from));
      chunk++;
    }
  }

  private void generate(long chunk, float[] out, int count) {
    SplittableRandom random = new SplittableRandom(seed ^ (chunk * 0xBF58476D1CE4E5B9L));
    for (int i = 0; i < count; i++) {
      long bits = random.nextLong();
      int sum =
          (int) (bits & 0xFFFF)
              + (int) ((bits >>> 16) & 0xFFFF)
              + (int) ((bits >>> 32) & 0xFFFF)
              + (int) (bits >>> 48);
      float normal = (sum * (1f / 65536f) - 2f) * IRWIN_HALL_SCALE;
      if (norm) {
        out[i] = 1f + NORM_STD * normal;
      } else {
        boolean outlier = (i + chunk * CHUNK) % OUTLIER_EVERY == 0;
        out[i] = STD * normal * (outlier ? OUTLIER_FACTOR : 1f);
      }
    }
  }
}
