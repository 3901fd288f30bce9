package io.quantlens.formats.onnx;

import io.quantlens.quant.ActivationRange;
import io.quantlens.quant.ActivationScheme;

/**
 * How one layer's input activation is to be quantized in the rewritten model.
 *
 * @param range the calibrated range of a static scheme (of the smoothed input when {@code
 *     smoothing} is set); null for dynamic schemes and casts
 * @param smoothing SmoothQuant's per-channel factors s along the input's last axis, which the input
 *     is divided by before its round trip (docs/activations.md#smoothquant); null for none
 */
public record ActivationQuant(ActivationScheme scheme, ActivationRange range, float[] smoothing) {
  public ActivationQuant {
    if (scheme.needsCalibration() && range == null) {
      throw new IllegalArgumentException(scheme.id() + " needs a calibrated range");
    }
    smoothing = smoothing == null ? null : smoothing.clone();
  }

  public ActivationQuant(ActivationScheme scheme, ActivationRange range) {
    this(scheme, range, null);
  }

  @Override
  public float[] smoothing() {
    return smoothing == null ? null : smoothing.clone();
  }
}
