package io.quantlens.cost;

import static io.quantlens.formats.onnx.OnnxTestModel.FLOAT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.formats.ModelFiles;
import io.quantlens.formats.onnx.OnnxTestModel;
import io.quantlens.model.Model;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExternalDataAndErrorsTest {
  @TempDir Path dir;

  @Test
  void weightsInAnExternalFileAreFoundNextToTheModel() throws Exception {
    // X [N=3, 4] · W [4, 2] with W in weights.bin: Y [3, 2], MACs = 6 · 4 = 24.
    Files.createDirectories(dir.resolve("model"));
    Files.write(dir.resolve("model/weights.bin"), OnnxTestModel.floatBytes(new float[8]));
    Path file =
        new OnnxTestModel()
            .initializer(
                OnnxTestModel.external("W", FLOAT, new long[] {4, 2}, "weights.bin", 0, 32L))
            .node("MatMul", "mm", List.of("X", "W"), List.of("Y"))
            .input("X", FLOAT, "N", 4)
            .output("Y", FLOAT, "N", 2)
            .write(dir.resolve("model/model.onnx"));

    WorkloadCosts costs =
        WorkloadShapes.measure(file, ModelFiles.open(file), new Workload(3, Map.of()));

    assertEquals(24, costs.totalMacs());
    assertArrayEquals(new long[] {3, 2}, costs.nodes().get(0).outputShape());
    assertEquals("W", costs.nodes().get(0).weight());
  }

  @Test
  void unknownDimensionIsRefusedBeforeRunning() throws Exception {
    Path cnn = Path.of("sample-models", "mnist-cnn", "mnist-cnn.onnx");
    Model model = ModelFiles.open(cnn);
    Workload workload = new Workload(1, Map.of("sequence", 64L));

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> WorkloadShapes.measure(cnn, model, workload));

    assertTrue(e.getMessage().contains("unknown dimension sequence"), e.getMessage());
    assertTrue(e.getMessage().contains("none (all sizes are fixed)"), e.getMessage());
  }
}
