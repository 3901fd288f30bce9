package io.quantlens.formats.onnx;

import static io.quantlens.formats.onnx.OnnxTestModel.FLOAT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.quantlens.formats.ModelFiles;
import io.quantlens.formats.onnx.OnnxQuantizedWriter.Form;
import io.quantlens.formats.onnx.OnnxQuantizedWriter.Kind;
import io.quantlens.model.Layer;
import io.quantlens.model.ModelFormatException;
import io.quantlens.quant.Scheme;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An export whose weights go to {@code <OUT>.data}: forced here by a limit of 0 bytes (a model over
 * 2 GB takes the same path), and always when the source keeps external data. ONNX Runtime loading
 * the file from disk computes exactly what it computes with the single-file export.
 */
class OnnxExportExternalDataTest {
  private static final int K = 64;
  private static final int N = 16;

  @TempDir Path dir;

  private static final Map<String, Form> FORMS =
      Map.of("mm", new Form(Kind.MATMUL_NBITS, Scheme.parse("int4:g32:asym")));

  @Test
  void aModelOverTheLimitKeepsItsLargeTensorsInTheDataFile() throws Exception {
    Path source = model(dir.resolve("src"), false);
    Path single = dir.resolve("single.onnx");
    assertTrue(OnnxQuantizedWriter.open(source).write(FORMS, single).dataFile().isEmpty());
    assertFalse(Files.exists(ExternalDataWriter.dataFile(single)));

    Path split = dir.resolve("split.onnx");
    Path data = OnnxQuantizedWriter.open(source).write(FORMS, split, 0).dataFile().orElseThrow();
    assertEquals(ExternalDataWriter.dataFile(split), data);
    ModelProto proto = ModelProto.parseFrom(Files.readAllBytes(split));
    long external = 0;
    for (TensorProto t : proto.getGraph().getInitializerList()) {
      if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
        external += Long.parseLong(t.getExternalData(2).getValue());
        assertEquals("split.onnx.data", t.getExternalData(0).getValue());
      }
    }
    // B [16, 2, 16] (512 bytes), its scales and zero points stay inline, under the 1,024-byte
    // threshold; the FP32 layer w2 [16, 16] (1,024 bytes) is moved
    assertEquals(4L * N * N, external);
    assertEquals(Files.size(data), external);
    assertArrayEquals(run(single), run(split));
    assertArrayEquals(values(single, "mm_Q4"), values(split, "mm_Q4"));
  }

  @Test
  void aSourceWithExternalDataIsCopiedIntoTheExportsOwnDataFile() throws Exception {
    Path source = model(dir.resolve("ext"), true);
    Path out = dir.resolve("out").resolve("q.onnx");
    Files.createDirectories(out.getParent());
    OnnxQuantizedWriter.open(source).write(FORMS, out);
    assertTrue(Files.exists(ExternalDataWriter.dataFile(out)));
    Path inline = dir.resolve("inline.onnx");
    OnnxQuantizedWriter.open(model(dir.resolve("plain"), false)).write(FORMS, inline);
    assertArrayEquals(run(inline), run(out));

    // the export's data file may not be one the source reads
    Path clashing = model(dir.resolve("clash"), true, "q.onnx.data", "m.onnx");
    ModelFormatException e =
        assertThrows(
            ModelFormatException.class,
            () ->
                OnnxQuantizedWriter.open(clashing).write(FORMS, clashing.resolveSibling("q.onnx")));
    assertTrue(e.getMessage().contains("is a file the source reads"), e.getMessage());
    assertEquals(4L * K * N, Files.size(clashing.resolveSibling("q.onnx.data")));
  }

  private static float[] values(Path file, String layer) throws Exception {
    Layer l =
        ModelFiles.open(file).layers().stream()
            .filter(x -> x.name().equals(layer))
            .findFirst()
            .orElseThrow();
    float[] v = new float[Math.toIntExact(l.weight().elementCount())];
    l.weight().reader().read(0, v, 0, v.length);
    return v;
  }

  private static float[] run(Path file) throws Exception {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    float[] x = new float[2 * K];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) Math.sin(i * 0.37);
    }
    try (OrtSession s = env.createSession(file.toString(), new OrtSession.SessionOptions());
        OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {2, K});
        OrtSession.Result r = s.run(Map.of("x", t))) {
      FloatBuffer fb = ((OnnxTensor) r.get(0)).getFloatBuffer();
      float[] y = new float[fb.remaining()];
      fb.get(y);
      return y;
    }
  }

  private static Path model(Path folder, boolean external) throws Exception {
    return model(folder, external, "weights.bin", "x.onnx");
  }

  /**
   * x [2, K] → MatMul(w [K, N]) → MatMul(w2 [N, N]) → y; w2 (1,024 bytes) stays FP32 and is moved
   * as stored; w may be kept in the external file {@code location}.
   */
  private static Path model(Path folder, boolean external, String location, String name)
      throws Exception {
    Files.createDirectories(folder);
    float[] w = new float[K * N];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) Math.cos(i * 0.11) * (1 + i % 5);
    }
    float[] w2 = new float[N * N];
    for (int i = 0; i < w2.length; i++) {
      w2[i] = (float) Math.sin(i * 0.05);
    }
    OnnxTestModel m = new OnnxTestModel();
    m.input("x", FLOAT, 2, K).output("y", FLOAT, 2, N);
    if (external) {
      Files.write(folder.resolve(location), OnnxTestModel.floatBytes(w));
      m.initializer(OnnxTestModel.external("w", FLOAT, new long[] {K, N}, location, 0, 4L * K * N));
    } else {
      m.initializer(OnnxTestModel.floats("w", new long[] {K, N}, w));
    }
    m.initializer(OnnxTestModel.floats("w2", new long[] {N, N}, w2));
    m.node("MatMul", "mm", List.of("x", "w"), List.of("xw"));
    m.node("MatMul", "mm2", List.of("xw", "w2"), List.of("y"));
    return m.write(folder.resolve(name));
  }
}
