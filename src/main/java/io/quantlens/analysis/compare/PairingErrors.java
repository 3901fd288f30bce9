package io.quantlens.analysis.compare;

import io.quantlens.analysis.ChannelMajorReader;
import io.quantlens.analysis.TensorLayout;
import io.quantlens.quant.ErrorAccumulator;
import io.quantlens.quant.ErrorStats;
import io.quantlens.quant.HistogramAccumulator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * The error of an artifact layer's weights against the original's, streamed a chunk of output
 * channels at a time (each chunk at most {@link #CHUNK_WEIGHTS} weights a side), the chunks' sums
 * merged in channel order so the result does not depend on threads. A chunk's buffers stay under
 * half a G1 region of a 1 GB heap (512 KB), so they are not humongous allocations.
 */
final class PairingErrors {
  static final int CHUNK_WEIGHTS = 1 << 16;

  private final LayerPairing pairing;
  private final TensorLayout artifact;
  private final long[] sliceStarts;

  PairingErrors(LayerPairing pairing) {
    this.pairing = pairing;
    this.artifact = TensorLayout.of(pairing.artifact().weight(), pairing.artifact().channelAxis());
    List<ChannelSlice> slices = pairing.original();
    sliceStarts = new long[slices.size() + 1];
    for (int i = 0; i < slices.size(); i++) {
      sliceStarts[i + 1] = sliceStarts[i] + slices.get(i).count();
    }
    if (artifact.reduction() > CHUNK_WEIGHTS * 64L) {
      throw new IllegalArgumentException(
          pairing.artifact().name() + ": rows of " + artifact.reduction() + " weights");
    }
  }

  long weights() {
    return artifact.elements();
  }

  /**
   * Runs the chunks on {@code pool}; {@code progress} gets the weights of each chunk done.
   *
   * @throws CancellationException when {@code cancelled} turns true
   */
  ErrorStats measure(ExecutorService pool, BooleanSupplier cancelled, LongConsumer progress)
      throws InterruptedException {
    int reduction = (int) artifact.reduction();
    int perChunk =
        (int) Math.max(1, Math.min(artifact.channels(), CHUNK_WEIGHTS / Math.max(1, reduction)));
    List<Future<ErrorAccumulator>> chunks = new ArrayList<>();
    for (long first = 0; first < artifact.channels(); first += perChunk) {
      long from = first;
      int count = (int) Math.min(perChunk, artifact.channels() - first);
      Callable<ErrorAccumulator> task =
          () -> {
            if (cancelled.getAsBoolean()) {
              throw new CancellationException();
            }
            ErrorAccumulator acc = chunk(from, count, reduction);
            progress.accept((long) count * reduction);
            return acc;
          };
      chunks.add(pool.submit(task));
    }
    ErrorAccumulator total = accumulator();
    try {
      for (Future<ErrorAccumulator> f : chunks) {
        total.merge(f.get());
      }
    } catch (ExecutionException e) {
      chunks.forEach(f -> f.cancel(true));
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      chunks.forEach(f -> f.cancel(true));
      throw e;
    }
    return total.toStats();
  }

  private ErrorAccumulator chunk(long first, int count, int reduction) {
    float[] quantized = new float[count * reduction];
    float[] scratch = new float[count];
    new ChannelMajorReader(pairing.artifact().weight().reader(), artifact)
        .read(first, count, quantized, scratch);
    float[] original = new float[count * reduction];
    int c = 0;
    while (c < count) {
      long g = pairing.order().original(first + c);
      int slice = sliceOf(g);
      int run = 1;
      while (c + run < count
          && pairing.order().original(first + c + run) == g + run
          && g + run < sliceStarts[slice + 1]) {
        run++;
      }
      ChannelSlice s = pairing.original().get(slice);
      ChannelMajorReader reader = new ChannelMajorReader(s.layer().weight().reader(), s.layout());
      long from = s.first() + g - sliceStarts[slice];
      if (c == 0 && run == count) {
        reader.read(from, run, original, scratch);
      } else {
        float[] part = new float[run * reduction];
        reader.read(from, run, part, new float[run]);
        System.arraycopy(part, 0, original, c * reduction, part.length);
      }
      c += run;
    }
    ErrorAccumulator acc = accumulator();
    acc.add(original, quantized, 0, original.length);
    return acc;
  }

  private int sliceOf(long channel) {
    for (int i = 0; i + 1 < sliceStarts.length; i++) {
      if (channel < sliceStarts[i + 1]) {
        return i;
      }
    }
    throw new IllegalStateException("channel " + channel + " past the original slices");
  }

  /** Without an error histogram: the comparison reports the sums only. */
  private static ErrorAccumulator accumulator() {
    return new ErrorAccumulator(new HistogramAccumulator(-1, 1, 1));
  }
}
