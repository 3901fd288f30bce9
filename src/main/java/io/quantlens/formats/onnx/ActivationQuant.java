package io.quantlens.formats.onnx;

import io.quantlens.quant.ActivationRange;
import io.quantlens.quant.ActivationScheme;

/**
 * How one layer's input activation is to be quantized in the rewritten model.
 *
 * @param range the calibrated range of a static scheme; null for dynamic schemes and casts
 */
public record ActivationQuant(ActivationScheme scheme, ActivationRange range) {
  public ActivationQuant {
    if (scheme.needsCalibration() && range == null) {
      throw new IllegalArgumentException(scheme.id() + " needs a calibrated range");
    }
  }
}
