package io.quantlens.analysis;

import io.quantlens.model.Layer;
import io.quantlens.quant.GroupParams;
import io.quantlens.quant.IntFormat;
import io.quantlens.quant.NncfQuantizer;
import io.quantlens.quant.Symmetry;
import java.util.concurrent.CancellationException;

/**
 * NNCF's data-free mixed-precision metric (nncf @ ef8e1dbd, mixed_precision.py {@code
 * DataFreeCriterion._calc_weight_sensitivity}, weight_lowering.py {@code
 * get_integer_quantization_error} with reduction "max_mean"): the weight round-tripped through the
 * backup INT8_ASYM per-channel compression, the mean squared error of each output channel, and the
 * largest of those means.
 *
 * <p>The weight is streamed through its {@link io.quantlens.model.TensorReader} a bounded block of
 * whole channels at a time, so a multi-gigabyte model is never held in memory; an interrupt stops
 * the stream before the next block.
 */
final class NncfSensitivity {
  /** Floats per block: 4 MiB, or one channel when a channel is longer. */
  private static final int BLOCK_ELEMENTS = 1 << 20;

  private static final IntFormat INT8 = new IntFormat(8);

  private NncfSensitivity() {}

  /** max over channels of mean((x̂ − x)²) under NNCF's INT8_ASYM, accumulated in double. */
  static double int8AsymError(Layer layer) {
    TensorLayout layout = TensorLayout.of(layer.weight(), layer.channelAxis());
    int reduction = (int) layout.reduction();
    if (reduction == 0 || layout.channels() == 0) {
      return 0;
    }
    int perBlock = (int) Math.max(1, Math.min(layout.channels(), BLOCK_ELEMENTS / reduction));
    float[] x = new float[perBlock * reduction];
    float[] xh = new float[x.length];
    float[] row = new float[perBlock];
    ChannelMajorReader reader = new ChannelMajorReader(layer.weight().reader(), layout);
    double worst = 0;
    for (long first = 0; first < layout.channels(); first += perBlock) {
      stopIfInterrupted(layer);
      int count = (int) Math.min(perBlock, layout.channels() - first);
      reader.read(first, count, x, row);
      for (int c = 0; c < count; c++) {
        worst = Math.max(worst, channelMeanSquaredError(x, c * reduction, reduction, xh));
      }
    }
    return worst;
  }

  /**
   * A preset's generator cannot throw checked exceptions, so an interrupted thread (a cancelled
   * background task) ends the walk with a {@link CancellationException}; the flag stays set.
   */
  private static void stopIfInterrupted(Layer layer) {
    if (Thread.currentThread().isInterrupted()) {
      throw new CancellationException("interrupted while reading " + layer.name());
    }
  }

  private static double channelMeanSquaredError(float[] x, int off, int len, float[] xh) {
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    for (int i = off, end = off + len; i < end; i++) {
      min = Math.min(min, x[i]);
      max = Math.max(max, x[i]);
    }
    GroupParams p = NncfQuantizer.params(INT8, Symmetry.ASYM, min, max);
    NncfQuantizer.roundTrip(x, off, len, p, xh);
    double sum = 0;
    for (int i = off, end = off + len; i < end; i++) {
      double e = (double) xh[i] - x[i];
      sum += e * e;
    }
    return sum / len;
  }
}
