package io.quantlens.cost;

import static io.quantlens.formats.onnx.OnnxTestModel.FLOAT;
import static io.quantlens.formats.onnx.OnnxTestModel.INT64;
import static io.quantlens.formats.onnx.OnnxTestModel.floats;
import static io.quantlens.formats.onnx.OnnxTestModel.intAttribute;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.quantlens.formats.ModelFiles;
import io.quantlens.formats.onnx.OnnxTestModel;
import io.quantlens.model.Graph;
import io.quantlens.model.Model;
import io.quantlens.testing.TestModels;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bounded measurement (inferred shapes, runs that keep few values) gives the same per-node
 * costs and shapes as one run that keeps every node output, the method it replaces.
 */
class BoundedShapeRunsTest {
  @TempDir Path dir;

  @Test
  void cnnOfInferableOperatorsNeedsNoRunAndMatchesTheAllOutputsRun() throws Exception {
    Path file = cnn();
    Model model = ModelFiles.open(file);
    Workload workload = new Workload(2, Map.of());

    WorkloadShapes.Measurement bounded = bounded(file, model, workload);

    assertEquals(List.of(), bounded.runs());
    assertSame(file, model, workload, bounded);
    // conv1 3→8, 3×3, pads 1 on 32×32: Y [2, 8, 32, 32], MACs = 2·8·32·32 · 3·9 = 442,368;
    // after the 2×2 max pool, conv2 8→16, 3×3, SAME_UPPER, stride 2 on 16×16: [2, 16, 8, 8].
    WorkloadCosts costs = WorkloadShapes.costs(file, model, graph(file), workload, bounded.sizes());
    assertEquals(2L * 8 * 32 * 32 * 27, costs.nodes().get(0).macs());
    assertArrayEquals(new long[] {2, 16, 8, 8}, costs.shape("c2").orElseThrow());
    assertArrayEquals(new long[] {2, 10}, costs.shape("probs").orElseThrow());
  }

  @Test
  void dynamicallyQuantizedSegmentationOpsNeedNoRun() throws Exception {
    // ORT's uint8 U-Net form: DynamicQuantizeLinear → ConvInteger → Cast → MaxPool (ceil mode, odd
    // side) → Resize to stored sizes.
    Path file =
        new OnnxTestModel()
            .input("X", FLOAT, 1, 3, 15, 15)
            .output("up", FLOAT, 1, 4, 15, 15)
            .initializer(
                OnnxTestModel.bytes(
                    "wq", OnnxTestModel.UINT8, new long[] {4, 3, 3, 3}, new int[4 * 27]))
            .initializer(
                OnnxTestModel.tensor("sizes", INT64, new long[] {4})
                    .addInt64Data(1)
                    .addInt64Data(4)
                    .addInt64Data(15)
                    .addInt64Data(15)
                    .build())
            .node("DynamicQuantizeLinear", "dql", List.of("X"), List.of("xq", "xs", "xz"))
            .node(
                "ConvInteger",
                "conv",
                List.of("xq", "wq", "xz"),
                List.of("acc"),
                ints1("pads", 1, 1, 1, 1))
            .node("Cast", "cast", List.of("acc"), List.of("accf"), intAttribute("to", FLOAT))
            .node(
                "MaxPool",
                "pool",
                List.of("accf"),
                List.of("p"),
                intAttribute("ceil_mode", 1),
                ints1("kernel_shape", 2, 2),
                ints1("strides", 2, 2))
            .node("Resize", "resize", List.of("p", "", "", "sizes"), List.of("up"))
            .write(dir.resolve("dynamic-unet.onnx"));
    Model model = ModelFiles.open(file);
    Workload workload = new Workload(1, Map.of());
    WorkloadShapes.Measurement bounded = bounded(file, model, workload);
    assertEquals(List.of(), bounded.runs());
    assertSame(file, model, workload, bounded);
    // ceil((15 − 2) / 2) + 1 = 8, where floor mode gives 7
    assertArrayEquals(new long[] {1, 4, 8, 8}, bounded.sizes().get("p").shape());
    assertEquals(8, bounded.sizes().get("xq").bits());
  }

