package io.quantlens.analysis;

import io.quantlens.model.Tensor;

/**
 * A tensor seen as {@code [outer, channels, inner]} around its output-channel axis. Each channel's
 * reduction vector has {@code outer·inner} weights; weight r of channel c sits at flat index {@code
 * (r / inner)·channels·inner + c·inner + r % inner}.
 */
public record TensorLayout(long outer, long channels, long inner) {

  public static TensorLayout of(Tensor tensor, int channelAxis) {
    long[] shape = tensor.shape();
    if (shape.length == 0) {
      return new TensorLayout(1, 1, 1);
    }
    long outer = 1;
    for (int i = 0; i < channelAxis; i++) {
      outer *= shape[i];
    }
    long inner = 1;
    for (int i = channelAxis + 1; i < shape.length; i++) {
      inner *= shape[i];
    }
    return new TensorLayout(outer, shape[channelAxis], inner);
  }

  public long reduction() {
    return outer * inner;
  }

  public long elements() {
    return outer * channels * inner;
  }
}
