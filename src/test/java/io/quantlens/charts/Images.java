package io.quantlens.charts;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.HashSet;
import java.util.Set;

/** Pixel counts of rendered charts. */
final class Images {
  private Images() {}

  static int distinctColours(BufferedImage image) {
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        colours.add(image.getRGB(x, y));
      }
    }
    return colours.size();
  }

  /** Pixels of exactly this colour, opaque. */
  static int count(BufferedImage image, Color colour) {
    int rgb = colour.getRGB() | 0xFF000000;
    int n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if (image.getRGB(x, y) == rgb) {
          n++;
        }
      }
    }
    return n;
  }
}
