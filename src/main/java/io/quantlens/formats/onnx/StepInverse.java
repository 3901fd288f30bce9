package io.quantlens.formats.onnx;

import io.quantlens.formats.onnx.WeightView.Permute;
import io.quantlens.formats.onnx.WeightView.Relayout;
import io.quantlens.formats.onnx.WeightView.Rounding;
import io.quantlens.formats.onnx.WeightView.Step;
import io.quantlens.model.ShapeRules;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes values laid out as a node reads a weight back through the view's steps to the layout of the
 * value they start from (the stored tensor, or a decoder's output), so that replacing that value
 * gives the node exactly those values. Roundings are not undone: the graph applies them again.
 */
final class StepInverse {
  private StepInverse() {}

  /** Values in the start layout; {@code start} is the shape before the first step. */
  static float[] toStart(WeightView view, long[] start, float[] values) {
    List<long[]> shapes = new ArrayList<>();
    long[] shape = start;
    shapes.add(shape);
    for (Step step : view.steps()) {
      shape = after(step, shape);
      shapes.add(shape);
    }
    if (ShapeRules.elements(shape) != values.length) {
      throw new IllegalArgumentException(
          values.length + " values given for a weight of " + ShapeRules.elements(shape));
    }
    float[] data = values;
    for (int i = view.steps().size() - 1; i >= 0; i--) {
      if (view.steps().get(i) instanceof Permute p) {
        data = TensorViews.permute(data, shapes.get(i + 1), inverse(p.perm()));
      }
    }
    return data;
  }

  private static long[] after(Step step, long[] shape) {
    if (step instanceof Relayout r) {
      return r.shape();
    }
    if (step instanceof Permute p) {
      long[] to = new long[p.perm().length];
      for (int i = 0; i < to.length; i++) {
        to[i] = shape[p.perm()[i]];
      }
      return to;
    }
    if (step instanceof Rounding) {
      return shape;
    }
    throw new IllegalArgumentException("cannot invert " + step);
  }

  private static int[] inverse(int[] perm) {
    int[] inverse = new int[perm.length];
    for (int i = 0; i < perm.length; i++) {
      inverse[perm[i]] = i;
    }
    return inverse;
  }
}
