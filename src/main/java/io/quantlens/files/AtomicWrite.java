package io.quantlens.files;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one way QuantLens writes a file (models, reports, charts, settings): through a hidden
 * temporary file in the target's folder, moved into place only once the whole file is written, so a
 * failed or cancelled write never leaves a truncated file or replaces a good one. The temporary
 * file is created like any new file (the umask applies), unlike {@link Files#createTempFile}, whose
 * files only the owner could read; a file it replaces keeps its POSIX permissions.
 */
public final class AtomicWrite {
  /** What fills the file, written to its channel (model writers, which seek and map). */
  @FunctionalInterface
  public interface Work {
    void writeTo(FileChannel channel) throws IOException;
  }

  /** What fills the file, written to a buffered stream (reports, images, text). */
  @FunctionalInterface
  public interface StreamWork {
    void writeTo(OutputStream out) throws IOException;
  }

  private AtomicWrite() {}

  /** Writes {@code target} through its channel; the target's folder must exist. */
  public static void write(Path target, Work work) throws IOException {
    Path folder = target.toAbsolutePath().getParent();
    Path temporary = createTemporary(folder, "." + target.getFileName() + ".");
    try {
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        work.writeTo(channel);
      }
      keepPermissions(target, temporary);
      try {
        Files.move(
            temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /**
   * Writes {@code target} through a buffered stream, after {@link #prepare}: its folder is created
   * when missing.
   */
  public static void writeStream(Path target, StreamWork work) throws IOException {
    Path absolute = prepare(target);
    write(
        absolute,
        channel -> {
          OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel));
          work.writeTo(out);
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

  /** Gives {@code replacement} the POSIX permissions of {@code target}, when both have them. */
  private static void keepPermissions(Path target, Path replacement) throws IOException {
    if (Files.isRegularFile(target)
        && Files.getFileStore(replacement)
            .supportsFileAttributeView(PosixFileAttributeView.class)) {
      Files.setPosixFilePermissions(replacement, Files.getPosixFilePermissions(target));
    }
  }

  private static Path createTemporary(Path folder, String prefix) throws IOException {
    while (true) {
      long random = ThreadLocalRandom.current().nextLong() >>> 1;
      try {
        return Files.createFile(folder.resolve(prefix + random + ".part"));
      } catch (FileAlreadyExistsException e) {
        // another name
      }
    }
  }
}
