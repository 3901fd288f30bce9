package io.quantlens.samples.mnist;

import java.util.Arrays;

/**
 * The arithmetic of the sample CNN on single images in channel-major (C, H, W) layout, the layout
 * of ONNX. Every sum runs in a fixed order, so results do not depend on threads or timing.
 */
final class Kernels {
  private Kernels() {}

  /** A "valid" 3x3 convolution, stride 1: {@code out[o] = b[o] + Σ_i w[o,i] ⋆ in[i]}. */
  static void conv(
      float[] in,
      int inChannels,
      int inSize,
      float[] p,
      int wOff,
      int bOff,
      int outChannels,
      float[] out) {
    int k = CnnArchitecture.KERNEL;
    int outSize = inSize - k + 1;
    int plane = outSize * outSize;
    for (int o = 0; o < outChannels; o++) {
      Arrays.fill(out, o * plane, (o + 1) * plane, p[bOff + o]);
      for (int i = 0; i < inChannels; i++) {
        for (int ky = 0; ky < k; ky++) {
          for (int kx = 0; kx < k; kx++) {
            float w = p[wOff + ((o * inChannels + i) * k + ky) * k + kx];
            for (int y = 0; y < outSize; y++) {
              int src = (i * inSize + y + ky) * inSize + kx;
              int dst = (o * outSize + y) * outSize;
              for (int x = 0; x < outSize; x++) {
                out[dst + x] += w * in[src + x];
              }
            }
          }
        }
      }
    }
  }

  /**
   * Gradients of {@link #conv}: adds to the weight and bias gradients in {@code g} and, unless
   * {@code dIn} is null, writes the input gradient.
   */
  static void convBackward(
      float[] in,
      int inChannels,
      int inSize,
      float[] p,
      int wOff,
      int bOff,
      int outChannels,
      float[] dOut,
      float[] g,
      float[] dIn) {
    int k = CnnArchitecture.KERNEL;
    int outSize = inSize - k + 1;
    int plane = outSize * outSize;
    if (dIn != null) {
      Arrays.fill(dIn, 0, inChannels * inSize * inSize, 0f);
    }
    for (int o = 0; o < outChannels; o++) {
      float bias = 0f;
      for (int j = o * plane; j < (o + 1) * plane; j++) {
        bias += dOut[j];
      }
      g[bOff + o] += bias;
      for (int i = 0; i < inChannels; i++) {
        for (int ky = 0; ky < k; ky++) {
          for (int kx = 0; kx < k; kx++) {
            int wi = wOff + ((o * inChannels + i) * k + ky) * k + kx;
            float w = p[wi];
            float dw = 0f;
            for (int y = 0; y < outSize; y++) {
              int src = (i * inSize + y + ky) * inSize + kx;
              int d = (o * outSize + y) * outSize;
              for (int x = 0; x < outSize; x++) {
                dw += dOut[d + x] * in[src + x];
              }
              if (dIn != null) {
                for (int x = 0; x < outSize; x++) {
                  dIn[src + x] += w * dOut[d + x];
                }
              }
            }
            g[wi] += dw;
          }
        }
      }
    }
  }

  /** ReLU then 2x2 max-pool, stride 2, floor; {@code argmax} records each winner's index. */
  static void reluMaxPool(float[] in, int channels, int inSize, float[] out, int[] argmax) {
    int outSize = inSize / 2;
    for (int c = 0; c < channels; c++) {
      for (int y = 0; y < outSize; y++) {
        for (int x = 0; x < outSize; x++) {
          int best = (c * inSize + 2 * y) * inSize + 2 * x;
          for (int dy = 0; dy < 2; dy++) {
            for (int dx = 0; dx < 2; dx++) {
              int j = (c * inSize + 2 * y + dy) * inSize + 2 * x + dx;
              if (in[j] > in[best]) {
                best = j;
              }
            }
          }
          int o = (c * outSize + y) * outSize + x;
          out[o] = Math.max(0f, in[best]);
          argmax[o] = best;
        }
      }
    }
  }

  /** Gradient of {@link #reluMaxPool}: routes each output gradient to its winner if positive. */
  static void reluMaxPoolBackward(
      float[] in, int inLength, float[] dOut, int outLength, int[] argmax, float[] dIn) {
    Arrays.fill(dIn, 0, inLength, 0f);
    for (int o = 0; o < outLength; o++) {
      if (in[argmax[o]] > 0f) {
        dIn[argmax[o]] += dOut[o];
      }
    }
  }

  /** {@code out = W·in + b} with W of shape [outSize, inSize] (ONNX Gemm, transB=1). */
  static void dense(
      float[] in, int inSize, float[] p, int wOff, int bOff, int outSize, float[] out) {
    for (int o = 0; o < outSize; o++) {
      float sum = 0f;
      int row = wOff + o * inSize;
      for (int i = 0; i < inSize; i++) {
        sum += p[row + i] * in[i];
      }
      out[o] = sum + p[bOff + o];
    }
  }

  /** Gradients of {@link #dense}; {@code dIn} (written, not added) may be null. */
  static void denseBackward(
      float[] in,
      int inSize,
      float[] p,
      int wOff,
      int bOff,
      int outSize,
      float[] dOut,
      float[] g,
      float[] dIn) {
    if (dIn != null) {
      Arrays.fill(dIn, 0, inSize, 0f);
    }
    for (int o = 0; o < outSize; o++) {
      float d = dOut[o];
      g[bOff + o] += d;
      if (d == 0f) {
        continue;
      }
      int row = wOff + o * inSize;
      for (int i = 0; i < inSize; i++) {
        g[row + i] += d * in[i];
      }
      if (dIn != null) {
        for (int i = 0; i < inSize; i++) {
          dIn[i] += p[row + i] * d;
        }
      }
    }
  }
}
