package io.quantlens.cost;

import static io.quantlens.formats.onnx.OnnxTestModel.FLOAT;
import static io.quantlens.formats.onnx.OnnxTestModel.floats;
import static io.quantlens.formats.onnx.OnnxTestModel.intAttribute;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import ai.onnx.proto.OnnxMl.AttributeProto;
import io.quantlens.formats.ModelFiles;
import io.quantlens.formats.onnx.OnnxTestModel;
import io.quantlens.model.Model;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MACs, shapes and activation bytes of one-operator graphs, worked out by hand. */
class SmallGraphCostTest {
  @TempDir Path dir;

  @Test
  void convWithStridePaddingAndGroups() throws Exception {
    // X [N=2, 4, 9, 9], W [6, 4/2, 3, 3], group 2, stride 2, pads 1:
    // out side = floor((9 + 1 + 1 - 3) / 2) + 1 = 5, Y = [2, 6, 5, 5] = 300 elements.
    // MACs = prod(Y) · Cin/group · kh · kw = 300 · 2 · 9 = 5400.
    // read = X: 2·4·81 floats = 648 · 4 B = 2592; written = Y: 300 · 4 B = 1200.
    Path file =
        new OnnxTestModel()
            .initializer(floats("W", new long[] {6, 2, 3, 3}, new float[108]))
            .initializer(floats("B", new long[] {6}, new float[6]))
            .node(
                "Conv",
                "conv",
                List.of("X", "W", "B"),
                List.of("Y"),
                intAttribute("group", 2),
                ints("strides", 2, 2),
                ints("pads", 1, 1, 1, 1))
            .input("X", FLOAT, "N", 4, 9, 9)
            .output("Y", FLOAT, "N", 6, null, null)
            .write(dir.resolve("conv.onnx"));

    NodeCost conv = only(measure(file, new Workload(2, Map.of())));

    assertArrayEquals(new long[] {2, 6, 5, 5}, conv.outputShape());
    assertEquals(5400, conv.macs());
    assertEquals(2592, conv.activationBytesRead());
    assertEquals(1200, conv.activationBytesWritten());
    assertEquals("W", conv.weight());
  }

  @Test
  void gemmWithTransposedOperands() throws Exception {
    // gemm1, transB = 1: A [3, 5] · B1ᵀ with B1 [4, 5] → Y1 [3, 4]; K = A[1] = 5, MACs = 12 · 5 =
    // 60;
    //   read A 15 · 4 = 60 B (B1 and C1 are initializers), written 12 · 4 = 48 B.
    // gemm2, transA = 1: Y1ᵀ [4, 3] · B2 [3, 2] → Y2 [4, 2]; K = Y1[0] = 3, MACs = 8 · 3 = 24;
    //   read Y1 48 B, written 8 · 4 = 32 B.
    Path file =
        new OnnxTestModel()
            .initializer(floats("B1", new long[] {4, 5}, new float[20]))
            .initializer(floats("C1", new long[] {4}, new float[4]))
            .initializer(floats("B2", new long[] {3, 2}, new float[6]))
            .node(
                "Gemm", "gemm1", List.of("A", "B1", "C1"), List.of("Y1"), intAttribute("transB", 1))
            .node("Gemm", "gemm2", List.of("Y1", "B2"), List.of("Y2"), intAttribute("transA", 1))
            .input("A", FLOAT, 3, 5)
            .output("Y2", FLOAT, 4, 2)
            .write(dir.resolve("gemm.onnx"));

    WorkloadCosts costs = measure(file, Workload.defaults());
    NodeCost gemm1 = costs.nodes().get(0);
    NodeCost gemm2 = costs.nodes().get(1);

    assertArrayEquals(new long[] {3, 4}, gemm1.outputShape());
    assertEquals(60, gemm1.macs());
    assertEquals(60, gemm1.activationBytesRead());
    assertEquals(48, gemm1.activationBytesWritten());
    assertEquals("B1", gemm1.weight());
    assertArrayEquals(new long[] {4, 2}, gemm2.outputShape());
    assertEquals(24, gemm2.macs());
    assertEquals(48, gemm2.activationBytesRead());
    assertEquals(32, gemm2.activationBytesWritten());
    assertEquals("B2", gemm2.weight());
    assertEquals(84, costs.totalMacs());
  }

