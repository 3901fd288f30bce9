package io.quantlens.formats.onnx;

import io.quantlens.formats.onnx.WeightView.Concat;
import io.quantlens.formats.onnx.WeightView.Permute;
import io.quantlens.formats.onnx.WeightView.Relayout;
import io.quantlens.formats.onnx.WeightView.Slice;
import io.quantlens.formats.onnx.WeightView.Step;
import io.quantlens.model.ShapeRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which elements of its stored tensor a view reads: for each value the node sees, the row-major
 * index of the stored value it is. Only views with a Slice or Concat need it (every other step
 * reads each stored value once), and those are at most {@link SelectionSteps#MAX_SELECTED} long.
 */
final class Footprint {
  private Footprint() {}

  /** The stored index of each of the view's values; {@code stored} is the stored tensor's shape. */
  static int[] indices(WeightView view, long[] stored) {
    List<Step> steps = view.steps();
    int[] indices;
    long[] shape;
    int next = 0;
    if (!steps.isEmpty() && steps.get(0) instanceof Concat c) {
      List<int[]> parts = new ArrayList<>();
      List<long[]> shapes = new ArrayList<>();
      for (WeightView piece : c.pieces()) {
        parts.add(indices(piece, stored));
        shapes.add(piece.tensor().shape());
      }
      shape = shapes.get(0).clone();
      shape[c.axis()] = c.offsets()[parts.size()];
      int[] joined = new int[parts.stream().mapToInt(p -> p.length).sum()];
      IndexWalks.joined(shapes, c.axis(), (to, k, from) -> joined[to] = parts.get(k)[from]);
      indices = joined;
      next = 1;
    } else {
      shape = stored.clone();
      indices = new int[Math.toIntExact(ShapeRules.elements(stored))];
      Arrays.setAll(indices, i -> i);
    }
    for (Step step : steps.subList(next, steps.size())) {
      int[] from = indices;
      if (step instanceof Relayout r) {
        shape = r.shape();
      } else if (step instanceof Permute p) {
        int[] to = new int[from.length];
        IndexWalks.permuted(shape, p.perm(), (t, f) -> to[t] = from[f]);
        long[] permuted = new long[shape.length];
        for (int i = 0; i < permuted.length; i++) {
          permuted[i] = shape[p.perm()[i]];
        }
        shape = permuted;
        indices = to;
      } else if (step instanceof Slice s) {
        int[] to = new int[Math.toIntExact(ShapeRules.elements(s.shape()))];
        IndexWalks.sliced(s, (t, f) -> to[t] = from[f]);
        shape = s.shape();
        indices = to;
      } else if (step instanceof Concat) {
        throw new IllegalStateException("a Concat is only ever a view's first step");
      }
    }
    return indices;
  }

  /** True when {@code indices} name each of {@code count} stored values exactly once. */
  static boolean coversAll(int[] indices, long count) {
    if (indices.length != count) {
      return false;
    }
    java.util.BitSet seen = new java.util.BitSet(indices.length);
    for (int i : indices) {
      if (seen.get(i)) {
        return false;
      }
      seen.set(i);
    }
    return true;
  }
}
