package io.quantlens.formats.onnx;

import static io.quantlens.formats.onnx.OnnxQuantizedExportTest.K;
import static io.quantlens.formats.onnx.OnnxQuantizedExportTest.N;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.quantlens.analysis.FakeQuantizer;
import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.formats.ModelFiles;
import io.quantlens.model.Layer;
import io.quantlens.quant.Scheme;
import io.quantlens.session.Session;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exported tensors and nodes as ONNX Runtime's quantizers name and lay them out, decoded by
 * hand (not by QuantLens's reader) and compared with FakeQuantizer bit for bit.
 */
class OnnxExportLayoutTest {
  @TempDir Path dir;

  @Test
  void theTensorsAndNodesAreLaidOutAsOnnxRuntimesQuantizersWriteThem() throws Exception {
    Path source = OnnxQuantizedExportTest.matMulGraph(dir);
    Layer layer = ModelFiles.open(source).layers().get(0);

    Scheme int8 = Scheme.parse("int8:channel:asym");
    Path qdq = dir.resolve("qdq.onnx");
    Session.open(source).exports().onnx(PrecisionPlan.uniform(int8), qdq);
    GraphProto g = ModelProto.parseFrom(Files.readAllBytes(qdq)).getGraph();
    var dq =
        g.getNodeList().stream()
            .filter(n -> n.getName().equals("w_DequantizeLinear"))
            .findFirst()
            .orElseThrow();
    assertEquals(List.of("w_quantized", "w_scale", "w_zero_point"), dq.getInputList());
    assertEquals("w_DequantizeLinear_Output", dq.getOutput(0));
    assertEquals(1, Nodes.longAttribute(dq, "axis", -1));
    var mm =
        g.getNodeList().stream().filter(n -> n.getName().equals("mm")).findFirst().orElseThrow();
    assertEquals("w_DequantizeLinear_Output", mm.getInput(1));
    Map<String, TensorProto> t = new HashMap<>();
    g.getInitializerList().forEach(x -> t.put(x.getName(), x));
    assertTrue(!t.containsKey("w"));
    assertEquals(List.of((long) K, (long) N), t.get("w_quantized").getDimsList());
    assertEquals(OnnxDataType.UINT8, t.get("w_quantized").getDataType());
    assertEquals(List.of((long) N), t.get("w_scale").getDimsList());
    // decoded by hand: x̂[k, n] = (q[k, n] − zp[n]) · scale[n]
    float[] sim = FakeQuantizer.roundTrip(layer.weight(), 1, int8);
    ByteBuffer scales =
        t.get("w_scale").getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    byte[] codes = t.get("w_quantized").getRawData().toByteArray();
    byte[] zps = t.get("w_zero_point").getRawData().toByteArray();
    for (int i = 0; i < K * N; i++) {
      int n = i % N;
      float x = ((codes[i] & 0xFF) - (zps[n] & 0xFF)) * scales.getFloat(4 * n);
      assertEquals(Float.floatToIntBits(sim[i]), Float.floatToIntBits(x), "w[" + i + "]");
    }

    Scheme int4 = Scheme.parse("int4:g64:asym");
    Path nbits = dir.resolve("nbits.onnx");
    Session.open(source).exports().onnx(PrecisionPlan.uniform(int4), nbits);
    ModelProto model = ModelProto.parseFrom(Files.readAllBytes(nbits));
    assertTrue(
        model.getOpsetImportList().stream()
            .anyMatch(o -> o.getDomain().equals("com.microsoft") && o.getVersion() == 1));
    g = model.getGraph();
    var q4 =
        g.getNodeList().stream().filter(n -> n.getName().equals("mm_Q4")).findFirst().orElseThrow();
    assertEquals("com.microsoft", q4.getDomain());
    assertEquals("MatMulNBits", q4.getOpType());
    assertEquals(List.of("x", "w_Q4", "w_scales", "w_zero_points"), q4.getInputList());
    assertEquals(K, Nodes.longAttribute(q4, "K", -1));
    assertEquals(N, Nodes.longAttribute(q4, "N", -1));
    assertEquals(4, Nodes.longAttribute(q4, "bits", -1));
    assertEquals(64, Nodes.longAttribute(q4, "block_size", -1));
    t.clear();
    g.getInitializerList().forEach(x -> t.put(x.getName(), x));
    int blocks = (K + 63) / 64; // 2: the second block holds 32 values and 32 of padding
    assertEquals(List.of((long) N, (long) blocks, 32L), t.get("w_Q4").getDimsList());
    assertEquals(List.of((long) N * blocks), t.get("w_scales").getDimsList());
    assertEquals(List.of((long) N * ((blocks + 1) / 2)), t.get("w_zero_points").getDimsList());
    // decoded by hand: byte (n·blocks + b)·32 + j/2, low nibble first; zero point of (n, b) in
    // byte n·ceil(blocks/2) + b/2, low nibble for even b
    sim = FakeQuantizer.roundTrip(layer.weight(), 1, int4);
    byte[] b4 = t.get("w_Q4").getRawData().toByteArray();
    byte[] z4 = t.get("w_zero_points").getRawData().toByteArray();
    scales = t.get("w_scales").getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    for (int n = 0; n < N; n++) {
      for (int k = 0; k < K; k++) {
        int b = k / 64;
        int j = k % 64;
        int code = (b4[(n * blocks + b) * 32 + j / 2] >> (4 * (j % 2))) & 0xF;
        int zp = (z4[n * ((blocks + 1) / 2) + b / 2] >> (4 * (b % 2))) & 0xF;
        float x = (code - zp) * scales.getFloat(4 * (n * blocks + b));
        assertEquals(Float.floatToIntBits(sim[k * N + n]), Float.floatToIntBits(x), k + "," + n);
      }
      // the padding decodes to 0
      int pad = (b4[(n * blocks + 1) * 32 + 16] >> 0) & 0xF;
      assertEquals((z4[n] >> 4) & 0xF, pad);
    }
  }
}
