package io.quantlens.eval;

import io.quantlens.formats.onnx.ActivationQuant;
import io.quantlens.model.Layer;
import io.quantlens.quant.ActivationHistogram;
import io.quantlens.quant.ActivationQuantizer;
import io.quantlens.quant.ActivationRange;
import io.quantlens.quant.ActivationScheme;
import io.quantlens.quant.FloatFormat;
import io.quantlens.quant.GroupParams;
import io.quantlens.quant.IntFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * One layer's input activation profile built run by run (docs/activations.md#the-activation-view):
 * the histogram over extremes known beforehand, the round trip's SQNR and clipped share, and
 * moments per channel (axis 1 of a Conv input, else the last axis).
 */
final class ProfileAccumulator {
  private final Layer layer;
  private final String value;
  private final ActivationQuant quant;
  private final float[] smoothing;
  private final ActivationHistogram histogram;
  private final int axis;
  private final Moments all = new Moments();
  private final List<Moments> channels = new ArrayList<>();
  private double signal;
  private double noise;
  private long clipped;
  private long count;
  private int rank;

  /** {@code min} and {@code max} bound every value to come (an empty range when min > max). */
  ProfileAccumulator(Layer layer, String value, ActivationQuant quant, float min, float max) {
    this.layer = layer;
    this.value = value;
    this.quant = quant;
    this.smoothing = quant.smoothing();
    float[] s = smoothing;
    if (s != null && min <= max) {
      // X/s lies within these bounds whatever channel each extreme came from
      float sMin = Float.POSITIVE_INFINITY;
      float sMax = 0;
      for (float f : s) {
        sMin = Math.min(sMin, f);
        sMax = Math.max(sMax, f);
      }
      float lo = min >= 0 ? min / sMax : min / sMin;
      float hi = max >= 0 ? max / sMin : max / sMax;
      min = lo;
      max = hi;
    }
    this.histogram = min > max ? new ActivationHistogram(0, 0) : new ActivationHistogram(min, max);
    this.axis = layer.opType().startsWith("Conv") ? 1 : -1;
  }

  /** One run's tensor of the activation, row-major with {@code shape}. */
  void add(float[] input, long[] shape) {
    ActivationScheme scheme = quant.scheme();
    float[] x = smoothed(input);
    rank = shape.length;
    histogram.add(x, 0, x.length);
    int rowLength = shape.length == 0 ? x.length : (int) shape[shape.length - 1];
    float[] y = ActivationQuantizer.roundTrip(x, rowLength, scheme, quant.range());
    int channelCount = channelCount(shape, axis);
    int inner = inner(shape, axis);
    while (channels.size() < channelCount) {
      channels.add(new Moments());
    }
    for (int i = 0; i < x.length; i++) {
      if (x[i] != x[i]) {
        continue;
      }
      double d = (double) x[i] - y[i];
      signal += (double) x[i] * x[i];
      noise += d * d;
      all.add(x[i]);
      channels.get((i / inner) % channelCount).add(x[i]);
    }
    clipped += clippedCount(x, scheme, quant.range());
    count += x.length;
  }

  /** The input divided by SmoothQuant's factors along its last axis, or the input itself. */
  private float[] smoothed(float[] input) {
    float[] s = smoothing;
    if (s == null) {
      return input;
    }
    float[] x = new float[input.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = input[i] / s[i % s.length];
    }
    return x;
  }

  ActivationProfile result() {
    List<ActivationProfile.Channel> stats = new ArrayList<>();
    for (Moments m : channels) {
      stats.add(new ActivationProfile.Channel(m.min, m.max, m.excessKurtosis()));
    }
    return new ActivationProfile(
        layer.name(),
        value,
        smoothing != null,
        quant.scheme(),
        quant.range(),
        histogram,
        count == 0 ? 0 : (double) clipped / count,
        10 * Math.log10(signal / noise),
        axis < 0 ? Math.max(0, rank - 1) : axis,
        stats,
        all.excessKurtosis());
  }

  private static int channelCount(long[] shape, int axis) {
    if (shape.length == 0) {
      return 1;
    }
    int a = axis < 0 ? shape.length - 1 : Math.min(axis, shape.length - 1);
    return (int) Math.max(1, shape[a]);
  }

  /** Elements after the channel axis in row-major order. */
  private static int inner(long[] shape, int axis) {
    if (shape.length == 0) {
      return 1;
    }
    int a = axis < 0 ? shape.length - 1 : Math.min(axis, shape.length - 1);
    long n = 1;
    for (int i = a + 1; i < shape.length; i++) {
      n *= shape[i];
    }
    return (int) Math.max(1, n);
  }

  /** Values a static range cannot hold: codes beyond the grid, or beyond ±448 for FP8. */
  private static long clippedCount(float[] x, ActivationScheme scheme, ActivationRange range) {
    if (!scheme.needsCalibration()) {
      if (scheme.format() == FloatFormat.FP16) {
        long n = 0;
        for (float v : x) {
          n += Math.abs(v) > FloatFormat.FP16.maxFinite() ? 1 : 0;
        }
        return n;
      }
      return 0;
    }
    long n = 0;
    if (scheme.format() instanceof IntFormat format) {
      GroupParams p = ActivationQuantizer.staticParams(format, scheme.symmetry(), range);
      for (float v : x) {
        float code = p.unclampedCode(v);
        n += code < p.qmin() || code > p.qmax() ? 1 : 0;
      }
    } else {
      float scale = ActivationQuantizer.fp8Scale(range);
      for (float v : x) {
        n += Math.abs(v / scale) > FloatFormat.FP8_E4M3.maxFinite() ? 1 : 0;
      }
    }
    return n;
  }

  /** Running min, max and the first four moments, in double. */
  private static final class Moments {
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    long n;
    double s1;
    double s2;
    double s3;
    double s4;

    void add(float v) {
      double x = v;
      min = Math.min(min, v);
      max = Math.max(max, v);
      n++;
      s1 += x;
      s2 += x * x;
      s3 += x * x * x;
      s4 += x * x * x * x;
    }

    /** m4 / m2² − 3 with central moments from the raw sums. */
    double excessKurtosis() {
      if (n == 0) {
        return Double.NaN;
      }
      double mean = s1 / n;
      double m2 = s2 / n - mean * mean;
      double m4 =
          s4 / n - 4 * mean * s3 / n + 6 * mean * mean * s2 / n - 3 * mean * mean * mean * mean;
      return m2 > 0 ? m4 / (m2 * m2) - 3 : Double.NaN;
    }
  }
}
