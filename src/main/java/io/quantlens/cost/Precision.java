package io.quantlens.cost;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** A number format a device computes in, as named in hardware profiles ({@code "int8"}). */
public enum Precision {
  FP32(32),
  FP16(16),
  BF16(16),
  FP8(8),
  INT8(8),
  INT4(4);

  private final int bits;

  Precision(int bits) {
    this.bits = bits;
  }

  /** Bits per value. */
  public int bits() {
    return bits;
  }

  /** The lower-case id used in profile files and on the command line, e.g. {@code "fp16"}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** All ids, comma separated, in declaration order: for error messages. */
  public static String ids() {
    return Arrays.stream(values()).map(Precision::id).collect(Collectors.joining(", "));
  }

  /**
   * The precision with this id (case and surrounding blanks ignored).
   *
   * @throws IllegalArgumentException naming the accepted ids when there is none
   */
  public static Precision parse(String id) {
    if (id != null) {
      String wanted = id.strip().toLowerCase(Locale.ROOT);
      for (Precision p : values()) {
        if (p.id().equals(wanted)) {
          return p;
        }
      }
    }
    throw new IllegalArgumentException("unknown precision '" + id + "' (" + ids() + ")");
  }
}
