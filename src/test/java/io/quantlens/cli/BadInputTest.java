package io.quantlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.TensorProto;
import io.quantlens.formats.onnx.OnnxTestModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Files that cannot be read give exit code 3 and one line {@code quantlens: FILE: problem}; the
 * stack trace follows only with {@code --verbose}.
 */
class BadInputTest {
  @TempDir Path dir;

  /** A bad model file, written into an empty folder, and phrases its error must contain. */
  enum BadModel {
    EMPTY("empty file") {
      @Override
      Path write(Path dir) throws IOException {
        return Files.write(dir.resolve("empty.onnx"), new byte[0]);
      }
    },
    TRUNCATED("truncated file") {
      @Override
      Path write(Path dir) throws IOException {
        byte[] model = SmallModels.matMul().build().toByteArray();
        return Files.write(dir.resolve("half.onnx"), Arrays.copyOf(model, model.length / 2));
      }
    },
    PNG("not an ONNX model (looks like a PNG image)") {
      @Override
      Path write(Path dir) throws IOException {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H'};
        return Files.write(dir.resolve("picture.onnx"), png);
      }
    },
    MISSING("no such file") {
      @Override
      Path write(Path dir) {
        return dir.resolve("absent.onnx");
      }
    },
    MISSING_EXTERNAL_DATA("location 'weights.bin'", "does not exist") {
      @Override
      Path write(Path dir) throws IOException {
        return withInitializer(
            dir.resolve("external.onnx"),
            OnnxTestModel.external(
                "w", OnnxTestModel.FLOAT, new long[] {4}, "weights.bin", 0, 16L));
      }
    },
    EXTERNAL_DATA_OUTSIDE("location '../outside.bin'", "contains '..'") {
      @Override
      Path write(Path dir) throws IOException {
        Files.write(dir.resolve("outside.bin"), OnnxTestModel.floatBytes(1, 2, 3, 4));
        Path model = Files.createDirectory(dir.resolve("model")).resolve("escape.onnx");
        return withInitializer(
            model,
            OnnxTestModel.external(
                "w", OnnxTestModel.FLOAT, new long[] {4}, "../outside.bin", 0, 16L));
      }
    },
    DIMENSIONS_OVERFLOW("overflows a long") {
      @Override
      Path write(Path dir) throws IOException {
        long[] dims = {1L << 32, 1L << 32};
        return withInitializer(
            dir.resolve("huge.onnx"),
            OnnxTestModel.tensor("huge", OnnxTestModel.FLOAT, dims).build());
      }
    },
    UNSUPPORTED_EXTENSION("unsupported model format") {
      @Override
      Path write(Path dir) throws IOException {
        return SmallModels.matMul(dir.resolve("model.bin"));
      }
    };

    final String[] phrases;

    BadModel(String... phrases) {
      this.phrases = phrases;
    }

    abstract Path write(Path dir) throws IOException;

    private static Path withInitializer(Path file, TensorProto tensor) throws IOException {
      return new OnnxTestModel().initializer(tensor).write(file);
    }
  }

  @ParameterizedTest
  @EnumSource(BadModel.class)
  void oneLineWithoutStackTrace(BadModel bad) throws Exception {
    Path file = bad.write(dir);
    for (String command : List.of("info", "analyze", "bench")) {
      Cli.Result r = Cli.run(command, file);
      assertBadInput(r, file, bad.phrases);
      assertEquals(1, r.errLines().size(), r::toString);
      assertFalse(r.hasStackTrace(), r::toString);
      assertEquals("", r.out(), r::toString);
    }
  }

  @ParameterizedTest
  @EnumSource(BadModel.class)
  void stackTraceWithVerbose(BadModel bad) throws Exception {
    Path file = bad.write(dir);
    Cli.Result r = Cli.run("--verbose", "info", file);
    assertBadInput(r, file, bad.phrases);
    assertTrue(r.hasStackTrace(), r::toString);
    Cli.Result after = Cli.run("info", file, "--verbose");
    assertBadInput(after, file, bad.phrases);
    assertTrue(after.hasStackTrace(), after::toString);
  }

  @Test
  void csvIntoAFolderThatCannotBeCreated() throws Exception {
    Path model = SmallModels.matMul(dir.resolve("small.onnx"));
    Path notAFolder = Files.writeString(dir.resolve("notes.txt"), "keep me\n");
    Cli.Result r = Cli.run("analyze", model, "--csv", notAFolder.resolve("reports/out.csv"));
    assertBadInput(r, notAFolder, "notes.txt");
    assertTrue(r.err().toLowerCase(Locale.ROOT).contains("not a directory"), r::toString);
    assertEquals(1, r.errLines().size(), r::toString);
    assertFalse(r.hasStackTrace(), r::toString);
    assertEquals("keep me\n", Files.readString(notAFolder));
    assertEquals(List.of("notes.txt", "small.onnx"), fileNames());
  }

  @Test
  void csvOntoAFolder() throws Exception {
    Path model = SmallModels.matMul(dir.resolve("small.onnx"));
    Path folder = Files.createDirectory(dir.resolve("reports"));
    Cli.Result r = Cli.run("analyze", model, "--csv", folder);
    assertBadInput(r, folder, "reports: is a folder, not a file");
    assertEquals(1, r.errLines().size(), r::toString);
    assertEquals("", r.out(), "the output path is checked before the analysis runs");
    assertTrue(Files.isDirectory(folder));
    assertEquals(List.of("reports", "small.onnx"), fileNames());
  }

  private static void assertBadInput(Cli.Result r, Path file, String... phrases) {
    assertEquals(3, r.exitCode(), r::toString);
    String first = r.errLines().get(0);
    assertTrue(first.startsWith("quantlens: "), r::toString);
    assertTrue(first.contains(file.getFileName().toString()), r::toString);
    for (String phrase : phrases) {
      assertTrue(first.contains(phrase), r::toString);
    }
  }

  /** Every file in the folder, hidden ones (such as a left-over temporary file) included. */
  private List<String> fileNames() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }
}
