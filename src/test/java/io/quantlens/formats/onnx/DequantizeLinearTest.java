package io.quantlens.formats.onnx;

import static io.quantlens.formats.onnx.FloatStorageTest.all;
import static io.quantlens.formats.onnx.FloatStorageTest.tensor;
import static io.quantlens.formats.onnx.OnnxTestModel.FLOAT;
import static io.quantlens.formats.onnx.OnnxTestModel.INT8;
import static io.quantlens.formats.onnx.OnnxTestModel.UINT8;
import static io.quantlens.formats.onnx.OnnxTestModel.intAttribute;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.quantlens.model.DType;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.model.ModelFormatException;
import io.quantlens.model.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Integer weights fed to DequantizeLinear read as (q - zero point) * scale. */
class DequantizeLinearTest {
  private static final long[] SHAPE = {2, 3};
  private static final int[] Q = {-128, 0, 127, 5, -5, 10};

  @TempDir Path dir;

  @Test
  void perTensorUint8WithZeroPoint() throws Exception {
    Model model =
        dq(
            OnnxTestModel.bytes("q", UINT8, new long[] {4}, 0, 128, 255, 130),
            OnnxTestModel.floats("s", new long[] {}, 0.125f),
            OnnxTestModel.bytes("z", UINT8, new long[] {}, 128));
    Tensor w = tensor(model, "q");
    assertEquals(DType.UINT8, w.dtype());
    // (0 - 128) / 8, (128 - 128) / 8, (255 - 128) / 8, (130 - 128) / 8
    assertArrayEquals(new float[] {-16f, 0f, 15.875f, 0.25f}, all(w));
  }

  @Test
  void perTensorInt8WithoutZeroPoint() throws Exception {
    Model model =
        dq(OnnxTestModel.bytes("q", INT8, SHAPE, Q), OnnxTestModel.floats("s", new long[] {1}, 2f));
    assertArrayEquals(new float[] {-256f, 0f, 254f, 10f, -10f, 20f}, all(tensor(model, "q")));
  }

  @Test
  void perAxisZeroWithZeroPoints() throws Exception {
    Model model =
        dq(
            OnnxTestModel.bytes("q", INT8, SHAPE, Q),
            OnnxTestModel.floats("s", new long[] {2}, 0.5f, 0.25f),
            OnnxTestModel.bytes("z", INT8, new long[] {2}, 1, -2),
            intAttribute("axis", 0));
    // row 0: (q - 1) * 0.5; row 1: (q + 2) * 0.25
    assertArrayEquals(new float[] {-64.5f, -0.5f, 63f, 1.75f, -0.75f, 3f}, all(tensor(model, "q")));
  }

  @Test
  void perAxisDefaultsToAxisOneAndAcceptsNegativeAxes() throws Exception {
    float[] expected = {-128f, 0f, 63.5f, 5f, -2.5f, 5f}; // columns scaled by 1, 0.5, 0.5
    TensorProto scale = OnnxTestModel.floats("s", new long[] {3}, 1f, 0.5f, 0.5f);
    assertArrayEquals(
        expected, all(tensor(dq(OnnxTestModel.bytes("q", INT8, SHAPE, Q), scale), "q")));
    assertArrayEquals(
        expected,
        all(
            tensor(
                dq(OnnxTestModel.bytes("q", INT8, SHAPE, Q), scale, intAttribute("axis", -1)),
                "q")));
  }

  @Test
  void partialReadsPickTheRightChannel() throws Exception {
    Model model =
        dq(
            OnnxTestModel.bytes("q", INT8, SHAPE, Q),
            OnnxTestModel.floats("s", new long[] {2}, 0.5f, 0.25f),
            OnnxTestModel.bytes("z", INT8, new long[] {2}, 1, -2),
            intAttribute("axis", 0));
    float[] part = new float[3];
    tensor(model, "q").reader().read(2, part, 0, 3);
    assertArrayEquals(new float[] {63f, 1.75f, -0.75f}, part);
  }

  @Test
  void blockedAlongTheLastAxis() throws Exception {
    Model model =
        dq(
            OnnxTestModel.bytes("q", INT8, new long[] {2, 4}, 1, 2, 3, 4, 5, 6, 7, 8),
            OnnxTestModel.floats("s", new long[] {2, 2}, 1f, 2f, 0.5f, 4f),
            intAttribute("axis", 1),
            intAttribute("block_size", 2));
    assertArrayEquals(new float[] {1f, 2f, 6f, 8f, 2.5f, 3f, 28f, 32f}, all(tensor(model, "q")));
  }

  @Test
  void blockedAlongTheFirstAxis() throws Exception {
    Model model =
        dq(
            OnnxTestModel.bytes("q", INT8, new long[] {4, 2}, 1, 2, 3, 4, 5, 6, 7, 8),
            OnnxTestModel.floats("s", new long[] {2, 2}, 1f, 2f, 0.5f, 4f),
            intAttribute("axis", 0),
            intAttribute("block_size", 2));
    // rows 0-1 use scale row [1, 2], rows 2-3 use [0.5, 4]
    assertArrayEquals(new float[] {1f, 4f, 3f, 8f, 2.5f, 24f, 3.5f, 32f}, all(tensor(model, "q")));
  }

  @Test
  void packedInt4LowNibbleFirst() throws Exception {
    // q = -8, 7, 1, -1, 3 -> bytes 0x78, 0xF1, 0x03
    TensorProto q =
        OnnxTestModel.raw("q", 22, new long[] {5}, new byte[] {0x78, (byte) 0xF1, 0x03});
    Model model = dq(q, OnnxTestModel.floats("s", new long[] {}, 0.5f));
    Tensor w = tensor(model, "q");
    assertEquals(DType.INT4, w.dtype());
    assertEquals(3, w.storedBytes());
    assertArrayEquals(new float[] {-4f, 3.5f, 0.5f, -0.5f, 1.5f}, all(w));
    float[] part = new float[3];
    w.reader().read(1, part, 0, 3);
    assertArrayEquals(new float[] {3.5f, 0.5f, -0.5f}, part);
  }

