package io.quantlens.samples.synthetic;

/**
 * One tensor of a synthetic model.
 *
 * @param name tensor name
 * @param shape dimensions, outermost first
 * @param norm true for normalization weights, which sit around 1 rather than around 0
 */
public record SyntheticTensor(String name, long[] shape, boolean norm) {
  public SyntheticTensor {
    shape = shape.clone();
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  public long elementCount() {
    long n = 1;
    for (long d : shape) {
      n = Math.multiplyExact(n, d);
    }
    return n;
  }
}
