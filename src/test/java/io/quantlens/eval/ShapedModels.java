package io.quantlens.eval;

import io.quantlens.formats.onnx.OnnxTestModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/** Small ONNX models whose inputs have a fixed batch, symbolic image sides or no batch axis. */
public final class ShapedModels {
  public static final int K = 4;

  private ShapedModels() {}

  /** x [1, 4] → MatMul w [4, 4] → logits [1, 4]: one sample per call. */
  public static Path batchOneProbe(Path dir, float[] weights) throws IOException {
    return new OnnxTestModel()
        .input("x", OnnxTestModel.FLOAT, 1, K)
        .initializer(OnnxTestModel.floats("w", new long[] {K, K}, weights))
        .node("MatMul", "probe", List.of("x", "w"), List.of("logits"))
        .output("logits", OnnxTestModel.FLOAT, 1, K)
        .write(dir.resolve("batch1-probe.onnx"));
  }

  /**
   * x [B, 3, 8, 8] → Conv w [2, 3, 3, 3] → [B, 2, 6, 6] → Flatten → y [B, 72], B fixed: a tiny
   * image model exported at a fixed batch.
   */
  public static Path fixedBatchConv(Path dir, int batch) throws IOException {
    return new OnnxTestModel()
        .input("x", OnnxTestModel.FLOAT, batch, 3, 8, 8)
        .initializer(convWeights())
        .node("Conv", "conv", List.of("x", "w"), List.of("c"))
        .node("Flatten", "flatten", List.of("c"), List.of("y"))
        .output("y", OnnxTestModel.FLOAT, batch, 72)
        .write(dir.resolve("conv-batch" + batch + ".onnx"));
  }

  /**
   * images [N, 3, H, W] → Conv w [2, 3, 3, 3] → GlobalAveragePool → Flatten → scores [N, 2], the
   * sides named {@code height} and {@code width} (or as given).
   */
  public static Path symbolicImage(Path dir, String height, String width) throws IOException {
    return new OnnxTestModel()
        .input("images", OnnxTestModel.FLOAT, "N", 3, height, width)
        .initializer(convWeights())
        .node("Conv", "conv", List.of("images", "w"), List.of("c"))
        .node("GlobalAveragePool", "pool", List.of("c"), List.of("p"))
        .node("Flatten", "flatten", List.of("p"), List.of("scores"))
        .output("scores", OnnxTestModel.FLOAT, "N", 2)
        .write(dir.resolve("image-" + height + "-" + width + ".onnx"));
  }

  /**
   * planes [N, 2, H, W] → Conv w [2, 2, 3, 3] → GlobalAveragePool → Flatten → scores [N, 2]: two
   * channels, so unnamed sides are not taken for an image's and default to 1.
   */
  public static Path symbolicPlanes(Path dir, String height, String width) throws IOException {
    return new OnnxTestModel()
        .input("planes", OnnxTestModel.FLOAT, "N", 2, height, width)
        .initializer(
            OnnxTestModel.floats(
                "w", new long[] {2, 2, 3, 3}, EvalModels.gaussian(new SplittableRandom(5), 2 * 18)))
        .node("Conv", "conv", List.of("planes", "w"), List.of("c"))
        .node("GlobalAveragePool", "pool", List.of("c"), List.of("p"))
        .node("Flatten", "flatten", List.of("p"), List.of("scores"))
        .output("scores", OnnxTestModel.FLOAT, "N", 2)
        .write(dir.resolve("planes-" + height + "-" + width + ".onnx"));
  }

  /** x [N, 4] → Mul by the scalar input gain [] → MatMul w [4, 4] → y [N, 4]. */
  public static Path scalarGain(Path dir, float[] weights) throws IOException {
    return new OnnxTestModel()
        .input("x", OnnxTestModel.FLOAT, "N", K)
        .input("gain", OnnxTestModel.FLOAT)
        .initializer(OnnxTestModel.floats("w", new long[] {K, K}, weights))
        .node("Mul", "scale", List.of("x", "gain"), List.of("s"))
        .node("MatMul", "probe", List.of("s", "w"), List.of("y"))
        .output("y", OnnxTestModel.FLOAT, "N", K)
        .write(dir.resolve("scalar-gain.onnx"));
  }

  /** x [N, 4] → MatMul w [4, 4] → Add the input bias [1, 4] → y [N, 4]: bias has no batch. */
  public static Path biasInput(Path dir, float[] weights) throws IOException {
    return new OnnxTestModel()
        .input("x", OnnxTestModel.FLOAT, "N", K)
        .input("bias", OnnxTestModel.FLOAT, 1, K)
        .initializer(OnnxTestModel.floats("w", new long[] {K, K}, weights))
        .node("MatMul", "probe", List.of("x", "w"), List.of("h"))
        .node("Add", "add", List.of("h", "bias"), List.of("y"))
        .output("y", OnnxTestModel.FLOAT, "N", K)
        .write(dir.resolve("bias-input.onnx"));
  }

  /** 127 on the diagonal, 0.25 at [0][1]: every row and column has absmax 127. */
  public static float[] diagonalWeights() {
    float[] w = new float[K * K];
    for (int i = 0; i < K; i++) {
      w[i * K + i] = 127;
    }
    w[1] = 0.25f;
    return w;
  }

  /** One-hot rows: row i of the output is row i of the weights. */
  public static float[] identity() {
    float[] x = new float[K * K];
    for (int i = 0; i < K; i++) {
      x[i * K + i] = 1;
    }
    return x;
  }

  private static ai.onnx.proto.OnnxMl.TensorProto convWeights() {
    return OnnxTestModel.floats(
        "w", new long[] {2, 3, 3, 3}, EvalModels.gaussian(new SplittableRandom(9), 2 * 27));
  }
}
