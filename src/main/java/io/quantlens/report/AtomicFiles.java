package io.quantlens.report;

import io.quantlens.formats.AtomicWrite;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a report through {@link AtomicWrite}, so a failed write never leaves half a file and a
 * replaced file keeps its permissions.
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
    AtomicWrite.write(
        absolute,
        channel -> {
          OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel));
          writer.writeTo(out);
          out.flush();
        });
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
}
