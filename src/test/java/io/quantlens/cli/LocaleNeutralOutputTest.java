package io.quantlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tables, CSV and JSON files read the same whatever the user's locale: a German or Vietnamese
 * default (decimal comma, '.' between thousands) must not turn 9.185 into 9,185 or 1,234 into
 * 1.234. The runs pin the words to English ({@link Cli#run} adds --lang en), so only numbers could
 * differ; in Vietnamese the words change and the numbers do not.
 */
class LocaleNeutralOutputTest {
  private static final Locale BEFORE = Locale.getDefault();
  private static final Locale VIETNAMESE = Locale.forLanguageTag("vi-VN");

  @TempDir Path dir;

  @AfterEach
  void restoreLocale() {
    Locale.setDefault(BEFORE);
  }

  /** A 48×32 MatMul: 1,536 weights, so counts need a thousands separator. */
  private Path model() throws IOException {
    float[] w = new float[48 * 32];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) Math.sin(0.37 * i) * (1 + i % 7) / 8;
    }
    return new io.quantlens.formats.onnx.OnnxTestModel()
        .input("x", io.quantlens.formats.onnx.OnnxTestModel.FLOAT, "batch", 48)
        .initializer(io.quantlens.formats.onnx.OnnxTestModel.floats("w", new long[] {48, 32}, w))
        .node("MatMul", "fc", List.of("x", "w"), List.of("y"))
        .output("y", io.quantlens.formats.onnx.OnnxTestModel.FLOAT, "batch", 32)
        .write(dir.resolve("fc.onnx"));
  }

  /** Standard output of each command, then each CSV file, under {@code locale}. */
  private List<String> everything(Locale locale, Path model) throws IOException {
    Locale.setDefault(locale);
    String tag = locale.toLanguageTag();
    List<String> texts = new ArrayList<>();
    List<Object[]> runs =
        List.of(
            new Object[] {"info", model},
            new Object[] {
              "analyze",
              model,
              "--csv",
              dir.resolve(tag + "-analysis.csv"),
              "--json",
              dir.resolve(tag + "-analysis.json")
            },
            new Object[] {
              "eval", model, "--scheme", "int4", "--csv", dir.resolve(tag + "-eval.csv")
            },
            new Object[] {
              "sensitivity", model, "--scheme", "int4", "--csv", dir.resolve(tag + "-sens.csv")
            },
            new Object[] {
              "cost", model, "--scheme", "int4", "--csv", dir.resolve(tag + "-cost.csv")
            },
            new Object[] {"hardware"});
    for (Object[] args : runs) {
      Cli.Result r = Cli.run(args);
      assertEquals(0, r.exitCode(), r::toString);
      texts.add(r.out().replace(tag + "-", ""));
    }
    for (String csv : List.of("analysis", "eval", "sens", "cost")) {
      texts.add(Files.readString(dir.resolve(tag + "-" + csv + ".csv")));
    }
    texts.add(Files.readString(dir.resolve(tag + "-analysis.json")));
    return texts;
  }

  @Test
  void germanAndVietnameseDefaultsPrintWhatRootPrints() throws IOException {
    Path model = model();
    List<String> root = everything(Locale.ROOT, model);
    assertEquals(root, everything(Locale.GERMANY, model));
    assertEquals(root, everything(VIETNAMESE, model));
  }

  private static final Pattern NUMBER = Pattern.compile("-?\\d[\\d,]*(\\.\\d+)?(e[-+]?\\d+)?");

  /** Every number in {@code text}, sorted: sentences may order their words differently. */
  static List<String> numbers(String text) {
    List<String> found = new ArrayList<>();
    var m = NUMBER.matcher(text);
    while (m.find()) {
      found.add(m.group());
    }
    found.sort(null);
    return found;
  }

  @Test
  void vietnameseChangesTheWordsNotTheNumbers() throws IOException {
    Locale.setDefault(VIETNAMESE);
    Path model = model();
    for (Object[] args :
        List.of(
            new Object[] {"info", model, "--layers"},
            new Object[] {"analyze", model},
            new Object[] {"eval", model, "--scheme", "int4"},
            new Object[] {"sensitivity", model, "--scheme", "int4"},
            new Object[] {"cost", model, "--scheme", "int4"})) {
      Object[] vi = new Object[args.length + 2];
      vi[0] = "--lang";
      vi[1] = "vi";
      System.arraycopy(args, 0, vi, 2, args.length);
      Cli.Result english = Cli.run(args);
      Cli.Result vietnamese = Cli.run(vi);
      assertEquals(0, vietnamese.exitCode(), vietnamese::toString);
      assertEquals(numbers(english.out()), numbers(vietnamese.out()), vietnamese.out());
      assertTrue(!english.out().equals(vietnamese.out()), vietnamese.out());
    }
    String analyze = Cli.run("--lang", "vi", "analyze", model).out();
    assertTrue(analyze.contains("1,536 tr\u1ecdng s\u1ed1"), analyze);
    Path en = dir.resolve("en.csv");
    Path vi = dir.resolve("vi.csv");
    Cli.run("analyze", model, "--csv", en);
    Cli.run("--lang", "vi", "analyze", model, "--csv", vi);
    assertEquals(Files.readString(en), Files.readString(vi));
  }

  @Test
  void tablesUseAPointForDecimalsAndACommaForThousands() throws IOException {
    Locale.setDefault(Locale.GERMANY);
    Path model = model();
    Cli.Result analyze = Cli.run("analyze", model, "--schemes", "int8");
    assertEquals(0, analyze.exitCode(), analyze::toString);
    assertTrue(analyze.out().contains("1,536 weights"), analyze.out());
    // the int8 row: bits/w, SQNR dB, MSE, max |err|, cosine, clipped
    assertTrue(
        Pattern.compile(
                "\\n  int8:channel:sym +\\d+\\.\\d{3} +\\d+\\.\\d{2} +\\d\\.\\d{3}e-\\d\\d"
                    + " +\\d\\.\\d{3}e-\\d\\d +0\\.\\d{6} +\\d+\\.\\d{3}%\\n")
            .matcher(analyze.out())
            .find(),
        analyze.out());

    Cli.Result info = Cli.run("info", model);
    assertTrue(info.out().contains("Bytes      FLOAT32  6,144"), info.out());

    Path csv = dir.resolve("analysis.csv");
    assertEquals(0, Cli.run("analyze", model, "--schemes", "int8", "--csv", csv).exitCode());
    String row = Files.readAllLines(csv).get(1);
    for (String cell : row.split(",")) {
      assertTrue(!cell.matches("-?\\d+,\\d+"), row);
    }
    assertTrue(Pattern.compile(",\\d+\\.\\d+(E-?\\d+)?,").matcher(row).find(), row);
  }
}
