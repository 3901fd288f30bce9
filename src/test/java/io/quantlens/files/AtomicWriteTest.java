package io.quantlens.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicWriteTest {
  @TempDir Path dir;

  @Test
  void aStreamWriteCreatesTheFolderAndLeavesNoTemporaryFile() throws IOException {
    Path file = dir.resolve("a/b/report.csv");
    AtomicWrite.writeStream(file, out -> out.write("x,1.5\n".getBytes(StandardCharsets.UTF_8)));
    assertEquals("x,1.5\n", Files.readString(file));
    try (Stream<Path> files = Files.list(file.getParent())) {
      assertEquals(List.of(file), files.toList());
    }
  }

  @Test
  void aReplacedFileKeepsItsPermissions() throws IOException {
    Path file = dir.resolve("model.gguf");
    Files.writeString(file, "old");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
    AtomicWrite.write(file, channel -> channel.write(ByteBuffer.wrap(new byte[] {1, 2, 3})));
    assertEquals(3, Files.size(file));
    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    AtomicWrite.writeStream(file, out -> out.write(7));
    assertEquals(1, Files.size(file));
    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
  }

  @Test
  void aFailedWriteKeepsTheOldFileAndRemovesThePartialOne() throws IOException {
    Path file = dir.resolve("plan.json");
    Files.writeString(file, "{\"good\":true}");
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                AtomicWrite.writeStream(
                    file,
                    out -> {
                      out.write("{\"half".getBytes(StandardCharsets.UTF_8));
                      throw new IOException("disk full");
                    }));
    assertEquals("disk full", e.getMessage());
    assertEquals("{\"good\":true}", Files.readString(file));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList());
    }
  }

  @Test
  void aFolderCannotBecomeAFile() throws IOException {
    Path folder = Files.createDirectory(dir.resolve("out"));
    FileSystemException e =
        assertThrows(FileSystemException.class, () -> AtomicWrite.prepare(folder));
    assertTrue(e.getMessage().endsWith("is a folder, not a file"), e.getMessage());
  }
}
