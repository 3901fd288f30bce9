package io.quantlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.formats.ModelFiles;
import io.quantlens.model.Model;
import io.quantlens.session.Session;
import java.nio.file.Files;
import java.nio.file.Path;
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

  @Test
  void aSchemeWithoutAnOnnxFormIsRefusedInOneLineNamingTheLayer() throws Exception {
    Path source = mnist();
    Path out = dir.resolve("x.onnx");
    Cli.Result q4k = Cli.run("export", source, out, "--to", "onnx", "--scheme", "q4_k");
    assertEquals(
        "quantlens: conv1: q4_k has no ONNX form; ONNX takes int8:channel:sym|asym (QDQ) and, on"
            + " MatMul and Gemm, int4:g32|g64|g128:sym|asym (MatMulNBits)\n",
        q4k.err());
    Cli.Result conv = Cli.run("export", source, out, "--to", "onnx", "--scheme", "int4:g32:sym");
    assertEquals(
        "quantlens: conv1: int4:g32:sym on a Conv has no ONNX form; MatMulNBits takes MatMul and"
            + " Gemm weights\n",
        conv.err());
    assertFalse(Files.exists(out));
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
