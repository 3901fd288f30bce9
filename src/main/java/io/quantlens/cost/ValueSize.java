package io.quantlens.cost;

import io.quantlens.model.ShapeRules;

/**
 * A value's shape and element width, as ONNX Runtime reports it or as inferred from a node's
 * inputs.
 *
 * @param shape dimensions
 * @param bits bits per element (0 when unknown)
 */
record ValueSize(long[] shape, int bits) {
  ValueSize {
    shape = shape.clone();
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  int rank() {
    return shape.length;
  }

  long dim(int axis) {
    return shape[axis];
  }

  ValueSize withShape(long[] newShape) {
    return new ValueSize(newShape, bits);
  }

  long bytes() {
    return (ShapeRules.elements(shape) * bits + 7) / 8;
  }
}
