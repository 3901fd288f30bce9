package io.quantlens.samples.mnist;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Trains a {@link SmallCnn} with softmax cross-entropy and Adam. Bitwise reproducible: all random
 * draws come from one seeded generator on the calling thread, and each minibatch is cut into a
 * fixed number of chunks whose gradients are summed in chunk order, whatever the number of threads
 * that computed them.
 */
public final class CnnTrainer {
  static final int CHUNKS = 4;
  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double EPSILON = 1e-8;

  /** Told the mean training loss after each epoch (counted from 1). */
  @FunctionalInterface
  public interface Progress {
    void epochDone(int epoch, double meanLoss);
  }

  /** The trained weights and the mean loss of every epoch. */
  public record Result(CnnWeights weights, List<Double> epochLosses) {
    public Result {
      epochLosses = List.copyOf(epochLosses);
    }
  }

  private final TrainingConfig config;

  public CnnTrainer(TrainingConfig config) {
    this.config = config;
  }

  public Result train(Digits data, Progress progress) {
    CnnArchitecture arch = config.architecture();
    SplittableRandom random = new SplittableRandom(config.seed());
    float[] p = CnnWeights.initialize(arch, random.nextLong()).raw().clone();
    int n = p.length;
    float[] m = new float[n];
    float[] v = new float[n];
    float[] grad = new float[n];
    float[][] chunkGrads = new float[CHUNKS][n];
    double[] chunkLoss = new double[CHUNKS];
    Worker[] workers = new Worker[CHUNKS];
    for (int c = 0; c < CHUNKS; c++) {
      workers[c] = new Worker(new SmallCnn(arch), new float[CnnArchitecture.PIXELS]);
    }
    int[] order = new int[data.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    List<Double> losses = new ArrayList<>();
    long step = 0;
    for (int epoch = 0; epoch < config.epochs(); epoch++) {
      double lr = config.learningRate() * StrictMath.pow(config.decay(), epoch);
      order = DigitSplit.shuffled(order, random);
      double epochLoss = 0;
      for (int start = 0; start < order.length; start += config.batchSize()) {
        int end = Math.min(order.length, start + config.batchSize());
        int[] batch = Arrays.copyOfRange(order, start, end);
        int[] shifts = new int[2 * batch.length];
        for (int k = 0; k < shifts.length; k++) {
          shifts[k] = random.nextInt(-config.maxShift(), config.maxShift() + 1);
        }
        IntStream.range(0, CHUNKS)
            .parallel()
            .forEach(
                c -> {
                  Arrays.fill(chunkGrads[c], 0f);
                  chunkLoss[c] =
                      workers[c].run(
                          p,
                          data,
                          batch,
                          shifts,
                          chunkStart(batch.length, c),
                          chunkStart(batch.length, c + 1),
                          chunkGrads[c]);
                });
        Arrays.fill(grad, 0f);
        for (int c = 0; c < CHUNKS; c++) {
          epochLoss += chunkLoss[c];
          for (int i = 0; i < n; i++) {
            grad[i] += chunkGrads[c][i];
          }
        }
        step++;
        adam(p, grad, m, v, batch.length, lr, step);
      }
      losses.add(epochLoss / order.length);
      progress.epochDone(epoch + 1, epochLoss / order.length);
    }
    return new Result(new CnnWeights(arch, p), losses);
  }

  private static int chunkStart(int batchSize, int chunk) {
    return batchSize * chunk / CHUNKS;
  }

  private static void adam(
      float[] p, float[] grad, float[] m, float[] v, int batchSize, double lr, long step) {
    double c1 = 1 - StrictMath.pow(BETA1, step);
    double c2 = 1 - StrictMath.pow(BETA2, step);
    for (int i = 0; i < p.length; i++) {
      float g = grad[i] / batchSize;
      m[i] = (float) (BETA1 * m[i] + (1 - BETA1) * g);
      v[i] = (float) (BETA2 * v[i] + (1 - BETA2) * g * g);
      p[i] -= (float) (lr * (m[i] / c1) / (Math.sqrt(v[i] / c2) + EPSILON));
    }
  }

  /** Top-1 accuracy of {@code weights} on {@code data}, with the Java forward pass. */
  public static double accuracy(CnnWeights weights, Digits data) {
    float[] p = weights.raw();
    long correct =
        IntStream.range(0, CHUNKS)
            .parallel()
            .mapToLong(
                c -> {
                  SmallCnn net = new SmallCnn(weights.architecture());
                  float[] image = new float[CnnArchitecture.PIXELS];
                  long hits = 0;
                  for (int i = chunkStart(data.size(), c);
                      i < chunkStart(data.size(), c + 1);
                      i++) {
                    toFloats(data, i, 0, 0, image);
                    hits += argmax(net.forward(p, image)) == data.label(i) ? 1 : 0;
                  }
                  return hits;
                })
            .sum();
    return (double) correct / data.size();
  }

  /** The logits of image {@code i} of {@code data}, with the Java forward pass. */
  public static float[] logits(CnnWeights weights, Digits data, int i) {
    float[] image = new float[CnnArchitecture.PIXELS];
    toFloats(data, i, 0, 0, image);
    return new SmallCnn(weights.architecture()).forward(weights.raw(), image);
  }

  static int argmax(float[] values) {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      if (values[i] > values[best]) {
        best = i;
      }
    }
    return best;
  }

  /**
   * Image {@code i} moved by (dx, dy) pixels, as {@code p · (1/255)} in float: the same product as
   * the exported graph's Cast → Mul.
   */
  static void toFloats(Digits data, int i, int dx, int dy, float[] out) {
    int size = CnnArchitecture.IMAGE_SIZE;
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        int sy = y - dy;
        int sx = x - dx;
        boolean inside = sy >= 0 && sy < size && sx >= 0 && sx < size;
        out[y * size + x] =
            inside ? data.pixel(i, sy * size + sx) * CnnOnnxExporter.INPUT_SCALE : 0f;
      }
    }
  }

  /** One chunk's share of a minibatch, with its own activations. */
  private record Worker(SmallCnn net, float[] image) {
    double run(float[] p, Digits data, int[] batch, int[] shifts, int from, int to, float[] grad) {
      double loss = 0;
      for (int k = from; k < to; k++) {
        toFloats(data, batch[k], shifts[2 * k], shifts[2 * k + 1], image);
        loss += net.accumulateGradient(p, image, data.label(batch[k]), grad);
      }
      return loss;
    }
  }
}
