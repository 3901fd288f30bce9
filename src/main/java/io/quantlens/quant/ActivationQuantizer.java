package io.quantlens.quant;

/**
 * The activation round trip in Java, the same float32 arithmetic as the nodes QuantLens writes into
 * a graph (docs/activations.md#simulation): for measuring an activation's own error without a run.
 * One call is one tensor of one run, so dynamic ranges span it (or each of its rows).
 */
public final class ActivationQuantizer {
  private static final float FP8_MAX = 448f;

  private ActivationQuantizer() {}

  /**
   * x̂ for a tensor of {@code x.length} values whose last axis has {@code rowLength} values.
   *
   * @param range the calibrated range of a static scheme; ignored otherwise
   */
  public static float[] roundTrip(
      float[] x, int rowLength, ActivationScheme scheme, ActivationRange range) {
    float[] y = new float[x.length];
    Format format = scheme.format();
    if (format == FloatFormat.FP32) {
      System.arraycopy(x, 0, y, 0, x.length);
      return y;
    }
    if (format == FloatFormat.FP16 || format == FloatFormat.BF16) {
      FloatFormat f = (FloatFormat) format;
      for (int i = 0; i < x.length; i++) {
        y[i] = f.round(x[i]);
      }
      return y;
    }
    int row = scheme.scope() == ActivationScheme.Scope.TOKEN ? rowLength : x.length;
    for (int start = 0; start < x.length; start += row) {
      int end = Math.min(x.length, start + row);
      if (format == FloatFormat.FP8_E4M3) {
        float scale = fp8Scale(x, start, end, scheme, range);
        for (int i = start; i < end; i++) {
          y[i] = FloatFormat.FP8_E4M3.round(x[i] / scale) * scale;
        }
      } else {
        GroupParams p = intParams(x, start, end, scheme, range);
        for (int i = start; i < end; i++) {
          float q = Math.max(p.qmin(), Math.min(p.qmax(), p.unclampedCode(x[i])));
          y[i] = (q - p.zeroPoint()) * p.scale();
        }
      }
    }
    return y;
  }

  /**
   * The parameters of an integer scheme: from the calibrated range by the ONNX recipe (symmetric
   * codes saturating at −2^(b−1) as QuantizeLinear does), or from the values as
   * DynamicQuantizeLinear computes them.
   */
  public static GroupParams intParams(
      float[] x, int start, int end, ActivationScheme scheme, ActivationRange range) {
    IntFormat format = (IntFormat) scheme.format();
    boolean sym = scheme.symmetry() == Symmetry.SYM;
    int qmin = sym ? -(1 << (format.bits() - 1)) : 0;
    if (scheme.mode() == ActivationScheme.Mode.STATIC) {
      return staticParams(format, scheme.symmetry(), range);
    }
    float lo = 0;
    float hi = 0;
    float amax = 0;
    for (int i = start; i < end; i++) {
      lo = Math.min(lo, x[i]);
      hi = Math.max(hi, x[i]);
      amax = Math.max(amax, Math.abs(x[i]));
    }
    if (sym) {
      float scale = Math.max(amax / format.symmetricMax(), Float.MIN_NORMAL);
      return new GroupParams(scale, 0, qmin, format.symmetricMax());
    }
    int qmax = format.unsignedMax();
    float scale = Math.max((hi - lo) / qmax, Float.MIN_NORMAL);
    int zp = (int) Math.max(0, Math.min(qmax, Math.rint(-lo / scale)));
    return new GroupParams(scale, zp, 0, qmax);
  }

  /**
   * The ONNX recipe's parameters for a calibrated range, with symmetric codes saturating at
   * −2^(b−1) as QuantizeLinear does.
   */
  public static GroupParams staticParams(
      IntFormat format, Symmetry symmetry, ActivationRange range) {
    if (symmetry == Symmetry.SYM) {
      float absmax = Math.max(Math.abs(range.min()), Math.abs(range.max()));
      GroupParams p = GroupParams.symmetric(format, absmax);
      return new GroupParams(p.scale(), 0, -(1 << (format.bits() - 1)), p.qmax());
    }
    return GroupParams.asymmetric(format, range.min(), range.max());
  }

  /**
   * The values a static integer scheme can write for its calibrated range, lowest first; empty for
   * dynamic schemes (their grid changes every run) and float formats.
   */
  public static double[] levels(ActivationScheme scheme, ActivationRange range) {
    if (scheme.mode() != ActivationScheme.Mode.STATIC
        || range == null
        || !(scheme.format() instanceof IntFormat format)) {
      return new double[0];
    }
    GroupParams p = staticParams(format, scheme.symmetry(), range);
    double[] levels = new double[p.qmax() - p.qmin() + 1];
    for (int q = p.qmin(); q <= p.qmax(); q++) {
      levels[q - p.qmin()] = (float) ((q - p.zeroPoint()) * p.scale());
    }
    return levels;
  }

  /** amax / 448 in float32 for a calibrated range; 1 for an all-zero one. */
  public static float fp8Scale(ActivationRange range) {
    float scale = Math.max(Math.abs(range.min()), Math.abs(range.max())) / FP8_MAX;
    return scale >= Float.MIN_NORMAL ? scale : 1f;
  }

  private static float fp8Scale(
      float[] x, int start, int end, ActivationScheme scheme, ActivationRange range) {
    if (scheme.mode() == ActivationScheme.Mode.STATIC) {
      return fp8Scale(range);
    }
    float amax = 0;
    for (int i = start; i < end; i++) {
      amax = Math.max(amax, Math.abs(x[i]));
    }
    return Math.max(amax / FP8_MAX, Float.MIN_NORMAL);
  }
}
