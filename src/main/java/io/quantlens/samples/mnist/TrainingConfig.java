package io.quantlens.samples.mnist;

/**
 * How {@link CnnTrainer} trains: Adam with an exponentially decaying learning rate on minibatches,
 * each image shifted by up to {@code maxShift} pixels at random.
 *
 * @param learningRate Adam step size in the first epoch
 * @param decay factor applied to the learning rate after every epoch
 * @param seed drives initialization, shuffling and augmentation
 */
public record TrainingConfig(
    CnnArchitecture architecture,
    int epochs,
    int batchSize,
    double learningRate,
    double decay,
    int maxShift,
    long seed) {

  public TrainingConfig {
    if (epochs < 1 || batchSize < 1 || learningRate <= 0 || decay <= 0 || maxShift < 0) {
      throw new IllegalArgumentException("invalid training configuration");
    }
  }

  /** The recipe of the bundled {@code mnist-cnn}. */
  public static TrainingConfig standard() {
    return new TrainingConfig(CnnArchitecture.standard(), 12, 32, 2e-3, 0.8, 2, 42);
  }

  public TrainingConfig withEpochs(int n) {
    return new TrainingConfig(architecture, n, batchSize, learningRate, decay, maxShift, seed);
  }

  public TrainingConfig withSeed(long s) {
    return new TrainingConfig(architecture, epochs, batchSize, learningRate, decay, maxShift, s);
  }
}
