package io.quantlens.ui.accuracy;

/**
 * One evaluation sample drawn as a picture.
 *
 * @param width pixels per row
 * @param height rows
 * @param argb one opaque 0xAARRGGBB pixel per position, row after row
 */
public record SampleImage(int width, int height, int[] argb) {
  public SampleImage {
    if (argb.length != width * height) {
      throw new IllegalArgumentException(argb.length + " pixels for " + width + "×" + height);
    }
    argb = argb.clone();
  }

  @Override
  public int[] argb() {
    return argb.clone();
  }

  /** The pixel at column {@code x} of row {@code y}. */
  public int pixel(int x, int y) {
    return argb[y * width + x];
  }
}
