package io.quantlens.analysis;

import io.quantlens.quant.FloatFormat;
import io.quantlens.quant.GgmlFormat;
import io.quantlens.quant.GroupParams;
import io.quantlens.quant.IntFormat;
import io.quantlens.quant.Nf4Format;
import io.quantlens.quant.Scheme;
import io.quantlens.quant.SchemeKernel;
import java.util.Arrays;

/**
 * The values one scale group of a layer can represent under a scheme, as the engine's kernel
 * dequantizes them.
 *
 * @param group the group's index, numbered as in {@link LayerDetail}
 * @param levels ascending representable values (see {@link LayerDetail#levels()} for each format)
 * @param lo lowest value the group can represent (−maxFinite for float casts)
 * @param hi highest value the group can represent (maxFinite for float casts)
 * @param step the group's step Δ between integer levels (for ggml, its widest sub-block's); NaN for
 *     float casts and NF4, whose steps vary
 */
public record GroupLevels(int group, double[] levels, double lo, double hi, double step) {
  public GroupLevels {
    levels = levels.clone();
  }

  @Override
  public double[] levels() {
    return levels.clone();
  }

  /** Number of levels, without copying them. */
  public int count() {
    return levels.length;
  }

  /**
   * The levels of group {@code group} of {@code detail}'s layer: the widest group's come from the
   * detail itself; any other group's weights are read again (one output channel) and handed to the
   * scheme's kernel, which chooses that group's parameters exactly as the analysis pass did.
   *
   * @throws IndexOutOfBoundsException when the layer has no such group
   */
  public static GroupLevels of(LayerDetail detail, int group) {
    if (group < 0 || group >= detail.groupCount()) {
      throw new IndexOutOfBoundsException(
          "group " + group + " of " + detail.groupCount() + " in " + detail.layer().name());
    }
    if (group == detail.levelsGroup()) {
      return new GroupLevels(
          group, detail.levels(), detail.clipLo(), detail.clipHi(), detail.step());
    }
    // Every group other than the widest exists only for per-channel and per-group schemes.
    TensorLayout layout = TensorLayout.of(detail.layer().weight(), detail.layer().channelAxis());
    int reduction = (int) layout.reduction();
    int perChannel = detail.groupsPerChannel();
    long channel = group / perChannel;
    int off = (int) ((group % perChannel) * detail.groupSize());
    int len = (int) Math.min(detail.groupSize(), reduction - off);
    float[] x = new float[reduction];
    new ChannelMajorReader(detail.layer().weight().reader(), layout)
        .read(channel, 1, x, new float[1]);
    SchemeKernel kernel = SchemeKernel.of(detail.scheme(), null);
    float[] scratch = new float[reduction];
    return build(
        group,
        detail.scheme(),
        kernel.groupParams(x, off, len, scratch),
        kernel.groupLevels(x, off, len, scratch),
        detail.scale(group),
        Float.NaN,
        Float.NaN);
  }

  /**
   * A group's levels from what the kernel reports for it.
   *
   * @param params the group's integer parameters; null for NF4, ggml and float casts
   * @param decoded the ggml decoder's own ascending levels; null for every other format
   * @param scale the group's scale (NF4's absmax, the integer step)
   * @param min the weights' minimum, for listing a float cast's values
   * @param max the weights' maximum, for listing a float cast's values
   */
  static GroupLevels build(
      int group,
      Scheme scheme,
      GroupParams params,
      double[] decoded,
      float scale,
      float min,
      float max) {
    double step =
        scheme.format() instanceof IntFormat || scheme.format() instanceof GgmlFormat
            ? scale
            : Double.NaN;
    if (scheme.format() instanceof FloatFormat f) {
      float[] values = f.valuesBetween(min, max, LayerDetail.MAX_FLOAT_LEVELS);
      double[] levels = new double[values.length];
      for (int i = 0; i < values.length; i++) {
        levels[i] = values[i];
      }
      return new GroupLevels(group, levels, -f.maxFinite(), f.maxFinite(), step);
    }
    double[] levels;
    if (decoded != null) {
      levels = decoded; // ggml: the decoder's own levels, already ascending
    } else if (scheme.format() instanceof Nf4Format nf4) {
      levels = new double[16];
      for (int code = 0; code < levels.length; code++) {
        // As the NF4 kernel dequantizes: level × absmax in float32.
        levels[code] = nf4.level(code) * scale;
      }
    } else {
      levels = new double[params.qmax() - params.qmin() + 1];
      for (int q = params.qmin(); q <= params.qmax(); q++) {
        // As DequantizeLinear: (q − zero point) × scale in float32.
        levels[q - params.qmin()] = (float) (q - params.zeroPoint()) * params.scale();
      }
    }
    return new GroupLevels(group, levels, levels[0], levels[levels.length - 1], step);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GroupLevels g
        && group == g.group
        && Arrays.equals(levels, g.levels)
        && Double.compare(lo, g.lo) == 0
        && Double.compare(hi, g.hi) == 0
        && Double.compare(step, g.step) == 0;
  }

  @Override
  public int hashCode() {
    return group * 31 + Arrays.hashCode(levels);
  }

  @Override
  public String toString() {
    return "GroupLevels[group "
        + group
        + ", "
        + levels.length
        + " levels, "
        + lo
        + " … "
        + hi
        + "]";
  }
}
