package io.quantlens.formats.onnx;

import static io.quantlens.formats.onnx.FloatStorageTest.all;
import static io.quantlens.formats.onnx.FloatStorageTest.tensor;
import static io.quantlens.formats.onnx.OnnxTestModel.FLOAT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.quantlens.model.Model;
import io.quantlens.model.ModelFormatException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExternalDataTest {
  private static final long[] SHAPE = {2, 3};
  private static final float[] VALUES = {1.5f, -2f, 3.25f, 0f, 1e-3f, -7f};

  @TempDir Path dir;

  @Test
  void readsTensorsAtTheirOffsetsInASharedFile() throws Exception {
    byte[] junk = new byte[16];
    java.util.Arrays.fill(junk, (byte) 0x7f);
    try (var out = Files.newOutputStream(dir.resolve("weights.bin"))) {
      out.write(junk);
      out.write(OnnxTestModel.floatBytes(VALUES));
      out.write(OnnxTestModel.floatBytes(9f, 8f));
    }
    OnnxTestModel m = new OnnxTestModel();
    m.initializer(OnnxTestModel.external("w", FLOAT, SHAPE, "weights.bin", 16, 24L));
    m.initializer(OnnxTestModel.external("b", FLOAT, new long[] {2}, "./weights.bin", 40, null));
    m.node("Gemm", "fc", List.of("x", "w", "b"), List.of("y"));
    Model model = new OnnxModelReader().read(m.write(dir.resolve("model.onnx")));
    assertArrayEquals(VALUES, all(tensor(model, "w")));
    assertArrayEquals(new float[] {9f, 8f}, all(tensor(model, "b")));
    assertEquals("b", model.layers().get(0).bias().name());
  }

  @Test
  void locationsInSubfoldersAreAllowed() throws Exception {
    Files.createDirectories(dir.resolve("data"));
    Files.write(dir.resolve("data/w.bin"), OnnxTestModel.floatBytes(VALUES));
    Model model = read(OnnxTestModel.external("w", FLOAT, SHAPE, "data/w.bin", 0, 24L));
    assertArrayEquals(VALUES, all(tensor(model, "w")));
  }

  @Test
  void absoluteLocationIsRefused() throws Exception {
    Path data = Files.write(dir.resolve("w.bin"), OnnxTestModel.floatBytes(VALUES));
    String location = data.toAbsolutePath().toString();
    refused(
        OnnxTestModel.external("w", FLOAT, SHAPE, location, 0, 24L),
        "is an absolute path",
        location);
  }

  @Test
  void parentDirectoryComponentsAreRefused() throws Exception {
    Files.createDirectories(dir.resolve("model"));
    Files.write(dir.resolve("secret.bin"), OnnxTestModel.floatBytes(VALUES));
    refused(
        dir.resolve("model/model.onnx"),
        OnnxTestModel.external("w", FLOAT, SHAPE, "../secret.bin", 0, 24L),
        "contains '..'",
        "../secret.bin");
    refused(
        dir.resolve("model/model.onnx"),
        OnnxTestModel.external("w", FLOAT, SHAPE, "sub\\..\\..\\secret.bin", 0, 24L),
        "contains '..'",
        "secret.bin");
  }

  @Test
  void symbolicLinkOutOfTheFolderIsRefused() throws Exception {
    Files.createDirectories(dir.resolve("model"));
    Path secret = Files.write(dir.resolve("secret.bin"), OnnxTestModel.floatBytes(VALUES));
    Files.createSymbolicLink(dir.resolve("model/link.bin"), secret);
    refused(
        dir.resolve("model/model.onnx"),
        OnnxTestModel.external("w", FLOAT, SHAPE, "link.bin", 0, 24L),
        "resolves outside the model's folder",
        "link.bin");
  }

  @Test
  void missingFileIsRefused() throws Exception {
    refused(
        OnnxTestModel.external("w", FLOAT, SHAPE, "nowhere.bin", 0, 24L),
        "does not exist",
        "nowhere.bin");
  }

  @Test
  void dataPastTheEndOfTheFileIsRefused() throws Exception {
    Files.write(dir.resolve("short.bin"), OnnxTestModel.floatBytes(VALUES));
    refused(
        OnnxTestModel.external("w", FLOAT, SHAPE, "short.bin", 8, 24L),
        "extends past the end of external data file",
        "short.bin");
    refused(
        OnnxTestModel.external("w", FLOAT, SHAPE, "short.bin", 100, null),
        "extends past the end of external data file",
        "short.bin");
  }

  @Test
  void lengthThatDoesNotMatchTheShapeIsRefused() throws Exception {
    Files.write(dir.resolve("w.bin"), OnnxTestModel.floatBytes(VALUES));
    refused(
        OnnxTestModel.external("w", FLOAT, SHAPE, "w.bin", 0, 20L),
        "but its shape and type need 24 bytes",
        "w.bin");
  }

  @Test
  void badNumbersAndMissingLocationAreRefused() throws Exception {
    Files.write(dir.resolve("w.bin"), OnnxTestModel.floatBytes(VALUES));
    TensorProto notANumber =
        OnnxTestModel.tensor("w", FLOAT, SHAPE)
            .setDataLocation(TensorProto.DataLocation.EXTERNAL)
            .addExternalData(entry("location", "w.bin"))
            .addExternalData(entry("offset", "zero"))
            .build();
    refused(notANumber, "not a number", "zero");
    TensorProto noLocation =
        OnnxTestModel.tensor("w", FLOAT, SHAPE)
            .setDataLocation(TensorProto.DataLocation.EXTERNAL)
            .addExternalData(entry("offset", "0"))
            .build();
    refused(noLocation, "has no 'location'", "'w'");
  }

  @Test
  void filesLargerThanTwoGigabytesAreMappedInChunks() throws Exception {
    // A sparse 3 GiB file: values at an unaligned offset straddling the 1 GiB chunk boundary and
    // past 2 GiB, where a single MappedByteBuffer could not reach.
    Path big = dir.resolve("big.bin");
    long straddle = (1L << 30) - 6;
    long far = (5L << 29) + 3;
    try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
      file.setLength(3L << 30);
      file.seek(straddle);
      file.write(OnnxTestModel.floatBytes(VALUES));
      file.seek(far);
      file.write(OnnxTestModel.floatBytes(VALUES));
    }
    Model model =
        read(
            OnnxTestModel.external("a", FLOAT, SHAPE, "big.bin", straddle, 24L),
            OnnxTestModel.external("b", FLOAT, SHAPE, "big.bin", far, null),
            OnnxTestModel.external(
                "tail", FLOAT, new long[] {4}, "big.bin", (3L << 30) - 16, null));
    assertArrayEquals(VALUES, all(tensor(model, "a")));
    assertArrayEquals(VALUES, all(tensor(model, "b")));
    assertArrayEquals(new float[4], all(tensor(model, "tail")));
    float[] one = new float[1];
    tensor(model, "a").reader().read(1, one, 0, 1); // element 1 spans bytes 2^30 - 2 .. 2^30 + 1
    assertEquals(-2f, one[0]);
  }

  private Model read(TensorProto... tensors) throws Exception {
    OnnxTestModel m = new OnnxTestModel();
    for (TensorProto t : tensors) {
      m.initializer(t);
    }
    return new OnnxModelReader().read(m.write(dir.resolve("model.onnx")));
  }

  private void refused(TensorProto tensor, String phrase, String detail) throws IOException {
    refused(dir.resolve("model.onnx"), tensor, phrase, detail);
  }

  private static void refused(Path file, TensorProto tensor, String phrase, String detail)
      throws IOException {
    new OnnxTestModel().initializer(tensor).write(file);
    ModelFormatException e =
        assertThrows(ModelFormatException.class, () -> new OnnxModelReader().read(file));
    String message = e.getMessage();
    assertTrue(message.contains(file.getFileName().toString()), message);
    assertTrue(message.contains(phrase), message);
    assertTrue(message.contains(detail), message);
    assertEquals(file, e.file());
  }

  private static StringStringEntryProto entry(String key, String value) {
    return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
  }
}
