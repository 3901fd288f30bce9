package io.quantlens.analysis.lessons;

import io.quantlens.analysis.FakeQuantizer;
import io.quantlens.model.Layer;
import io.quantlens.quant.Scheme;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * Σx² and Σ(x − x̂)² of values and their round trip: of a layer's weights under a scheme, with the
 * workbench's own quantizer, or of any signal the lessons quantize.
 */
public record WeightNoise(double signal, double noise) {
  public static WeightNoise of(Layer layer, Scheme scheme) {
    float[] w = new float[Math.toIntExact(layer.weight().elementCount())];
    layer.weight().reader().read(0, w, 0, w.length);
    float[] q = FakeQuantizer.roundTrip(layer.weight(), layer.channelAxis(), scheme);
    return of(w, q, 0, w.length);
  }

  /** Both sums over {@code x[from, to)} and its round trip {@code q}. */
  public static WeightNoise of(float[] x, float[] q, int from, int to) {
    double s = 0;
    double n = 0;
    for (int i = from; i < to; i++) {
      double d = (double) x[i] - q[i];
      s += (double) x[i] * x[i];
      n += d * d;
    }
    return new WeightNoise(s, n);
  }

  /**
   * Both sums over {@code layers}; interrupting the calling thread ends it between layers with a
   * {@link CancellationException}, the flag left set.
   */
  public static WeightNoise of(List<Layer> layers, Scheme scheme) {
    double s = 0;
    double n = 0;
    for (Layer layer : layers) {
      if (Thread.currentThread().isInterrupted()) {
        throw new CancellationException("weight noise cancelled before " + layer.name());
      }
      WeightNoise one = of(layer, scheme);
      s += one.signal();
      n += one.noise();
    }
    return new WeightNoise(s, n);
  }

  /** 10·log10(Σw² / Σ(w − ŵ)²); infinite when the scheme keeps every weight. */
  public double sqnrDb() {
    return noise == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(signal / noise);
  }
}
