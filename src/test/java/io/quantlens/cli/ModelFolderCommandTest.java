package io.quantlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.formats.safetensors.MlxFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command taking MODEL takes a model folder too; {@code info} shows which file it opened. */
class ModelFolderCommandTest {
  @TempDir Path dir;

  @Test
  void infoOfAnMlxFolder() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("mlx-4bit"));
    Path file = MlxFiles.twoLayerModel(folder);
    Cli.Result viaFolder = Cli.run("info", "--layers", folder);
    assertEquals(0, viaFolder.exitCode(), viaFolder::toString);
    assertEquals("", viaFolder.err(), viaFolder::toString);
    // the model line names the file found in the folder; the rest is what the file itself shows
    assertTrue(viaFolder.out().startsWith("Model      " + file), viaFolder::toString);
    Cli.Result direct = Cli.run("info", "--layers", file);
    assertEquals(direct.out(), viaFolder.out());
    assertTrue(viaFolder.out().contains("model.layers.0.mlp.down_proj"), viaFolder::toString);
  }

  @Test
  void anEmptyFolderIsOneClearLine() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    Cli.Result r = Cli.run("info", empty);
    assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r::toString);
    assertEquals(1, r.err().lines().count(), r::toString);
    assertTrue(r.err().contains(empty + ": no model in this folder"), r::toString);
  }
}
