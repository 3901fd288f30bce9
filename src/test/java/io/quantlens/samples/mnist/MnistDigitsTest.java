package io.quantlens.samples.mnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the npm package's JSON: every byte comes back exactly, and foreign values fail. */
class MnistDigitsTest {

  @Test
  void recoversEveryByteFromThreeDecimals(@TempDir Path dir) throws IOException {
    // Class d holds d + 1 images; image i of class d has pixel j = (7·i + j + 31·d) mod 256.
    for (int d = 0; d < 10; d++) {
      StringJoiner values = new StringJoiner(",", "{ \"data\": [", "]}");
      for (int i = 0; i <= d; i++) {
        for (int j = 0; j < 784; j++) {
          int p = (7 * i + j + 31 * d) % 256;
          // The package's own encoding: three decimals of p/255, shortest form.
          values.add(
              new java.math.BigDecimal(String.format(Locale.ROOT, "%.3f", p / 255.0))
                  .stripTrailingZeros()
                  .toPlainString());
        }
      }
      write(dir, d, values.toString());
    }

    Digits digits = MnistDigits.read(dir);

    assertEquals(55, digits.size());
    assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, digits.classCounts());
    int k = 0;
    for (int d = 0; d < 10; d++) {
      for (int i = 0; i <= d; i++, k++) {
        assertEquals(d, digits.label(k));
        for (int j = 0; j < 784; j++) {
          assertEquals((7 * i + j + 31 * d) % 256, digits.pixel(k, j));
        }
      }
    }
  }

  @Test
  void rejectsValuesThatAreNotThreeDecimalsOfAByte(@TempDir Path dir) {
    IOException e = assertThrows(IOException.class, () -> MnistDigits.toByte(dir, 5, 0.5));
    assertTrue(e.getMessage().contains("index 5"), e.getMessage());
    assertThrows(IOException.class, () -> MnistDigits.toByte(dir, 0, 1.004));
    assertThrows(IOException.class, () -> MnistDigits.toByte(dir, 0, -0.004));
  }

  @Test
  void rejectsAPartialImage(@TempDir Path dir) throws IOException {
    for (int d = 0; d < 10; d++) {
      write(dir, d, "{\"data\": [0, 0.2, 1]}");
    }
    IOException e = assertThrows(IOException.class, () -> MnistDigits.read(dir));
    assertTrue(e.getMessage().contains("not a multiple of 784"), e.getMessage());
  }

  private static void write(Path dir, int digit, String json) throws IOException {
    Path file = dir.resolve("src/digits/" + digit + ".json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, json);
  }
}
