package io.quantlens.formats.safetensors;

import static io.quantlens.formats.safetensors.RawSafetensors.entry;
import static io.quantlens.formats.safetensors.RawSafetensors.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.model.ModelFormatException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken files give a ModelFormatException naming the file, the tensor and the problem. */
class SafetensorsBadFilesTest {
  @TempDir Path dir;

  @Test
  void headerLengthLargerThanTheLimit() throws Exception {
    Path file =
        RawSafetensors.write(
            dir.resolve("big.safetensors"), 100_000_001L, new byte[16], new byte[0]);
    refused(file, null, "header of 100000001 bytes is larger than the 100 MB limit");
    Path negative =
        RawSafetensors.write(dir.resolve("neg.safetensors"), -1L, new byte[16], new byte[0]);
    refused(negative, null, "header of 18446744073709551615 bytes is larger than the 100 MB limit");
  }

  @Test
  void headerLengthPastTheEnd() throws Exception {
    Path file =
        RawSafetensors.write(
            dir.resolve("past.safetensors"),
            1000,
            "{}".getBytes(StandardCharsets.UTF_8),
            new byte[0]);
    refused(file, null, "header of 1000 bytes runs past the end of the file (10 bytes)");
  }

  @Test
  void fileShorterThanTheLengthField() throws Exception {
    refused(Files.write(dir.resolve("tiny.safetensors"), new byte[5]), null, "too short");
    refused(Files.write(dir.resolve("empty.safetensors"), new byte[0]), null, "too short");
  }

  @Test
  void truncatedHeader() throws Exception {
    Path whole = dir.resolve("whole.safetensors");
    SafetensorsWriter.write(
        whole,
        List.of(new TensorSpec("w", "F32", new long[] {4, 4}, ByteSource.zeros())),
        Map.of("format", "pt"));
    byte[] bytes = Files.readAllBytes(whole);
    Path cut = Files.write(dir.resolve("cut.safetensors"), Arrays.copyOf(bytes, 30));
    refused(cut, null, "runs past the end of the file (30 bytes)");
  }

  @Test
  void headerThatIsNotJson() throws Exception {
    refused(
        RawSafetensors.write(dir.resolve("text.safetensors"), "hello, world", 0),
        null,
        "header is not valid JSON");
    refused(
        RawSafetensors.write(dir.resolve("blank.safetensors"), "        ", 0),
        null,
        "header is empty");
    refused(
        RawSafetensors.write(dir.resolve("twice.safetensors"), "{} {}", 0),
        null,
        "header is not valid JSON");
    byte[] latin1 = "{\"caf\u00e9\":1}".getBytes(StandardCharsets.ISO_8859_1);
    refused(
        RawSafetensors.write(dir.resolve("latin1.safetensors"), latin1.length, latin1, new byte[0]),
        null,
        "not valid UTF-8");
  }

  @Test
  void headerThatIsNotAnObject() throws Exception {
    refused(
        RawSafetensors.write(dir.resolve("array.safetensors"), "[1, 2]", 0),
        null,
        "header is a JSON array, not an object");
    refused(
        RawSafetensors.write(dir.resolve("entry.safetensors"), "{\"w\": 3}", 0),
        "w",
        "is described by a JSON number, not an object");
  }

  @Test
  void duplicateKeys() throws Exception {
    String json = header(entry("w", "F32", "[1]", 0, 4), entry("w", "F32", "[1]", 4, 8));
    refused(RawSafetensors.write(dir.resolve("dup.safetensors"), json, 8), null, "'w'");
  }

  @Test
  void metadataValuesMustBeStrings() throws Exception {
    String json = "{\"__metadata__\":{\"n\":1}," + entry("w", "F32", "[1]", 0, 4) + "}";
    refused(
        RawSafetensors.write(dir.resolve("meta.safetensors"), json, 4),
        null,
        "entry 'n' is a JSON number; values must be strings");
  }

  @Test
  void unknownDtype() throws Exception {
    String json = header(entry("w", "Q4_0", "[32]", 0, 18));
    refused(
        RawSafetensors.write(dir.resolve("q4.safetensors"), json, 18), "w", "unknown dtype 'Q4_0'");
    String lower = header(entry("w", "f32", "[1]", 0, 4));
    refused(
        RawSafetensors.write(dir.resolve("lower.safetensors"), lower, 4),
        "w",
        "unknown dtype 'f32'");
  }

  @Test
  void tensorDataPastTheEnd() throws Exception {
    String json = header(entry("a", "F32", "[2]", 0, 8), entry("b", "F32", "[4]", 8, 24));
    refused(
        RawSafetensors.write(dir.resolve("short.safetensors"), json, 16),
        "b",
        "[8, 24] that reach past the end of the file (the data section holds 16 bytes)");
  }

  @Test
  void overlappingTensors() throws Exception {
    String json = header(entry("a", "F32", "[4]", 0, 16), entry("b", "F32", "[4]", 8, 24));
    ModelFormatException e =
        refused(RawSafetensors.write(dir.resolve("overlap.safetensors"), json, 24), "a", "overlap");
    assertTrue(e.getMessage().contains("'b' [8, 24]"), e.getMessage());
  }

