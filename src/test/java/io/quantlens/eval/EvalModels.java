package io.quantlens.eval;

import io.quantlens.formats.npy.Npy;
import io.quantlens.formats.npy.NpyArray;
import io.quantlens.formats.onnx.OnnxTestModel;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/** Small ONNX models with evaluation data, written by the tests. */
public final class EvalModels {
  public static final int FEATURES = 8;
  public static final int HIDDEN = 16;
  public static final int CLASSES = 4;

  private EvalModels() {}

  /** x [N, 8] → MatMul fc1 [8, 16] → Relu → MatMul fc2 [16, 4] → logits [N, 4]. */
  public static Path classifier(Path dir) throws IOException {
    SplittableRandom random = new SplittableRandom(7);
    return new OnnxTestModel()
        .input("x", OnnxTestModel.FLOAT, "N", FEATURES)
        .initializer(
            OnnxTestModel.floats(
                "fc1.weight", new long[] {FEATURES, HIDDEN}, gaussian(random, FEATURES * HIDDEN)))
        .initializer(
            OnnxTestModel.floats(
                "fc2.weight", new long[] {HIDDEN, CLASSES}, gaussian(random, HIDDEN * CLASSES)))
        .node("MatMul", "fc1", List.of("x", "fc1.weight"), List.of("h"))
        .node("Relu", "relu", List.of("h"), List.of("a"))
        .node("MatMul", "fc2", List.of("a", "fc2.weight"), List.of("logits"))
        .output("logits", OnnxTestModel.FLOAT, "N", CLASSES)
        .write(dir.resolve("classifier.onnx"));
  }

  /** x [N, K] → MatMul w [K, M] → y: one-hot rows of x read the weights ORT runs with. */
  public static Path probe(Path dir, int k, int m, float[] weights) throws IOException {
    return new OnnxTestModel()
        .input("x", OnnxTestModel.FLOAT, "N", k)
        .initializer(OnnxTestModel.floats("w", new long[] {k, m}, weights))
        .node("MatMul", "probe", List.of("x", "w"), List.of("y"))
        .output("y", OnnxTestModel.FLOAT, "N", m)
        .write(dir.resolve("probe.onnx"));
  }

  /** x [N, K, 3, 3] → Conv w [M, K, 3, 3] → y [N, M, 1, 1]: one-hot inputs read the weights. */
  public static Path convProbe(Path dir, int k, int m, float[] weights) throws IOException {
    return new OnnxTestModel()
        .input("x", OnnxTestModel.FLOAT, "N", k, 3, 3)
        .initializer(OnnxTestModel.floats("w", new long[] {m, k, 3, 3}, weights))
        .node("Conv", "conv", List.of("x", "w"), List.of("y"))
        .output("y", OnnxTestModel.FLOAT, "N", m, 1, 1)
        .write(dir.resolve("conv-probe.onnx"));
  }

  /** {@code samples} rows of standard normal features. */
  public static float[] features(int samples, long seed) {
    return gaussian(new SplittableRandom(seed), samples * FEATURES);
  }

  /** Generated, unlabelled data: input {@code x} holding {@code samples} rows of {@code k}. */
  /**
   * An evaluator of x [samples, k] → MatMul "fc" with {@code w} [k, n] → y, on rows {@code x}, one
   * thread, 16 calibration samples at most.
   */
  static Evaluator matMul(Path dir, int k, int n, float[] w, int samples, float[] x)
      throws Exception {
    OnnxTestModel m =
        new OnnxTestModel()
            .input("x", OnnxTestModel.FLOAT, "N", k)
            .output("y", OnnxTestModel.FLOAT, "N", n);
    m.initializer(OnnxTestModel.floats("w", new long[] {k, n}, w));
    m.node("MatMul", "fc", List.of("x", "w"), List.of("y"));
    io.quantlens.model.Model model =
        io.quantlens.formats.ModelFiles.open(m.write(dir.resolve("fc.onnx")));
    return new Evaluator(
        model, rows(samples, k, x), EvalTask.detect(model, null), new EvalOptions(1, 16));
  }

  public static EvalData rows(int samples, int k, float[] x) {
    return new EvalData(
        java.util.Map.of("x", NpyArray.ofFloats(new long[] {samples, k}, x)),
        null,
        samples,
        DataOrigin.GENERATED,
        null);
  }

  public static void save(Path file, NpyArray array) throws IOException {
    Files.createDirectories(file.getParent());
    try (OutputStream out = Files.newOutputStream(file)) {
      Npy.write(out, array);
    }
  }

  public static float[] gaussian(SplittableRandom random, int n) {
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = (float) random.nextGaussian();
    }
    return values;
  }
}
