package io.quantlens.analysis.compare;

import io.quantlens.analysis.TensorLayout;
import io.quantlens.model.Layer;

/**
 * Output channels {@code [first, first+count)} of an original layer's weight, seen around {@code
 * channelAxis} (the layer's own, or the other axis of a matrix the two files store transposed).
 */
public record ChannelSlice(Layer layer, int channelAxis, long first, long count) {

  /** The whole layer around its own channel axis. */
  public static ChannelSlice whole(Layer layer) {
    return new ChannelSlice(
        layer, layer.channelAxis(), 0, layout(layer, layer.channelAxis()).channels());
  }

  public TensorLayout layout() {
    return layout(layer, channelAxis);
  }

  public long reduction() {
    return layout().reduction();
  }

  /** True when the slice reads the layer around another axis than its own. */
  public boolean transposed() {
    return channelAxis != layer.channelAxis();
  }

  static TensorLayout layout(Layer layer, int axis) {
    return TensorLayout.of(layer.weight(), axis);
  }

  @Override
  public String toString() {
    long all = layout().channels();
    String name = layer.name() + (transposed() ? "ᵀ" : "");
    return first == 0 && count == all ? name : name + "[" + first + ":" + (first + count) + "]";
  }
}
