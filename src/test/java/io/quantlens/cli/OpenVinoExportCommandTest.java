package io.quantlens.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.formats.ModelFiles;
import io.quantlens.model.Model;
import io.quantlens.session.OpenVinoExportTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code export --to openvino} as a user runs it; the values are OpenVinoExportTest's. */
class OpenVinoExportCommandTest {
  @TempDir Path dir;

  @Test
  void theNncfPresetWritesTheIrAndItsWeightsNamingBoth() throws Exception {
    Path source = OpenVinoExportTest.threeMatMuls(dir.resolve("model.xml"));
    Path out = dir.resolve("model-nncf.xml");
    Cli.Result r = Cli.run("export", source, out, "--to", "openvino", "--preset", "nncf-int4-sym");
    assertEquals(0, r.exitCode(), r::toString);
    Path bin = dir.resolve("model-nncf.bin").toAbsolutePath();
    long bytes = Files.size(out) + Files.size(bin);
    assertTrue(
        r.out()
            .startsWith(
                "Wrote "
                    + out
                    + " and its weights "
                    + bin
                    + ": NNCF int4_sym g128 2, NNCF int8_asym per-channel 1; "
                    + String.format(java.util.Locale.ROOT, "%,d", bytes)
                    + " bytes in "),
        r::toString);
    Model m = ModelFiles.open(out);
    assertTrue(m.layers().get(0).storage().startsWith("NNCF int4_sym g128, 4.125 bits"));
    assertTrue(m.layers().get(2).storage().startsWith("NNCF int8_asym per-channel"));
  }

  @Test
  void existingFilesAreKeptWithoutForceAndASchemeWithoutAnNncfFormIsOneLine() throws Exception {
    Path source = OpenVinoExportTest.threeMatMuls(dir.resolve("model.xml"));
    Path out = dir.resolve("kept.xml");
    Files.writeString(dir.resolve("kept.bin"), "mine");
    Cli.Result kept =
        Cli.run("export", source, out, "--to", "openvino", "--preset", "nncf-int8-asym");
    assertTrue(kept.exitCode() != 0, kept::toString);
    assertEquals("mine", Files.readString(dir.resolve("kept.bin")));
    assertFalse(Files.exists(out));
    Cli.Result forced =
        Cli.run("export", source, out, "--to", "openvino", "--preset", "nncf-int8-asym", "--force");
    assertEquals(0, forced.exitCode(), forced::toString);

    Cli.Result onnx =
        Cli.run(
            "export", source, dir.resolve("x.xml"), "--to", "openvino", "--scheme", "int4:g32:sym");
    assertEquals(
        "quantlens: q: int4:g32:sym has no NNCF form; an OpenVINO IR takes"
            + " int8:channel:sym|asym:nncf and int4:channel|gN:sym|asym:nncf\n",
        onnx.err());
    assertFalse(Files.exists(dir.resolve("x.xml")));

    byte[] before = Files.readAllBytes(dir.resolve("model.bin"));
    Cli.Result self =
        Cli.run(
            "export", source, source, "--to", "openvino", "--preset", "nncf-int8-asym", "--force");
    assertTrue(self.exitCode() != 0, self::toString);
    assertTrue(self.err().startsWith("quantlens: "), self::toString);
    assertArrayEquals(before, Files.readAllBytes(dir.resolve("model.bin")));
  }
}
