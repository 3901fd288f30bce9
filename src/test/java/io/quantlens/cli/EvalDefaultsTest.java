package io.quantlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.eval.ShapedModels;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eval} and {@code sensitivity} with no flags on fixed-batch and symbolic-image models. */
class EvalDefaultsTest {
  @TempDir Path dir;

  @Test
  void aBatchOneModelEvaluatesWithDefaults() throws Exception {
    Path model = ShapedModels.fixedBatchConv(dir, 1);
    Cli.Result r = Cli.run("eval", model);
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.out().contains("Inputs     x [64, 3, 8, 8]"), r.out());
    assertTrue(
        r.out()
            .contains(
                "Batch      1 sample per ONNX Runtime call (fixed by input 'x' [1, 3, 8, 8])"),
        r.out());
    assertTrue(r.out().contains("output SQNR"), r.out());
    Cli.Result s = Cli.run("sensitivity", model);
    assertEquals(0, s.exitCode(), s.toString());
    assertTrue(s.out().contains("   1  conv"), s.out());
    assertTrue(s.out().contains("int8"), s.out());
  }

  @Test
  void aContradictingBatchIsOneLineAndExit3() throws Exception {
    Path model = ShapedModels.fixedBatchConv(dir, 1);
    Cli.Result r = Cli.run("eval", model, "--batch", "8");
    assertEquals(3, r.exitCode(), r.toString());
    assertEquals(1, r.errLines().size(), r.err());
    assertTrue(r.err().contains("leave --batch out or use --batch 1"), r.err());
  }

  @Test
  void aSymbolicImageRunsAtTheDefaultSideOrTheGivenOne() throws Exception {
    Path model = ShapedModels.symbolicImage(dir, "height", "width");
    Cli.Result defaults = Cli.run("eval", model);
    assertEquals(0, defaults.exitCode(), defaults.toString());
    assertTrue(defaults.out().contains("images [64, 3, 224, 224]"), defaults.out());
    Cli.Result set = Cli.run("eval", model, "--dim", "height=40", "--dim", "width=24");
    assertEquals(0, set.exitCode(), set.toString());
    assertTrue(set.out().contains("images [64, 3, 40, 24]"), set.out());
    assertTrue(set.out().contains("64 samples per ONNX Runtime call (default"), set.out());
  }

  @Test
  void sidesNamedNothingFailInOneLineNamingTheDimsAndWorkWhenSet() throws Exception {
    Path image = ShapedModels.symbolicImage(dir, "unk__1", "unk__2");
    Cli.Result rgb = Cli.run("eval", image);
    assertEquals(0, rgb.exitCode(), rgb.toString());
    assertTrue(rgb.out().contains("images [64, 3, 224, 224]"), rgb.out());
    Path model = ShapedModels.symbolicPlanes(dir, "unk__1", "unk__2");
    Cli.Result r = Cli.run("eval", model);
    assertEquals(3, r.exitCode(), r.toString());
    assertEquals(1, r.errLines().size(), r.err());
    assertFalse(r.hasStackTrace(), r.err());
    assertTrue(r.err().startsWith("quantlens: " + model + ": ONNX Runtime cannot run"), r.err());
    assertTrue(r.err().contains("--dim NAME=VALUE for unk__1, unk__2"), r.err());
    Cli.Result fixed = Cli.run("eval", model, "--dim", "unk__1=8", "--dim", "unk__2=8");
    assertEquals(0, fixed.exitCode(), fixed.toString());
  }

  @Test
  void aScalarInputComesFromTheDataFolder() throws Exception {
    Path model = ShapedModels.scalarGain(dir, ShapedModels.diagonalWeights());
    Path data = dir.resolve("data");
    io.quantlens.eval.EvalModels.save(
        data.resolve("x.npy"),
        io.quantlens.formats.npy.NpyArray.ofFloats(
            new long[] {ShapedModels.K, ShapedModels.K}, ShapedModels.identity()));
    java.nio.ByteBuffer gain =
        java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putFloat(2f).flip();
    io.quantlens.eval.EvalModels.save(
        data.resolve("gain.npy"),
        new io.quantlens.formats.npy.NpyArray(
            io.quantlens.formats.npy.NpyType.FLOAT32, new long[0], gain));
    Cli.Result r = Cli.run("eval", model, "--data", data, "--scheme", "int8");
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.out().contains("gain [] (whole, to every call)"), r.out());
    Cli.Result dims = Cli.run("eval", model, "--data", data, "--dim", "x[1]=4");
    assertEquals(2, dims.exitCode(), dims.toString());
    assertEquals(1, dims.errLines().size(), dims.err());
  }
}
