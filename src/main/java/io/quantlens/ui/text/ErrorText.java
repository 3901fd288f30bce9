package io.quantlens.ui.text;

import java.nio.file.NoSuchFileException;

/** A failure as the user should read it: its message, which names the file and the problem. */
public final class ErrorText {
  private ErrorText() {}

  public static String of(Throwable t) {
    if (t instanceof NoSuchFileException n) {
      return n.getFile() + ": no such file";
    }
    if (t.getMessage() != null) {
      return t.getMessage();
    }
    return t.getClass().getSimpleName();
  }
}
