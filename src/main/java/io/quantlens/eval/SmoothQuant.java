package io.quantlens.eval;

import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.formats.onnx.ActivationQuant;
import io.quantlens.formats.onnx.WeightPatcher;
import io.quantlens.model.Layer;
import io.quantlens.model.Tensor;
import io.quantlens.quant.ActivationHistogram;
import io.quantlens.quant.ActivationRange;
import io.quantlens.quant.ActivationScheme;
import io.quantlens.quant.Calibration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SmoothQuant (Xiao et al., "SmoothQuant: Accurate and Efficient Post-Training Quantization for
 * Large Language Models", ICML 2023, eq. 4): for Y = X·W the product is unchanged when X is divided
 * and W's rows multiplied by s_j = max|X_j|^α / max|W_j|^(1−α) per input channel j, which shrinks
 * the activation's outlier channels at the weight's expense. max|X_j| is read on the calibration
 * samples; both maxima and s are clamped at 1e-5 as the authors' code does. A static scheme's range
 * is that of X/s: exact from the per-channel extremes for min/max, from a histogram of X/s
 * otherwise (docs/activations.md#smoothquant).
 */
final class SmoothQuant {
  private static final float FLOOR = 1e-5f;

  private final ValueReads reads;
  private final Map<String, ChannelExtremes> extremes = new HashMap<>();
  private final Map<String, Smoothed> histograms = new HashMap<>();

  /** Per channel of the last axis: the exact min and max of one value over the split. */
  record ChannelExtremes(float[] min, float[] max) {
    /** The exact min and max of X/s over the split (s > 0). */
    ActivationRange divided(float[] s) {
      float lo = Float.POSITIVE_INFINITY;
      float hi = Float.NEGATIVE_INFINITY;
      for (int c = 0; c < s.length; c++) {
        lo = Math.min(lo, min[c] / s[c]);
        hi = Math.max(hi, max[c] / s[c]);
      }
      return lo > hi ? new ActivationRange(0, 0) : new ActivationRange(lo, hi);
    }
  }

  /** A histogram of X/s for one layer, with the s it was filled for and the ranges searched. */
  private record Smoothed(
      float[] s, ActivationHistogram histogram, Map<ActivationScheme, ActivationRange> ranges) {
    ActivationRange range(ActivationScheme scheme) {
      return ranges.computeIfAbsent(
          scheme, k -> histogram.range(k.calibration(), k.bits(), k.symmetry()));
    }
  }

  SmoothQuant(ValueReads reads) {
    this.reads = reads;
  }

  /** The layers {@code plan} smoothes: scaled activation, quantized weight, a foldable product. */
  static List<Layer> layers(
      PrecisionPlan plan, List<Layer> activationLayers, WeightPatcher patcher) {
    if (!plan.smoothes()) {
      return List.of();
    }
    return activationLayers.stream()
        .filter(l -> plan.activationFor(l.name()).isScaled())
        .filter(l -> !plan.schemeFor(l.name()).equals(PrecisionPlan.FP32))
        .filter(l -> patcher.smoothingRefusal(l.name()).isEmpty())
        .toList();
  }

  /** The round trip of each smoothed layer of {@code plan}, reading what is not known yet. */
  synchronized Map<String, ActivationQuant> quantization(
      PrecisionPlan plan, List<Layer> layers, WeightPatcher patcher, EvalProgress progress)
      throws EvalException, InterruptedException {
    Map<Layer, String> inputs = new LinkedHashMap<>();
    for (Layer layer : layers) {
      inputs.put(layer, patcher.activationValues(layer.name()).get(0));
    }
    readExtremes(new LinkedHashSet<>(inputs.values()), patcher, progress);
    Map<Layer, float[]> factors = new LinkedHashMap<>();
    for (Layer layer : layers) {
      factors.put(
          layer,
          factors(
              extremes.get(inputs.get(layer)),
              layer.weight(),
              layer.channelAxis(),
              plan.smoothQuantAlpha()));
    }
    Map<Layer, Calibration> needHistograms = new LinkedHashMap<>();
    for (Layer layer : layers) {
      ActivationScheme scheme = plan.activationFor(layer.name());
      Smoothed known = histograms.get(layer.name());
      if (scheme.needsCalibration()
          && scheme.calibration().kind() != Calibration.Kind.MINMAX
          && (known == null || !java.util.Arrays.equals(known.s(), factors.get(layer)))) {
        needHistograms.put(layer, scheme.calibration());
      }
    }
    readHistograms(needHistograms.keySet(), inputs, factors, patcher, progress);
    Map<String, ActivationQuant> quant = new LinkedHashMap<>();
    for (Layer layer : layers) {
      ActivationScheme scheme = plan.activationFor(layer.name());
      float[] s = factors.get(layer);
      ActivationRange range =
          !scheme.needsCalibration()
              ? null
              : scheme.calibration().kind() == Calibration.Kind.MINMAX
                  ? extremes.get(inputs.get(layer)).divided(s)
                  : histograms.get(layer.name()).range(scheme);
      quant.put(layer.name(), new ActivationQuant(scheme, range, s));
    }
    return quant;
  }

  /** s_j = max|X_j|^α / max|W_j|^(1−α), W_j the weight's row j along its input axis. */
  static float[] factors(ChannelExtremes x, Tensor weight, int channelAxis, double alpha)
      throws EvalException {
    long[] shape = weight.shape();
    int inputAxis = 1 - channelAxis;
    int inputs = (int) shape[inputAxis];
    if (x.min().length != inputs) {
      throw new EvalException(
          "SmoothQuant: the input has "
              + x.min().length
              + " channels, which the weight "
              + weight.shapeText()
              + " does not reduce over");
    }
    float[] w = values(weight);
    float[] wMax = new float[inputs];
    int outputs = (int) shape[channelAxis];
    for (int j = 0; j < inputs; j++) {
      for (int o = 0; o < outputs; o++) {
        int i = inputAxis == 0 ? j * outputs + o : o * inputs + j;
        wMax[j] = Math.max(wMax[j], Math.abs(w[i]));
      }
    }
    float[] s = new float[inputs];
    for (int j = 0; j < inputs; j++) {
      double xMax = Math.max(FLOOR, Math.max(-x.min()[j], x.max()[j]));
      double factor = Math.pow(xMax, alpha) / Math.pow(Math.max(FLOOR, wMax[j]), 1 - alpha);
      s[j] = (float) Math.max(FLOOR, factor);
    }
    return s;
  }

  /** {@code weight} with row j along its input axis multiplied by s_j, as a tensor in memory. */
  static Tensor scaled(Tensor weight, int channelAxis, float[] s) {
    long[] shape = weight.shape();
    int inputAxis = 1 - channelAxis;
    int outputs = (int) shape[channelAxis];
    int inputs = (int) shape[inputAxis];
    float[] w = values(weight);
    for (int i = 0; i < w.length; i++) {
      int j = inputAxis == 0 ? i / outputs : i % inputs;
      w[i] *= s[j];
    }
    return new Tensor(weight.name(), weight.dtype(), shape, io.quantlens.model.TensorReader.of(w));
  }

  private static float[] values(Tensor weight) {
    float[] w = new float[(int) weight.elementCount()];
    weight.reader().read(0, w, 0, w.length);
    return w;
  }

  private void readExtremes(Set<String> values, WeightPatcher patcher, EvalProgress progress)
      throws EvalException, InterruptedException {
    values.removeAll(extremes.keySet());
    if (values.isEmpty()) {
      return;
    }
    Map<String, ChannelExtremes> filling = new HashMap<>();
    reads.collect(
        patcher,
        values,
        (start, value, buffer, shape) -> {
          int channels = shape.length == 0 ? 1 : (int) shape[shape.length - 1];
          ChannelExtremes e = filling.computeIfAbsent(value, k -> emptyExtremes(channels));
          if (e.min().length != channels) {
            throw new ai.onnxruntime.OrtException(
                "activation '" + value + "' changes its channel count between runs");
          }
          for (int i = buffer.position(), n = 0; i < buffer.limit(); i++, n++) {
            float x = buffer.get(i);
            int c = n % channels;
            if (x == x) {
              e.min()[c] = Math.min(e.min()[c], x);
              e.max()[c] = Math.max(e.max()[c], x);
            }
          }
        },
        progress,
        "SmoothQuant: input ranges per channel of " + values.size() + " activations",
        "reading the activations");
    for (String value : values) {
      ChannelExtremes e = filling.get(value);
      if (e == null) {
        throw new EvalException("activation '" + value + "' was not read");
      }
      extremes.put(value, e);
    }
  }

  private static ChannelExtremes emptyExtremes(int channels) {
    float[] min = new float[channels];
    float[] max = new float[channels];
    java.util.Arrays.fill(min, Float.POSITIVE_INFINITY);
    java.util.Arrays.fill(max, Float.NEGATIVE_INFINITY);
    return new ChannelExtremes(min, max);
  }

  private void readHistograms(
      Set<Layer> layers,
      Map<Layer, String> inputs,
      Map<Layer, float[]> factors,
      WeightPatcher patcher,
      EvalProgress progress)
      throws EvalException, InterruptedException {
    if (layers.isEmpty()) {
      return;
    }
    Map<String, List<Layer>> byValue = new LinkedHashMap<>();
    Map<Layer, ActivationHistogram> filling = new LinkedHashMap<>();
    for (Layer layer : layers) {
      String value = inputs.get(layer);
      byValue.computeIfAbsent(value, k -> new java.util.ArrayList<>()).add(layer);
      ActivationRange r = extremes.get(value).divided(factors.get(layer));
      filling.put(layer, new ActivationHistogram(r.min(), r.max()));
    }
    reads.collect(
        patcher,
        byValue.keySet(),
        (start, value, buffer, shape) -> {
          float[] x = new float[buffer.remaining()];
          buffer.duplicate().get(x);
          float[] divided = new float[x.length];
          for (Layer layer : byValue.get(value)) {
            float[] s = factors.get(layer);
            for (int i = 0; i < x.length; i++) {
              divided[i] = x[i] / s[i % s.length];
            }
            filling.get(layer).add(divided, 0, divided.length);
          }
        },
        progress,
        "SmoothQuant: histograms of " + layers.size() + " smoothed activations",
        "calibration");
    filling.forEach(
        (layer, histogram) ->
            histograms.put(
                layer.name(),
                new Smoothed(factors.get(layer), histogram, new java.util.HashMap<>())));
  }
}
