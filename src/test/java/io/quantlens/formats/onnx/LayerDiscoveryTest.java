package io.quantlens.formats.onnx;

import static io.quantlens.formats.onnx.OnnxTestModel.FLOAT;
import static io.quantlens.formats.onnx.OnnxTestModel.INT64;
import static io.quantlens.formats.onnx.OnnxTestModel.intAttribute;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.model.ValueInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One graph with every kind of weight-bearing node the reader knows. */
class LayerDiscoveryTest {
  @TempDir Path dir;
  private Model model;

  @BeforeEach
  void read() throws Exception {
    OnnxTestModel m = new OnnxTestModel();
    zeros(m, "conv_w", 4, 3, 3, 3);
    zeros(m, "conv_b", 4);
    zeros(m, "deconv_w", 3, 2, 2, 2);
    zeros(m, "fc_w", 5, 4);
    zeros(m, "fc_b", 5);
    zeros(m, "fc2_w", 4, 5);
    zeros(m, "fc2_b", 5);
    zeros(m, "mm_w", 5, 6);
    zeros(m, "mm_b", 6);
    zeros(m, "mm2_w", 6, 7);
    zeros(m, "mm2_b", 7);
    zeros(m, "mm3_a", 3, 6);
    zeros(m, "batched_w", 2, 6, 8);
    zeros(m, "wrong_b", 9);
    zeros(m, "emb", 10, 4);
    zeros(m, "vector", 10);
    m.initializer(
        OnnxTestModel.tensor("indices", INT64, new long[] {3})
            .addInt64Data(1)
            .addInt64Data(2)
            .addInt64Data(3)
            .build());
    m.input("x", FLOAT, "batch", 3, null, 8);
    m.input("conv_w", FLOAT, 4, 3, 3, 3); // an initializer listed as input: not a model input
    m.node("Conv", "conv1", List.of("x", "conv_w", "conv_b"), List.of("c1"));
    m.node("ConvTranspose", "", List.of("c1", "deconv_w"), List.of("c2"));
    m.node("Gemm", "fc", List.of("f", "fc_w", "fc_b"), List.of("g1"), intAttribute("transB", 1));
    m.node("Gemm", "fc2", List.of("f", "fc2_w", "fc2_b"), List.of("g2"));
    m.node("MatMul", "mm", List.of("g1", "mm_w"), List.of("mm_out"));
    m.node("Add", "mm_add", List.of("mm_b", "mm_out"), List.of("a1"));
    m.node("MatMul", "mm2", List.of("a1", "mm2_w"), List.of("mm2_out"));
    m.node("Add", "mm2_add", List.of("mm2_out", "mm2_b"), List.of("a2"));
    m.node("Relu", "relu", List.of("mm2_out"), List.of("r")); // second consumer: no bias
    m.node("MatMul", "mm3", List.of("mm3_a", "a1"), List.of("m3"));
    m.node("MatMul", "batched", List.of("m3", "batched_w"), List.of("b_out"));
    m.node("Add", "wrong_add", List.of("b_out", "wrong_b"), List.of("b2")); // length 9, not 8
    m.node("Gather", "embed", List.of("emb", "ids"), List.of("e"));
    m.node("Gather", "shape_gather", List.of("indices", "ids"), List.of("s"));
    m.node("Gather", "vector_gather", List.of("vector", "ids"), List.of("v"));
    m.node("Gather", "runtime_gather", List.of("e", "ids"), List.of("v2"));
    m.node("Relu", "relu2", List.of("conv_w"), List.of("not_a_layer"));
    m.output("b2", FLOAT, "batch", 8);
    m.output("r", FLOAT);
    m.opset("com.microsoft", 1);
    model = new OnnxModelReader().read(m.write(dir.resolve("layers.onnx")));
  }

  @Test
  void layersInGraphOrderWithAxesAndBiases() {
    List<Layer> layers = model.layers();
    assertEquals(
        List.of("conv1", "deconv_w", "fc", "fc2", "mm", "mm2", "mm3", "batched", "embed"),
        layers.stream().map(Layer::name).toList());
    check(layers.get(0), "Conv", "conv_w", "conv_b", 0);
    check(layers.get(1), "ConvTranspose", "deconv_w", null, 1);
    check(layers.get(2), "Gemm", "fc_w", "fc_b", 0); // transB = 1: B is [N, K]
    check(layers.get(3), "Gemm", "fc2_w", "fc2_b", 1); // B is [K, N]
    check(layers.get(4), "MatMul", "mm_w", "mm_b", 1); // Add(bias, MatMul) order accepted
    check(layers.get(5), "MatMul", "mm2_w", null, 1); // output also feeds a Relu
    check(layers.get(6), "MatMul", "mm3_a", null, 0); // weight as input A
    check(layers.get(7), "MatMul", "batched_w", null, 2); // [.., K, N]; bias length mismatch
    check(layers.get(8), "Gather", "emb", null, 0);
    assertEquals(
        4 * 27 + 4 + 24 + 20 + 5 + 20 + 5 + 30 + 6 + 42 + 18 + 96 + 40,
        model.layerParameterCount());
  }

  @Test
  void metadataInputsAndOutputs() {
    assertEquals("ONNX", model.metadata().format());
    assertEquals("quantlens-test 0.1", model.metadata().producer());
    assertEquals(9, model.metadata().formatVersion());
    assertEquals(Map.of("", 21L, "com.microsoft", 1L), model.metadata().opsets());
    assertEquals(
        List.of(new ValueInfo("x", "FLOAT", List.of("batch", "3", "?", "8"))), model.inputs());
    assertEquals(
        List.of(
            new ValueInfo("b2", "FLOAT", List.of("batch", "8")),
            new ValueInfo("r", "FLOAT", List.of())),
        model.outputs());
    assertEquals(17, model.initializers().size());
  }

  private static void check(Layer layer, String op, String weight, String bias, int axis) {
    assertEquals(op, layer.opType(), layer.name());
    assertEquals(weight, layer.weight().name(), layer.name());
    if (bias == null) {
      assertNull(layer.bias(), layer.name());
    } else {
      assertEquals(bias, layer.bias().name(), layer.name());
    }
    assertEquals(axis, layer.channelAxis(), layer.name());
  }

  private static void zeros(OnnxTestModel m, String name, long... dims) {
    long n = 1;
    for (long d : dims) {
      n *= d;
    }
    m.initializer(OnnxTestModel.floats(name, dims, new float[(int) n]));
  }

  @Test
  void tensorShapesAreKept() {
    assertArrayEquals(new long[] {2, 6, 8}, model.layers().get(7).weight().shape());
  }
}
