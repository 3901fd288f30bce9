package io.quantlens.eval.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Matrix products {@code y_t = W·x_t} for every position t, spread over threads by output rows.
 * Each output value is one row's dot product summed in one fixed order whatever thread computes it,
 * so the results are the same bits for 1 and N threads.
 */
final class RowParallel implements AutoCloseable {
  private static final int CHUNKS_PER_THREAD = 8;

  private final int threads;
  private final ExecutorService pool;

  RowParallel(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, not " + threads);
    }
    this.threads = threads;
    this.pool =
        threads == 1
            ? null
            : Executors.newFixedThreadPool(
                threads,
                r -> {
                  Thread t = new Thread(r, "llm-forward");
                  t.setDaemon(true);
                  return t;
                });
  }

  /**
   * {@code out[t][r] = Σ_c w[r][c]·in[t][c]}: each row of {@code w} is read (dequantized) once for
   * all positions.
   */
  void multiply(Matrix w, float[][] in, float[][] out) {
    int rows = w.rows();
    int chunks = pool == null ? 1 : Math.min(rows, threads * CHUNKS_PER_THREAD);
    if (chunks == 1) {
      rows(w, in, out, 0, rows);
      return;
    }
    List<Future<?>> futures = new ArrayList<>(chunks);
    for (int c = 0; c < chunks; c++) {
      int from = (int) ((long) rows * c / chunks);
      int to = (int) ((long) rows * (c + 1) / chunks);
      futures.add(pool.submit(() -> rows(w, in, out, from, to)));
    }
    try {
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      futures.forEach(f -> f.cancel(true));
      Thread.currentThread().interrupt();
      throw new IllegalStateException("the forward pass was interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a matrix product failed: " + e.getCause(), e.getCause());
    }
  }

  private static final int ROW_BLOCK = 4;

  /**
   * Rows four at a time, so each input value loaded serves four dot products; every dot product is
   * still one sequential double sum over the columns, whatever rows it is grouped with.
   */
  private static void rows(Matrix w, float[][] in, float[][] out, int from, int to) {
    int columns = w.columns();
    float[][] block = new float[ROW_BLOCK][columns];
    int r = from;
    for (; r + ROW_BLOCK <= to; r += ROW_BLOCK) {
      for (int i = 0; i < ROW_BLOCK; i++) {
        w.row(r + i, block[i]);
      }
      float[] w0 = block[0];
      float[] w1 = block[1];
      float[] w2 = block[2];
      float[] w3 = block[3];
      for (int t = 0; t < in.length; t++) {
        float[] x = in[t];
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        for (int c = 0; c < columns; c++) {
          double v = x[c];
          s0 += w0[c] * v;
          s1 += w1[c] * v;
          s2 += w2[c] * v;
          s3 += w3[c] * v;
        }
        out[t][r] = (float) s0;
        out[t][r + 1] = (float) s1;
        out[t][r + 2] = (float) s2;
        out[t][r + 3] = (float) s3;
      }
    }
    for (; r < to; r++) {
      w.row(r, block[0]);
      for (int t = 0; t < in.length; t++) {
        out[t][r] = (float) dot(block[0], in[t]);
      }
    }
  }

  /** One sequential double sum: the same value as a row's lane of the four-row loop. */
  static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * (double) b[i];
    }
    return s;
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