  @Test
  void matMulBroadcastsAWeightOverBatchDims() throws Exception {
    // A [2, 3, 4, 5] · B [5, 6] → Y [2, 3, 4, 6] = 144 elements; K = 5, MACs = 720.
    // read A 120 · 4 = 480 B (B is an initializer), written 144 · 4 = 576 B.
    Path file =
        new OnnxTestModel()
            .initializer(floats("B", new long[] {5, 6}, new float[30]))
            .node("MatMul", "mm", List.of("A", "B"), List.of("Y"))
            .input("A", FLOAT, 2, 3, 4, 5)
            .output("Y", FLOAT, 2, 3, 4, 6)
            .write(dir.resolve("matmul-weight.onnx"));

    NodeCost mm = only(measure(file, Workload.defaults()));

    assertArrayEquals(new long[] {2, 3, 4, 6}, mm.outputShape());
    assertEquals(720, mm.macs());
    assertEquals(480, mm.activationBytesRead());
    assertEquals(576, mm.activationBytesWritten());
    assertEquals("B", mm.weight());
  }

  @Test
  void matMulOfTwoActivationsWithBatchDims() throws Exception {
    // A [2, 3, 4, 5] · B [2, 3, 5, 6] → Y [2, 3, 4, 6] = 144 elements; K = 5, MACs = 720.
    // read A 480 B + B 180 · 4 = 720 B = 1200 B, written 576 B; no weight.
    Path file =
        new OnnxTestModel()
            .node("MatMul", "scores", List.of("A", "B"), List.of("Y"))
            .input("A", FLOAT, 2, 3, 4, 5)
            .input("B", FLOAT, 2, 3, 5, 6)
            .output("Y", FLOAT, 2, 3, 4, 6)
            .write(dir.resolve("matmul-activations.onnx"));

    NodeCost mm = only(measure(file, Workload.defaults()));

    assertEquals(720, mm.macs());
    assertEquals(1200, mm.activationBytesRead());
    assertEquals(576, mm.activationBytesWritten());
    assertNull(mm.weight());
  }

  @Test
  void elementwiseNodesCostNoMacsButMoveBytes() throws Exception {
    // Relu on X [1, 8] then Add of the result to itself: both 0 MACs; Relu reads and writes 32 B;
    // Add reads its one distinct input once (32 B) and writes 32 B.
    Path file =
        new OnnxTestModel()
            .node("Relu", "relu", List.of("X"), List.of("R"))
            .node("Add", "add", List.of("R", "R"), List.of("Y"))
            .input("X", FLOAT, 1, 8)
            .output("Y", FLOAT, 1, 8)
            .write(dir.resolve("elementwise.onnx"));

    WorkloadCosts costs = measure(file, Workload.defaults());

    assertEquals(0, costs.totalMacs());
    assertEquals(64, costs.activationBytesRead());
    assertEquals(64, costs.activationBytesWritten());
    assertArrayEquals(new long[] {1, 8}, costs.shape("R").orElseThrow());
  }

  private static WorkloadCosts measure(Path file, Workload workload) throws Exception {
    Model model = ModelFiles.open(file);
    return WorkloadShapes.measure(file, model, workload);
  }

  private static NodeCost only(WorkloadCosts costs) {
    assertEquals(1, costs.nodes().size());
    return costs.nodes().get(0);
  }

  private static AttributeProto ints(String name, long... values) {
    AttributeProto.Builder a =
        AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
    for (long v : values) {
      a.addInts(v);
    }
    return a.build();
  }
}
