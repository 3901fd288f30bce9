package io.quantlens.formats.npy;

import io.quantlens.formats.RegularFiles;
import io.quantlens.model.ModelFormatException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes NumPy {@code .npy} files (format versions 1 to 3, C order). Reading maps the
 * file, so a large array is not copied into the heap.
 *
 * <p>Format: numpy.org/doc/stable/reference/generated/numpy.lib.format.html
 */
public final class Npy {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  private Npy() {}

  public static NpyArray read(Path file) throws IOException, ModelFormatException {
    RegularFiles.require(file);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size < MAGIC.length + 4) {
        throw new ModelFormatException(file, "not a NumPy .npy file (" + size + " bytes)");
      }
      if (size > Integer.MAX_VALUE) {
        throw new ModelFormatException(file, "arrays over 2 GiB are not supported");
      }
      ByteBuffer map =
          channel.map(FileChannel.MapMode.READ_ONLY, 0, size).order(ByteOrder.LITTLE_ENDIAN);
      return parse(file, map);
    }
  }

  private static NpyArray parse(Path file, ByteBuffer map) throws ModelFormatException {
    for (byte b : MAGIC) {
      if (map.get() != b) {
        throw new ModelFormatException(file, "not a NumPy .npy file (no \\x93NUMPY magic)");
      }
    }
    int major = map.get() & 0xff;
    map.get(); // minor version
    if (major >= 2 && map.remaining() < 4) {
      throw new ModelFormatException(
          file, "truncated: the version " + major + " header ends early");
    }
    long headerLength;
    if (major == 1) {
      headerLength = map.getShort() & 0xffff;
    } else if (major == 2 || major == 3) {
      headerLength = map.getInt() & 0xffffffffL;
    } else {
      throw new ModelFormatException(file, "unsupported .npy format version " + major);
    }
    if (headerLength > map.remaining()) {
      throw new ModelFormatException(file, "truncated: header runs past the end of the file");
    }
    byte[] headerBytes = new byte[(int) headerLength];
    map.get(headerBytes);
    String header =
        new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);

    String descr = find(file, DESCR, header, "descr");
    NpyType type =
        NpyType.ofDescriptor(descr)
            .orElseThrow(
                () ->
                    new ModelFormatException(
                        file, "unsupported element type '" + descr + "' (" + supported() + ")"));
    if (find(file, FORTRAN, header, "fortran_order").equals("True")) {
      throw new ModelFormatException(
          file, "Fortran-ordered arrays are not supported; save in C order");
    }
    long[] shape = parseShape(file, find(file, SHAPE, header, "shape"));
    long count;
    try {
      count = NpyArray.elementCount(shape);
    } catch (ArithmeticException | IllegalArgumentException e) {
      throw new ModelFormatException(
          file, "impossible shape (" + find(file, SHAPE, header, "shape") + ")");
    }
    long expected = count * type.bytes();
    if (count > Integer.MAX_VALUE || expected != map.remaining()) {
      throw new ModelFormatException(
          file,
          String.format(
              "%s: shape (%s) of %s needs %d data bytes but the file has %d",
              expected > map.remaining() ? "truncated" : "size mismatch",
              find(file, SHAPE, header, "shape").strip(),
              descr,
              expected,
              map.remaining()));
    }
    return new NpyArray(type, shape, map.slice());
  }

  private static String find(Path file, Pattern pattern, String header, String key)
      throws ModelFormatException {
    Matcher m = pattern.matcher(header);
    if (!m.find()) {
      throw new ModelFormatException(
          file, "corrupt .npy header: no '" + key + "' in " + header.strip());
    }
    return m.group(1);
  }

  private static long[] parseShape(Path file, String text) throws ModelFormatException {
    List<Long> dims = new ArrayList<>();
    for (String part : text.split(",")) {
      String dim = part.strip();
      if (dim.isEmpty()) {
        continue;
      }
      try {
        dims.add(Long.parseLong(dim.endsWith("L") ? dim.substring(0, dim.length() - 1) : dim));
      } catch (NumberFormatException e) {
        throw new ModelFormatException(file, "corrupt .npy header: shape (" + text + ")");
      }
    }
    return dims.stream().mapToLong(Long::longValue).toArray();
  }

  private static String supported() {
    List<String> names = new ArrayList<>();
    for (NpyType t : NpyType.values()) {
      names.add(t.descriptor());
    }
    return "supported: " + String.join(", ", names);
  }

  /** Writes {@code array} as a version 1.0 {@code .npy} stream. */
  public static void write(OutputStream out, NpyArray array) throws IOException {
    out.write(header(array.type(), array.shape()));
    ByteBuffer data = array.data();
    byte[] chunk = new byte[1 << 16];
    while (data.hasRemaining()) {
      int n = Math.min(chunk.length, data.remaining());
      data.get(chunk, 0, n);
      out.write(chunk, 0, n);
    }
  }

  /**
   * The version 1.0 header of a C-ordered array: magic, version, little-endian header length, and
   * the dict {@code {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }} padded with spaces
   * and ended by a newline so that the data starts at a multiple of 64 bytes, as NumPy writes it.
   *
   * @throws IOException when the dict is too long for version 1.0
   */
  public static byte[] header(NpyType type, long[] shape) throws IOException {
    StringBuilder dims = new StringBuilder();
    for (long d : shape) {
      dims.append(d).append(", ");
    }
    if (shape.length > 1) {
      dims.setLength(dims.length() - 2);
    } else if (shape.length == 1) {
      dims.setLength(dims.length() - 1);
    }
    String dict =
        "{'descr': '" + type.descriptor() + "', 'fortran_order': False, 'shape': (" + dims + "), }";
    int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
    int padding = (64 - unpadded % 64) % 64;
    String text = dict + " ".repeat(padding) + "\n";
    if (text.length() > 0xffff) {
      throw new IOException("header too long for .npy version 1.0");
    }
    byte[] header = new byte[MAGIC.length + 4 + text.length()];
    System.arraycopy(MAGIC, 0, header, 0, MAGIC.length);
    header[6] = 1;
    header[7] = 0;
    header[8] = (byte) text.length();
    header[9] = (byte) (text.length() >>> 8);
    byte[] dictBytes = text.getBytes(StandardCharsets.ISO_8859_1);
    System.arraycopy(dictBytes, 0, header, 10, dictBytes.length);
    return header;
  }
}
