package io.quantlens.formats.onnx;

import static io.quantlens.formats.onnx.OnnxTestModel.FLOAT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.TensorProto;
import io.quantlens.model.ModelFormatException;
import io.quantlens.testing.TestModels;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that are not valid ONNX models give a ModelFormatException naming file and problem. */
class BadFilesTest {
  /** The 8-byte PNG signature and the start of an IHDR chunk (a 1x1 RGBA image). */
  private static final byte[] PNG = {
    (byte) 0x89,
    'P',
    'N',
    'G',
    0x0D,
    0x0A,
    0x1A,
    0x0A,
    0,
    0,
    0,
    0x0D,
    'I',
    'H',
    'D',
    'R',
    0,
    0,
    0,
    1,
    0,
    0,
    0,
    1,
    8,
    6,
    0,
    0,
    0,
    0x1F,
    0x15,
    (byte) 0xC4,
    (byte) 0x89
  };

  @TempDir Path dir;

  @Test
  void emptyFile() throws Exception {
    refused(Files.write(dir.resolve("empty.onnx"), new byte[0]), "empty file");
  }

  @Test
  void missingFileAndDirectory() throws Exception {
    refused(dir.resolve("absent.onnx"), "file not found");
    refused(Files.createDirectory(dir.resolve("folder.onnx")), "is a folder, not a file");
  }

  @Test
  void pngRenamedOnnx() throws Exception {
    refused(Files.write(dir.resolve("picture.onnx"), PNG), "not an ONNX model (looks like a PNG");
  }

  @Test
  void textAndRandomBytesAreNotOnnx() throws Exception {
    refused(Files.writeString(dir.resolve("notes.onnx"), "hello, world\n"), "not an ONNX model");
    byte[] noise = new byte[4096];
    new Random(42).nextBytes(noise);
    noise[0] = (byte) 0xFF; // not a ModelProto tag
    refused(Files.write(dir.resolve("noise.onnx"), noise), "not an ONNX model");
  }

  @Test
  void firstHalfOfMiniLmIsTruncated() throws Exception {
    byte[] model = Files.readAllBytes(TestModels.miniLm());
    Path half = Files.write(dir.resolve("half.onnx"), Arrays.copyOf(model, model.length / 2));
    refused(half, "truncated file");
  }

  @Test
  void firstHalfOfASmallModelIsTruncated() throws Exception {
    byte[] model =
        new OnnxTestModel()
            .initializer(OnnxTestModel.floats("w", new long[] {64}, new float[64]))
            .build()
            .toByteArray();
    Path half = Files.write(dir.resolve("small.onnx"), Arrays.copyOf(model, model.length / 2));
    refused(half, "truncated file");
  }

  @Test
  void protobufWithoutGraph() throws Exception {
    byte[] bytes = {0x08, 0x07}; // ir_version = 7 and nothing else
    refused(Files.write(dir.resolve("nograph.onnx"), bytes), "no graph");
  }

  @Test
  void dimensionsWhoseProductOverflowsALong() throws Exception {
    TensorProto huge = OnnxTestModel.tensor("huge", FLOAT, new long[] {1L << 32, 1L << 32}).build();
    refused(write(huge), "overflows a long");
  }

  @Test
  void negativeDimension() throws Exception {
    refused(write(OnnxTestModel.floats("w", new long[] {2, -3}, 1, 2)), "negative dimension -3");
  }

  @Test
  void rawDataOfTheWrongLength() throws Exception {
    refused(
        write(OnnxTestModel.floats("w", new long[] {3}, 1, 2)),
        "raw_data holds 8 bytes but shape [3] of FLOAT needs 12");
  }

  @Test
  void typedDataOfTheWrongLengthOrMissing() throws Exception {
    refused(
        write(OnnxTestModel.floatData("w", new long[] {3}, 1, 2)),
        "holds 2 values in float_data but needs 3");
    refused(write(OnnxTestModel.tensor("w", FLOAT, new long[] {3}).build()), "has no data");
  }

  @Test
  void duplicateInitializerNames() throws Exception {
    refused(
        write(
            OnnxTestModel.floats("w", new long[] {1}, 1),
            OnnxTestModel.floats("w", new long[] {1}, 2)),
        "used twice");
  }

  @Test
  void onnxFileLargerThanTwoGigabytes() throws Exception {
    Path big = dir.resolve("big.onnx");
    try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
      file.setLength((1L << 31) + 1); // sparse
    }
    refused(big, "cannot exceed 2 GB");
  }

  private Path write(TensorProto... tensors) throws Exception {
    OnnxTestModel m = new OnnxTestModel();
    for (TensorProto t : tensors) {
      m.initializer(t);
    }
    return m.write(dir.resolve("model.onnx"));
  }

  private static void refused(Path file, String phrase) {
    ModelFormatException e =
        assertThrows(ModelFormatException.class, () -> new OnnxModelReader().read(file));
    assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
    assertTrue(e.getMessage().contains(phrase), e.getMessage());
    assertEquals(file, e.file());
  }
}
