package io.quantlens.analysis;

import io.quantlens.model.Tensor;
import io.quantlens.quant.ErrorAccumulator;
import io.quantlens.quant.FloatFormat;
import io.quantlens.quant.GgmlFormat;
import io.quantlens.quant.HistogramAccumulator;
import io.quantlens.quant.IntFormat;
import io.quantlens.quant.Nf4Format;
import io.quantlens.quant.RangeEstimator;
import io.quantlens.quant.Scheme;
import io.quantlens.quant.SchemeKernel;
import io.quantlens.quant.StorageConvention;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.LongConsumer;

/**
 * Analyses one weight tensor under several schemes. The tensor is cut into units of whole output
 * channels whose size depends only on the tensor's shape; units run in parallel and their partial
 * statistics are merged in unit order, so results are identical for any number of threads.
 */
final class TensorAnalyzer {
  private static final int MIN_UNIT_ELEMENTS = 1 << 16;
  private static final int MAX_UNITS = 256;

  /** Half the widest gap between adjacent NF4 levels (−1 and −0.696…), relative to the scale. */
  private static final double NF4_HALF_GAP = (1.0 - 0.6961928009986877) / 2;

  private final Tensor tensor;
  private final TensorLayout layout;
  private final List<Scheme> schemes;
  private final int bins;
  private final UnitGuard guard;
  private final UnitObserver observer;
  private final int unitChannels;
  private final int unitCount;

  /** Checked before each unit: throws when the analysis is cancelled, reports progress after. */
  interface UnitGuard {
    void beforeUnit();

    LongConsumer progress();
  }

  /** Sees each unit's weights (channel-major) and their round trip under each scheme. */
  @FunctionalInterface
  interface UnitObserver {
    UnitObserver NONE = (scheme, kernel, firstChannel, channels, x, xh) -> {};

    void roundTripped(
        int scheme, SchemeKernel kernel, long firstChannel, int channels, float[] x, float[] xh);
  }

  TensorAnalyzer(Tensor tensor, int channelAxis, List<Scheme> schemes, int bins, UnitGuard guard) {
    this(tensor, channelAxis, schemes, bins, guard, UnitObserver.NONE);
  }

  TensorAnalyzer(
      Tensor tensor,
      int channelAxis,
      List<Scheme> schemes,
      int bins,
      UnitGuard guard,
      UnitObserver observer) {
    this.observer = observer;
    this.tensor = tensor;
    this.layout = TensorLayout.of(tensor, channelAxis);
    this.schemes = List.copyOf(schemes);
    this.bins = bins;
    this.guard = guard;
    long reduction = layout.reduction();
    long target = Math.max(MIN_UNIT_ELEMENTS, (layout.elements() + MAX_UNITS - 1) / MAX_UNITS);
    long channelsPerUnit = Math.max(1, Math.min(layout.channels(), target / reduction));
    if (channelsPerUnit * reduction > Integer.MAX_VALUE - 8) {
      throw new UnanalysableTensorException(
          "tensor '"
              + tensor.name()
              + "': a reduction row of "
              + reduction
              + " weights is longer than one analysis unit can hold (2^31)");
    }
    this.unitChannels = (int) channelsPerUnit;
    this.unitCount = (int) ((layout.channels() + channelsPerUnit - 1) / channelsPerUnit);
  }

  int unitCount() {
    return unitCount;
  }

  long elements() {
    return layout.elements();
  }

  /** Stage 1 (skipped when the summary is cached): min, max and moments over file-order chunks. */
  List<Callable<double[]>> momentTasks() {
    long n = layout.elements();
    int chunk = (int) Math.max(1, Math.min(n, (long) unitChannels * layout.reduction()));
    List<Callable<double[]>> tasks = new ArrayList<>();
    for (long start = 0; start < n; start += chunk) {
      long first = start;
      int length = (int) Math.min(chunk, n - start);
      tasks.add(() -> moments(first, length));
    }
    return tasks;
  }

  /** Merges stage-1 results in chunk order. */
  WeightSummary summaryOf(List<double[]> moments) {
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    double sum = 0;
    double sumSquares = 0;
    for (double[] m : moments) {
      min = Math.min(min, (float) m[0]);
      max = Math.max(max, (float) m[1]);
      sum += m[2];
      sumSquares += m[3];
    }
    long n = layout.elements();
    double mean = n == 0 ? 0 : sum / n;
    double variance = n == 0 ? 0 : Math.max(0, sumSquares / n - mean * mean);
    return new WeightSummary(n, min, max, mean, Math.sqrt(variance), null);
  }

  /**
   * Stage 2: chooses per-tensor parameters and builds one kernel per scheme. May read the whole
   * tensor (per-tensor percentile or MSE clipping), so it runs as a task of its own.
   */
  Prepared prepare(WeightSummary summary) {
    guard.beforeUnit();
    List<SchemeKernel> kernels = new ArrayList<>();
    List<QuantResult> templates = new ArrayList<>();
    for (Scheme scheme : schemes) {
      SchemeKernel.TensorParams params =
          SchemeKernel.TensorParams.choose(scheme, summary.min(), summary.max(), this::readAll);
      kernels.add(SchemeKernel.of(scheme, params));
      templates.add(
          new QuantResult(
              scheme,
              StorageConvention.bitsPerWeight(scheme, layout.channels(), layout.reduction()),
              (StorageConvention.storedBits(scheme, layout.channels(), layout.reduction()) + 7) / 8,
              null,
              params == null ? null : params.intParams(),
              params == null ? Float.NaN : params.nf4Scale()));
    }
    return new Prepared(summary, kernels, templates);
  }

