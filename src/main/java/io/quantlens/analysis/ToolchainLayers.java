package io.quantlens.analysis;

import io.quantlens.model.Layer;
import java.util.Set;

/** How toolchain presets see a layer: its kind of operation and its row (reduction) length. */
public final class ToolchainLayers {
  private static final Set<String> LINEAR = Set.of("MatMul", "Gemm");

  private ToolchainLayers() {}

  /** A matrix product: ONNX MatMul or Gemm, or a projection of a graphless (GGUF) model. */
  public static boolean isLinear(Layer layer) {
    return LINEAR.contains(layer.opType());
  }

  /** An embedding table looked up by token id. */
  public static boolean isEmbedding(Layer layer) {
    return layer.opType().equals("Gather");
  }

  public static boolean isConvolution(Layer layer) {
    return layer.opType().equals("Conv") || layer.opType().equals("ConvTranspose");
  }

  /**
   * Weights per output channel: the reduction length, ggml's {@code ne[0]} and MLX's {@code
   * shape[-1]} for a [out, in] weight.
   */
  public static long rowLength(Layer layer) {
    long channels = layer.weight().rank() == 0 ? 1 : layer.weight().dim(layer.channelAxis());
    return channels == 0 ? 0 : layer.weight().elementCount() / channels;
  }
}