  @Test
  void gapsAndTrailingBytes() throws Exception {
    String gap = header(entry("a", "F32", "[2]", 0, 8), entry("b", "F32", "[2]", 12, 20));
    ModelFormatException e =
        refused(
            RawSafetensors.write(dir.resolve("gap.safetensors"), gap, 20),
            "b",
            "gap of 4 bytes between the end of tensor 'a'");
    assertTrue(e.getMessage().contains("contiguously"), e.getMessage());
    String leading = header(entry("a", "F32", "[2]", 4, 12));
    refused(
        RawSafetensors.write(dir.resolve("lead.safetensors"), leading, 12),
        "a",
        "gap of 4 bytes between the start of the data section");
    String trailing = header(entry("a", "F32", "[2]", 0, 8));
    refused(
        RawSafetensors.write(dir.resolve("trail.safetensors"), trailing, 12),
        "a",
        "4 trailing bytes after the last tensor");
  }

  @Test
  void sizeDifferentFromShapeTimesDtype() throws Exception {
    String json = header(entry("w", "F32", "[3]", 0, 8));
    refused(
        RawSafetensors.write(dir.resolve("size.safetensors"), json, 8),
        "w",
        "[0, 8] (8 bytes) but shape [3] of F32 needs 12 bytes");
    String reversed = header(entry("w", "F32", "[1]", 8, 4));
    refused(
        RawSafetensors.write(dir.resolve("rev.safetensors"), reversed, 8),
        "w",
        "begin is after its end");
    String halfByte = header(entry("w", "F4", "[3]", 0, 2));
    refused(
        RawSafetensors.write(dir.resolve("f4.safetensors"), halfByte, 2),
        "w",
        "do not fill a whole number of bytes");
  }

  @Test
  void absurdDimensions() throws Exception {
    String json = header(entry("w", "F32", "[1000000000000000000, 1000000000000000000]", 0, 4));
    refused(
        RawSafetensors.write(dir.resolve("huge.safetensors"), json, 4),
        "w",
        "element count overflows a long");
    String floats = header(entry("w", "F32", "[1e18, 1e18]", 0, 4));
    refused(
        RawSafetensors.write(dir.resolve("e18.safetensors"), floats, 4),
        "w",
        "not an integer of 64 bits");
    String beyondLong = header(entry("w", "F32", "[99999999999999999999]", 0, 4));
    refused(
        RawSafetensors.write(dir.resolve("big.safetensors"), beyondLong, 4),
        "w",
        "not an integer of 64 bits");
    String tooManyBytes = header(entry("w", "F64", "[2000000000000000000]", 0, 4));
    refused(
        RawSafetensors.write(dir.resolve("bytes.safetensors"), tooManyBytes, 4),
        "w",
        "is too large");
  }

  @Test
  void negativeDimensionsAndOffsets() throws Exception {
    String json = header(entry("w", "F32", "[2, -3]", 0, 4));
    refused(
        RawSafetensors.write(dir.resolve("neg.safetensors"), json, 4),
        "w",
        "negative shape entry -3 at index 1");
    String offsets = header(entry("w", "F32", "[1]", -4, 0));
    refused(
        RawSafetensors.write(dir.resolve("negoff.safetensors"), offsets, 4),
        "w",
        "negative data_offsets entry -4");
    String missing = "{\"w\":{\"dtype\":\"F32\",\"shape\":[1]}}";
    refused(
        RawSafetensors.write(dir.resolve("nooff.safetensors"), missing, 4),
        "w",
        "has no 'data_offsets' array");
  }

  @Test
  void aValidHandWrittenFileOpens() throws Exception {
    // the same helper, used correctly, makes a readable file: the refusals above are about content
    String json = header(entry("a", "F32", "[2]", 0, 8), entry("b", "U8", "[3]", 8, 11));
    Path file =
        RawSafetensors.write(
            dir.resolve("ok.safetensors"),
            json,
            new byte[] {0, 0, (byte) 0x80, 0x3F, 0, 0, 0, (byte) 0xC0, 1, 2, (byte) 255});
    var model = new SafetensorsReader().read(file);
    assertEquals(2, model.initializers().size());
    assertTrue(Arrays.equals(new float[] {1f, -2f}, SafetensorsRoundTripTest.values(model, "a")));
    assertTrue(
        Arrays.equals(new float[] {1f, 2f, 255f}, SafetensorsRoundTripTest.values(model, "b")));
  }

  /**
   * Asserts that reading fails with a message naming the file, the tensor (if any) and the problem.
   */
  static ModelFormatException refused(Path file, String tensor, String problem) {
    ModelFormatException e =
        assertThrows(ModelFormatException.class, () -> new SafetensorsReader().read(file));
    String message = e.getMessage();
    assertEquals(file, e.file());
    assertTrue(message.startsWith(file.toString()), message);
    assertTrue(message.contains(problem), message);
    if (tensor != null) {
      assertTrue(message.contains("'" + tensor + "'"), message);
    }
    return e;
  }
}
