package io.quantlens.charts;

import java.awt.Color;

/**
 * How a colour looks to a dichromat, and how far apart two colours look: the simulation matrices of
 * Machado, Oliveira &amp; Fernandes, "A Physiologically-based Model for Simulation of Color Vision
 * Deficiency" (IEEE TVCG 15(6), 2009), severity 1.0, applied to linear sRGB; distances are CIE 1976
 * ΔE*ab in CIELAB under D65.
 */
enum ColourVision {
  NORMAL(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}),
  PROTANOPIA(
      new double[][] {
        {0.152286, 1.052583, -0.204868},
        {0.114503, 0.786281, 0.099216},
        {-0.003882, -0.048116, 1.051998}
      }),
  DEUTERANOPIA(
      new double[][] {
        {0.367322, 0.860646, -0.227968},
        {0.280085, 0.672501, 0.047413},
        {-0.011820, 0.042940, 0.968881}
      }),
  TRITANOPIA(
      new double[][] {
        {1.255528, -0.076749, -0.178779},
        {-0.078411, 0.930809, 0.147602},
        {0.004733, 0.691367, 0.303900}
      });

  private final double[][] matrix;

  ColourVision(double[][] matrix) {
    this.matrix = matrix;
  }

  /** ΔE*ab between {@code a} and {@code b} as this vision sees them. */
  double distance(Color a, Color b) {
    double[] la = lab(seen(a));
    double[] lb = lab(seen(b));
    return Math.sqrt(
        Math.pow(la[0] - lb[0], 2) + Math.pow(la[1] - lb[1], 2) + Math.pow(la[2] - lb[2], 2));
  }

  /** CIELAB chroma C*ab: 0 for a grey. */
  static double chroma(Color c) {
    double[] lab = lab(NORMAL.seen(c));
    return Math.hypot(lab[1], lab[2]);
  }

  private double[] seen(Color c) {
    double[] rgb = {linear(c.getRed()), linear(c.getGreen()), linear(c.getBlue())};
    double[] out = new double[3];
    for (int i = 0; i < 3; i++) {
      double v = 0;
      for (int j = 0; j < 3; j++) {
        v += matrix[i][j] * rgb[j];
      }
      out[i] = Math.max(0, Math.min(1, v));
    }
    return out;
  }

  private static double[] lab(double[] rgb) {
    double x = 0.4124 * rgb[0] + 0.3576 * rgb[1] + 0.1805 * rgb[2];
    double y = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
    double z = 0.0193 * rgb[0] + 0.1192 * rgb[1] + 0.9505 * rgb[2];
    double fx = f(x / 0.95047);
    double fy = f(y);
    double fz = f(z / 1.08883);
    return new double[] {116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)};
  }

  private static double f(double t) {
    return t > 216.0 / 24389 ? Math.cbrt(t) : (24389.0 / 27 * t + 16) / 116;
  }

  static double linear(int channel) {
    double s = channel / 255.0;
    return s <= 0.04045 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
  }

  /** WCAG 2 contrast ratio. */
  static double contrast(Color a, Color b) {
    double la = luminance(a);
    double lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  private static double luminance(Color c) {
    return 0.2126 * linear(c.getRed())
        + 0.7152 * linear(c.getGreen())
        + 0.0722 * linear(c.getBlue());
  }
}
