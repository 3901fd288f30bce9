package io.quantlens.cli;

import io.quantlens.formats.onnx.OnnxTestModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Tiny ONNX models written with {@link OnnxTestModel}, for tests that need no real model. */
final class SmallModels {
  static final int ROWS = 16;
  static final int COLUMNS = 8;

  private SmallModels() {}

  /** One MatMul layer {@code y = x · w} with a 16×8 weight of varied values. */
  static OnnxTestModel matMul() {
    float[] w = new float[ROWS * COLUMNS];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) Math.sin(0.7 * i) * (1 + i % 5);
    }
    return new OnnxTestModel()
        .input("x", OnnxTestModel.FLOAT, "batch", ROWS)
        .initializer(OnnxTestModel.floats("w", new long[] {ROWS, COLUMNS}, w))
        .node("MatMul", "mm", List.of("x", "w"), List.of("y"))
        .output("y", OnnxTestModel.FLOAT, "batch", COLUMNS);
  }

  static Path matMul(Path file) throws IOException {
    return matMul().write(file);
  }
}
