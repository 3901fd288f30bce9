package io.quantlens.cost;

import io.quantlens.model.Layer;
import io.quantlens.model.Tensor;
import io.quantlens.quant.Scheme;
import io.quantlens.quant.StorageConvention;

/**
 * Bytes a layer's parameters occupy under a scheme: codes plus scales and zero points as {@link
 * StorageConvention} counts them; the bias stays FP32.
 */
final class WeightStorage {
  private WeightStorage() {}

  static double weightBytes(Layer layer, Scheme scheme) {
    Tensor w = layer.weight();
    long channels = w.rank() == 0 ? 1 : w.dim(layer.channelAxis());
    long elements = w.elementCount();
    if (channels == 0 || elements == 0) {
      return 0;
    }
    return StorageConvention.storedBits(scheme, channels, elements / channels) / 8.0;
  }

  static double biasBytes(Layer layer) {
    return layer.bias() == null ? 0 : layer.bias().elementCount() * 4.0;
  }

  /** The weight's and bias's bytes as the file stores them (codes only for quantized types). */
  static double storedBytes(Layer layer) {
    return layer.weight().storedBytes() + (layer.bias() == null ? 0 : layer.bias().storedBytes());
  }

  static double bytes(Layer layer, Scheme scheme) {
    return weightBytes(layer, scheme) + biasBytes(layer);
  }
}
