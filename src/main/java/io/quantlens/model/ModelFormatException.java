package io.quantlens.model;

import java.nio.file.Path;

/** A model file that cannot be read; the message names the file and what is wrong with it. */
public class ModelFormatException extends Exception {
  private final Path file;

  public ModelFormatException(Path file, String problem) {
    super(file + ": " + problem);
    this.file = file;
  }

  public ModelFormatException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
    this.file = file;
  }

  public Path file() {
    return file;
  }
}
