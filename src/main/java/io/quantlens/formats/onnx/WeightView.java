package io.quantlens.formats.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.quantlens.model.Tensor;
import java.util.List;

/**
 * A weight as a node reads it: its values ({@link #tensor}, named after the stored tensor), the
 * stored tensor they come from, and the value-preserving steps between the two. A {@link Concat}
 * step, when there is one, is the first: its pieces carry their own chains from their sources.
 *
 * @param source the stored tensor; null only for a Concat of pieces of several stored tensors,
 *     which {@link WeightResolver#resolve} never returns (see {@link #sources})
 * @param storage how the file stores the weight, for people (empty for a plain tensor)
 * @param decoder the node that turns the stored integer codes into floats (a DequantizeLinear, or
 *     the quantized operator itself), or null when the file stores float values
 */
record WeightView(
    Tensor tensor, StoredTensor source, List<Step> steps, String storage, NodeProto decoder) {

  WeightView {
    steps = List.copyOf(steps);
  }

  /** Every stored tensor the values come from, in piece order, each once. */
  List<StoredTensor> sources() {
    if (source != null) {
      return List.of(source);
    }
    var keys = new java.util.LinkedHashMap<String, StoredTensor>();
    if (!steps.isEmpty() && steps.get(0) instanceof Concat c) {
      for (WeightView piece : c.pieces()) {
        for (StoredTensor s : piece.sources()) {
          keys.putIfAbsent(s.key(), s);
        }
      }
    }
    return List.copyOf(keys.values());
  }

  /** True when a Slice or Concat lies between the stored tensor and the node. */
  boolean selects() {
    return steps.stream().anyMatch(s -> s instanceof Slice || s instanceof Concat);
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

  /**
   * Slice, normalised to every axis of its input: result index {@code i} on axis {@code a} is input
   * index {@code starts[a] + i·steps[a]} (steps may be negative), for {@code shape[a]} indices.
   *
   * @param input the input's shape
   * @param shape the result's shape
   */
  record Slice(long[] input, long[] starts, long[] steps, long[] shape) implements Step {
    /** Python-style text, e.g. {@code [0:128, :]}; the end is exclusive. */
    String text() {
      var parts = new java.util.ArrayList<String>();
      for (int a = 0; a < input.length; a++) {
        if (starts[a] == 0 && steps[a] == 1 && shape[a] == input[a]) {
          parts.add(":");
        } else {
          long end = starts[a] + shape[a] * steps[a];
          parts.add(starts[a] + ":" + end + (steps[a] == 1 ? "" : ":" + steps[a]));
        }
      }
      return "[" + String.join(", ", parts) + "]";
    }
  }

  /**
   * Concat along {@code axis}: piece {@code k} fills indices {@code offsets()[k]} up to {@code
   * offsets()[k + 1]} of that axis; each piece is its own view of its stored tensor.
   */
  record Concat(int axis, List<WeightView> pieces) implements Step {
    Concat {
      pieces = List.copyOf(pieces);
    }

    /** Where each piece starts on the axis, and the joined length last. */
    long[] offsets() {
      long[] offsets = new long[pieces.size() + 1];
      for (int k = 0; k < pieces.size(); k++) {
        offsets[k + 1] = offsets[k] + pieces.get(k).tensor().dim(axis);
      }
      return offsets;
    }
  }
}
