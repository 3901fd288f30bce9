package io.quantlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.TensorProto;
import io.quantlens.eval.SensitivityScan;
import io.quantlens.formats.onnx.OnnxTestModel;
import io.quantlens.model.Layer;
import io.quantlens.session.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line scans the layers the window scans: those with weights to quantize. It used to
 * scan every layer of the model, a weight with a zero dimension too (one more ONNX Runtime run, a
 * row that cannot differ from FP32); the window scanned the analysed layers only.
 */
class SensitivityLayersTest {
  @TempDir Path dir;

  /**
   * {@code y = x · w + x[:, 0:0] · w0}, w 16×8 and w0 0×8: two MatMul layers, one without weights.
   */
  private Path withAnEmptyLayer() throws Exception {
    float[] w = new float[16 * 8];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) Math.sin(0.7 * i) * (1 + i % 5);
    }
    return new OnnxTestModel()
        .input("x", OnnxTestModel.FLOAT, 2, 16)
        .initializer(OnnxTestModel.floats("w", new long[] {16, 8}, w))
        .initializer(OnnxTestModel.floats("w0", new long[] {0, 8}))
        .initializer(int64("zero", 0))
        .initializer(int64("one", 1))
        .node("MatMul", "fc", List.of("x", "w"), List.of("a"))
        .node("Slice", "none", List.of("x", "zero", "zero", "one"), List.of("e"))
        .node("MatMul", "empty", List.of("e", "w0"), List.of("b"))
        .node("Add", "sum", List.of("a", "b"), List.of("y"))
        .output("y", OnnxTestModel.FLOAT, 2, 8)
        .write(dir.resolve("empty-layer.onnx"));
  }

  private static TensorProto int64(String name, long value) {
    return OnnxTestModel.tensor(name, OnnxTestModel.INT64, new long[] {1})
        .addInt64Data(value)
        .build();
  }

  @Test
  void theScanLeavesOutALayerWithoutWeights() throws Exception {
    Path model = withAnEmptyLayer();
    Session session = Session.open(model);
    assertEquals(
        List.of("fc", "empty"), session.model().layers().stream().map(Layer::name).toList());
    assertEquals(
        List.of("fc"), SensitivityScan.layers(session.model()).stream().map(Layer::name).toList());

    Path csv = dir.resolve("sensitivity.csv");
    Cli.Result r = Cli.run("sensitivity", model, "--scheme", "int4", "--csv", csv);
    assertEquals(0, r.exitCode(), r::toString);
    List<String> lines = Files.readAllLines(csv);
    assertEquals(2, lines.size(), lines::toString);
    assertTrue(lines.get(1).startsWith("1,fc,MatMul,128,"), lines.get(1));
  }
}
