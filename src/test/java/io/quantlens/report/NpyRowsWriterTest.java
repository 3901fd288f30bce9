package io.quantlens.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streamed float32 {@code .npy} files against bytes derived by hand from the format's
 * description (numpy.org/doc/stable/reference/generated/numpy.lib.format.html): magic {@code
 * \x93NUMPY}, version 1.0, a little-endian uint16 header length, the dict padded with spaces and a
 * newline to a multiple of 64 bytes, then little-endian IEEE 754 floats.
 */
class NpyRowsWriterTest {
  @TempDir Path dir;

  /** The header of a {@code <f4} array: 10 bytes of preamble, then 118 of dict, 128 in all. */
  private static byte[] header(String shape, int dictLength) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 118, 0});
    String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }";
    assertEquals(dictLength, dict.length());
    // 10 + dict + spaces + newline = 128, the next multiple of 64.
    out.writeBytes(dict.getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(" ".repeat(128 - 10 - dict.length() - 1).getBytes(StandardCharsets.US_ASCII));
    out.write('\n');
    return out.toByteArray();
  }

  private static byte[] concat(byte[] a, int... data) {
    byte[] all = new byte[a.length + data.length];
    System.arraycopy(a, 0, all, 0, a.length);
    for (int i = 0; i < data.length; i++) {
      all[a.length + i] = (byte) data[i];
    }
    return all;
  }

  @Test
  void rowsArrivingOutOfOrderMakeTheBytesTheFormatDescribes() throws IOException {
    Path file = dir.resolve("a.npy");
    SavedOutputs.<RuntimeException>write(
        List.of(file),
        3,
        arrays -> {
          NpyRowsWriter array = arrays.get(file);
          // The last batch first, as evaluation runs it.
          array.write(2, new long[] {1, 2}, FloatBuffer.wrap(new float[] {3f, -0f}));
          array.write(0, new long[] {2, 2}, FloatBuffer.wrap(new float[] {1f, -2f, 0.5f, 0.25f}));
        });
    byte[] expected =
        concat(
            header("(3, 2)", 59),
            // 1.0 = 0x3f800000, -2.0 = 0xc0000000, 0.5 = 0x3f000000, 0.25 = 0x3e800000,
            // 3.0 = 0x40400000, -0.0 = 0x80000000; each little-endian.
            0x00,
            0x00,
            0x80,
            0x3f,
            0x00,
            0x00,
            0x00,
            0xc0,
            0x00,
            0x00,
            0x00,
            0x3f,
            0x00,
            0x00,
            0x80,
            0x3e,
            0x00,
            0x00,
            0x40,
            0x40,
            0x00,
            0x00,
            0x00,
            0x80);
    assertArrayEquals(expected, Files.readAllBytes(file));
  }

  @Test
  void aOneDimensionalArrayHasTheTrailingComma() throws IOException {
    Path file = dir.resolve("b.npy");
    SavedOutputs.<RuntimeException>write(
        List.of(file),
        2,
        arrays -> arrays.get(file).write(0, new long[] {2}, FloatBuffer.wrap(new float[] {1, -2})));
    byte[] expected = concat(header("(2,)", 57), 0x00, 0x00, 0x80, 0x3f, 0x00, 0x00, 0x00, 0xc0);
    assertArrayEquals(expected, Files.readAllBytes(file));
  }

  @Test
  void batchesOfAnotherRowShapeAreRefusedAndNothingIsLeft() throws IOException {
    Path a = dir.resolve("out/a.npy");
    Path b = dir.resolve("out/b.npy");
    Files.createDirectories(a.getParent());
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                SavedOutputs.<RuntimeException>write(
                    List.of(a, b),
                    4,
                    arrays -> {
                      arrays.get(a).write(0, new long[] {2, 3}, FloatBuffer.allocate(6));
                      arrays.get(b).write(0, new long[] {4}, FloatBuffer.allocate(4));
                      arrays.get(a).write(2, new long[] {2, 4}, FloatBuffer.allocate(8));
                    }));
    assertTrue(
        e.getMessage().startsWith(a + ": the batch at row 2 has shape [2, 4]"), e.getMessage());
    try (Stream<Path> left = Files.list(a.getParent())) {
      assertEquals(List.of(), left.toList(), "no file, no temporary file");
    }
  }

  @Test
  void rowsNeverWrittenAreAnError() throws IOException {
    Path file = dir.resolve("c.npy");
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                SavedOutputs.<RuntimeException>write(
                    List.of(file),
                    3,
                    arrays -> arrays.get(file).write(0, new long[] {2}, FloatBuffer.allocate(2))));
    assertEquals(file + ": row 2 of 3 was never written", e.getMessage());
    assertTrue(Files.notExists(file));
  }

  @Test
  void theFillsOwnExceptionComesThroughAndAnExistingFileIsNotReplaced() throws IOException {
    Path fresh = dir.resolve("fresh.npy");
    InterruptedException cancelled = new InterruptedException("cancelled");
    InterruptedException thrown =
        assertThrows(
            InterruptedException.class,
            () ->
                SavedOutputs.<InterruptedException>write(
                    List.of(fresh),
                    1,
                    arrays -> {
                      throw cancelled;
                    }));
    assertEquals(cancelled, thrown);
    assertTrue(Files.notExists(fresh));

    Path existing = Files.writeString(dir.resolve("existing.npy"), "mine");
    assertThrows(
        java.nio.file.FileAlreadyExistsException.class,
        () -> SavedOutputs.<RuntimeException>write(List.of(existing), 1, arrays -> {}));
    assertEquals("mine", Files.readString(existing));
  }

  @Test
  void outputNamesBecomeSafeDistinctFileNames() {
    assertEquals(
        Map.of(
            "logits", "logits.npy",
            "/encoder/out:0", "_encoder_out_0.npy",
            "_encoder_out_0", "_encoder_out_0_2.npy",
            "Logits", "Logits_2.npy",
            "..", "_...npy",
            "", "_.npy"),
        SavedOutputs.fileNames(
            List.of("logits", "/encoder/out:0", "_encoder_out_0", "Logits", "..", "")));
  }
}
