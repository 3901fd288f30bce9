package io.quantlens.quant;

/** A number format weights can be quantized to. */
public sealed interface Format permits FloatFormat, IntFormat, Nf4Format, GgmlFormat {
  /** The name used in scheme text, e.g. {@code fp16}, {@code int4}. */
  String id();

  /** Storage bits per element, scales and zero points excluded. */
  int bits();
}
