package io.quantlens.analysis;

import io.quantlens.model.Layer;
import io.quantlens.quant.ErrorStats;
import io.quantlens.quant.Granularity;
import io.quantlens.quant.GroupParams;
import io.quantlens.quant.Scheme;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * One layer under one scheme in detail: every scale group's scale and SQNR, the values the widest
 * group can represent, and the layer's measured error beside the theory. Computed by the analysis
 * engine itself (same kernels, same group layout, same order of sums), so its statistics equal the
 * analysis's for the same layer and scheme. {@link GroupLevels#of} gives any other group's values.
 *
 * <p>Groups are numbered {@code channel·groupsPerChannel + g}, g counting runs of {@code groupSize}
 * weights along the channel's reduction vector (the last run may be shorter); a {@code tensor}
 * scheme, and every float cast, has the single group 0.
 *
 * @param layer the layer
 * @param scheme the scheme
 * @param groupKind what one scale covers: the tensor, an output channel or a group of weights
 * @param groupSize weights per scale group (a channel's reduction length for {@code channel}, all
 *     weights for {@code tensor})
 * @param groupsPerChannel scale groups per output channel; 0 for {@code tensor}
 * @param scales each group's scale: the integer step, NF4's absmax, NaN for float casts; for a ggml
 *     block format (one group per block) the largest decoded step |d·sub-block scale| in the block
 * @param groupSqnrDb each group's SQNR in dB (+Inf when exact, NaN for an all-zero group)
 * @param levelsGroup the group {@link #levels} belong to: the one with the largest scale
 * @param levels ascending dequantized values the widest group can represent (integer and NF4
 *     schemes; for ggml block formats, the widest sub-block of the widest block); for float casts,
 *     the format's values between the weights' min and max when there are at most {@value
 *     #MAX_FLOAT_LEVELS}, else none
 * @param clipLo lowest value the widest group can represent (−maxFinite for float casts)
 * @param clipHi highest value the widest group can represent (maxFinite for float casts)
 * @param step the widest group's step Δ between integer levels (for ggml, its widest sub-block's);
 *     NaN for float casts and NF4, whose steps vary
 * @param predictedSigma √(mean Δ²/12), the uniform-noise prediction (NaN for NF4)
 * @param measuredSigma √MSE, the measured RMS error
 * @param sqnrDb the layer's SQNR in dB
 * @param ruleOfThumbDb 6.02·b + 1.76 for the format's b bits (a full-scale sine's SQNR)
 * @param clippedFraction share of weights clipped or saturated
 */
