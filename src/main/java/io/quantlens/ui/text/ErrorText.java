package io.quantlens.ui.text;

import io.quantlens.text.Messages;
import java.nio.file.NoSuchFileException;

/** A failure as the user should read it: its message, which names the file and the problem. */
public final class ErrorText {
  private ErrorText() {}

  /** The failure's own message, in {@code m}'s words where the failure has none of its own. */
  public static String of(Throwable t, Messages m) {
    if (t instanceof NoSuchFileException n) {
      return m.get("error.noSuchFile", n.getFile());
    }
    if (t.getMessage() != null) {
      return t.getMessage();
    }
    return t.getClass().getSimpleName();
  }
}