  @Test
  void resizeSizesComputedFromShapesAndNodesOutOfOrderNeedNoRun() throws Exception {
    // As PyTorch exports an upsampling to another tensor's size, after an FP16 conversion that
    // appended the input's Cast at the end of the node list.
    AttributeProto two =
        OnnxTestModel.tensorAttribute(
            OnnxTestModel.tensor("", INT64, new long[] {2})
                .addInt64Data(6)
                .addInt64Data(10)
                .build());
    Path file =
        new OnnxTestModel()
            .input("X", FLOAT, 1, 2, 3, 5)
            .output("up", OnnxTestModel.FLOAT16, 1, 2, 6, 10)
            .node("Shape", "shape", List.of("x16"), List.of("s"))
            .node("Constant", "c0", List.of(), List.of("zero"), one(0))
            .node("Constant", "c2", List.of(), List.of("two"), one(2))
            .node("Slice", "slice", List.of("s", "zero", "two", "zero"), List.of("nc"))
            .node("Constant", "hw", List.of(), List.of("side"), two)
            .node(
                "Concat",
                "target",
                List.of("nc", "side"),
                List.of("sizes"),
                intAttribute("axis", 0))
            .node("Resize", "resize", List.of("x16", "", "", "sizes"), List.of("up"))
            .node("Cast", "cast", List.of("X"), List.of("x16"), intAttribute("to", 10))
            .write(dir.resolve("resize-to-shape.onnx"));
    Model model = ModelFiles.open(file);
    Workload workload = new Workload(1, Map.of());
    WorkloadShapes.Measurement bounded = bounded(file, model, workload);
    assertEquals(List.of(), bounded.runs());
    assertSame(file, model, workload, bounded);
    assertArrayEquals(new long[] {1, 2, 6, 10}, bounded.sizes().get("up").shape());
    assertEquals(16, bounded.sizes().get("up").bits());
  }

  private static AttributeProto one(long value) {
    return OnnxTestModel.tensorAttribute(
        OnnxTestModel.tensor("", INT64, new long[] {1}).addInt64Data(value).build());
  }

  @Test
  void computedReshapeTargetsAreReadBackRatherThanTheReshapedActivations() throws Exception {
    // Shape(X) → Gather(0) → Unsqueeze → Abs → Concat([n, -1]) → Reshape(X): the exported-
    // transformer pattern with one operator (Abs) whose elements are not worked out statically.
    // The Concat result (2 int64s) is the only value the run keeps.
    Path file =
        new OnnxTestModel()
            .initializer(longs("zero", new long[0], 0))
            .initializer(longs("axes0", new long[] {1}, 0))
            .initializer(longs("minus1", new long[] {1}, -1))
            .node("Shape", "shape", List.of("X"), List.of("s"))
            .node("Gather", "gather", List.of("s", "zero"), List.of("n"))
            .node("Unsqueeze", "unsq", List.of("n", "axes0"), List.of("n0"))
            .node("Abs", "abs", List.of("n0"), List.of("n1"))
            .node("Concat", "concat", List.of("n1", "minus1"), List.of("target"), ints1("axis", 0))
            .node("Reshape", "reshape", List.of("X", "target"), List.of("flat"))
            .node("Relu", "relu", List.of("flat"), List.of("Y"))
            .input("X", FLOAT, "N", 3, 4, 5)
            .output("Y", FLOAT, "N", 60)
            .write(dir.resolve("reshape.onnx"));
    Model model = ModelFiles.open(file);
    Workload workload = new Workload(3, Map.of());

    WorkloadShapes.Measurement bounded = bounded(file, model, workload);

    assertEquals(List.of(Set.of("target")), bounded.runs());
    assertArrayEquals(new long[] {3, 60}, bounded.sizes().get("Y").shape());
    assertSame(file, model, workload, bounded);
  }

  @Test
  void operatorsWithoutAShapeRuleAreRunForAtMostEightValuesAtATime() throws Exception {
    // 20 CumSums (no shape rule) of X side by side: runs keep 8, 8, then 4 of them; a Constant's
    // output is kept beside them whatever the count, as the file holds it anyway.
    OnnxTestModel graph =
        new OnnxTestModel()
            .initializer(longs("axis", new long[0], 1))
            .node(
                "Constant",
                "const",
                List.of(),
                List.of("k"),
                tensorAttribute(floats("kv", new long[] {1}, 2f)));
    List<String> sums = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      graph.node("CumSum", "cumsum" + i, List.of("X", "axis"), List.of("c" + i));
      sums.add("c" + i);
    }
    graph.node("Sum", "sum", sums, List.of("total"));
    graph.node("Mul", "scale", List.of("total", "k"), List.of("Y"));
    Path file =
        graph
            .input("X", FLOAT, "N", 7)
            .output("Y", FLOAT, "N", 7)
            .write(dir.resolve("cumsum.onnx"));
    Model model = ModelFiles.open(file);
    Workload workload = new Workload(2, Map.of());

    WorkloadShapes.Measurement bounded = bounded(file, model, workload);

