package io.quantlens.eval;

/** Cuts one batch's output into a vector per sample, pooling token states for embeddings. */
final class OutputVectors {
  private OutputVectors() {}

  static void split(
      EvalTask task, float[] flat, long[] shape, int rows, long[] mask, float[][] out, int first) {
    if (shape.length == 0 || shape[0] != rows) {
      throw new IllegalStateException(
          "output '"
              + task.output()
              + "' has "
              + (shape.length == 0 ? "no" : shape[0])
              + " rows for a batch of "
              + rows
              + "; its first axis must count samples");
    }
    int width = flat.length / rows;
    if (task.kind() == EvalTask.Kind.EMBEDDING) {
      int tokens = (int) shape[1];
      int dim = (int) shape[2];
      if (mask.length != (long) rows * tokens) {
        throw new IllegalStateException(
            "mask '"
                + task.maskInput()
                + "' does not match the "
                + tokens
                + " tokens of the output");
      }
      for (int r = 0; r < rows; r++) {
        out[first + r] = meanPool(flat, r * width, tokens, dim, mask, r * tokens);
      }
      return;
    }
    for (int r = 0; r < rows; r++) {
      float[] v = new float[width];
      System.arraycopy(flat, r * width, v, 0, width);
      out[first + r] = v;
    }
  }

  /** Mean of the token states whose mask is non-zero, as sentence-transformers pools MiniLM. */
  static float[] meanPool(
      float[] states, int offset, int tokens, int dim, long[] mask, int maskOffset) {
    double[] sum = new double[dim];
    int counted = 0;
    for (int t = 0; t < tokens; t++) {
      if (mask[maskOffset + t] == 0) {
        continue;
      }
      counted++;
      int base = offset + t * dim;
      for (int d = 0; d < dim; d++) {
        sum[d] += states[base + d];
      }
    }
    float[] pooled = new float[dim];
    for (int d = 0; d < dim; d++) {
      pooled[d] = (float) (sum[d] / Math.max(counted, 1));
    }
    return pooled;
  }
}
