package io.quantlens.text;

import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The one typeface people read QuantLens in, window and charts alike: Noto Sans, shipped in
 * assets/fonts because platform fonts do not all draw every Vietnamese letter at every scale.
 */
public final class Typeface {
  /** The family name the window's style sheet and the charts' fonts ask for. */
  public static final String FAMILY = "Noto Sans";

  /** The shipped faces, as class-path resources. */
  public static final List<String> RESOURCES =
      List.of("/io/quantlens/fonts/NotoSans-Regular.ttf", "/io/quantlens/fonts/NotoSans-Bold.ttf");

  private Typeface() {}

  /**
   * Makes {@link #FAMILY} known to Java 2D (charts, PNG and SVG export); registering a face twice
   * is harmless.
   */
  public static void registerWithJava2d() {
    GraphicsEnvironment fonts = GraphicsEnvironment.getLocalGraphicsEnvironment();
    for (String resource : RESOURCES) {
      try (InputStream in = Typeface.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException(resource + " is missing from the class path");
        }
        fonts.registerFont(Font.createFont(Font.TRUETYPE_FONT, in));
      } catch (IOException e) {
        throw new UncheckedIOException(resource + ": " + e.getMessage(), e);
      } catch (FontFormatException e) {
        throw new IllegalStateException(resource + " is not a TrueType font", e);
      }
    }
  }
}
