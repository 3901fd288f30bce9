package io.quantlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.formats.safetensors.MlxFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** info and analyze on an MLX-quantized safetensors file (two packed layers and a plain one). */
class MlxModelCommandTest {
  @TempDir Path dir;

  @Test
  void infoShowsTheDequantizedLayersAndTheirStorage() throws Exception {
    Cli.Result r = Cli.run("info", "--layers", MlxFiles.twoLayerModel(dir));
    assertEquals(0, r.exitCode(), r::toString);
    assertEquals("", r.err(), r::toString);
    String out = r.out();
    assertTrue(out.contains("Layers     3\n"), r::toString);
    assertTrue(out.contains("Parameters 1,056 in layers, 1,112 stored in all"), r::toString);
    // Packed codes at their own width, scales and biases (and the plain F16 tensors) as F16.
    assertTrue(out.contains("Bytes      UINT8    512\n"), r::toString);
    assertTrue(out.contains("Bytes      UINT4    256\n"), r::toString);
    assertTrue(out.contains("Bytes      FLOAT16  176\n"), r::toString);
    assertTrue(
        out.lines()
            .anyMatch(
                l -> l.matches("model\\.layers\\.0\\.mlp\\.down_proj +MatMul +UINT8 +8x64 +512 0")),
        r::toString);
    assertTrue(
        out.contains(
            "model.layers.0.mlp.up_proj                       MatMul     UINT4     4x128       "
                + "            512 0\n    stored: MLX affine 4-bit, group 64 (scales and biases"
                + " F16)\n"),
        r::toString);
    assertTrue(
        out.contains("    stored: MLX affine 8-bit, group 32 (scales and biases F16)\n"),
        r::toString);
    assertTrue(!out.contains(".scales") && !out.contains(".biases"), r::toString);
  }

  @Test
  void analyzeReadsTheDequantizedWeights() throws Exception {
    Cli.Result r = Cli.run("analyze", MlxFiles.twoLayerModel(dir));
    assertEquals(0, r.exitCode(), r::toString);
    assertEquals("", r.err(), r::toString);
    String out = r.out();
    assertTrue(out.contains("Model totals over 3 layers (1,056 weights)"), r::toString);
    // Scales k/8, biases k/4 and codes below 16: every 4-bit value is exact in FP16.
    assertTrue(
        out.contains(
            "model.layers.0.mlp.up_proj  MatMul 4x128  512 weights  range [-14.25, 13.63]\n"),
        r::toString);
    assertTrue(out.lines().anyMatch(l -> l.matches(" +fp16 +16\\.000 +exact .*")), r::toString);
    assertTrue(
        out.contains(
            "model.layers.0.mlp.down_proj  MatMul 8x64  512 weights  range [-501.3, 469.4]"),
        r::toString);
  }
}