  @Test
  void int8InInt32DataAndScaleFromAConstantNode() throws Exception {
    OnnxTestModel m = new OnnxTestModel();
    m.initializer(OnnxTestModel.int32Data("q", INT8, new long[] {3}, -3, 0, 4));
    m.node(
        "Constant",
        "c",
        List.of(),
        List.of("s"),
        AttributeProto.newBuilder()
            .setName("value_float")
            .setType(AttributeProto.AttributeType.FLOAT)
            .setF(0.5f)
            .build());
    m.node("DequantizeLinear", "dq", List.of("q", "s"), List.of("w"));
    Model model = new OnnxModelReader().read(m.write(dir.resolve("c.onnx")));
    assertArrayEquals(new float[] {-1.5f, 0f, 2f}, all(tensor(model, "q")));
  }

  @Test
  void quantizedWeightsAndBiasBecomeLayers() throws Exception {
    OnnxTestModel m = new OnnxTestModel();
    m.initializer(OnnxTestModel.bytes("wq", INT8, new long[] {3, 2}, 1, 2, 3, 4, 5, 6));
    m.initializer(OnnxTestModel.floats("ws", new long[] {2}, 0.5f, 2f));
    m.initializer(OnnxTestModel.int32Data("bq", 6, new long[] {2}, 100, -100));
    m.initializer(OnnxTestModel.floats("bs", new long[] {}, 0.01f));
    m.node("DequantizeLinear", "dq_w", List.of("wq", "ws"), List.of("w"), intAttribute("axis", 1));
    m.node("DequantizeLinear", "dq_b", List.of("bq", "bs"), List.of("b"));
    m.node("Gemm", "fc", List.of("x", "w", "b"), List.of("y"));
    Model model = new OnnxModelReader().read(m.write(dir.resolve("q.onnx")));
    assertEquals(1, model.layers().size());
    Layer fc = model.layers().get(0);
    assertEquals("wq", fc.weight().name());
    assertEquals(DType.INT8, fc.weight().dtype());
    assertEquals(1, fc.channelAxis());
    assertArrayEquals(new float[] {0.5f, 4f, 1.5f, 8f, 2.5f, 12f}, all(fc.weight()));
    assertEquals(DType.INT32, fc.bias().dtype());
    assertArrayEquals(new float[] {100 * 0.01f, -100 * 0.01f}, all(fc.bias()));
  }

  @Test
  void weightReadByTwoDequantizeLinearNodesIsOneLayerWithTwoUsers() throws Exception {
    OnnxTestModel m = new OnnxTestModel();
    m.initializer(OnnxTestModel.bytes("wq", INT8, new long[] {2, 2}, 1, 2, 3, 4));
    m.initializer(OnnxTestModel.floats("ws", new long[] {}, 0.5f));
    m.node("DequantizeLinear", "dq1", List.of("wq", "ws"), List.of("w1"));
    m.node("DequantizeLinear", "dq2", List.of("wq", "ws"), List.of("w2"));
    m.node("MatMul", "mm1", List.of("x", "w1"), List.of("y1"));
    m.node("MatMul", "mm2", List.of("x", "w2"), List.of("y2"));
    Model model = new OnnxModelReader().read(m.write(dir.resolve("shared.onnx")));
    assertEquals(List.of("mm1"), model.layers().stream().map(Layer::name).toList());
    assertEquals(List.of("mm1", "mm2"), model.layers().get(0).users());
    assertEquals(4, model.layerParameterCount());
    assertArrayEquals(new float[] {0.5f, 1f, 1.5f, 2f}, all(model.layers().get(0).weight()));
  }

  @Test
  void scaleThatDoesNotFitTheAxisIsRefused() throws Exception {
    Path file =
        dqFile(
            OnnxTestModel.bytes("q", INT8, SHAPE, Q),
            OnnxTestModel.floats("s", new long[] {4}, 1f, 1f, 1f, 1f),
            intAttribute("axis", 0));
    ModelFormatException e =
        assertThrows(ModelFormatException.class, () -> new OnnxModelReader().read(file));
    assertTrue(e.getMessage().contains("does not fit weight shape"), e.getMessage());
    assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
  }

  private Model dq(TensorProto q, TensorProto scale, Object... rest) throws Exception {
    return new OnnxModelReader().read(dqFile(q, scale, rest));
  }

  /** A graph "q -> DequantizeLinear(q, s[, z]) -> w"; rest holds a zero point and attributes. */
  private Path dqFile(TensorProto q, TensorProto scale, Object... rest) throws Exception {
    OnnxTestModel m = new OnnxTestModel().initializer(q).initializer(scale);
    List<String> inputs = new ArrayList<>(List.of(q.getName(), scale.getName()));
    List<AttributeProto> attributes = new ArrayList<>();
    for (Object o : rest) {
      if (o instanceof TensorProto zeroPoint) {
        m.initializer(zeroPoint);
        inputs.add(zeroPoint.getName());
      } else {
        attributes.add((AttributeProto) o);
      }
    }
    m.node(
        "DequantizeLinear", "dq", inputs, List.of("w"), attributes.toArray(AttributeProto[]::new));
    m.node("MatMul", "mm", List.of("x", "w"), List.of("y"));
    m.input("x", FLOAT, "batch", 2);
    return m.write(dir.resolve("dq.onnx"));
  }
}
