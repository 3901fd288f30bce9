package io.quantlens.ui.app;

import io.quantlens.text.Typeface;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import javafx.scene.text.Font;

/** Makes the shipped typeface known to JavaFX, for the style sheet's {@code .root} to use. */
final class WindowFonts {
  private WindowFonts() {}

  /** Loads every shipped face; loading one again is harmless. */
  static void load() {
    for (String resource : Typeface.RESOURCES) {
      try (InputStream in = WindowFonts.class.getResourceAsStream(resource)) {
        if (in == null || Font.loadFont(in, 13) == null) {
          throw new IllegalStateException(resource + " could not be loaded as a font");
        }
      } catch (IOException e) {
        throw new UncheckedIOException(resource + ": " + e.getMessage(), e);
      }
    }
  }
}
