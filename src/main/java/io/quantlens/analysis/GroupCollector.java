package io.quantlens.analysis;

import io.quantlens.quant.ErrorStats;
import io.quantlens.quant.Granularity;
import io.quantlens.quant.GroupParams;
import io.quantlens.quant.Scheme;
import io.quantlens.quant.SchemeKernel;

/**
 * Collects each scale group's scale and SQNR while a {@link TensorAnalyzer} runs one per-channel or
 * per-group scheme, and remembers the widest group (largest scale, the first one on a tie). Units
 * must arrive in order, one at a time.
 *
 * <p>Group {@code g} of channel {@code c} has index {@code c·groupsPerChannel + g}: groups follow
 * the engine's layout, consecutive runs of N weights along each channel's reduction vector.
 */
final class GroupCollector implements TensorAnalyzer.UnitObserver {
  private final int reduction;
  private final int groupSize;
  private final int groupsPerChannel;
  private final float[] scales;
  private final double[] sqnrDb;
  private float[] scratch = new float[0];
  private int widest = -1;
  private GroupParams widestParams;
  private double[] widestLevels;

  GroupCollector(Scheme scheme, TensorLayout layout) {
    Granularity g = scheme.granularity();
    if (scheme.isFloat() || g.kind() == Granularity.Kind.TENSOR) {
      throw new IllegalArgumentException(scheme.id() + " has a single scale group");
    }
    this.reduction = (int) layout.reduction();
    this.groupSize = g.kind() == Granularity.Kind.CHANNEL ? reduction : g.groupSize();
    this.groupsPerChannel = (reduction + groupSize - 1) / groupSize;
    long groups = layout.channels() * groupsPerChannel;
    if (groups > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(groups + " scale groups are too many to list");
    }
    this.scales = new float[(int) groups];
    this.sqnrDb = new double[(int) groups];
  }

  @Override
  public void roundTripped(
      int scheme, SchemeKernel kernel, long firstChannel, int channels, float[] x, float[] xh) {
    if (scratch.length < x.length) {
      scratch = new float[x.length];
    }
    for (int c = 0; c < channels; c++) {
      int group = (int) ((firstChannel + c) * groupsPerChannel);
      for (int r = 0; r < reduction; r += groupSize, group++) {
        int off = c * reduction + r;
        int len = Math.min(groupSize, reduction - r);
        float scale = kernel.groupScale(x, off, len, scratch);
        double signal = 0;
        double noise = 0;
        for (int i = off, end = off + len; i < end; i++) {
          double v = x[i];
          double e = v - xh[i];
          signal += v * v;
          noise += e * e;
        }
        scales[group] = scale;
        sqnrDb[group] = ErrorStats.sqnrDb(signal, noise);
        if (widest < 0 || scale > scales[widest]) {
          widest = group;
          widestParams = kernel.groupParams(x, off, len, scratch);
          widestLevels = kernel.groupLevels(x, off, len, scratch);
        }
      }
    }
  }

  int groupSize() {
    return groupSize;
  }

  float[] scales() {
    return scales;
  }

  double[] sqnrDb() {
    return sqnrDb;
  }

  /** Index of the group with the largest scale. */
  int widest() {
    return widest;
  }

  /** The widest group's integer parameters; null for NF4 and ggml block formats. */
  GroupParams widestParams() {
    return widestParams;
  }

  /**
   * The widest group's decodable values when its parameters cannot describe them (ggml); else null.
   */
  double[] widestLevels() {
    return widestLevels;
  }
}
