package io.quantlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * info and analyze on an OpenVINO IR: the fuzz seed (io.quantlens.fuzz.FuzzSeeds#openVino), an f16
 * embedding Gather, an NNCF int4_sym g8 MatMul and an int8_asym per-channel MatMul.
 */
class OpenVinoModelCommandTest {
  private static final Path SEEDS = Path.of("src/test/resources/fuzz/seeds");

  @TempDir Path dir;

  private String model() throws Exception {
    Files.copy(SEEDS.resolve("nncf.xml"), dir.resolve("nncf.xml"));
    Files.copy(SEEDS.resolve("nncf.bin"), dir.resolve("nncf.bin"));
    return dir.resolve("nncf.xml").toString();
  }

  @Test
  void infoShowsTheDecompressedLayersAndTheirStorage() throws Exception {
    Cli.Result r = Cli.run("info", "--layers", model());
    assertEquals(0, r.exitCode(), r::toString);
    assertEquals("", r.err(), r::toString);
    String out = r.out();
    assertTrue(out.contains("Format     OpenVINO IR\n"), r::toString);
    assertTrue(out.contains("Layers     3\n"), r::toString);
    // layers: 64 (table) + 64 (fc1) + 8 (fc2); stored also the axis (1), the Reshape's shape (2),
    // 8 + 2 scales and 2 zero points: 151.
    assertTrue(out.contains("Parameters 136 in layers, 151 stored in all"), r::toString);
    // f16: table 128 + scales 16 + 4 bytes; i4 codes 64 / 2; u8 codes 8 + zero points 2.
    assertTrue(out.contains("Bytes      FLOAT16  148\n"), r::toString);
    assertTrue(out.contains("Bytes      INT4     32\n"), r::toString);
    assertTrue(out.contains("Bytes      UINT8    10\n"), r::toString);
    assertTrue(
        out.contains("    stored: NNCF int4_sym g8, 6 bits per weight (i4 codes"), r::toString);
    assertTrue(
        out.contains("    stored: NNCF int8_asym per-channel, 14 bits per weight"), r::toString);
  }

  @Test
  void analyzeReadsTheWeightsAsTheSubgraphComputesThem() throws Exception {
    Cli.Result r = Cli.run("analyze", model());
    assertEquals(0, r.exitCode(), r::toString);
    assertEquals("", r.err(), r::toString);
    String out = r.out();
    assertTrue(out.contains("Model totals over 3 layers (136 weights)"), r::toString);
    // table (i − 32) / 16 for i < 64
    assertTrue(out.contains("gather  Gather 4x16  64 weights  range [-2.000, 1.938]"), r::toString);
    // codes (5i mod 16) − 8; the group with scale 4 holds −7 and 5: [−28, 20]
    assertTrue(
        out.contains("fc1/matmul  MatMul 4x16  64 weights  range [-28.00, 20.00]"), r::toString);
    // row 1: codes 7 … 10, zero point 8, scale 3 → −3 … 6
    assertTrue(
        out.contains("fc2/matmul  MatMul 2x4  8 weights  range [-3.000, 6.000]"), r::toString);
  }
}
