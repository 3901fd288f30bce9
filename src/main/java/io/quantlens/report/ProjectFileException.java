package io.quantlens.report;

import java.io.IOException;
import java.nio.file.Path;

/** A project file that cannot be read; the message names the file and what is wrong with it. */
public class ProjectFileException extends IOException {
  private final transient Path file;

  public ProjectFileException(Path file, String problem) {
    super(file + ": " + problem);
    this.file = file;
  }

  public ProjectFileException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
    this.file = file;
  }

  public Path file() {
    return file;
  }
}
