package io.quantlens.formats.gguf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Every element of a GGUF metadata array (strings, float32 or int32), decoded from the value's
 * bytes in the file (element type u32, count u64, then the elements), for tests that compare whole
 * vocabularies rather than the reader's summary.
 */
public final class GgufMetadataValues {
  private GgufMetadataValues() {}

  /** The elements of array {@code key} as text: strings as they are, numbers in Java's form. */
  public static List<String> elements(Path file, String key) throws Exception {
    MetadataReader.Entry entry = new GgufReader().contents(file).metadata().get(key);
    byte[] all = Files.readAllBytes(file);
    ByteBuffer b =
        ByteBuffer.wrap(all, (int) entry.start(), (int) (entry.end() - entry.start()))
            .order(ByteOrder.LITTLE_ENDIAN);
    int type = b.getInt();
    long count = b.getLong();
    List<String> out = new ArrayList<>();
    for (long i = 0; i < count; i++) {
      switch (type) {
        case 8 -> {
          byte[] s = new byte[(int) b.getLong()];
          b.get(s);
          out.add(new String(s, StandardCharsets.UTF_8));
        }
        case 6 -> out.add(Float.toString(b.getFloat()));
        case 5 -> out.add(Integer.toString(b.getInt()));
        default -> throw new IllegalArgumentException(key + ": element type " + type);
      }
    }
    return out;
  }
}
