package io.quantlens.quant;

/**
 * Quantizes one scale group of a scheme and records clipping and the Δ²/12 prediction. A kernel
 * built with fixed parameters (per-tensor granularity) applies them to every group it is given.
 */
public abstract sealed class SchemeKernel
    permits SchemeKernel.Cast,
        SchemeKernel.Int,
        SchemeKernel.Nncf,
        SchemeKernel.Mlx,
        SchemeKernel.Nf4,
        GgmlKernel {

  /**
   * Writes x̂ for {@code x[off..off+len)} to {@code out[off..)}; {@code scratch} holds ≥ len floats
   * (indices up to off+len are used).
   */
  public abstract void roundTrip(
      float[] x, int off, int len, float[] out, float[] scratch, ErrorAccumulator acc);

  /**
   * The scale {@link #roundTrip} uses for the group {@code x[off..off+len)}: the integer step, the
   * NF4 absmax, or NaN for a cast. {@code scratch} is as for {@link #roundTrip}.
   */
  public abstract float groupScale(float[] x, int off, int len, float[] scratch);

  /** The integer parameters {@link #roundTrip} uses for the group; null for casts, NF4 and ggml. */
  public GroupParams groupParams(float[] x, int off, int len, float[] scratch) {
    return null;
  }

  /**
   * The ascending values the group can decode to when {@link #groupParams} cannot describe them
   * (ggml block formats: the group's widest sub-block); null otherwise.
   */
  public double[] groupLevels(float[] x, int off, int len, float[] scratch) {
    return null;
  }

  /** A kernel for the scheme; {@code tensorParams} is required for per-tensor integer schemes. */
  public static SchemeKernel of(Scheme scheme, TensorParams tensorParams) {
    boolean perTensor = scheme.granularity().kind() == Granularity.Kind.TENSOR;
    Format format = scheme.format();
    if (format instanceof FloatFormat f) {
      return new Cast(f);
    }
    if (format instanceof IntFormat f) {
      return switch (scheme.recipe()) {
        case ONNX, REDUCE, UNSIGNED ->
            new Int(scheme, f, perTensor ? tensorParams.intParams() : null);
        case NNCF -> new Nncf(f, scheme.symmetry());
        case MLX -> new Mlx(f);
      };
    }
    if (format instanceof GgmlFormat f) {
      return new GgmlKernel(f);
    }
    return new Nf4(scheme.clip(), perTensor ? tensorParams.nf4Scale() : Float.NaN);
  }

  /** Parameters chosen once for a whole tensor. */
  public record TensorParams(GroupParams intParams, float nf4Scale) {

    /**
     * The parameters of a per-tensor scheme (null for other granularities and float casts). Min-max
     * needs only the tensor's min and max; percentile and MSE clipping ask for all its values.
     */
    public static TensorParams choose(
        Scheme scheme, float min, float max, java.util.function.Supplier<float[]> values) {
      if (scheme.isFloat()
          || scheme.format() instanceof GgmlFormat
          || scheme.granularity().kind() != Granularity.Kind.TENSOR) {
        return null;
      }
      boolean minmax = scheme.clip().kind() == Clip.Kind.MINMAX;
      float[] all = minmax ? null : values.get();
      int n = minmax ? 0 : all.length;
      if (scheme.format() instanceof IntFormat f) {
        return new TensorParams(
            minmax
                ? RangeEstimator.params(scheme.recipe(), f, scheme.symmetry(), min, max, 1f)
                : RangeEstimator.intParams(
                    f, scheme.symmetry(), scheme.clip(), all, 0, n, new float[n]),
            Float.NaN);
      }
      return new TensorParams(
          null,
          minmax
              ? Math.max(Math.abs(min), Math.abs(max))
              : RangeEstimator.nf4Scale(scheme.clip(), all, 0, n, new float[n]));
    }
  }

  /**
   * Runs the kernel over {@code channels} contiguous reduction vectors of {@code reduction} weights
   * each, one call per scale group: the whole block for per-tensor schemes and casts, one channel,
   * or groups of N along each channel (the last one short when N does not divide the channel).
   */
  public void roundTripChannels(
      Scheme scheme,
      float[] x,
      int channels,
      int reduction,
      float[] out,
      float[] scratch,
      ErrorAccumulator acc) {
    Granularity g = scheme.granularity();
    if (scheme.isFloat() || g.kind() == Granularity.Kind.TENSOR) {
      roundTrip(x, 0, channels * reduction, out, scratch, acc);
      return;
    }
    int group = g.kind() == Granularity.Kind.CHANNEL ? reduction : g.groupSize();
    for (int c = 0; c < channels; c++) {
      for (int r = 0; r < reduction; r += group) {
        roundTrip(x, c * reduction + r, Math.min(group, reduction - r), out, scratch, acc);
      }
    }
  }

  static final class Cast extends SchemeKernel {
    private final FloatFormat format;

    Cast(FloatFormat format) {
      this.format = format;
    }

    @Override
    public float groupScale(float[] x, int off, int len, float[] scratch) {
      return Float.NaN;
    }

    @Override
    public void roundTrip(
        float[] x, int off, int len, float[] out, float[] scratch, ErrorAccumulator acc) {
      if (format == FloatFormat.FP32) {
        System.arraycopy(x, off, out, off, len);
        return;
      }
      int clipped = 0;
      double predicted = 0;
      float max = format.maxFinite();
      float overflow = format.saturating() ? max : Float.POSITIVE_INFINITY;
      for (int i = off, end = off + len; i < end; i++) {
        float v = x[i];
        float r = format.roundUnbounded(Math.abs(v));
        if (r > max) {
          clipped += Float.isFinite(v) ? 1 : 0;
          r = overflow;
        } else {
          double ulp = format.ulp(v);
          predicted += ulp * ulp;
        }
        out[i] = Float.isNaN(v) ? v : Math.copySign(r, v);
      }
      acc.addClipped(clipped);
      acc.addPredictedNoise(predicted / 12);
    }
  }

  static final class Int extends SchemeKernel {
    private final Scheme scheme;
    private final IntFormat format;
    private final GroupParams fixed;

    Int(Scheme scheme, IntFormat format, GroupParams fixed) {
      this.scheme = scheme;
      this.format = format;
      this.fixed = fixed;
    }

    @Override
    public float groupScale(float[] x, int off, int len, float[] scratch) {
      return groupParams(x, off, len, scratch).scale();
    }

    @Override
    public GroupParams groupParams(float[] x, int off, int len, float[] scratch) {
      if (fixed != null) {
        return fixed;
      }
      float min = Float.POSITIVE_INFINITY;
      float max = Float.NEGATIVE_INFINITY;
      for (int i = off, end = off + len; i < end; i++) {
        min = Math.min(min, x[i]);
        max = Math.max(max, x[i]);
      }
      return params(x, off, len, scratch, min, max);
    }

    private GroupParams params(float[] x, int off, int len, float[] scratch, float min, float max) {
      if (fixed != null) {
        return fixed;
      }
      // ONNX Runtime's variants take min/max ranges only (the parser admits no other clip for
      // them).
      return scheme.recipe() == IntRecipe.ONNX
          ? RangeEstimator.intParams(
              format, scheme.symmetry(), scheme.clip(), x, off, len, scratch, min, max)
          : RangeEstimator.params(scheme.recipe(), format, scheme.symmetry(), min, max, 1f);
    }

    @Override
    public void roundTrip(
        float[] x, int off, int len, float[] out, float[] scratch, ErrorAccumulator acc) {
      float min = Float.POSITIVE_INFINITY;
      float max = Float.NEGATIVE_INFINITY;
      for (int i = off, end = off + len; i < end; i++) {
        min = Math.min(min, x[i]);
        max = Math.max(max, x[i]);
      }
      GroupParams p = params(x, off, len, scratch, min, max);
      acc.addClipped(IntQuantizer.roundTrip(x, off, len, p, out, min, max));
      double step = p.scale();
      acc.addPredictedNoise(len * step * step / 12);
    }
  }

  /** NNCF's rule, group by group (the scheme parser admits no per-tensor NNCF scheme). */
  static final class Nncf extends SchemeKernel {
    private final IntFormat format;
    private final Symmetry symmetry;

    Nncf(IntFormat format, Symmetry symmetry) {
      this.format = format;
      this.symmetry = symmetry;
    }

    private GroupParams signedParams(float[] x, int off, int len) {
      float min = Float.POSITIVE_INFINITY;
      float max = Float.NEGATIVE_INFINITY;
      for (int i = off, end = off + len; i < end; i++) {
        min = Math.min(min, x[i]);
        max = Math.max(max, x[i]);
      }
      return NncfQuantizer.params(format, symmetry, min, max);
    }

    @Override
    public float groupScale(float[] x, int off, int len, float[] scratch) {
      return Math.abs(signedParams(x, off, len).scale());
    }

    @Override
    public GroupParams groupParams(float[] x, int off, int len, float[] scratch) {
      return NncfQuantizer.withPositiveStep(signedParams(x, off, len));
    }

    @Override
    public void roundTrip(
        float[] x, int off, int len, float[] out, float[] scratch, ErrorAccumulator acc) {
      GroupParams p = signedParams(x, off, len);
      acc.addClipped(NncfQuantizer.roundTrip(x, off, len, p, out));
      double step = p.scale();
      acc.addPredictedNoise(len * step * step / 12);
    }
  }

  /** MLX's affine rule, group by group. */
  static final class Mlx extends SchemeKernel {
    private final IntFormat format;

    Mlx(IntFormat format) {
      this.format = format;
    }

    private MlxQuantizer.Params params(float[] x, int off, int len) {
      float min = Float.POSITIVE_INFINITY;
      float max = Float.NEGATIVE_INFINITY;
      for (int i = off, end = off + len; i < end; i++) {
        min = Math.min(min, x[i]);
        max = Math.max(max, x[i]);
      }
      return MlxQuantizer.params(format, min, max);
    }

    @Override
    public float groupScale(float[] x, int off, int len, float[] scratch) {
      return Math.abs(params(x, off, len).scale());
    }

    @Override
    public GroupParams groupParams(float[] x, int off, int len, float[] scratch) {
      return params(x, off, len).asGroupParams();
    }

    @Override
    public void roundTrip(
        float[] x, int off, int len, float[] out, float[] scratch, ErrorAccumulator acc) {
      MlxQuantizer.Params p = params(x, off, len);
      acc.addClipped(MlxQuantizer.roundTrip(x, off, len, p, out));
      double step = p.scale();
      acc.addPredictedNoise(len * step * step / 12);
    }
  }

  static final class Nf4 extends SchemeKernel {
    private final Clip clip;
    private final float fixedScale;

    Nf4(Clip clip, float fixedScale) {
      this.clip = clip;
      this.fixedScale = fixedScale;
    }

    @Override
    public float groupScale(float[] x, int off, int len, float[] scratch) {
      return Float.isNaN(fixedScale)
          ? RangeEstimator.nf4Scale(clip, x, off, len, scratch)
          : fixedScale;
    }

    @Override
    public void roundTrip(
        float[] x, int off, int len, float[] out, float[] scratch, ErrorAccumulator acc) {
      float scale = groupScale(x, off, len, scratch);
      acc.addClipped(Nf4Quantizer.roundTrip(x, off, len, scale, out));
      acc.addPredictedNoise(Double.NaN);
    }
  }
}
