package io.quantlens.eval;

import ai.onnxruntime.OrtException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one layer's input activation on the calibration samples, run by run, and keeps the last few
 * edges read, so that a change of scheme re-measures it without running the model again.
 */
final class ActivationProfiler {
  /** Edges whose values stay in memory. */
  static final int KEPT_EDGES = 8;

  /** Values of one edge kept at most: 2^25 floats, 128 MB. */
  static final long MAX_VALUES = 1L << 25;

  /** One run's tensor of the edge. */
  private record Run(float[] values, long[] shape) {}

  private final Map<String, List<Run>> kept =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<Run>> eldest) {
          return size() > KEPT_EDGES;
        }
      };

  /** The profile of {@code layer}'s first input edge under {@code quant}. */
  synchronized ActivationProfile profile(
      Layer layer, ActivationQuant quant, PlanRewriter rewriter, EvalProgress progress)
      throws EvalException, InterruptedException {
    List<String> values = rewriter.patcher().activationValues(layer.name());
    if (values.isEmpty()) {
      throw new EvalException(
          "layer '" + layer.name() + "' reads no activation the calibration samples can show");
    }
    String value = values.get(0);
    List<Run> runs = kept.get(value);
    if (runs == null) {
      runs = read(value, rewriter, progress);
      kept.put(value, runs);
    }
    return measure(layer, value, runs, quant);
  }

  private List<Run> read(String value, PlanRewriter rewriter, EvalProgress progress)
      throws EvalException, InterruptedException {
    List<Run> runs = new ArrayList<>();
    long[] total = {0};
    rewriter
        .valueReads()
        .collect(
            rewriter.patcher(),
            Set.of(value),
            (start, name, buffer, shape) -> {
              total[0] += buffer.remaining();
              if (total[0] > MAX_VALUES) {
                throw new OrtException(
                    "activation '"
                        + value
                        + "' holds more than "
                        + MAX_VALUES
                        + " values on the"
                        + " calibration samples; use fewer (--calibration-samples)");
              }
              float[] copy = new float[buffer.remaining()];
              buffer.get(buffer.position(), copy);
              runs.add(new Run(copy, shape));
            },
            progress,
            "reading activation " + value,
            "reading the activation");
    return runs;
  }

  private static ActivationProfile measure(
      Layer layer, String value, List<Run> runs, ActivationQuant quant) {
    ActivationScheme scheme = quant.scheme();
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    for (Run run : runs) {
      for (float x : run.values()) {
        if (x == x) {
          min = Math.min(min, x);
          max = Math.max(max, x);
        }
      }
    }
    if (min > max) {
      min = 0;
      max = 0;
    }
    ActivationHistogram histogram = new ActivationHistogram(min, max);
    int axis = layer.opType().startsWith("Conv") ? 1 : -1;
    Moments all = new Moments();
    List<Moments> channels = new ArrayList<>();
    double signal = 0;
    double noise = 0;
    long clipped = 0;
    long count = 0;
    for (Run run : runs) {
      float[] x = run.values();
      histogram.add(x, 0, x.length);
      long[] shape = run.shape();
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
    List<ActivationProfile.Channel> stats = new ArrayList<>();
    for (Moments m : channels) {
      stats.add(new ActivationProfile.Channel(m.min, m.max, m.excessKurtosis()));
    }
    return new ActivationProfile(
        layer.name(),
        value,
        scheme,
        quant.range(),
        histogram,
        count == 0 ? 0 : (double) clipped / count,
        10 * Math.log10(signal / noise),
        axis < 0 ? Math.max(0, runs.isEmpty() ? 0 : runs.get(0).shape().length - 1) : axis,
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
