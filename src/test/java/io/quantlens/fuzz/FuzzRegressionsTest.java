package io.quantlens.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file that once broke a reader (src/test/resources/fuzz/regressions), read again with the
 * fuzz targets' checks: it must now read, or be refused with the reader's own exception.
 */
class FuzzRegressionsTest {
  private static final Path REGRESSIONS = Path.of("src/test/resources/fuzz/regressions");

  static Stream<Path> files() throws Exception {
    List<Path> files;
    try (var list = Files.list(REGRESSIONS)) {
      files = list.sorted().toList();
    }
    assertFalse(files.isEmpty(), "no regression files");
    return files.stream();
  }

  @ParameterizedTest
  @MethodSource("files")
  void readsOrIsRefusedCleanly(Path file) throws Exception {
    String name = file.getFileName().toString();
    if (name.endsWith(".npy")) {
      ReaderFuzzTest.FileChecks.npy(file);
    } else if (name.endsWith(".plan.json")) {
      ReaderFuzzTest.FileChecks.plan(file);
    } else if (name.endsWith(".quantlens.json")) {
      ReaderFuzzTest.FileChecks.project(file);
    } else if (name.endsWith(".json")) {
      ReaderFuzzTest.FileChecks.profile(file);
    } else {
      ReaderFuzzTest.FileChecks.model(file);
    }
  }
}
