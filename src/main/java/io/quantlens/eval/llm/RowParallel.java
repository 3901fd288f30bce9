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

  private static void rows(Matrix w, float[][] in, float[][] out, int from, int to) {
    float[] row = new float[w.columns()];
    for (int r = from; r < to; r++) {
      w.row(r, row);
      for (int t = 0; t < in.length; t++) {
        out[t][r] = (float) dot(row, in[t]);
      }
    }
  }

  /** Four interleaved double partial sums, added in a fixed order at the end. */
  static double dot(float[] a, float[] b) {
    int n = a.length;
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = 0;
    for (; i + 3 < n; i += 4) {
      s0 += (double) a[i] * b[i];
      s1 += (double) a[i + 1] * b[i + 1];
      s2 += (double) a[i + 2] * b[i + 2];
      s3 += (double) a[i + 3] * b[i + 3];
    }
    for (; i < n; i++) {
      s0 += (double) a[i] * b[i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
