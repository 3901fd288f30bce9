package io.quantlens.formats.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.model.ModelFormatException;
import java.io.ByteArrayOutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against files NumPy wrote (see make_fixtures.py next to them). */
class NpyTest {
  @TempDir Path dir;

  private static Path fixture(String name) throws URISyntaxException {
    return Path.of(NpyTest.class.getResource(name).toURI());
  }

  @Test
  void readsWhatNumPyWrote() throws Exception {
    NpyArray f32 = Npy.read(fixture("f32.npy"));
    assertEquals(NpyType.FLOAT32, f32.type());
    assertArrayEquals(new long[] {2, 3}, f32.shape());
    float[] values = new float[6];
    f32.data().asFloatBuffer().get(values);
    assertArrayEquals(new float[] {0, 0.25f, 0.5f, 0.75f, 1, 1.25f}, values);

    NpyArray i64 = Npy.read(fixture("i64.npy"));
    assertEquals(NpyType.INT64, i64.type());
    assertEquals(-2, i64.data().getLong(8));

    NpyArray u8 = Npy.read(fixture("u8.npy"));
    assertArrayEquals(new long[] {2, 1, 3, 4}, u8.shape());
    assertEquals(23, u8.data().get(23) & 0xff);

    NpyArray scalar = Npy.read(fixture("scalar.npy"));
    assertArrayEquals(new long[0], scalar.shape());
    assertEquals(2.5, scalar.data().getDouble(0));

    assertEquals(NpyType.BOOL, Npy.read(fixture("bool.npy")).type());
    NpyArray v2 = Npy.read(fixture("v2.npy"));
    assertEquals(8, v2.data().getInt(4));
  }

  @Test
  void writesTheBytesNumPyWrites() throws Exception {
    for (String name : new String[] {"f32.npy", "i64.npy", "u8.npy", "scalar.npy", "bool.npy"}) {
      byte[] expected = Files.readAllBytes(fixture(name));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Npy.write(out, Npy.read(fixture(name)));
      assertArrayEquals(expected, out.toByteArray(), name);
    }
  }

  @Test
  void roundTripsThroughAFile() throws Exception {
    NpyArray array = NpyArray.ofLongs(new long[] {2, 2}, new long[] {1, 2, 3, Long.MIN_VALUE});
    Path file = dir.resolve("a.npy");
    try (var out = Files.newOutputStream(file)) {
      Npy.write(out, array);
    }
    assertEquals(array, Npy.read(file));
  }

  @Test
  void refusesWhatItCannotRead() throws Exception {
    assertProblem(fixture("fortran.npy"), "Fortran-ordered");
    assertProblem(fixture("bigendian.npy"), "unsupported element type '>f4'");
    assertProblem(fixture("complex.npy"), "unsupported element type '<c8'");

    byte[] good = Files.readAllBytes(fixture("f32.npy"));
    Path truncated = dir.resolve("truncated.npy");
    Files.write(truncated, Arrays.copyOf(good, good.length - 3));
    assertProblem(
        truncated, "truncated: shape (2, 3) of <f4 needs 24 data bytes but the file has 21");

    Path text = dir.resolve("text.npy");
    Files.writeString(text, "image,label\n1,2\n");
    assertProblem(text, "not a NumPy .npy file");

    Path empty = dir.resolve("empty.npy");
    Files.write(empty, new byte[0]);
    assertProblem(empty, "not a NumPy .npy file (0 bytes)");

    Path header = dir.resolve("header.npy");
    byte[] cut = Arrays.copyOf(good, 40);
    Files.write(header, cut);
    assertProblem(header, "header runs past the end");

    // found by fuzzing: an empty descr, and a version 2/3 file that ends inside its length field
    Path emptyDescr = dir.resolve("empty-descr.npy");
    Files.write(emptyDescr, v1("{'descr': '', 'fortran_order': False, 'shape': (1,), }"));
    assertProblem(emptyDescr, "unsupported element type ''");
    for (int version : new int[] {2, 3}) {
      for (int length : new int[] {10, 11}) {
        Path shortFile = dir.resolve("v" + version + "-" + length + ".npy");
        byte[] bytes = Arrays.copyOf(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'}, length);
        bytes[6] = (byte) version;
        Files.write(shortFile, bytes);
        assertProblem(shortFile, "truncated: the version " + version + " header ends early");
      }
    }
  }

  /** A version 1.0 file with this header and no data. */
  private static byte[] v1(String header) {
    byte[] text = header.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    byte[] bytes = new byte[10 + text.length];
    byte[] start = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) text.length, 0};
    System.arraycopy(start, 0, bytes, 0, 10);
    System.arraycopy(text, 0, bytes, 10, text.length);
    return bytes;
  }

  private static void assertProblem(Path file, String expected) {
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> Npy.read(file));
    assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void arrayChecksItsByteCount() {
    assertThrows(
        IllegalArgumentException.class,
        () -> NpyArray.ofBytes(NpyType.UINT8, new long[] {2, 2}, new byte[3]));
  }
}
