package io.quantlens.samples.mnist;

import java.util.ArrayList;
import java.util.List;

/**
 * The sizes of the sample CNN: conv 3x3 → ReLU → max-pool 2x2, twice (no padding), then two fully
 * connected layers. All parameters live in one flat float array, block after block, in the order of
 * {@link #blocks()}.
 */
public record CnnArchitecture(int conv1Channels, int conv2Channels, int hiddenUnits) {
  public static final int IMAGE_SIZE = 28;
  public static final int PIXELS = IMAGE_SIZE * IMAGE_SIZE;
  public static final int KERNEL = 3;
  public static final int CLASSES = 10;

  /** One named parameter tensor at {@code offset} in the flat array. */
  public record Block(String name, long[] shape, int offset, int size, int fanIn) {}

  public CnnArchitecture {
    if (conv1Channels < 1 || conv2Channels < 1 || hiddenUnits < 1) {
      throw new IllegalArgumentException("layer sizes must be positive");
    }
  }

  /** conv 1→16, conv 16→32, fc 800→64, fc 64→10: 56,714 parameters. */
  public static CnnArchitecture standard() {
    return new CnnArchitecture(16, 32, 64);
  }

  public int conv1Size() {
    return IMAGE_SIZE - KERNEL + 1;
  }

  public int pool1Size() {
    return conv1Size() / 2;
  }

  public int conv2Size() {
    return pool1Size() - KERNEL + 1;
  }

  /** Floor division, like ONNX MaxPool's default {@code ceil_mode=0}. */
  public int pool2Size() {
    return conv2Size() / 2;
  }

  public int flatSize() {
    return conv2Channels * pool2Size() * pool2Size();
  }

  public List<Block> blocks() {
    int k2 = KERNEL * KERNEL;
    List<Block> blocks = new ArrayList<>();
    int offset = 0;
    offset = add(blocks, "conv1.weight", new long[] {conv1Channels, 1, KERNEL, KERNEL}, offset, k2);
    offset = add(blocks, "conv1.bias", new long[] {conv1Channels}, offset, k2);
    offset =
        add(
            blocks,
            "conv2.weight",
            new long[] {conv2Channels, conv1Channels, KERNEL, KERNEL},
            offset,
            conv1Channels * k2);
    offset = add(blocks, "conv2.bias", new long[] {conv2Channels}, offset, conv1Channels * k2);
    offset = add(blocks, "fc1.weight", new long[] {hiddenUnits, flatSize()}, offset, flatSize());
    offset = add(blocks, "fc1.bias", new long[] {hiddenUnits}, offset, flatSize());
    offset = add(blocks, "fc2.weight", new long[] {CLASSES, hiddenUnits}, offset, hiddenUnits);
    add(blocks, "fc2.bias", new long[] {CLASSES}, offset, hiddenUnits);
    return blocks;
  }

  public Block block(String name) {
    return blocks().stream()
        .filter(b -> b.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no parameter " + name));
  }

  public int parameterCount() {
    Block last = blocks().get(blocks().size() - 1);
    return last.offset() + last.size();
  }

  private static int add(List<Block> blocks, String name, long[] shape, int offset, int fanIn) {
    int size = 1;
    for (long d : shape) {
      size = Math.multiplyExact(size, (int) d);
    }
    blocks.add(new Block(name, shape, offset, size, fanIn));
    return offset + size;
  }
}
