package io.quantlens.formats;

import io.quantlens.model.ModelFormatException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks that a path names a regular file before it is opened: opening a FIFO blocks until
 * something writes to it, and a device or socket is no model, so both are refused by name.
 */
public final class RegularFiles {
  private RegularFiles() {}

  /** Why {@code file} cannot be read as a file, or null when it can. */
  public static String problem(Path file) {
    if (Files.isRegularFile(file)) {
      return null;
    }
    if (Files.isDirectory(file)) {
      return "is a folder, not a file";
    }
    if (!Files.exists(file)) {
      return "file not found";
    }
    return "is not a regular file (a pipe, device or socket); give a file";
  }

  /**
   * @throws ModelFormatException naming the file and the problem
   */
  public static void require(Path file) throws ModelFormatException {
    String problem = problem(file);
    if (problem != null) {
      throw new ModelFormatException(file, problem);
    }
  }
}
