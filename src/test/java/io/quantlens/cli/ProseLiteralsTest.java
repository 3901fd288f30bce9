package io.quantlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The command line's words for people live in assets/i18n/cli*.properties, not in its code: no
 * string literal in src/main/java/io/quantlens/cli reads like prose (two or more words of letters,
 * format specifiers left out) unless {@link #ALLOWED} names it with its reason. Keys, option names,
 * format patterns and file-name suffixes are single tokens, so they never count.
 */
class ProseLiteralsTest {
  private static final Path SOURCES =
      Path.of(System.getProperty("basedir", "."), "src", "main", "java", "io", "quantlens", "cli");

  /** The literals that may look like prose, and why each stays in the code. */
  private static final Map<String, String> ALLOWED =
      Map.of(
          "quantlens eval %s --scheme int4:g32:sym",
          "SamplesCommand: a command line to type, the same in every language",
          "TDP W",
          "HardwareCommand: a column heading that is an abbreviation and its unit (watts)");

  /** printf specifiers: %s, %-28s, %,d, %.1f. */
  private static final Pattern SPECIFIER =
      Pattern.compile("%(\\d+\\$)?[-#+ 0,(<]*\\d*(\\.\\d+)?[a-zA-Z%]");

  /**
   * A word: letters (apostrophes and hyphens inside), perhaps in brackets or quotes or followed by
   * punctuation; {@code --csv}, {@code NAME=VALUE}, {@code int4:g32} and {@code GB/s} are not.
   */
  private static final Pattern WORD =
      Pattern.compile("[(\\[\"'‘“]*\\p{L}[\\p{L}'’-]*[)\\]\"'’”.,;:!?…]*");

  static boolean looksLikeProse(String literal) {
    // a specifier glued to letters (T%s, %%-%ds for a format of a format) leaves no word behind
    String text = SPECIFIER.matcher(literal.replace("%%", "#").replace("%n", " ")).replaceAll("#");
    return Stream.of(text.trim().split("\\s+")).filter(t -> WORD.matcher(t).matches()).count() >= 2;
  }

  /** Every string literal and text block in the cli package, as {@code File.java:line: text}. */
  private static List<String[]> literals() throws IOException {
    JavaParser parser =
        new JavaParser(
            new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17));
    List<String[]> found = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> all = Files.list(SOURCES)) {
      files = all.filter(f -> f.toString().endsWith(".java")).sorted().toList();
    }
    assertTrue(files.size() > 20, "no sources in " + SOURCES.toAbsolutePath());
    for (Path file : files) {
      ParseResult<CompilationUnit> parsed = parser.parse(file);
      assertTrue(parsed.isSuccessful(), file + ": " + parsed.getProblems());
      CompilationUnit unit = parsed.getResult().orElseThrow();
      String name = file.getFileName().toString();
      for (StringLiteralExpr s : unit.findAll(StringLiteralExpr.class)) {
        found.add(new String[] {where(name, s.getBegin()), s.asString()});
      }
      for (TextBlockLiteralExpr t : unit.findAll(TextBlockLiteralExpr.class)) {
        found.add(new String[] {where(name, t.getBegin()), t.asString()});
      }
    }
    return found;
  }

  private static String where(String file, java.util.Optional<com.github.javaparser.Position> at) {
    return file + ":" + at.map(p -> String.valueOf(p.line)).orElse("?");
  }

  @Test
  void noLiteralReadsLikeProse() throws IOException {
    List<String> prose = new ArrayList<>();
    Set<String> allowedAndUsed = new TreeSet<>();
    for (String[] literal : literals()) {
      if (!looksLikeProse(literal[1])) {
        continue;
      }
      if (ALLOWED.containsKey(literal[1])) {
        allowedAndUsed.add(literal[1]);
      } else {
        prose.add(literal[0] + ": \"" + literal[1] + "\"");
      }
    }
    assertEquals(List.of(), prose, "words for people belong in assets/i18n/cli*.properties");
    assertEquals(new TreeSet<>(ALLOWED.keySet()), allowedAndUsed, "allow-list entries unused");
  }

  @Test
  void whatCountsAsProse() {
    for (String prose :
        List.of(
            "no ECC",
            "Wrote %s: %s, %,d weights in %s, %.1f s%n",
            "act dB",
            " (activations by default; --activations A)",
            "unknown preset '",
            "Profiles   on the %d calibration samples%n",
            "%d layers × %d runs")) {
      assertTrue(looksLikeProse(prose), prose);
    }
    for (String token :
        List.of(
            "Model      %s%n",
            "label.model",
            "--error-samples",
            "%-28s %14s %14s%n",
            " (--batch, --dim NAME=VALUE)",
            ".safetensors",
            "BW GB/s",
            "%%-%ds %%%ds %%%ds%%n",
            "quantlens: ",
            "\r\033[K",
            "  %-5s %s MAC/s = %s T%s%n        %s%n")) {
      assertFalse(looksLikeProse(token), token);
    }
  }
}
