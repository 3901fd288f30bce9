package io.quantlens.formats.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.quantlens.model.Tensor;
import java.util.List;

/**
 * A weight as a node reads it: its values ({@link #tensor}, named after the stored tensor), the
 * stored tensor they come from, and the value-preserving steps between the two.
 *
 * @param storage how the file stores the weight, for people (empty for a plain tensor)
 * @param decoder the node that turns the stored integer codes into floats (a DequantizeLinear, or
 *     the quantized operator itself), or null when the file stores float values
 */
record WeightView(
    Tensor tensor, StoredTensor source, List<Step> steps, String storage, NodeProto decoder) {

  WeightView {
    steps = List.copyOf(steps);
  }

  /** The same values after one more step. */
  WeightView then(Tensor next, Step step, String storageNote) {
    var more = new java.util.ArrayList<>(steps);
    more.add(step);
    String s =
        storageNote.isEmpty()
            ? storage
            : storage.isEmpty() ? storageNote : storage + ", " + storageNote;
    return new WeightView(next, source, more, s, decoder);
  }

  /** True when the stored values are integer codes that {@link #decoder} dequantizes. */
  boolean quantized() {
    return decoder != null;
  }

  /**
   * A tensor the file stores: an initializer or the value of a Constant node.
   *
   * @param key unique in the model (the graph path followed by the value name)
   */
  record StoredTensor(GraphScope scope, String name, TensorProto proto, boolean constant) {
    String key() {
      return scope.path() + name;
    }
  }

  /** One value-preserving operation between the stored tensor and the node. */
  sealed interface Step {}

  /** Reshape, Squeeze, Unsqueeze, Flatten, Identity: same row-major values, a new shape. */
  record Relayout(String op, long[] shape) implements Step {}

  /** Transpose: result axis i is axis {@code perm[i]} of its input. */
  record Permute(int[] perm) implements Step {}

  /** Cast to another float type: values rounded to it. */
  record Rounding(int onnxType) implements Step {}
}
