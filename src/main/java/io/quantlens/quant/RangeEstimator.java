package io.quantlens.quant;

import java.util.Arrays;

/**
 * Chooses the quantization range of one scale group: its min/max, a percentile of |x|, or the
 * clipping factor that minimises the squared error.
 */
public final class RangeEstimator {
  /** Candidate clipping factors for the MSE search: 1.00, 0.99, …, 0.01 of the min/max range. */
  static final int MSE_STEPS = 100;

  private RangeEstimator() {}

  /** Integer-scheme parameters for {@code x[off..off+len)}; {@code scratch} holds ≥ len floats. */
  public static GroupParams intParams(
      IntFormat format,
      Symmetry symmetry,
      Clip clip,
      float[] x,
      int off,
      int len,
      float[] scratch) {
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    for (int i = off, end = off + len; i < end; i++) {
      min = Math.min(min, x[i]);
      max = Math.max(max, x[i]);
    }
    return intParams(format, symmetry, clip, x, off, len, scratch, min, max);
  }

  /** As above, with the group's min and max already known. */
  public static GroupParams intParams(
      IntFormat format,
      Symmetry symmetry,
      Clip clip,
      float[] x,
      int off,
      int len,
      float[] scratch,
      float min,
      float max) {
    return switch (clip.kind()) {
      case MINMAX -> params(format, symmetry, min, max, 1f);
      case PERCENTILE -> {
        float alpha = absPercentile(x, off, len, clip.percentile(), scratch);
        yield params(format, symmetry, Math.max(min, -alpha), Math.min(max, alpha), 1f);
      }
      case MSE -> {
        GroupParams best = params(format, symmetry, min, max, 1f);
        double bestError = IntQuantizer.squaredError(x, off, len, best);
        for (int k = MSE_STEPS - 1; k >= 1; k--) {
          GroupParams candidate = params(format, symmetry, min, max, (float) k / MSE_STEPS);
          double error = IntQuantizer.squaredError(x, off, len, candidate);
          if (error < bestError) {
            bestError = error;
            best = candidate;
          }
        }
        yield best;
      }
    };
  }

  /** Parameters for the range [min, max], both scaled by {@code factor}, by the ONNX recipe. */
  public static GroupParams params(
      IntFormat format, Symmetry symmetry, float min, float max, float factor) {
    return params(IntRecipe.ONNX, format, symmetry, min, max, factor);
  }

  /** As above, by the ONNX recipe or one of ONNX Runtime's variants of it. */
  public static GroupParams params(
      IntRecipe recipe, IntFormat format, Symmetry symmetry, float min, float max, float factor) {
    float absmax = Math.max(Math.abs(min), Math.abs(max)) * factor;
    if (recipe == IntRecipe.UNSIGNED) {
      return GroupParams.symmetricUnsigned(format, absmax);
    }
    if (recipe == IntRecipe.REDUCE) {
      return symmetry == Symmetry.SYM
          ? GroupParams.symmetricReduced(format, absmax)
          : GroupParams.asymmetric(new IntFormat(format.bits() - 1), min * factor, max * factor);
    }
    if (symmetry == Symmetry.SYM) {
      return GroupParams.symmetric(format, absmax);
    }
    return GroupParams.asymmetric(format, min * factor, max * factor);
  }

  /**
   * A step no scale group of the scheme can exceed in a tensor whose values lie in [min, max]: the
   * step of the whole range for ONNX and NNCF; for MLX, whose step edge / rint(edge / step) can
   * grow by up to 1.25× for n ≥ 3, half as much again.
   */
  public static double widestStep(Scheme scheme, IntFormat format, float min, float max) {
    return switch (scheme.recipe()) {
      case ONNX, REDUCE, UNSIGNED ->
          params(scheme.recipe(), format, scheme.symmetry(), min, max, 1f).scale();
      case NNCF -> Math.abs(NncfQuantizer.params(format, scheme.symmetry(), min, max).scale());
      case MLX -> 1.5 * Math.max(max - min, 0) / format.unsignedMax();
    };
  }

  /** NF4 block scale: absmax, a percentile of |x|, or the MSE-optimal clip of absmax. */
  public static float nf4Scale(Clip clip, float[] x, int off, int len, float[] scratch) {
    float absmax = 0;
    for (int i = off, end = off + len; i < end; i++) {
      absmax = Math.max(absmax, Math.abs(x[i]));
    }
    return switch (clip.kind()) {
      case MINMAX -> absmax;
      case PERCENTILE -> Math.min(absmax, absPercentile(x, off, len, clip.percentile(), scratch));
      case MSE -> {
        float best = absmax;
        double bestError = nf4SquaredError(x, off, len, absmax, scratch);
        for (int k = MSE_STEPS - 1; k >= 1; k--) {
          float candidate = absmax * ((float) k / MSE_STEPS);
          double error = nf4SquaredError(x, off, len, candidate, scratch);
          if (error < bestError) {
            bestError = error;
            best = candidate;
          }
        }
        yield best;
      }
    };
  }

  private static double nf4SquaredError(
      float[] x, int off, int len, float absmax, float[] scratch) {
    Nf4Quantizer.roundTrip(x, off, len, absmax, scratch);
    double sum = 0;
    for (int i = off, end = off + len; i < end; i++) {
      double e = (double) x[i] - scratch[i];
      sum += e * e;
    }
    return sum;
  }

  /**
   * The p-th percentile of |x| with linear interpolation between closest ranks (numpy's default):
   * position p/100·(n−1) in the sorted values.
   */
  public static float absPercentile(float[] x, int off, int len, double p, float[] scratch) {
    for (int i = 0; i < len; i++) {
      scratch[i] = Math.abs(x[off + i]);
    }
    Arrays.sort(scratch, 0, len);
    double position = p / 100.0 * (len - 1);
    int below = (int) Math.floor(position);
    int above = Math.min(len - 1, below + 1);
    double fraction = position - below;
    return (float) (scratch[below] + fraction * (scratch[above] - scratch[below]));
  }
}
