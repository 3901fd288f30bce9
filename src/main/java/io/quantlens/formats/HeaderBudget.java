package io.quantlens.formats;

import io.quantlens.model.ModelFormatException;
import java.nio.file.Path;

/**
 * What a file's header may make a reader allocate before anything else is read: its entries
 * (tensors, metadata keys) and parsed text, at most a quarter of the Java heap, estimated at {@link
 * #BYTES_PER_ENTRY} per entry and {@link #HEAP_PER_TEXT_BYTE} per byte of JSON. A small file cannot
 * then end the JVM for want of memory; the limit is stated in the message.
 */
public final class HeaderBudget {
  /** Heap one header entry takes once read (name, shape, reader, map slot), rounded up. */
  public static final long BYTES_PER_ENTRY = 512;

  /** Heap a JSON header takes per byte once parsed into a tree. */
  public static final long HEAP_PER_TEXT_BYTE = 16;

  private HeaderBudget() {}

  private static long limit() {
    return Runtime.getRuntime().maxMemory() / 4;
  }

  /**
   * @throws ModelFormatException when {@code entries} would need more than the budget
   */
  public static void entries(Path file, long entries, String what) throws ModelFormatException {
    if (entries < 0 || entries > limit() / BYTES_PER_ENTRY) {
      throw tooMuch(file, what, entries * BYTES_PER_ENTRY);
    }
  }

  /**
   * @throws ModelFormatException when a JSON header of {@code bytes} would need more
   */
  public static void json(Path file, long bytes, String what) throws ModelFormatException {
    if (bytes < 0 || bytes > limit() / HEAP_PER_TEXT_BYTE) {
      throw tooMuch(file, what, bytes * HEAP_PER_TEXT_BYTE);
    }
  }

  private static ModelFormatException tooMuch(Path file, String what, long need) {
    return new ModelFormatException(
        file,
        what
            + " would take about "
            + Math.max(1, need / (1 << 20))
            + " MiB to read, more than a quarter of the Java heap ("
            + Runtime.getRuntime().maxMemory() / (1 << 20)
            + " MiB); give Java more memory with -Xmx if the file is genuine");
  }
}