    assertEquals(List.of(9, 8, 4), bounded.runs().stream().map(Set::size).toList());
    assertTrue(bounded.runs().get(0).contains("k"));
    for (Set<String> run : bounded.runs()) {
      assertTrue(run.stream().filter(v -> !v.equals("k")).count() <= WorkloadShapes.MAX_EXPOSED);
    }
    assertSame(file, model, workload, bounded);
  }

  @Test
  void bundledCnnMatchesTheAllOutputsRun() throws Exception {
    Path file = Path.of("sample-models", "mnist-cnn", "mnist-cnn.onnx");
    Model model = ModelFiles.open(file);
    Workload workload = new Workload(4, Map.of());

    assertSame(file, model, workload, bounded(file, model, workload));
  }

  @Test
  void miniLmMatchesTheAllOutputsRunInAFewRuns() throws Exception {
    Path file = TestModels.miniLm();
    Model model = ModelFiles.open(file);
    Workload workload = new Workload(2, Map.of(Workload.SEQUENCE, 64L));

    WorkloadShapes.Measurement bounded = bounded(file, model, workload);

    assertSame(file, model, workload, bounded);
    assertTrue(bounded.runs().size() <= 8, () -> bounded.runs().size() + " runs");
  }

  private static WorkloadShapes.Measurement bounded(Path file, Model model, Workload workload)
      throws Exception {
    return WorkloadShapes.sizes(file, model, graph(file), workload);
  }

  /** Per-node costs and every shape equal to those of the run that keeps every node output. */
  private static void assertSame(
      Path file, Model model, Workload workload, WorkloadShapes.Measurement bounded)
      throws Exception {
    Graph graph = graph(file);
    Map<String, ValueSize> everything = new LinkedHashMap<>(WorkloadShapes.initializerSizes(model));
    everything.putAll(OrtShapeRun.run(file, model, workload, null).sizes());
    WorkloadCosts reference = WorkloadShapes.costs(file, model, graph, workload, everything);
    WorkloadCosts measured = WorkloadShapes.costs(file, model, graph, workload, bounded.sizes());

    assertEquals(reference.nodes(), measured.nodes());
    assertEquals(reference.shapes().keySet(), measured.shapes().keySet());
    reference
        .shapes()
        .forEach((name, shape) -> assertArrayEquals(shape, measured.shapes().get(name), name));
    everything.forEach(
        (name, size) -> assertEquals(size.bits(), bounded.sizes().get(name).bits(), name));
  }

  private static Graph graph(Path file) throws Exception {
    return ModelFiles.graph(file);
  }

  /**
   * Conv → BatchNorm → Relu → MaxPool → Conv (SAME, stride 2) → Add → GAP → Flatten → Gemm →
   * Softmax.
   */
  private Path cnn() throws Exception {
    return new OnnxTestModel()
        .initializer(floats("w1", new long[] {8, 3, 3, 3}, new float[216]))
        .initializer(floats("b1", new long[] {8}, new float[8]))
        .initializer(floats("scale", new long[] {8}, new float[8]))
        .initializer(floats("bias", new long[] {8}, new float[8]))
        .initializer(floats("mean", new long[] {8}, new float[8]))
        .initializer(floats("var", new long[] {8}, 1, 1, 1, 1, 1, 1, 1, 1))
        .initializer(floats("w2", new long[] {16, 8, 3, 3}, new float[1152]))
        .initializer(floats("shift", new long[] {16, 1, 1}, new float[16]))
        .initializer(floats("fc", new long[] {10, 16}, new float[160]))
        .node("Conv", "conv1", List.of("X", "w1", "b1"), List.of("c1"), ints1("pads", 1, 1, 1, 1))
        .node(
            "BatchNormalization",
            "bn",
            List.of("c1", "scale", "bias", "mean", "var"),
            List.of("n1"))
        .node("Relu", "relu", List.of("n1"), List.of("r1"))
        .node(
            "MaxPool",
            "pool",
            List.of("r1"),
            List.of("p1"),
            ints1("kernel_shape", 2, 2),
            ints1("strides", 2, 2))
        .node(
            "Conv",
            "conv2",
            List.of("p1", "w2"),
            List.of("c2"),
            ints1("strides", 2, 2),
            string("auto_pad", "SAME_UPPER"))
        .node("Add", "shift", List.of("c2", "shift"), List.of("a2"))
        .node("GlobalAveragePool", "gap", List.of("a2"), List.of("g"))
        .node("Flatten", "flatten", List.of("g"), List.of("f"))
        .node("Gemm", "fc", List.of("f", "fc"), List.of("logits"), intAttribute("transB", 1))
        .node("Softmax", "softmax", List.of("logits"), List.of("probs"))
        .input("X", FLOAT, "N", 3, 32, 32)
        .output("probs", FLOAT, "N", 10)
        .write(dir.resolve("cnn.onnx"));
  }

  private static TensorProto longs(String name, long[] dims, long... values) {
    ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (long v : values) {
      b.putLong(v);
    }
    return OnnxTestModel.raw(name, INT64, dims, b.array());
  }

  private static AttributeProto ints1(String name, long... values) {
    AttributeProto.Builder a =
        AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
    for (long v : values) {
      a.addInts(v);
    }
    return values.length == 1 && name.equals("axis") ? intAttribute(name, values[0]) : a.build();
  }

  private static AttributeProto string(String name, String value) {
    return AttributeProto.newBuilder()
        .setName(name)
        .setType(AttributeProto.AttributeType.STRING)
        .setS(com.google.protobuf.ByteString.copyFromUtf8(value))
        .build();
  }

  private static AttributeProto tensorAttribute(TensorProto value) {
    return AttributeProto.newBuilder()
        .setName("value")
        .setType(AttributeProto.AttributeType.TENSOR)
        .setT(value)
        .build();
  }
}
