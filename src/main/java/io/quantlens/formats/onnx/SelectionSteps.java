package io.quantlens.formats.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import io.quantlens.formats.onnx.WeightView.Concat;
import io.quantlens.formats.onnx.WeightView.Slice;
import io.quantlens.formats.onnx.WeightView.StoredTensor;
import io.quantlens.model.DType;
import io.quantlens.model.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Slice and Concat between a stored weight and its node (PyTorch's exporter reorders LSTM and GRU
 * gates this way, and joins the two directions of a bidirectional layer). Anything the ONNX
 * definitions reject, or a selection too large to gather, is not followed: the weight then shows in
 * the unread note rather than as a layer.
 */
final class SelectionSteps {
  /** A Slice or Concat is followed when its values number at most this many. */
  static final long MAX_SELECTED = 1L << 24;

  /** Longer piece descriptions are summarised as a count. */
  private static final int MAX_NOTE = 240;

  /** Marks an input that is given but computed at run time. */
  private static final long[] NOT_STORED = new long[0];

  private SelectionSteps() {}

  /** {@code input} after a Slice node with stored starts, ends, axes and steps, or null. */
  static WeightView slice(
      WeightResolver resolver, GraphScope scope, NodeProto node, WeightView input) {
    long[] shape = input.tensor().shape();
    if (input.tensor().elementCount() == 0 || input.tensor().elementCount() > MAX_SELECTED) {
      return null;
    }
    boolean attributes = Nodes.longsAttribute(node, "starts") != null; // before opset 10
    long[] starts =
        attributes ? Nodes.longsAttribute(node, "starts") : given(resolver, scope, node, 1);
    long[] ends = attributes ? Nodes.longsAttribute(node, "ends") : given(resolver, scope, node, 2);
    long[] axes = attributes ? Nodes.longsAttribute(node, "axes") : given(resolver, scope, node, 3);
    long[] steps = attributes ? null : given(resolver, scope, node, 4);
    if (starts == null || ends == null || starts.length != ends.length) {
      return null;
    }
    if (starts == NOT_STORED || ends == NOT_STORED || axes == NOT_STORED || steps == NOT_STORED) {
      return null;
    }
    Slice slice = normalised(shape, starts, ends, axes, steps);
    if (slice == null) {
      return null;
    }
    Tensor t = TensorViews.sliced(input.tensor(), slice);
    return input.then(t, slice, "Slice " + slice.text());
  }

  /** The stored values of optional input {@code i}: null when absent. */
  private static long[] given(WeightResolver resolver, GraphScope scope, NodeProto node, int i) {
    String name = Nodes.input(node, i);
    if (name.isEmpty()) {
      return null;
    }
    long[] values = resolver.longs(scope, name);
    return values == null ? NOT_STORED : values;
  }

  /** The slice on every axis, with starts and ends clamped as the ONNX definition says. */
  static Slice normalised(long[] shape, long[] starts, long[] ends, long[] axes, long[] steps) {
    int n = starts.length;
    if ((axes != null && axes.length != n) || (steps != null && steps.length != n)) {
      return null;
    }
    int rank = shape.length;
    long[] first = new long[rank];
    long[] stride = new long[rank];
    long[] count = shape.clone();
    Arrays.fill(stride, 1);
    boolean[] seen = new boolean[rank];
    for (int i = 0; i < n; i++) {
      long a = axes == null ? i : axes[i] < 0 ? axes[i] + rank : axes[i];
      if (a < 0 || a >= rank || seen[(int) a]) {
        return null;
      }
      seen[(int) a] = true;
      long step = steps == null ? 1 : steps[i];
      long dim = shape[(int) a];
      long s = starts[i] < 0 ? starts[i] + dim : starts[i];
      long e = ends[i] < 0 ? ends[i] + dim : ends[i];
      long span;
      if (step > 0) {
        s = clamp(s, 0, dim);
        e = clamp(e, 0, dim);
        span = e - s;
      } else if (step < 0) {
        s = clamp(s, 0, dim - 1);
        e = clamp(e, -1, dim - 1);
        span = s - e;
      } else {
        return null;
      }
      long magnitude = step == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(step);
      long c = span <= 0 ? 0 : 1 + (span - 1) / magnitude;
      if (c == 0) {
        return null;
      }
      first[(int) a] = s;
      stride[(int) a] = c == 1 ? 1 : step;
      count[(int) a] = c;
    }
    return new Slice(shape.clone(), first, stride, count);
  }

  private static long clamp(long v, long lo, long hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  /**
   * The pieces a Concat node joins, as one view: of their stored tensor when they share one, else
   * without a single source (see {@link WeightView#sources}). Null when the shapes do not fit
   * together.
   */
  static WeightView concat(NodeProto node, List<WeightView> pieces) {
    if (pieces.isEmpty()) {
      return null;
    }
    long given = Nodes.longAttribute(node, "axis", Long.MIN_VALUE);
    long[] shape = pieces.get(0).tensor().shape();
    long axis = given < 0 ? given + shape.length : given;
    if (given == Long.MIN_VALUE || axis < 0 || axis >= shape.length) {
      return null;
    }
    long total = 0;
    for (WeightView piece : pieces) {
      long[] s = piece.tensor().shape();
      if (s.length != shape.length) {
        return null;
      }
      for (int d = 0; d < s.length; d++) {
        if (d != axis && s[d] != shape[d]) {
          return null;
        }
      }
      total += piece.tensor().elementCount();
      if (total > MAX_SELECTED) {
        return null;
      }
    }
    if (pieces.size() == 1) {
      return pieces.get(0);
    }
    StoredTensor source = pieces.get(0).source();
    NodeProto decoder = null;
    DType dtype = pieces.get(0).tensor().dtype();
    for (WeightView piece : pieces) {
      if (source != null
          && (piece.source() == null || !piece.source().key().equals(source.key()))) {
        source = null;
      }
      decoder = decoder != null ? decoder : piece.decoder();
      dtype = piece.tensor().dtype() == dtype ? dtype : DType.FLOAT32;
    }
    String name =
        source != null
            ? pieces.get(0).tensor().name()
            : pieces.stream()
                .map(p -> p.tensor().name())
                .distinct()
                .collect(Collectors.joining(" + "));
    List<Tensor> tensors = pieces.stream().map(WeightView::tensor).toList();
    Tensor joined = TensorViews.joined(name, dtype, tensors, (int) axis);
    Concat step = new Concat((int) axis, pieces);
    return new WeightView(joined, source, List.of(step), note(step, source == null), decoder);
  }

  private static String note(Concat step, boolean namesSources) {
    String pieces =
        step.pieces().stream().map(p -> piece(p, namesSources)).collect(Collectors.joining(", "));
    if (pieces.length() > MAX_NOTE) {
      pieces = step.pieces().size() + " pieces";
    }
    return "Concat on axis " + step.axis() + " of " + pieces;
  }

  private static String piece(WeightView p, boolean namesSource) {
    String how = p.storage().isEmpty() ? "all" : p.storage();
    return namesSource ? "'" + p.tensor().name() + "' " + how : how;
  }
}
