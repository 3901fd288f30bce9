package io.quantlens.ui.accuracy;

import io.quantlens.eval.EvalData;
import io.quantlens.formats.npy.NpyArray;
import io.quantlens.formats.npy.NpyType;
import io.quantlens.quant.HalfFloats;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads evaluation samples as pictures when the data's one batched input is an image: per sample
 * {@code [C, H, W]} or {@code [H, W, C]} with one or three channels, or a square {@code [H, H]},
 * with sides of at least {@value #MIN_SIDE}. Bytes (uint8) are drawn as stored, 0 black and 255
 * white; other types are stretched from the sample's lowest value (black) to its highest (white),
 * so normalized inputs stay visible.
 */
public final class SampleImages {
  /** Smaller "images" are more likely feature vectors than pictures. */
  static final int MIN_SIDE = 8;

  private final NpyArray array;
  private final int channels;
  private final int height;
  private final int width;
  private final boolean channelsLast;

  private SampleImages(NpyArray array, int channels, int height, int width, boolean channelsLast) {
    this.array = array;
    this.channels = channels;
    this.height = height;
    this.width = width;
    this.channelsLast = channelsLast;
  }

  /** The images of {@code data}, or empty when its samples are not pictures. */
  public static Optional<SampleImages> of(EvalData data) {
    List<Map.Entry<String, NpyArray>> batched =
        data.inputs().entrySet().stream().filter(e -> !data.isWhole(e.getKey())).toList();
    if (batched.size() != 1 || batched.get(0).getValue().type() == NpyType.BOOL) {
      return Optional.empty();
    }
    NpyArray array = batched.get(0).getValue();
    long[] shape = array.shape();
    // Without a channel axis only a square counts: [N, 128, 768] is more likely token features.
    if (shape.length == 3 && shape[1] == shape[2]) {
      return picture(array, 1, shape[1], shape[2], false);
    }
    if (shape.length == 4 && (shape[1] == 1 || shape[1] == 3)) {
      return picture(array, (int) shape[1], shape[2], shape[3], false);
    }
    if (shape.length == 4 && (shape[3] == 1 || shape[3] == 3)) {
      return picture(array, (int) shape[3], shape[1], shape[2], true);
    }
    return Optional.empty();
  }

  private static Optional<SampleImages> picture(
      NpyArray array, int channels, long height, long width, boolean channelsLast) {
    if (height < MIN_SIDE || width < MIN_SIDE || height * width > 4096L * 4096L) {
      return Optional.empty();
    }
    return Optional.of(new SampleImages(array, channels, (int) height, (int) width, channelsLast));
  }

  /** Sample {@code index} as a picture. */
  public SampleImage image(int index) {
    int pixels = width * height;
    double[] values = new double[pixels * channels];
    ByteBuffer data = array.data();
    long base = (long) index * values.length;
    for (int i = 0; i < values.length; i++) {
      values[i] = value(data, Math.toIntExact((base + i) * array.type().bytes()));
    }
    double lo = 0;
    double hi = 255;
    if (array.type() != NpyType.UINT8) {
      lo = Double.POSITIVE_INFINITY;
      hi = Double.NEGATIVE_INFINITY;
      for (double v : values) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    int[] argb = new int[pixels];
    for (int p = 0; p < pixels; p++) {
      int rgb = 0;
      for (int c = 0; c < 3; c++) {
        int channel = channels == 1 ? 0 : c;
        int at = channelsLast ? p * channels + channel : channel * pixels + p;
        rgb = (rgb << 8) | level(values[at], lo, hi);
      }
      argb[p] = 0xFF000000 | rgb;
    }
    return new SampleImage(width, height, argb);
  }

  /** 0..255 for {@code v} between {@code lo} and {@code hi}; mid grey when they are equal. */
  private static int level(double v, double lo, double hi) {
    if (!(hi > lo)) {
      return 128;
    }
    return (int) Math.round(255 * Math.min(1, Math.max(0, (v - lo) / (hi - lo))));
  }

  private double value(ByteBuffer data, int at) {
    return switch (array.type()) {
      case UINT8 -> data.get(at) & 0xFF;
      case INT8, BOOL -> data.get(at);
      case INT16 -> data.getShort(at);
      case INT32 -> data.getInt(at);
      case INT64 -> data.getLong(at);
      case FLOAT16 -> HalfFloats.fp16ToFloat(data.getShort(at) & 0xFFFF);
      case FLOAT32 -> data.getFloat(at);
      case FLOAT64 -> data.getDouble(at);
    };
  }
}
