package io.quantlens.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file through a temporary sibling and a move, so a failed write never leaves half a file.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Content written to a stream. */
  @FunctionalInterface
  public interface Writer {
    void writeTo(OutputStream out) throws IOException;
  }

  public static void write(Path target, Writer writer) throws IOException {
    Path absolute = prepare(target);
    Path dir = absolute.getParent();
    Path temp = createTemp(dir, "." + absolute.getFileName());
    try {
      try (OutputStream out = Files.newOutputStream(temp)) {
        writer.writeTo(out);
      }
      try {
        Files.move(
            temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Checks that {@code target} can become a file and creates its folder, so a long computation
   * whose result goes there fails before it starts rather than after.
   *
   * @return the absolute target
   */
  public static Path prepare(Path target) throws IOException {
    Path absolute = target.toAbsolutePath();
    if (Files.isDirectory(absolute)) {
      throw new FileSystemException(target.toString(), null, "is a folder, not a file");
    }
    Path dir = absolute.getParent();
    Files.createDirectories(dir);
    if (!Files.isWritable(dir)) {
      throw new FileSystemException(dir.toString(), null, "folder is not writable");
    }
    return absolute;
  }

  /**
   * A new empty file {@code PREFIX<random>.tmp} in {@code dir}. Unlike {@link
   * Files#createTempFile}, which makes files only the owner may read, it gets the permissions of
   * any new file (the umask applies), and so does the report that replaces it.
   */
  private static Path createTemp(Path dir, String prefix) throws IOException {
    while (true) {
      long random = ThreadLocalRandom.current().nextLong() >>> 1;
      try {
        return Files.createFile(dir.resolve(prefix + random + ".tmp"));
      } catch (FileAlreadyExistsException e) {
        // try another name
      }
    }
  }
}
