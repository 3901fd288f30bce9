package io.quantlens.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No command loses a user's file: an output never replaces an input of the same command, two
 * outputs never share a path, a folder of shards is replaced only with --force, and a replaced
 * report keeps its permissions.
 */
class OutputSafetyTest {
  @TempDir Path dir;

  @Test
  void anOutputNamedLikeTheModelIsRefusedAndTheModelIsKept() throws Exception {
    Path model = dir.resolve("m.gguf");
    assertEquals(0, Cli.run("generate", model, "--shape", "tiny").exitCode());
    byte[] before = Files.readAllBytes(model);
    Cli.Result r = Cli.run("analyze", model, "--csv", model);
    assertEquals(2, r.exitCode(), r.toString());
    assertEquals(1, r.errLines().size(), r.err());
    assertEquals(
        "quantlens: --csv "
            + model
            + " is a file this command reads; choose another path for the"
            + " output",
        r.err().strip());
    assertArrayEquals(before, Files.readAllBytes(model));
  }

  @Test
  void twoOutputsOnOnePathAreRefusedBeforeAnythingIsWritten() throws Exception {
    Path model = SmallModels.matMul(dir.resolve("m.onnx"));
    Path both = dir.resolve("out.txt");
    Cli.Result r = Cli.run("analyze", model, "--csv", both, "--json", both);
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().contains("--csv and --json both name " + both), r.err());
    assertFalse(Files.exists(both));
  }

  @Test
  void aPlanFileIsNotReplacedByTheCsv() throws Exception {
    Path model = SmallModels.matMul(dir.resolve("m.onnx"));
    Path plan = Files.writeString(dir.resolve("plan.json"), "{\"default\": \"int8\"}");
    Cli.Result r = Cli.run("cost", model, "--plan", plan, "--csv", plan);
    assertEquals(2, r.exitCode(), r.toString());
    assertEquals("{\"default\": \"int8\"}", Files.readString(plan));
  }

  @Test
  void shardsAreReplacedOnlyWithForce() throws Exception {
    Path folder = dir.resolve("shards");
    assertEquals(0, Cli.run("generate", folder, "--shape", "tiny", "--shards", "2").exitCode());
    Path index = folder.resolve("model.safetensors.index.json");
    long written = Files.getLastModifiedTime(index).toMillis();
    Cli.Result again = Cli.run("generate", folder, "--shape", "tiny", "--shards", "2");
    assertEquals(2, again.exitCode(), again.toString());
    assertTrue(
        again.err().contains("already holds a safetensors model; give --force"), again.err());
    assertEquals(written, Files.getLastModifiedTime(index).toMillis());
    Cli.Result forced = Cli.run("generate", folder, "--shape", "tiny", "--shards", "2", "--force");
    assertEquals(0, forced.exitCode(), forced.toString());
  }

  @Test
  void aReplacedReportKeepsItsPermissions() throws Exception {
    Path model = SmallModels.matMul(dir.resolve("m.onnx"));
    Path csv = Files.writeString(dir.resolve("private.csv"), "old");
    Files.setPosixFilePermissions(csv, PosixFilePermissions.fromString("rw-------"));
    Cli.Result r = Cli.run("analyze", model, "--csv", csv);
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(Files.readString(csv).startsWith("layer,"), Files.readString(csv));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(csv)));
  }
}
