package io.quantlens.samples.mnist;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Labelled 28×28 grey-scale digits: {@code pixels} holds {@code size() × 784} bytes (0..255, row by
 * row), {@code labels} one class 0..9 per image.
 */
public record Digits(byte[] pixels, int[] labels) {
  public static final int PIXELS = CnnArchitecture.PIXELS;

  public Digits {
    if (pixels.length != (long) labels.length * PIXELS) {
      throw new IllegalArgumentException(
          labels.length
              + " labels need "
              + labels.length * PIXELS
              + " pixels, got "
              + pixels.length);
    }
    for (int label : labels) {
      if (label < 0 || label >= CnnArchitecture.CLASSES) {
        throw new IllegalArgumentException("label out of range: " + label);
      }
    }
  }

  public int size() {
    return labels.length;
  }

  public int label(int i) {
    return labels[i];
  }

  /** Pixel {@code j} (0..783) of image {@code i}, 0..255. */
  public int pixel(int i, int j) {
    return pixels[i * PIXELS + j] & 0xff;
  }

  /** The images at {@code indices}, in that order. */
  public Digits select(int[] indices) {
    byte[] p = new byte[indices.length * PIXELS];
    int[] l = new int[indices.length];
    for (int k = 0; k < indices.length; k++) {
      System.arraycopy(pixels, indices[k] * PIXELS, p, k * PIXELS, PIXELS);
      l[k] = labels[indices[k]];
    }
    return new Digits(p, l);
  }

  /** The first {@code n} images. */
  public Digits head(int n) {
    int[] indices = new int[Math.min(n, size())];
    for (int i = 0; i < indices.length; i++) {
      indices[i] = i;
    }
    return select(indices);
  }

  /** Images per class. */
  public int[] classCounts() {
    int[] counts = new int[CnnArchitecture.CLASSES];
    for (int label : labels) {
      counts[label]++;
    }
    return counts;
  }

  /** SHA-256 of the pixels followed by one byte per label: pins the data a model came from. */
  public String sha256() {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(pixels);
      for (int label : labels) {
        digest.update((byte) label);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no SHA-256 in this JVM", e);
    }
  }
}
