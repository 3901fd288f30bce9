package io.quantlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.formats.ModelFiles;
import io.quantlens.formats.gguf.GgmlType;
import io.quantlens.formats.onnx.OnnxTestModel;
import io.quantlens.model.Model;
import io.quantlens.samples.synthetic.LlmShape;
import io.quantlens.samples.synthetic.SyntheticModels;
import io.quantlens.session.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code export --to onnx} as a user runs it; the values are OnnxQuantizedExportTest's. */
class OnnxExportCommandTest {
  @TempDir Path dir;

  private Path mnist() throws Exception {
    Path copy = dir.resolve("mnist-cnn.onnx");
    Files.copy(Session.open("mnist-cnn").model().source(), copy);
    return copy;
  }

  @Test
  void everyLayerBecomesQdqAndTheReaderSaysSo() throws Exception {
    Path source = mnist();
    Path out = dir.resolve("q.onnx");
    Cli.Result r = Cli.run("export", source, out, "--to", "onnx", "--scheme", "int8:channel:sym");
    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.out().startsWith("Wrote " + out + ": QDQ int8:channel:sym 4; "), r::toString);
    Model m = ModelFiles.open(out);
    assertEquals(4, m.layers().size());
    m.layers().forEach(l -> assertTrue(l.storage().startsWith("DequantizeLinear INT8"), l.name()));
  }

  /**
   * A uniform FP16 plan: every weight FLOAT16 behind a Cast, half the weight bytes. The MNIST CNN
   * holds 56,592 weights (16·1·3·3 + 32·16·3·3 + 64·800 + 10·64) and 123 biases and scalars in
   * FP32; each weight's 2 bytes less leave the file 113,184 bytes smaller, less what the four Cast
   * nodes add.
   */
  @Test
  void aUniformFp16PlanCastsEveryWeightAndHalvesItsBytes() throws Exception {
    Path source = mnist();
    Path out = dir.resolve("fp16.onnx");
    Cli.Result r = Cli.run("export", source, out, "--to", "onnx", "--scheme", "fp16");
    assertEquals(0, r.exitCode(), r::toString);
    long size = Files.size(out);
    assertTrue(
        r.out()
            .startsWith(
                "Wrote "
                    + out
                    + ": fp16 (Cast) 4; "
                    + String.format(java.util.Locale.ROOT, "%,d", size)
                    + " bytes"),
        r::toString);
    long saved = Files.size(source) - size;
    assertTrue(saved > 113_184 - 400 && saved < 113_184, "saved " + saved);
    Model m = ModelFiles.open(out);
    assertEquals(4, m.layers().size());
    m.layers().forEach(l -> assertEquals("FLOAT16, through Cast to FLOAT", l.storage(), l.name()));
  }

  @Test
  void aSchemeWithoutAnOnnxFormIsRefusedInOneLineNamingTheLayer() throws Exception {
    Path source = mnist();
    Path out = dir.resolve("x.onnx");
    Cli.Result q4k = Cli.run("export", source, out, "--to", "onnx", "--scheme", "q4_k");
    assertEquals(
        "quantlens: conv1: q4_k has no ONNX form; ONNX takes fp16|bf16 (Cast),"
            + " int8:channel:sym|asym (QDQ) and, on MatMul and Gemm, int4:g32|g64|g128:sym|asym"
            + " (MatMulNBits)\n",
        q4k.err());
    Cli.Result conv = Cli.run("export", source, out, "--to", "onnx", "--scheme", "int4:g32:sym");
    assertEquals(
        "quantlens: conv1: int4:g32:sym on a Conv has no ONNX form; MatMulNBits takes MatMul and"
            + " Gemm weights\n",
        conv.err());
    assertFalse(Files.exists(out));

    Path gguf =
        SyntheticModels.writeGguf(LlmShape.TINY, GgmlType.F16, 1, dir.resolve("f16.gguf"), n -> {});
    Cli.Result other = Cli.run("export", gguf, out, "--to", "onnx", "--scheme", "int8:channel:sym");
    assertEquals(ExitCodes.BAD_INPUT, other.exitCode(), other::toString);
    assertTrue(
        other.err().contains("an ONNX export rewrites an ONNX model; this is GGUF"),
        other::toString);
    assertFalse(Files.exists(out));
  }

  @Test
  void aSourceWithExternalDataGetsItsOwnDataFileNamedInTheLine() throws Exception {
    float[] w = new float[64 * 16];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) Math.cos(i * 0.3);
    }
    Files.write(dir.resolve("w.bin"), OnnxTestModel.floatBytes(w));
    OnnxTestModel m = new OnnxTestModel();
    m.input("x", OnnxTestModel.FLOAT, 2, 64).output("y", OnnxTestModel.FLOAT, 2, 16);
    m.initializer(
        OnnxTestModel.external("w", OnnxTestModel.FLOAT, new long[] {64, 16}, "w.bin", 0, 4096L));
    m.node("MatMul", "mm", List.of("x", "w"), List.of("y"));
    Path source = m.write(dir.resolve("ext.onnx"));
    Path out = dir.resolve("q.onnx");
    Cli.Result r = Cli.run("export", source, out, "--to", "onnx", "--scheme", "int8:channel:sym");
    assertEquals(0, r.exitCode(), r::toString);
    // codes 1,024 bytes (moved: at the threshold), scales and zero points 80 bytes (kept)
    long total = Files.size(out) + Files.size(dir.resolve("q.onnx.data"));
    assertEquals(1024, Files.size(dir.resolve("q.onnx.data")));
    assertTrue(
        r.out()
            .startsWith(
                "Wrote "
                    + out
                    + " and its external data "
                    + dir.resolve("q.onnx.data").toAbsolutePath()
                    + ": QDQ int8:channel:sym 1; "
                    + String.format(java.util.Locale.ROOT, "%,d", total)
                    + " bytes"),
        r::toString);
  }

  @Test
  void theSourceIsNeverTheTarget() throws Exception {
    Path source = mnist();
    byte[] before = Files.readAllBytes(source);
    Cli.Result self =
        Cli.run(
            "export", source, source, "--to", "onnx", "--scheme", "int8:channel:sym", "--force");
    assertTrue(self.exitCode() != 0, self::toString);
    assertTrue(self.err().startsWith("quantlens: "), self::toString);
    assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(source)));
  }
}
