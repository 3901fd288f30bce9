package io.quantlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code samples}, {@code biterrors} and {@code activations} (on the bundled MNIST sample) and the
 * command line's own errors speak Vietnamese with {@code --lang vi}, and print the same numbers as
 * in English: only the words change.
 */
class TranslatedCommandsTest {
  private static final String SAMPLE = "mnist-cnn";

  /** The English and the Vietnamese run of {@code args}. */
  private static Cli.Result[] both(int exitCode, Object... args) {
    Object[] vi = new Object[args.length + 2];
    vi[0] = "--lang";
    vi[1] = "vi";
    System.arraycopy(args, 0, vi, 2, args.length);
    Cli.Result english = Cli.run(args);
    Cli.Result vietnamese = Cli.run(vi);
    assertEquals(exitCode, english.exitCode(), english::toString);
    assertEquals(exitCode, vietnamese.exitCode(), vietnamese::toString);
    return new Cli.Result[] {english, vietnamese};
  }

  /** The Vietnamese output has other words than the English, {@code words} among them. */
  private static void vietnameseWithTheSameNumbers(
      Cli.Result english, Cli.Result vietnamese, String... words) {
    assertNotEquals(english.out(), vietnamese.out());
    assertEquals(
        LocaleNeutralOutputTest.numbers(english.out()),
        LocaleNeutralOutputTest.numbers(vietnamese.out()),
        vietnamese.out());
    for (String word : words) {
      assertTrue(vietnamese.out().contains(word), word + "\n" + vietnamese.out());
    }
  }

  @Test
  void samples() {
    Cli.Result[] r = both(0, "samples");
    assertTrue(r[0].out().contains("  try    quantlens eval mnist-cnn --scheme"), r[0].out());
    vietnameseWithTheSameNumbers(
        r[0],
        r[1],
        "Th\u01b0 m\u1ee5c m\u1eabu",
        "  m\u00f4 h\u00ecnh ",
        "  d\u1eef li\u1ec7u ",
        "  th\u1eed     quantlens eval mnist-cnn --scheme int4:g32:sym");
  }

  @Test
  void biterrorsOnTheMnistSample() {
    Cli.Result[] r =
        both(0, "biterrors", SAMPLE, "--format", "int8", "--ecc", "secded", "--ber", "0.001");
    for (String english :
        List.of("Stored     int8, secded, BER 0.001, seed 1\n", " words corrected, ", "metric")) {
      assertTrue(r[0].out().contains(english), english + "\n" + r[0].out());
    }
    vietnameseWithTheSameNumbers(
        r[0],
        r[1],
        "D\u1ea1ng l\u01b0u   int8, secded, BER 0.001, h\u1ea1t gi\u1ed1ng 1\n",
        " b\u1ecb l\u1eadt ",
        " t\u1eeb \u0111\u01b0\u1ee3c s\u1eeda, ",
        "kh\u00f4ng c\u00f3 l\u1ed7i",
        "\u0111\u1ed9 ch\u00ednh x\u00e1c top-1",
        "cosin trung b\u00ecnh");
  }

  @Test
  void activationsOnTheMnistSample() {
    Cli.Result[] r = both(0, "activations", SAMPLE, "--error-samples", "8");
    assertTrue(r[0].out().contains("(activations by default; --activations A)"), r[0].out());
    vietnameseWithTheSameNumbers(
        r[0],
        r[1],
        "Kh\u1ea3o s\u00e1t   tr\u00ean 64 m\u1eabu hi\u1ec7u chu\u1ea9n; sai s\u1ed1 tr\u00ean 8 m\u1eabu",
        "(k\u00edch ho\u1ea1t theo m\u1eb7c \u0111\u1ecbnh;",
        "l\u1edbp ",
        "ngo\u1ea1i lai",
        "t\u00edch l\u0169y dB");
  }

  /** The command line's own error lines, one per run, Vietnamese around the same values. */
  @Test
  void theCommandLinesOwnErrors() {
    for (Object[] args :
        List.of(
            new Object[] {"biterrors", SAMPLE, "--format", "int3"},
            new Object[] {"activations", SAMPLE, "--error-samples", "0"},
            new Object[] {"eval", SAMPLE, "--calibration-samples", "0"},
            new Object[] {"cost", SAMPLE, "--preset", "q5"},
            new Object[] {"bench", SAMPLE, "--repeat", "0"},
            new Object[] {"generate", "model.bin"})) {
      Cli.Result[] r = both(ExitCodes.USAGE, args);
      assertEquals(1, r[1].errLines().size(), r[1]::toString);
      assertNotEquals(r[0].err(), r[1].err());
      assertEquals(
          LocaleNeutralOutputTest.numbers(r[0].err()),
          LocaleNeutralOutputTest.numbers(r[1].err()),
          r[1].err());
    }
    Cli.Result[] format = both(ExitCodes.USAGE, "biterrors", SAMPLE, "--format", "int3");
    assertTrue(
        format[0].err().contains("--format is one of [fp32, fp16, int8, int4], not 'int3'"),
        format[0].err());
    assertEquals(
        "quantlens: --format nh\u1eadn m\u1ed9t trong c\u00e1c gi\u00e1 tr\u1ecb"
            + " [fp32, fp16, int8, int4], kh\u00f4ng nh\u1eadn 'int3'",
        format[1].err().strip());
    Cli.Result[] samples = both(ExitCodes.USAGE, "activations", SAMPLE, "--error-samples", "0");
    assertEquals("quantlens: --error-samples must be at least 1", samples[0].err().strip());
    assertEquals(
        "quantlens: --error-samples ph\u1ea3i \u00edt nh\u1ea5t l\u00e0 1",
        samples[1].err().strip());
  }
}
