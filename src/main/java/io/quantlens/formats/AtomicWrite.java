package io.quantlens.formats;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a model file through a hidden temporary file in the target's folder, moved into place only
 * once the whole file is written, so a failed or cancelled write never leaves a truncated model or
 * replaces a good one. The temporary file is created like any new file (the umask applies), unlike
 * {@link Files#createTempFile}, whose files only the owner could read; a file it replaces keeps its
 * permissions.
 */
public final class AtomicWrite {
  /** What fills the file. */
  @FunctionalInterface
  public interface Work {
    void writeTo(FileChannel channel) throws IOException;
  }

  private AtomicWrite() {}

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
