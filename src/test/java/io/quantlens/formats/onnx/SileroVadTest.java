package io.quantlens.formats.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Silero VAD as PyTorch 2.3 exported it (opset 15): its LSTM, inside both branches of an If, reads
 * {@code model.decoder.rnn.weight_ih/_hh} through Slice → Concat → Unsqueeze, PyTorch's i, f, g, o
 * gates reordered to ONNX's i, o, f, c; before the reader followed Slice and Concat both were left
 * unread.
 */
class SileroVadTest {
  private static final Path FILE =
      Path.of("src/test/resources/real-models/silero_vad_16k_op15.onnx");
  private static final String LSTM = "/model/decoder/If_1/then_branch//model/decoder/rnn/LSTM";

  @Test
  void everyWeightIsALayerAndTheLstmReadsTheReorderedGates() throws Exception {
    Model model = new OnnxModelReader().read(FILE);

    List<String> expected =
        List.of(
            "/model/stft/Conv [258, 1, 256]",
            "/model/encoder/0/reparam_conv/Conv [128, 129, 3]",
            "/model/encoder/1/reparam_conv/Conv [64, 128, 3]",
            "/model/encoder/2/reparam_conv/Conv [64, 64, 3]",
            "/model/encoder/3/reparam_conv/Conv [128, 64, 3]",
            "/model/decoder/decoder/2/Conv [1, 128, 1]",
            LSTM + "/W [512, 128]",
            LSTM + "/R [512, 128]");
    assertEquals(
        expected,
        model.layers().stream().map(l -> l.name() + " " + l.weight().shapeText()).toList());
    ModelProto proto = ModelProto.parseFrom(Files.readAllBytes(FILE));
    long storedFloats =
        proto.getGraph().getInitializerList().stream()
            .filter(t -> t.getDataType() == OnnxTestModel.FLOAT)
            .mapToLong(t -> t.getDimsList().stream().reduce(1L, (a, b) -> a * b))
            .sum();
    assertEquals(309_633, storedFloats);
    assertEquals(
        storedFloats, model.layerParameterCount(), "every stored value in one layer, once");
    assertTrue(model.metadata().notes().isEmpty(), model.metadata().notes().toString());

    Layer w = model.layers().get(6);
    assertEquals(
        List.of(LSTM + "/W", "/model/decoder/If_1/else_branch//model/decoder/rnn_1/LSTM/W"),
        w.users());
    assertEquals(1024, w.bias().elementCount());
    assertArrayEquals(gatesReordered(proto, "model.decoder.rnn.weight_ih"), values(w));
    assertArrayEquals(
        gatesReordered(proto, "model.decoder.rnn.weight_hh"), values(model.layers().get(7)));
  }

  @Test
  void newLstmValuesWrittenBackAreWhatTheLstmReadsAndTheRestIsUnchanged(@TempDir Path dir)
      throws Exception {
    Model model = new OnnxModelReader().read(FILE);
    Layer w = model.layers().get(6);
    float[] changed = values(w);
    for (int i = 0; i < changed.length; i++) {
      changed[i] = i * 0.001f - 1f;
    }
    java.nio.ByteBuffer patched =
        WeightPatcher.open(FILE).patched(java.util.Map.of(w.name(), changed));
    byte[] bytes = new byte[patched.remaining()];
    patched.get(bytes);
    Path copy = Files.write(dir.resolve("patched.onnx"), bytes);
    Model again = new OnnxModelReader().read(copy);
    assertEquals(w.name(), again.layers().get(6).name());
    assertArrayEquals(changed, values(again.layers().get(6)));
    assertArrayEquals(values(model.layers().get(7)), values(again.layers().get(7)));
    assertArrayEquals(values(model.layers().get(0)), values(again.layers().get(0)));
  }

  /** The stored [4·128, 128] rows in ONNX's gate order: PyTorch's i, o, then f, g. */
  private static float[] gatesReordered(ModelProto proto, String name) {
    TensorProto t =
        proto.getGraph().getInitializerList().stream()
            .filter(i -> i.getName().equals(name))
            .findFirst()
            .orElseThrow();
    FloatBuffer raw =
        t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    int h = 128;
    int cols = (int) t.getDims(1);
    float[] out = new float[4 * h * cols];
    int[] fromRows = {0, 3 * h, h}; // i [0:128], o [384:512], f and g [128:384]
    int[] counts = {h, h, 2 * h};
    int row = 0;
    for (int k = 0; k < 3; k++) {
      for (int r = 0; r < counts[k]; r++, row++) {
        raw.get((fromRows[k] + r) * cols, out, row * cols, cols);
      }
    }
    return out;
  }

  private static float[] values(Layer layer) {
    float[] v = new float[(int) layer.weight().elementCount()];
    layer.weight().reader().read(0, v, 0, v.length);
    return v;
  }
}
