package io.quantlens.formats.safetensors;

import java.util.Arrays;

/**
 * One tensor as a safetensors header describes it, checked.
 *
 * @param name the header key
 * @param type its dtype
 * @param shape dimensions, outermost first (empty for a scalar)
 * @param elements product of the dimensions
 * @param begin first byte, relative to the start of the data section
 * @param end byte after the last, relative to the start of the data section
 */
record TensorEntry(
    String name, SafetensorsDType type, long[] shape, long elements, long begin, long end) {

  TensorEntry {
    shape = shape.clone();
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  String offsetsText() {
    return "[" + begin + ", " + end + "]";
  }

  String shapeText() {
    return Arrays.toString(shape);
  }
}
