package io.quantlens.samples.mnist;

/**
 * Forward and backward passes of a {@link CnnArchitecture} on one image at a time. An instance
 * holds the activations of the last image, so each thread needs its own; the weights are only read.
 */
final class SmallCnn {
  private final CnnArchitecture a;
  private final int c1W;
  private final int c1B;
  private final int c2W;
  private final int c2B;
  private final int f1W;
  private final int f1B;
  private final int f2W;
  private final int f2B;

  private final float[] conv1;
  private final float[] pool1;
  private final int[] arg1;
  private final float[] conv2;
  private final float[] pool2;
  private final int[] arg2;
  private final float[] hidden;
  private final float[] logits = new float[CnnArchitecture.CLASSES];
  private final float[] dLogits = new float[CnnArchitecture.CLASSES];
  private final float[] dHidden;
  private final float[] dPool2;
  private final float[] dConv2;
  private final float[] dPool1;
  private final float[] dConv1;

  SmallCnn(CnnArchitecture architecture) {
    a = architecture;
    c1W = a.block("conv1.weight").offset();
    c1B = a.block("conv1.bias").offset();
    c2W = a.block("conv2.weight").offset();
    c2B = a.block("conv2.bias").offset();
    f1W = a.block("fc1.weight").offset();
    f1B = a.block("fc1.bias").offset();
    f2W = a.block("fc2.weight").offset();
    f2B = a.block("fc2.bias").offset();
    conv1 = new float[a.conv1Channels() * a.conv1Size() * a.conv1Size()];
    pool1 = new float[a.conv1Channels() * a.pool1Size() * a.pool1Size()];
    arg1 = new int[pool1.length];
    conv2 = new float[a.conv2Channels() * a.conv2Size() * a.conv2Size()];
    pool2 = new float[a.flatSize()];
    arg2 = new int[pool2.length];
    hidden = new float[a.hiddenUnits()];
    dHidden = new float[hidden.length];
    dPool2 = new float[pool2.length];
    dConv2 = new float[conv2.length];
    dPool1 = new float[pool1.length];
    dConv1 = new float[conv1.length];
  }

  /** The logits of one image of {@code 28×28} floats in [0, 1]; a fresh array. */
  float[] forward(float[] p, float[] image) {
    Kernels.conv(image, 1, CnnArchitecture.IMAGE_SIZE, p, c1W, c1B, a.conv1Channels(), conv1);
    Kernels.reluMaxPool(conv1, a.conv1Channels(), a.conv1Size(), pool1, arg1);
    Kernels.conv(pool1, a.conv1Channels(), a.pool1Size(), p, c2W, c2B, a.conv2Channels(), conv2);
    Kernels.reluMaxPool(conv2, a.conv2Channels(), a.conv2Size(), pool2, arg2);
    Kernels.dense(pool2, a.flatSize(), p, f1W, f1B, a.hiddenUnits(), hidden);
    for (int i = 0; i < hidden.length; i++) {
      hidden[i] = Math.max(0f, hidden[i]);
    }
    Kernels.dense(hidden, a.hiddenUnits(), p, f2W, f2B, CnnArchitecture.CLASSES, logits);
    return logits.clone();
  }

  /**
   * Runs forward and backward for one image, adds the gradient of its softmax cross-entropy to
   * {@code g} and returns the loss.
   */
  double accumulateGradient(float[] p, float[] image, int label, float[] g) {
    forward(p, image);
    double loss = softmaxCrossEntropy(logits, label, dLogits);
    Kernels.denseBackward(
        hidden, a.hiddenUnits(), p, f2W, f2B, CnnArchitecture.CLASSES, dLogits, g, dHidden);
    for (int i = 0; i < hidden.length; i++) {
      if (hidden[i] <= 0f) {
        dHidden[i] = 0f;
      }
    }
    Kernels.denseBackward(pool2, a.flatSize(), p, f1W, f1B, a.hiddenUnits(), dHidden, g, dPool2);
    Kernels.reluMaxPoolBackward(conv2, conv2.length, dPool2, pool2.length, arg2, dConv2);
    Kernels.convBackward(
        pool1, a.conv1Channels(), a.pool1Size(), p, c2W, c2B, a.conv2Channels(), dConv2, g, dPool1);
    Kernels.reluMaxPoolBackward(conv1, conv1.length, dPool1, pool1.length, arg1, dConv1);
    Kernels.convBackward(
        image, 1, CnnArchitecture.IMAGE_SIZE, p, c1W, c1B, a.conv1Channels(), dConv1, g, null);
    return loss;
  }

  /**
   * Writes {@code softmax(z) − onehot(label)} to {@code dz} and returns {@code −log softmax(z)}.
   * StrictMath keeps the result the same on every JVM and CPU.
   */
  static double softmaxCrossEntropy(float[] z, int label, float[] dz) {
    double max = Double.NEGATIVE_INFINITY;
    for (float v : z) {
      max = Math.max(max, v);
    }
    double sum = 0;
    for (float v : z) {
      sum += StrictMath.exp(v - max);
    }
    for (int i = 0; i < z.length; i++) {
      dz[i] = (float) (StrictMath.exp(z[i] - max) / sum - (i == label ? 1 : 0));
    }
    return StrictMath.log(sum) - (z[label] - max);
  }
}
