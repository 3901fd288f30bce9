package io.quantlens.eval;

import ai.onnxruntime.OrtException;
import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.formats.onnx.OutputOffset;
import io.quantlens.formats.onnx.WeightPatcher;
import io.quantlens.model.Layer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Empirical bias correction (Nagel et al., "Data-Free Quantization Through Weight Equalization and
 * Bias Correction", ICCV 2019, section 4.2): quantizing W to W̃ shifts a layer's mean output by
 * ΔW·E[x] with ΔW = W̃ − W, so the corrected layer adds −ΔW·E[x] per output channel, E[x] being the
 * mean of its FP32 input per input channel on the calibration samples. The means are read once per
 * input and kept.
 */
final class BiasCorrection {
  private final ValueReads reads;
  private final Map<String, double[]> means = new HashMap<>();

  BiasCorrection(ValueReads reads) {
    this.reads = reads;
  }

  /** The offset each bias-corrected layer of {@code plan} with quantized weights adds. */
  synchronized Map<String, OutputOffset> offsets(
      PrecisionPlan plan,
      List<FakeQuantizedWeights.Replacement> replacements,
      WeightPatcher patcher,
      EvalProgress progress)
      throws EvalException, InterruptedException {
    Map<String, float[]> quantized = new LinkedHashMap<>();
    for (FakeQuantizedWeights.Replacement r : replacements) {
      if (plan.biasCorrected().contains(r.layer().name())) {
        quantized.put(r.layer().name(), r.values());
      }
    }
    if (quantized.isEmpty()) {
      return Map.of();
    }
    Map<String, String> inputs = new LinkedHashMap<>();
    Set<String> missing = new LinkedHashSet<>();
    for (String layer : quantized.keySet()) {
      String value = patcher.activationValues(layer).get(0);
      inputs.put(layer, value);
      if (!means.containsKey(value)) {
        missing.add(value);
      }
    }
    read(missing, patcher, progress);
    Map<String, OutputOffset> offsets = new LinkedHashMap<>();
    for (Layer layer : reads.model().layers()) {
      float[] q = quantized.get(layer.name());
      if (q != null) {
        offsets.put(layer.name(), offset(layer, q, means.get(inputs.get(layer.name()))));
      }
    }
    return offsets;
  }

  /** −ΔW·E[x] for each output channel, in double. */
  static OutputOffset offset(Layer layer, float[] quantized, double[] mean) throws EvalException {
    float[] w = new float[quantized.length];
    layer.weight().reader().read(0, w, 0, w.length);
    long[] shape = layer.weight().shape();
    boolean conv = layer.opType().startsWith("Conv");
    int outputs = (int) shape[layer.channelAxis()];
    float[] offset = new float[outputs];
    if (conv) {
      int perGroup = (int) shape[1];
      int spatial = w.length / (outputs * perGroup);
      int groups = mean.length / perGroup;
      if (perGroup * groups != mean.length || outputs % groups != 0) {
        throw mismatch(layer, mean.length);
      }
      int outputsPerGroup = outputs / groups;
      for (int o = 0; o < outputs; o++) {
        double sum = 0;
        int firstInput = (o / outputsPerGroup) * perGroup;
        for (int c = 0; c < perGroup; c++) {
          for (int s = 0; s < spatial; s++) {
            int i = (o * perGroup + c) * spatial + s;
            sum += ((double) quantized[i] - w[i]) * mean[firstInput + c];
          }
        }
        offset[o] = (float) -sum;
      }
      return OutputOffset.perChannel(offset, true, shape.length);
    }
    if (shape.length != 2 || shape[1 - layer.channelAxis()] != mean.length) {
      throw mismatch(layer, mean.length);
    }
    int reduction = mean.length;
    for (int n = 0; n < outputs; n++) {
      double sum = 0;
      for (int k = 0; k < reduction; k++) {
        int i = layer.channelAxis() == 1 ? k * outputs + n : n * reduction + k;
        sum += ((double) quantized[i] - w[i]) * mean[k];
      }
      offset[n] = (float) -sum;
    }
    return OutputOffset.perChannel(offset, false, 2);
  }

  private static EvalException mismatch(Layer layer, int inputChannels) {
    return new EvalException(
        "bias correction of layer '"
            + layer.name()
            + "': its input has "
            + inputChannels
            + " channels, which its weight "
            + layer.weight().shapeText()
            + " does not reduce over");
  }

  /** Sums each value per channel (axis 1 of a 4-D Conv input, else the last) over the split. */
  private void read(Set<String> values, WeightPatcher patcher, EvalProgress progress)
      throws EvalException, InterruptedException {
    if (values.isEmpty()) {
      return;
    }
    Map<String, double[]> sums = new HashMap<>();
    Map<String, long[]> counts = new HashMap<>();
    Set<String> channelsFirst = new java.util.HashSet<>();
    for (Layer layer : reads.model().layers()) {
      if (layer.opType().startsWith("Conv")) {
        channelsFirst.addAll(patcher.activationValues(layer.name()));
      }
    }
    reads.collect(
        patcher,
        values,
        (start, name, buffer, shape) -> {
          int axis = channelsFirst.contains(name) && shape.length > 1 ? 1 : shape.length - 1;
          int channels = shape.length == 0 ? 1 : (int) shape[axis];
          long inner = 1;
          for (int i = axis + 1; i < shape.length; i++) {
            inner *= shape[i];
          }
          double[] sum = sums.computeIfAbsent(name, k -> new double[channels]);
          long[] count = counts.computeIfAbsent(name, k -> new long[channels]);
          if (sum.length != channels) {
            throw new OrtException(
                "activation '" + name + "' changes its channel count between runs");
          }
          for (int i = buffer.position(), n = 0; i < buffer.limit(); i++, n++) {
            float x = buffer.get(i);
            if (x == x) {
              int c = (int) ((n / inner) % channels);
              sum[c] += x;
              count[c]++;
            }
          }
        },
        progress,
        "measuring input means for bias correction",
        "reading the activations");
    for (String value : values) {
      double[] sum = sums.get(value);
      long[] count = counts.get(value);
      if (sum == null) {
        throw new EvalException("activation '" + value + "' was not read");
      }
      double[] mean = new double[sum.length];
      for (int c = 0; c < mean.length; c++) {
        mean[c] = count[c] == 0 ? 0 : sum[c] / count[c];
      }
      means.put(value, mean);
    }
  }
}
