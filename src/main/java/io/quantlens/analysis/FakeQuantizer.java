package io.quantlens.analysis;

import io.quantlens.model.Tensor;
import io.quantlens.quant.ErrorAccumulator;
import io.quantlens.quant.HistogramAccumulator;
import io.quantlens.quant.Scheme;
import io.quantlens.quant.SchemeKernel;

/**
 * A tensor's values after quantize → dequantize under a scheme, in the tensor's own row-major
 * layout: the weights an inference engine would run with. Uses the same kernels and group layout as
 * the analysis.
 */
public final class FakeQuantizer {
  private FakeQuantizer() {}

  public static float[] roundTrip(Tensor tensor, int channelAxis, Scheme scheme) {
    long count = tensor.elementCount();
    if (count > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(tensor.name() + " is too large to hold in one array");
    }
    int n = (int) count;
    float[] values = new float[n];
    tensor.reader().read(0, values, 0, n);
    TensorLayout layout = TensorLayout.of(tensor, channelAxis);
    int channels = (int) layout.channels();
    int reduction = (int) layout.reduction();
    int inner = (int) layout.inner();

    float[] channelMajor = new float[n];
    for (int c = 0; c < channels; c++) {
      for (int r = 0; r < reduction; r++) {
        channelMajor[c * reduction + r] = values[flatIndex(c, r, channels, inner)];
      }
    }
    float[] out = new float[n];
    float[] scratch = new float[n];
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    for (float v : values) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    SchemeKernel kernel =
        SchemeKernel.of(scheme, SchemeKernel.TensorParams.choose(scheme, min, max, () -> values));
    ErrorAccumulator ignored = new ErrorAccumulator(new HistogramAccumulator(-1, 1, 1));
    kernel.roundTripChannels(scheme, channelMajor, channels, reduction, out, scratch, ignored);
    float[] result = new float[n];
    for (int c = 0; c < channels; c++) {
      for (int r = 0; r < reduction; r++) {
        result[flatIndex(c, r, channels, inner)] = out[c * reduction + r];
      }
    }
    return result;
  }

  private static int flatIndex(int channel, int r, int channels, int inner) {
    return (r / inner) * channels * inner + channel * inner + r % inner;
  }
}
