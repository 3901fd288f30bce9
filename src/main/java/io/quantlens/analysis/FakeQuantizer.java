package io.quantlens.analysis;

import io.quantlens.model.Tensor;
import io.quantlens.quant.ErrorAccumulator;
import io.quantlens.quant.Granularity;
import io.quantlens.quant.HistogramAccumulator;
import io.quantlens.quant.IntFormat;
import io.quantlens.quant.RangeEstimator;
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
    SchemeKernel kernel = SchemeKernel.of(scheme, tensorParams(scheme, values, scratch));
    ErrorAccumulator ignored = new ErrorAccumulator(new HistogramAccumulator(-1, 1, 1));
    Granularity g = scheme.granularity();
    if (scheme.isFloat() || g.kind() == Granularity.Kind.TENSOR) {
      kernel.roundTrip(channelMajor, 0, n, out, scratch, ignored);
    } else {
      int group = g.kind() == Granularity.Kind.CHANNEL ? reduction : g.groupSize();
      for (int c = 0; c < channels; c++) {
        for (int r = 0; r < reduction; r += group) {
          kernel.roundTrip(
              channelMajor,
              c * reduction + r,
              Math.min(group, reduction - r),
              out,
              scratch,
              ignored);
        }
      }
    }
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

  private static SchemeKernel.TensorParams tensorParams(
      Scheme scheme, float[] values, float[] scratch) {
    if (scheme.isFloat() || scheme.granularity().kind() != Granularity.Kind.TENSOR) {
      return null;
    }
    if (scheme.format() instanceof IntFormat f) {
      return new SchemeKernel.TensorParams(
          RangeEstimator.intParams(
              f, scheme.symmetry(), scheme.clip(), values, 0, values.length, scratch),
          Float.NaN);
    }
    return new SchemeKernel.TensorParams(
        null, RangeEstimator.nf4Scale(scheme.clip(), values, 0, values.length, scratch));
  }
}
