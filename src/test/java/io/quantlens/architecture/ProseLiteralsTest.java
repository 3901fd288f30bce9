package io.quantlens.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
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
 * Words for people live in the bundles (assets/i18n), not in code: no string literal in the
 * packages that write for people (the command line, the window, the charts) reads like prose (two
 * or more words of letters, format specifiers left out) unless {@link #ALLOWED} names it with its
 * reason. Keys, option names, format patterns and file-name suffixes are single tokens, so they
 * never count; nor do the messages of programming errors and cancellations ({@link
 * #PROGRAMMING_ERRORS}), which no user reads.
 */
class ProseLiteralsTest {
  private static final Path MAIN =
      Path.of(System.getProperty("basedir", "."), "src", "main", "java", "io", "quantlens");

  /** The packages whose texts people read, each with its subpackages. */
  private static final List<String> SCANNED = List.of("cli", "ui", "charts");

  /**
   * Exceptions whose message no user reads: a bug in QuantLens rather than a problem with the
   * user's input, or a cancellation (a cancelled task shows nothing).
   */
  private static final Set<String> PROGRAMMING_ERRORS =
      Set.of(
          "CancellationException",
          "IllegalArgumentException",
          "IllegalStateException",
          "UnsupportedOperationException",
          "AssertionError",
          "NullPointerException");

  /** The literals that may look like prose, and why each stays in the code. */
  private static final Map<String, String> ALLOWED =
      Map.ofEntries(
          Map.entry(
              "quantlens eval %s --scheme int4:g32:sym",
              "SamplesCommand: a command line to type, the same in every language"),
          Map.entry("plan change to screen: %.1f ms", "UiTiming: a timing line for the log"),
          Map.entry("opened %s to a usable window: %.0f ms", "UiTiming: a timing line for the log"),
          Map.entry(
              "no PNG writer in this Java runtime",
              "ChartExport: a broken Java installation, not a problem of the user's input"));

  /** printf specifiers: %s, %-28s, %,d, %.1f. */
  private static final Pattern SPECIFIER =
      Pattern.compile("%(\\d+\\$)?[-#+ 0,(<]*\\d*(\\.\\d+)?[a-zA-Z%]");

  /**
   * A word: two or more letters (apostrophes and hyphens inside), perhaps in brackets or quotes or
   * followed by punctuation (a lone letter is a formula's variable: {@code n = 100 · k / N});
   * {@code --csv}, {@code NAME=VALUE}, {@code int4:g32} and {@code GB/s} are not.
   */
  private static final Pattern WORD =
      Pattern.compile("[(\\[\"'‘“]*\\p{L}[\\p{L}'’-]+[)\\]\"'’”.,;:!?…]*");

  static boolean looksLikeProse(String literal) {
    // a specifier glued to letters (T%s, %%-%ds for a format of a format) leaves no word behind
    String text = SPECIFIER.matcher(literal.replace("%%", "#").replace("%n", " ")).replaceAll("#");
    return Stream.of(text.trim().split("\\s+")).filter(t -> WORD.matcher(t).matches()).count() >= 2;
  }

  /** Every string literal and text block of {@link #SCANNED}, as {@code File.java:line: text}. */
  private static List<String[]> literals() throws IOException {
    JavaParser parser =
        new JavaParser(
            new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17));
    List<String[]> found = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    for (String scanned : SCANNED) {
      try (Stream<Path> all = Files.walk(MAIN.resolve(scanned))) {
        List<Path> sources = all.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        assertTrue(sources.size() > 10, "no sources in " + MAIN.resolve(scanned).toAbsolutePath());
        files.addAll(sources);
      }
    }
    for (Path file : files) {
      ParseResult<CompilationUnit> parsed = parser.parse(file);
      assertTrue(parsed.isSuccessful(), file + ": " + parsed.getProblems());
      CompilationUnit unit = parsed.getResult().orElseThrow();
      String name = file.getFileName().toString();
      for (StringLiteralExpr s : unit.findAll(StringLiteralExpr.class)) {
        if (!inProgrammingError(s)) {
          found.add(new String[] {where(name, s.getBegin()), s.asString()});
        }
      }
      for (TextBlockLiteralExpr t : unit.findAll(TextBlockLiteralExpr.class)) {
        found.add(new String[] {where(name, t.getBegin()), t.asString()});
      }
    }
    return found;
  }

  private static boolean inProgrammingError(Node literal) {
    return literal
        .findAncestor(ObjectCreationExpr.class)
        .filter(created -> PROGRAMMING_ERRORS.contains(created.getType().getNameAsString()))
        .isPresent();
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
    assertEquals(List.of(), prose, "words for people belong in the bundles in assets/i18n");
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
