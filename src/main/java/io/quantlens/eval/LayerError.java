package io.quantlens.eval;

/**
 * The error of one layer's output under a plan, in the two senses ONNX Runtime's quantization
 * debugger ({@code qdq_loss_debug}) separates: {@code local}, the layer's output with only its own
 * weight and input quantized while its input is computed in FP32 (where error enters), and {@code
 * accumulated}, its output in the fully quantized model (where error has compounded). Each is the
 * relative error energy Σ(y − ŷ)² / Σy² over the samples measured, y the FP32 output.
 *
 * @param output the value the layer's node writes
 */
public record LayerError(
    String layer, String output, double localRelativeError, double accumulatedRelativeError) {

  /** 10·log10(Σy² / Σ(y − ŷ)²) of the local output: +∞ when exact. */
  public double localSqnrDb() {
    return sqnr(localRelativeError);
  }

  public double accumulatedSqnrDb() {
    return sqnr(accumulatedRelativeError);
  }

  private static double sqnr(double relative) {
    return -10 * Math.log10(relative);
  }
}
