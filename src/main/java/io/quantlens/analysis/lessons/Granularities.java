package io.quantlens.analysis.lessons;

import io.quantlens.analysis.FakeQuantizer;
import io.quantlens.model.DType;
import io.quantlens.model.Tensor;
import io.quantlens.quant.Scheme;
import io.quantlens.quant.StorageConvention;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What lesson 3 shows: a weight matrix with one outlier channel, quantized per tensor, per channel
 * and in groups with the workbench's own quantizer ({@link FakeQuantizer}); each scale's SQNR, per
 * channel and overall, and the bits per weight its scales cost.
 */
public final class Granularities {
  /** Output channels of the lesson's matrix. */
  public static final int CHANNELS = 32;

  /** Weights per channel. */
  public static final int PER_CHANNEL = 256;

  /** The channel that carries the outlier scale. */
  public static final int OUTLIER = 5;

  /** Standard deviation of the ordinary weights. */
  public static final double SIGMA = 0.02;

  private Granularities() {}

  /**
   * One granularity's result.
   *
   * @param channelSqnrDb SQNR of each output channel
   */
  public record Row(Scheme scheme, double sqnrDb, double[] channelSqnrDb, double bitsPerWeight) {
    public Row {
      channelSqnrDb = channelSqnrDb.clone();
    }

    @Override
    public double[] channelSqnrDb() {
      return channelSqnrDb.clone();
    }

    /** The median SQNR of the channels other than {@link #OUTLIER}. */
    public double ordinaryMedianDb() {
      double[] ordinary = new double[channelSqnrDb.length - 1];
      for (int c = 0, k = 0; c < channelSqnrDb.length; c++) {
        if (c != OUTLIER) {
          ordinary[k++] = channelSqnrDb[c];
        }
      }
      java.util.Arrays.sort(ordinary);
      return ordinary[ordinary.length / 2];
    }
  }

  /**
   * The lesson's matrix [{@link #CHANNELS}, {@link #PER_CHANNEL}]: Gaussian weights of σ = 0.02,
   * row {@link #OUTLIER} multiplied by {@code outlierScale}.
   */
  public static float[] matrix(double outlierScale, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] w = new float[CHANNELS * PER_CHANNEL];
    for (int i = 0; i < w.length; i++) {
      double u = 1 - random.nextDouble();
      double g = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
      w[i] = (float) (SIGMA * g * (i / PER_CHANNEL == OUTLIER ? outlierScale : 1));
    }
    return w;
  }

  /**
   * {@code w} [CHANNELS, PER_CHANNEL] under per tensor, per channel and groups of {@code group}.
   */
  public static List<Row> compare(float[] w, int bits, int group) {
    List<Row> rows = new ArrayList<>();
    for (String granularity : List.of("tensor", "channel", "g" + group)) {
      rows.add(measure(w, Scheme.parse("int" + bits + ":" + granularity + ":sym")));
    }
    return rows;
  }

  /** {@code w} round-tripped under {@code scheme}, channel axis 0, and measured. */
  public static Row measure(float[] w, Scheme scheme) {
    Tensor tensor =
        new Tensor(
            "lesson",
            DType.FLOAT32,
            new long[] {CHANNELS, PER_CHANNEL},
            io.quantlens.model.TensorReader.of(w));
    float[] q = FakeQuantizer.roundTrip(tensor, 0, scheme);
    double[] channels = new double[CHANNELS];
    double signal = 0;
    double noise = 0;
    for (int c = 0; c < CHANNELS; c++) {
      WeightNoise channel = WeightNoise.of(w, q, c * PER_CHANNEL, (c + 1) * PER_CHANNEL);
      channels[c] = channel.sqnrDb();
      signal += channel.signal();
      noise += channel.noise();
    }
    return new Row(
        scheme,
        new WeightNoise(signal, noise).sqnrDb(),
        channels,
        StorageConvention.bitsPerWeight(scheme, CHANNELS, PER_CHANNEL));
  }
}
