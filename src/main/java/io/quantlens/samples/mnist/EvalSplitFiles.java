package io.quantlens.samples.mnist;

import io.quantlens.files.AtomicWrite;
import io.quantlens.formats.npy.Npy;
import io.quantlens.formats.npy.NpyArray;
import io.quantlens.formats.npy.NpyType;
import io.quantlens.model.ModelFormatException;
import java.io.IOException;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.Arrays;

/** The held-out split as NumPy files: {@code image.npy} uint8 [N,1,28,28], {@code labels.npy}. */
public final class EvalSplitFiles {
  public static final String IMAGES = "image.npy";
  public static final String LABELS = "labels.npy";

  private EvalSplitFiles() {}

  public static void write(Digits digits, Path dir) throws IOException {
    int size = CnnArchitecture.IMAGE_SIZE;
    NpyArray images =
        NpyArray.ofBytes(NpyType.UINT8, new long[] {digits.size(), 1, size, size}, digits.pixels());
    long[] labels = Arrays.stream(digits.labels()).asLongStream().toArray();
    NpyArray labelArray = NpyArray.ofLongs(new long[] {digits.size()}, labels);
    AtomicWrite.writeStream(dir.resolve(IMAGES), out -> Npy.write(out, images));
    AtomicWrite.writeStream(dir.resolve(LABELS), out -> Npy.write(out, labelArray));
  }

  public static Digits read(Path dir) throws IOException, ModelFormatException {
    NpyArray images = Npy.read(dir.resolve(IMAGES));
    NpyArray labels = Npy.read(dir.resolve(LABELS));
    if (images.type() != NpyType.UINT8 || labels.type() != NpyType.INT64) {
      throw new ModelFormatException(dir, "expected uint8 images and int64 labels");
    }
    byte[] pixels = new byte[Math.toIntExact(images.elementCount())];
    images.data().get(pixels);
    LongBuffer longs = labels.data().asLongBuffer();
    int[] l = new int[longs.remaining()];
    for (int i = 0; i < l.length; i++) {
      l[i] = Math.toIntExact(longs.get(i));
    }
    return new Digits(pixels, l);
  }
}