  /** What stage 2 chose for the tensor. */
  record Prepared(WeightSummary summary, List<SchemeKernel> kernels, List<QuantResult> templates) {}

  /** Stage 3: one task per unit of whole channels. */
  List<Callable<UnitPartial>> unitTasks(Prepared prepared) {
    List<Callable<UnitPartial>> units = new ArrayList<>();
    for (int u = 0; u < unitCount; u++) {
      int unit = u;
      units.add(() -> runUnit(unit, prepared.summary(), prepared.kernels()));
    }
    return units;
  }

  /** Merges stage-3 partials in unit order into the final results. */
  LayerResults finish(Prepared prepared, List<UnitPartial> partials) {
    UnitPartial total = partials.get(0);
    for (int i = 1; i < partials.size(); i++) {
      total.merge(partials.get(i));
    }
    List<QuantResult> results = new ArrayList<>();
    for (int s = 0; s < schemes.size(); s++) {
      QuantResult t = prepared.templates().get(s);
      results.add(
          new QuantResult(
              t.scheme(),
              t.bitsPerWeight(),
              t.storedBytes(),
              total.errors[s].toStats(),
              t.tensorParams(),
              t.tensorNf4Scale()));
    }
    WeightSummary summary = prepared.summary();
    WeightSummary withHistogram =
        summary.histogram() != null
            ? summary
            : new WeightSummary(
                summary.count(),
                summary.min(),
                summary.max(),
                summary.mean(),
                summary.std(),
                total.weights.toHistogram());
    return new LayerResults(withHistogram, results);
  }

  record LayerResults(WeightSummary summary, List<QuantResult> results) {}

  private double[] moments(long start, int length) {
    guard.beforeUnit();
    float[] values = new float[length];
    tensor.reader().read(start, values, 0, length);
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    double sum = 0;
    double sumSquares = 0;
    for (float v : values) {
      min = Math.min(min, v);
      max = Math.max(max, v);
      sum += v;
      sumSquares += (double) v * v;
    }
    return new double[] {min, max, sum, sumSquares};
  }

  /** The whole tensor in file order, for per-tensor percentile and MSE clipping. */
  private float[] readAll() {
    if (elements() > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          tensor.name() + ": per-tensor percentile/MSE clipping needs a tensor under 2^31 weights");
    }
    float[] all = new float[(int) elements()];
    tensor.reader().read(0, all, 0, all.length);
    return all;
  }

  private UnitPartial runUnit(int unit, WeightSummary summary, List<SchemeKernel> kernels) {
    guard.beforeUnit();
    long first = (long) unit * unitChannels;
    int channels = (int) Math.min(unitChannels, layout.channels() - first);
    int reduction = (int) layout.reduction();
    int length = channels * reduction;
    float[] x = new float[length];
    float[] out = new float[length];
    float[] scratch = new float[length];
    new ChannelMajorReader(tensor.reader(), layout).read(first, channels, x, new float[channels]);

    UnitPartial partial = new UnitPartial(summary, bins, schemes);
    partial.weights.add(x, 0, length);
    double signal = 0;
    for (int i = 0; i < length; i++) {
      signal += (double) x[i] * x[i];
    }
    for (int s = 0; s < schemes.size(); s++) {
      ErrorAccumulator acc = partial.errors[s];
      kernels.get(s).roundTripChannels(schemes.get(s), x, channels, reduction, out, scratch, acc);
      acc.add(x, out, 0, length, signal);
      observer.roundTripped(s, kernels.get(s), first, channels, x, out);
    }
    guard.progress().accept(length);
    return partial;
  }

  /** Per-unit accumulators: the weight histogram and one error accumulator per scheme. */
  static final class UnitPartial {
    final HistogramAccumulator weights;
    final ErrorAccumulator[] errors;

    UnitPartial(WeightSummary summary, int bins, List<Scheme> schemes) {
      weights = new HistogramAccumulator(summary.min(), summary.max(), bins);
      errors = new ErrorAccumulator[schemes.size()];
      for (int s = 0; s < errors.length; s++) {
        double bound = errorBound(schemes.get(s), summary);
        errors[s] = new ErrorAccumulator(new HistogramAccumulator(-bound, bound, bins));
      }
    }

    void merge(UnitPartial o) {
      weights.merge(o.weights);
      for (int s = 0; s < errors.length; s++) {
        errors[s].merge(o.errors[s]);
      }
    }
  }

  /**
   * The error histogram spans ± half the widest step the scheme can have anywhere in the tensor
   * (its per-tensor step), so every unclipped error fits; clipped errors land in under/overflow. A
   * ggml block format uses the step one block spanning the whole tensor's range would get (its
   * searches may pick a slightly wider sub-block step; those errors land in the overflow bins).
   */
  static double errorBound(Scheme scheme, WeightSummary summary) {
    float absMax = summary.absMax();
    double bound;
    if (scheme.format() instanceof FloatFormat f) {
      bound = f.ulp(Math.min(absMax, f.maxFinite())) / 2;
    } else if (scheme.format() instanceof Nf4Format) {
      bound = NF4_HALF_GAP * absMax;
    } else if (scheme.format() instanceof GgmlFormat f) {
      bound = f.nominalStep(summary.min(), summary.max()) / 2;
    } else {
      IntFormat f = (IntFormat) scheme.format();
      bound = RangeEstimator.widestStep(scheme, f, summary.min(), summary.max()) / 2.0;
    }
    return bound > 0 && Double.isFinite(bound) ? bound : 1;
  }
}