public record LayerDetail(
    Layer layer,
    Scheme scheme,
    Granularity.Kind groupKind,
    long groupSize,
    int groupsPerChannel,
    float[] scales,
    double[] groupSqnrDb,
    int levelsGroup,
    double[] levels,
    double clipLo,
    double clipHi,
    double step,
    double predictedSigma,
    double measuredSigma,
    double sqnrDb,
    double ruleOfThumbDb,
    double clippedFraction) {

  /** Float casts list their values only up to this many. */
  public static final int MAX_FLOAT_LEVELS = 512;

  public LayerDetail {
    scales = scales.clone();
    groupSqnrDb = groupSqnrDb.clone();
    levels = levels.clone();
  }

  /**
   * Computes the detail, reading the layer's weights twice (once for min and max, once to quantize)
   * a unit of channels at a time, on the calling thread.
   *
   * @param cancelled polled before each unit of work; when it turns true the computation stops with
   *     a {@link CancellationException}
   * @throws IllegalArgumentException when the layer has no weights
   */
  public static LayerDetail compute(Layer layer, Scheme scheme, BooleanSupplier cancelled) {
    if (layer.weight().elementCount() == 0) {
      throw new IllegalArgumentException(layer.name() + " has no weights");
    }
    TensorLayout layout = TensorLayout.of(layer.weight(), layer.channelAxis());
    boolean single = scheme.isFloat() || scheme.granularity().kind() == Granularity.Kind.TENSOR;
    GroupCollector groups = single ? null : new GroupCollector(scheme, layout);
    TensorAnalyzer analyzer =
        new TensorAnalyzer(
            layer.weight(),
            layer.channelAxis(),
            List.of(scheme),
            1,
            guard(cancelled),
            single ? TensorAnalyzer.UnitObserver.NONE : groups);
    WeightSummary summary = analyzer.summaryOf(runAll(analyzer.momentTasks()));
    TensorAnalyzer.Prepared prepared = analyzer.prepare(summary);
    QuantResult result =
        analyzer.finish(prepared, runAll(analyzer.unitTasks(prepared))).results().get(0);
    ErrorStats stats = result.stats();

    float[] scales;
    double[] sqnr;
    int widest;
    GroupParams widestParams;
    double[] widestLevels = null;
    if (single) {
      GroupParams p = result.tensorParams(); // null for float casts
      scales = new float[] {p != null ? p.scale() : result.tensorNf4Scale()};
      sqnr = new double[] {stats.sqnrDb()};
      widest = 0;
      widestParams = p;
    } else {
      scales = groups.scales();
      sqnr = groups.sqnrDb();
      widest = groups.widest();
      widestParams = groups.widestParams();
      widestLevels = groups.widestLevels();
    }
    GroupLevels range =
        GroupLevels.build(
            widest,
            scheme,
            widestParams,
            widestLevels,
            scales[widest],
            summary.min(),
            summary.max());
    return new LayerDetail(
        layer,
        scheme,
        single
            ? Granularity.Kind.TENSOR
            : scheme.granularity().kind() == Granularity.Kind.CHANNEL
                ? Granularity.Kind.CHANNEL
                : Granularity.Kind.GROUP,
        single ? layout.elements() : groups.groupSize(),
        single ? 0 : (int) (scales.length / layout.channels()),
        scales,
        sqnr,
        widest,
        range.levels(),
        range.lo(),
        range.hi(),
        range.step(),
        Math.sqrt(stats.predictedMse()),
        Math.sqrt(stats.mse()),
        stats.sqnrDb(),
        6.02 * scheme.format().bits() + 1.76,
        stats.clippedFraction());
  }

  /** Number of scale groups. */
  public int groupCount() {
    return scales.length;
  }

  /**
   * The group whose scale is the median of all groups' (the lower median for an even count, the
   * lowest index among equal scales): a typical group, where the widest may be an outlier's.
   */
  public int medianGroup() {
    long[] keys = new long[scales.length];
    for (int g = 0; g < keys.length; g++) {
      int bits = Float.floatToIntBits(scales[g]);
      // Flipping a negative float's magnitude bits makes its bits sort as Float.compare does.
      int ordered = bits ^ ((bits >> 31) & 0x7FFFFFFF);
      keys[g] = ((long) ordered << 32) | g;
    }
    Arrays.sort(keys);
    return (int) keys[(keys.length - 1) / 2];
  }

  /** Scale of group {@code g}, without copying the array. */
  public float scale(int g) {
    return scales[g];
  }

  /** SQNR of group {@code g} in dB, without copying the array. */
  public double groupSqnrDb(int g) {
    return groupSqnrDb[g];
  }

  @Override
  public float[] scales() {
    return scales.clone();
  }

  @Override
  public double[] groupSqnrDb() {
    return groupSqnrDb.clone();
  }

  @Override
  public double[] levels() {
    return levels.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LayerDetail d
        && layer.equals(d.layer)
        && scheme.equals(d.scheme)
        && groupKind == d.groupKind
        && groupSize == d.groupSize
        && groupsPerChannel == d.groupsPerChannel
        && Arrays.equals(scales, d.scales)
        && Arrays.equals(groupSqnrDb, d.groupSqnrDb)
        && levelsGroup == d.levelsGroup
        && Arrays.equals(levels, d.levels)
        && Double.compare(clipLo, d.clipLo) == 0
        && Double.compare(clipHi, d.clipHi) == 0
        && Double.compare(step, d.step) == 0
        && Double.compare(predictedSigma, d.predictedSigma) == 0
        && Double.compare(measuredSigma, d.measuredSigma) == 0
        && Double.compare(sqnrDb, d.sqnrDb) == 0
        && Double.compare(ruleOfThumbDb, d.ruleOfThumbDb) == 0
        && Double.compare(clippedFraction, d.clippedFraction) == 0;
  }

  @Override
  public int hashCode() {
    return (layer.hashCode() * 31 + scheme.hashCode()) * 31 + Arrays.hashCode(scales);
  }

  @Override
  public String toString() {
    return "LayerDetail[" + layer.name() + ", " + scheme.id() + ", " + scales.length + " groups]";
  }

  private static <T> List<T> runAll(List<Callable<T>> tasks) {
    List<T> results = new ArrayList<>(tasks.size());
    for (Callable<T> task : tasks) {
      try {
        results.add(task.call());
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    return results;
  }

  private static TensorAnalyzer.UnitGuard guard(BooleanSupplier cancelled) {
    LongConsumer none = n -> {};
    return new TensorAnalyzer.UnitGuard() {
      @Override
      public void beforeUnit() {
        if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
          throw new CancellationException("layer detail cancelled");
        }
      }

      @Override
      public LongConsumer progress() {
        return none;
      }
    };
  }
}
