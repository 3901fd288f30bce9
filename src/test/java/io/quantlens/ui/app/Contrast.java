package io.quantlens.ui.app;

import javafx.scene.paint.Color;

/** WCAG 2 relative luminance and contrast ratio of screen colours. */
final class Contrast {
  private Contrast() {}

  /** (L_lighter + 0.05) / (L_darker + 0.05); text wants ≥ 4.5. */
  static double ratio(Color a, Color b) {
    double la = luminance(a);
    double lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  static double luminance(Color c) {
    return 0.2126 * linear(c.getRed())
        + 0.7152 * linear(c.getGreen())
        + 0.0722 * linear(c.getBlue());
  }

  private static double linear(double s) {
    return s <= 0.04045 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
  }
}
