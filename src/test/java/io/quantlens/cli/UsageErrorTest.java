package io.quantlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Mistakes on the command line give exit code 2 and a message naming the mistake. */
class UsageErrorTest {
  @TempDir static Path dir;
  static Path model;

  @BeforeAll
  static void writeModel() throws Exception {
    model = SmallModels.matMul(dir.resolve("small.onnx"));
  }

  @ParameterizedTest
  @CsvSource({
    "int9, 'int9' is not a format",
    "int4:g32:banana, 'banana' is not a granularity",
    "fp16:channel, fp16 is a plain cast",
    "'fp16,int8:g1', a group holds at least 2 weights",
  })
  void badScheme(String schemes, String phrase) {
    Cli.Result r = Cli.run("analyze", model, "--schemes", schemes);
    assertUsageError(r, phrase);
    assertEquals(1, r.errLines().size(), r::toString);
    assertTrue(r.err().startsWith("quantlens: "), r::toString);
  }

  @Test
  void zeroBins() {
    assertUsageError(Cli.run("analyze", model, "--bins", 0), "bins");
  }

  @Test
  void binsThatAreNotANumber() {
    assertUsageError(Cli.run("analyze", model, "--bins", "many"), "--bins");
  }

  @Test
  void unknownSubcommand() {
    assertUsageError(Cli.run("frobnicate", model), "frobnicate");
  }

  @Test
  void unknownOption() {
    assertUsageError(Cli.run("analyze", model, "--colour"), "--colour");
  }

  @Test
  void noArguments() {
    Cli.Result r = Cli.run();
    assertUsageError(r, "a command is required");
    assertTrue(r.err().contains("Usage: quantlens"), r::toString);
  }

  @Test
  void missingModelArgument() {
    assertUsageError(Cli.run("analyze"), "MODEL");
  }

  private static void assertUsageError(Cli.Result r, String phrase) {
    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.err().contains(phrase), r::toString);
    assertFalse(r.hasStackTrace(), r::toString);
    assertEquals("", r.out(), r::toString);
  }
}
