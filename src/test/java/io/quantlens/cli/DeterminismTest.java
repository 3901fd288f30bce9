package io.quantlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quantlens.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The thread count does not change a single byte of the reports. */
class DeterminismTest {
  @TempDir static Path dir;

  @BeforeAll
  static void analyzeMiniLmWithOneAndEightThreads() {
    for (int threads : new int[] {1, 8}) {
      Cli.Result r =
          Cli.run(
              "analyze",
              TestModels.miniLm(),
              "--threads",
              threads,
              "--csv",
              dir.resolve(threads + ".csv"),
              "--json",
              dir.resolve(threads + ".json"));
      assertEquals(0, r.exitCode(), r::toString);
    }
  }

  @Test
  void csvIsByteIdentical() throws Exception {
    assertEquals(-1, Files.mismatch(dir.resolve("1.csv"), dir.resolve("8.csv")));
  }

  @Test
  void jsonIsByteIdentical() throws Exception {
    assertEquals(-1, Files.mismatch(dir.resolve("1.json"), dir.resolve("8.json")));
  }
}
