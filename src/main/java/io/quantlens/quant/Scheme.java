package io.quantlens.quant;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A quantization scheme: a number format plus, for integer and NF4 formats, its granularity,
 * symmetry and range estimator. Written {@code FORMAT[:GRANULARITY][:SYMMETRY][:CLIP]}, e.g. {@code
 * int4:g32:sym} or {@code int3:channel:sym:p99.9}. A llama.cpp block format ({@code q4_k}, …) takes
 * no options: its granularity is its block along the reduction vector, its symmetry is the
 * format's, its clipping whatever ggml's reference quantizer does (recorded as min-max).
 */
public record Scheme(Format format, Granularity granularity, Symmetry symmetry, Clip clip) {

  private static final Pattern GROUP = Pattern.compile("g(\\d{1,9})");
  private static final Pattern PERCENTILE = Pattern.compile("p(\\d+(\\.\\d+)?)");
  private static final int NF4_DEFAULT_GROUP = 64;

  public static Scheme of(FloatFormat format) {
    return new Scheme(format, Granularity.TENSOR, Symmetry.SYM, Clip.MINMAX);
  }

  /**
   * A llama.cpp block format: one block of {@link GgmlFormat#blockElements()} weights per scale
   * group, the format's own symmetry, min-max (ggml's reference quantizer, no importance matrix).
   */
  public static Scheme of(GgmlFormat format) {
    return new Scheme(
        format,
        Granularity.group(format.blockElements()),
        format.symmetric() ? Symmetry.SYM : Symmetry.ASYM,
        Clip.MINMAX);
  }

  /** Parses scheme text; integer formats default to {@code channel:sym:minmax}, NF4 to g64. */
  public static Scheme parse(String text) {
    String[] parts = text.trim().toLowerCase(Locale.ROOT).split(":", -1);
    Format format = parseFormat(text, parts[0]);
    Granularity granularity = null;
    Symmetry symmetry = null;
    Clip clip = null;
    for (int i = 1; i < parts.length; i++) {
      String part = parts[i];
      if (format instanceof FloatFormat) {
        throw new SchemeSyntaxException(
            text, "'" + part + "': " + format.id() + " is a plain cast and takes no options");
      }
      if (format instanceof GgmlFormat) {
        throw new SchemeSyntaxException(
            text,
            "'" + part + "': " + format.id() + " is a llama.cpp block format and takes no options");
      }
      if (part.equals("tensor") || part.equals("channel") || GROUP.matcher(part).matches()) {
        if (granularity != null) {
          throw new SchemeSyntaxException(text, "'" + part + "': granularity given twice");
        }
        granularity = parseGranularity(text, part);
      } else if (part.equals("sym") || part.equals("asym")) {
        if (symmetry != null) {
          throw new SchemeSyntaxException(text, "'" + part + "': symmetry given twice");
        }
        if (format instanceof Nf4Format) {
          throw new SchemeSyntaxException(text, "'" + part + "': nf4 is always absmax-scaled");
        }
        symmetry = part.equals("sym") ? Symmetry.SYM : Symmetry.ASYM;
      } else if (part.equals("minmax") || part.equals("mse") || part.startsWith("p")) {
        if (clip != null) {
          throw new SchemeSyntaxException(text, "'" + part + "': clipping given twice");
        }
        clip = parseClip(text, part);
      } else {
        throw new SchemeSyntaxException(
            text,
            "'"
                + part
                + "' is not a granularity (tensor, channel, gN), symmetry (sym, asym)"
                + " or clipping (minmax, pX, mse)");
      }
    }
    if (format instanceof FloatFormat f) {
      return of(f);
    }
    if (format instanceof GgmlFormat f) {
      return of(f);
    }
    if (granularity == null) {
      granularity =
          format instanceof Nf4Format ? Granularity.group(NF4_DEFAULT_GROUP) : Granularity.CHANNEL;
    }
    return new Scheme(
        format,
        granularity,
        symmetry == null ? Symmetry.SYM : symmetry,
        clip == null ? Clip.MINMAX : clip);
  }

  private static Format parseFormat(String text, String name) {
    for (FloatFormat f : FloatFormat.values()) {
      if (f.id().equals(name)) {
        return f;
      }
    }
    if (name.equals("nf4")) {
      return Nf4Format.NF4;
    }
    if (name.matches("int[2-8]")) {
      return new IntFormat(name.charAt(3) - '0');
    }
    for (GgmlFormat f : GgmlFormat.values()) {
      if (f.id().equals(name)) {
        return f;
      }
    }
    throw new SchemeSyntaxException(
        text,
        "'"
            + name
            + "' is not a format (fp32, fp16, bf16, fp8e4m3, fp8e5m2, int2 … int8, nf4,"
            + " q8_0, q4_0, q4_1, q5_0, q5_1, q2_k, q3_k, q4_k, q5_k, q6_k)");
  }

  private static Granularity parseGranularity(String text, String part) {
    if (part.equals("tensor")) {
      return Granularity.TENSOR;
    }
    if (part.equals("channel")) {
      return Granularity.CHANNEL;
    }
    int size = Integer.parseInt(part.substring(1));
    if (size < 2) {
      throw new SchemeSyntaxException(text, "'" + part + "': a group holds at least 2 weights");
    }
    return Granularity.group(size);
  }

  private static Clip parseClip(String text, String part) {
    if (part.equals("minmax")) {
      return Clip.MINMAX;
    }
    if (part.equals("mse")) {
      return Clip.MSE;
    }
    var m = PERCENTILE.matcher(part);
    double p = m.matches() ? Double.parseDouble(m.group(1)) : -1;
    if (!(p > 0 && p <= 100)) {
      throw new SchemeSyntaxException(
          text, "'" + part + "': a percentile clip is p followed by a number in (0, 100]");
    }
    return Clip.percentile(p);
  }

  /** Canonical text: every option spelled out except the default {@code minmax} clip. */
  public String id() {
    if (format instanceof FloatFormat || format instanceof GgmlFormat) {
      return format.id();
    }
    StringBuilder s = new StringBuilder(format.id()).append(':').append(granularity.id());
    if (format instanceof IntFormat) {
      s.append(':').append(symmetry.id());
    }
    if (clip.kind() != Clip.Kind.MINMAX) {
      s.append(':').append(clip.id());
    }
    return s.toString();
  }

  @Override
  public String toString() {
    return id();
  }

  public boolean isFloat() {
    return format instanceof FloatFormat;
  }
}
