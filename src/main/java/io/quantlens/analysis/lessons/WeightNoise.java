package io.quantlens.analysis.lessons;

import io.quantlens.analysis.FakeQuantizer;
import io.quantlens.model.Layer;
import io.quantlens.quant.Scheme;
import java.util.List;

/** Σw² and Σ(w − ŵ)² of weights under a scheme, with the workbench's own quantizer. */
public record WeightNoise(double signal, double noise) {
  public static WeightNoise of(Layer layer, Scheme scheme) {
    float[] w = new float[Math.toIntExact(layer.weight().elementCount())];
    layer.weight().reader().read(0, w, 0, w.length);
    float[] q = FakeQuantizer.roundTrip(layer.weight(), layer.channelAxis(), scheme);
    double s = 0;
    double n = 0;
    for (int i = 0; i < w.length; i++) {
      double d = (double) w[i] - q[i];
      s += (double) w[i] * w[i];
      n += d * d;
    }
    return new WeightNoise(s, n);
  }

  /** Both sums over {@code layers}. */
  public static WeightNoise of(List<Layer> layers, Scheme scheme) {
    double s = 0;
    double n = 0;
    for (Layer layer : layers) {
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
