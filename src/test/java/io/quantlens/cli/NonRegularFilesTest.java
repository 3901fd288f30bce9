package io.quantlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A FIFO given as a model, an index's shard, an .npy, a plan, a project or a hardware profile is
 * refused in one line instead of blocking forever in open (nothing ever writes to it here).
 */
class NonRegularFilesTest {
  private static final Duration QUICK = Duration.ofSeconds(20);

  @TempDir Path dir;

  private Path fifo(String name) throws Exception {
    Path path = dir.resolve(name);
    Process p = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
    assertEquals(0, p.waitFor(), "mkfifo");
    assertTrue(Files.exists(path) && !Files.isRegularFile(path));
    return path;
  }

  private static void refused(Path file, Cli.Result r) {
    assertEquals(3, r.exitCode(), r.toString());
    assertEquals(1, r.errLines().size(), r.err());
    assertTrue(r.err().contains(file + ": is not a regular file"), r.err());
  }

  @Test
  void modelsOfEveryFormat() throws Exception {
    for (String name : new String[] {"m.onnx", "m.gguf", "m.safetensors", "noextension"}) {
      Path f = fifo(name);
      assertTimeoutPreemptively(QUICK, () -> refused(f, Cli.run("info", f)));
    }
  }

  @Test
  void aShardOfASafetensorsIndex() throws Exception {
    Path shard = fifo("model-00001-of-00001.safetensors");
    Path index =
        Files.writeString(
            dir.resolve("model.safetensors.index.json"),
            "{\"metadata\": {}, \"weight_map\": {\"w\": \"" + shard.getFileName() + "\"}}");
    Cli.Result r = assertTimeoutPreemptively(QUICK, () -> Cli.run("info", index));
    assertEquals(3, r.exitCode(), r.toString());
    assertTrue(r.err().contains("is not a regular file"), r.err());
  }

  @Test
  void anNpyInTheDataFolderAndAPlanFile() throws Exception {
    Path model = SmallModels.matMul(dir.resolve("m.onnx"));
    Files.createDirectories(dir.resolve("data"));
    Path x = fifo("data/x.npy");
    assertTimeoutPreemptively(
        QUICK, () -> refused(x, Cli.run("eval", model, "--data", dir.resolve("data"))));
    Path plan = fifo("plan.json");
    assertTimeoutPreemptively(QUICK, () -> refused(plan, Cli.run("cost", model, "--plan", plan)));
  }
}
