package io.quantlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.eval.EvalOptions;
import io.quantlens.text.Language;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/** The command line speaks the system locale's language, or the one --lang names, help included. */
class LanguageTest {
  private static final Locale BEFORE = Locale.getDefault();

  @TempDir Path dir;

  @AfterEach
  void restoreLocale() {
    Locale.setDefault(BEFORE);
  }

  /** Every option and parameter of every command, with its description in {@code language}. */
  private static List<String[]> descriptions(Language language) {
    CommandLine cli = new CommandLine(new QuantLensCommand());
    cli.setResourceBundle(CliText.of(language).bundle());
    List<String[]> found = new ArrayList<>();
    collect(cli, found);
    return found;
  }

  private static void collect(CommandLine cli, List<String[]> found) {
    CommandSpec spec = cli.getCommandSpec();
    found.add(
        new String[] {spec.qualifiedName(), String.join(" ", spec.usageMessage().description())});
    List<ArgSpec> args = new ArrayList<>(spec.options());
    args.addAll(spec.positionalParameters());
    for (ArgSpec arg : args) {
      String name =
          arg instanceof CommandLine.Model.OptionSpec o ? o.longestName() : arg.paramLabel();
      found.add(
          new String[] {spec.qualifiedName() + " " + name, String.join(" ", arg.description())});
    }
    cli.getSubcommands().values().forEach(sub -> collect(sub, found));
  }

  @Test
  void everyDescriptionHasItsOwnVietnameseText() {
    List<String[]> english = descriptions(Language.ENGLISH);
    List<String[]> vietnamese = descriptions(Language.VIETNAMESE);
    assertEquals(english.size(), vietnamese.size());
    List<String> wrong = new ArrayList<>();
    for (int i = 0; i < english.size(); i++) {
      String what = english.get(i)[0];
      String en = english.get(i)[1];
      String vi = vietnamese.get(i)[1];
      if (vi.isBlank() || en.isBlank()) {
        wrong.add(what + ": no description");
      } else if (vi.equals(en)) {
        wrong.add(what + ": English in Vietnamese help: " + vi);
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void helpIsVietnameseWithLangVi() {
    for (String[] args :
        List.of(
            new String[] {"--lang", "vi", "--help"},
            new String[] {"--lang", "vi", "analyze", "--help"})) {
      Cli.Result r = Cli.run((Object[]) args);
      assertEquals(0, r.exitCode(), r::toString);
      assertTrue(r.out().startsWith("C\u00e1ch d\u00f9ng: quantlens"), r::toString);
      String command = args.length == 4 ? "quantlens analyze" : "quantlens";
      // each description's first words (before picocli wraps the line) are in the help
      for (String[] d : descriptions(Language.VIETNAMESE)) {
        if (d[0].startsWith(command + " ") && !d[0].substring(command.length() + 1).contains(" ")) {
          String start =
              d[1].split(" ").length > 2 ? d[1].substring(0, d[1].indexOf(' ', 8)) : d[1];
          assertTrue(r.out().contains(start), d[0] + ": " + start + "\n" + r.out());
        }
      }
    }
    assertTrue(
        Cli.run("--lang", "vi", "analyze", "--help")
            .out()
            .contains("(m\u1eb7c \u0111\u1ecbnh: 256)"));
  }

  @Test
  void theSystemLocaleChoosesUnlessLangIsGiven() {
    Locale.setDefault(Locale.forLanguageTag("vi-VN"));
    assertTrue(Cli.runAsGiven("--help").out().startsWith("C\u00e1ch d\u00f9ng:"));
    assertTrue(Cli.runAsGiven("--lang", "en", "--help").out().startsWith("Usage:"));
    Locale.setDefault(Locale.GERMANY);
    assertTrue(Cli.runAsGiven("--help").out().startsWith("Usage:"));
    assertTrue(Cli.runAsGiven("--lang=vi", "--help").out().startsWith("C\u00e1ch d\u00f9ng:"));
  }

  @Test
  void anUnknownLanguageIsAUsageError() {
    Cli.Result r = Cli.run("--lang", "fr", "--help");
    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.err().contains("--lang is en or vi, not 'fr'"), r::toString);
    assertEquals("", r.out());
  }

  @Test
  void aVietnameseErrorLineNamesTheFile() {
    Path absent = dir.resolve("absent.onnx");
    Cli.Result r = Cli.run("--lang", "vi", "info", absent);
    assertEquals(3, r.exitCode(), r::toString);
    assertEquals(1, r.errLines().size(), r::toString);
    assertTrue(r.err().startsWith("quantlens: " + absent + ": "), r::toString);
    assertTrue(r.err().contains("kh\u00f4ng t\u00ecm th\u1ea5y t\u1ec7p"), r::toString);
    assertFalse(r.hasStackTrace(), r::toString);
  }

  @Test
  void theHelpStatesTheDefaultsTheCodeUses() {
    String help = Cli.run("eval", "--help").out().replaceAll("\\s+", " ");
    assertTrue(help.contains("else " + EvalOptions.DEFAULT_BATCH + ")"), help);
    assertTrue(help.contains("(default: " + EvalOptions.DEFAULT_CALIBRATION + ","), help);
    assertNotEquals(help, Cli.run("--lang", "vi", "eval", "--help").out());
  }
}
