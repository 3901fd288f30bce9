package io.quantlens.quant;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How a layer's input activation is quantized before the layer reads it. Written {@code
 * FORMAT[:tensor|token][:sym|asym][:static|dynamic][:CALIBRATION]}: {@code fp32} (left alone),
 * {@code fp16} and {@code bf16} (plain casts), {@code fp8e4m3} (scaled by amax / 448, symmetric) or
 * {@code int2} … {@code int8}. A static scheme's range comes from calibration ({@code minmax},
 * {@code pX}, {@code mse}, {@code entropy}); a dynamic one's from each run's tensor ({@code
 * tensor}) or from each row along the last axis ({@code token}), as ONNX Runtime's
 * DynamicQuantizeLinear does per tensor. Integer schemes default to {@code
 * tensor:asym:static:minmax}, as ONNX Runtime's static quantizer does; {@code token} implies {@code
 * dynamic}.
 *
 * @param calibration the calibration method of a static scheme; {@link Calibration#MINMAX} for
 *     others
 */
public record ActivationScheme(
    Format format, Scope scope, Symmetry symmetry, Mode mode, Calibration calibration) {

  /** What one scale covers. */
  public enum Scope {
    /** the whole tensor of a run */
    TENSOR,
    /** each row along the last axis (each token of a sequence) */
    TOKEN;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Where the range comes from. */
  public enum Mode {
    /** calibrated once, fixed in the model */
    STATIC,
    /** computed from the tensor at every run */
    DYNAMIC;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Activations left as the model computes them. */
  public static final ActivationScheme NONE =
      new ActivationScheme(
          FloatFormat.FP32, Scope.TENSOR, Symmetry.SYM, Mode.STATIC, Calibration.MINMAX);

  private static final Pattern PERCENTILE = Pattern.compile("p(\\d+(\\.\\d+)?)");

  public ActivationScheme {
    if (!(format instanceof IntFormat) && !isCast(format) && format != FloatFormat.FP8_E4M3) {
      throw new IllegalArgumentException(format.id() + " is not an activation format");
    }
    if (mode == Mode.DYNAMIC && calibration.kind() != Calibration.Kind.MINMAX) {
      throw new IllegalArgumentException("a dynamic scheme takes no calibration method");
    }
    if (scope == Scope.TOKEN && mode == Mode.STATIC) {
      throw new IllegalArgumentException("per-token ranges are dynamic");
    }
  }

  private static boolean isCast(Format format) {
    return format == FloatFormat.FP32 || format == FloatFormat.FP16 || format == FloatFormat.BF16;
  }

  /** Parses activation scheme text; see the class comment for the grammar. */
  public static ActivationScheme parse(String text) {
    String[] parts = text.trim().toLowerCase(Locale.ROOT).split(":", -1);
    Format format = parseFormat(text, parts[0]);
    if (isCast(format)) {
      if (parts.length > 1) {
        throw new SchemeSyntaxException(
            text, "'" + parts[1] + "': " + format.id() + " is a plain cast and takes no options");
      }
      return plain((FloatFormat) format);
    }
    Scope scope = null;
    Symmetry symmetry = null;
    Mode mode = null;
    Calibration calibration = null;
    for (int i = 1; i < parts.length; i++) {
      String part = parts[i];
      if (part.equals("tensor") || part.equals("token")) {
        scope = once(text, part, scope, "granularity", Scope.valueOf(upper(part)));
      } else if (part.equals("sym") || part.equals("asym")) {
        if (format == FloatFormat.FP8_E4M3 && part.equals("asym")) {
          throw new SchemeSyntaxException(text, "'asym': fp8e4m3 activations are symmetric");
        }
        symmetry = once(text, part, symmetry, "symmetry", Symmetry.valueOf(upper(part)));
      } else if (part.equals("static") || part.equals("dynamic")) {
        mode = once(text, part, mode, "static or dynamic", Mode.valueOf(upper(part)));
      } else if (part.equals("minmax")
          || part.equals("mse")
          || part.equals("entropy")
          || part.startsWith("p")) {
        calibration = once(text, part, calibration, "calibration", calibration(text, part));
      } else {
        throw new SchemeSyntaxException(
            text,
            "'"
                + part
                + "' is not a granularity (tensor, token), symmetry (sym, asym), mode"
                + " (static, dynamic) or calibration (minmax, pX, mse, entropy)");
      }
    }
    scope = scope == null ? Scope.TENSOR : scope;
    if (mode == null) {
      mode = scope == Scope.TOKEN ? Mode.DYNAMIC : Mode.STATIC;
    }
    if (scope == Scope.TOKEN && mode == Mode.STATIC) {
      throw new SchemeSyntaxException(
          text, "per-token ranges are found at each run; write token:dynamic");
    }
    if (mode == Mode.DYNAMIC && calibration != null) {
      throw new SchemeSyntaxException(
          text, "'" + calibration.id() + "': a dynamic range is found at each run, not calibrated");
    }
    if (symmetry == null) {
      symmetry = format == FloatFormat.FP8_E4M3 ? Symmetry.SYM : Symmetry.ASYM;
    }
    return new ActivationScheme(
        format, scope, symmetry, mode, calibration == null ? Calibration.MINMAX : calibration);
  }

  private static ActivationScheme plain(FloatFormat format) {
    return new ActivationScheme(
        format, Scope.TENSOR, Symmetry.SYM, Mode.STATIC, Calibration.MINMAX);
  }

  private static <T> T once(String text, String part, T before, String what, T value) {
    if (before != null) {
      throw new SchemeSyntaxException(text, "'" + part + "': " + what + " given twice");
    }
    return value;
  }

  private static String upper(String part) {
    return part.toUpperCase(Locale.ROOT);
  }

  private static Format parseFormat(String text, String name) {
    for (FloatFormat f : FloatFormat.values()) {
      if (f.id().equals(name) && (isCast(f) || f == FloatFormat.FP8_E4M3)) {
        return f;
      }
    }
    if (name.matches("int[2-8]")) {
      return new IntFormat(name.charAt(3) - '0');
    }
    throw new SchemeSyntaxException(
        text,
        "'" + name + "' is not an activation format (fp32, fp16, bf16, fp8e4m3, int2 … int8)");
  }

  private static Calibration calibration(String text, String part) {
    switch (part) {
      case "minmax":
        return Calibration.MINMAX;
      case "mse":
        return Calibration.MSE;
      case "entropy":
        return Calibration.ENTROPY;
      default:
        var m = PERCENTILE.matcher(part);
        double p = m.matches() ? Double.parseDouble(m.group(1)) : -1;
        if (!(p > 0 && p <= 100)) {
          throw new SchemeSyntaxException(
              text, "'" + part + "': a percentile is p followed by a number in (0, 100]");
        }
        return Calibration.percentile(p);
    }
  }

  /**
   * Canonical text: {@code fp16}, {@code int8:tensor:asym:static}, {@code
   * int8:tensor:sym:static:p99.99}, {@code int8:token:sym:dynamic}, {@code fp8e4m3:tensor:static};
   * the minmax calibration is not written.
   */
  public String id() {
    if (isCast(format)) {
      return format.id();
    }
    StringBuilder s = new StringBuilder(format.id()).append(':').append(scope.id());
    if (format instanceof IntFormat) {
      s.append(':').append(symmetry.id());
    }
    s.append(':').append(mode.id());
    if (calibration.kind() != Calibration.Kind.MINMAX) {
      s.append(':').append(calibration.id());
    }
    return s.toString();
  }

  @Override
  public String toString() {
    return id();
  }

  /** True for {@code fp32}: the activation is left alone. */
  public boolean isNone() {
    return format == FloatFormat.FP32;
  }

  /** True when a scale maps the activation onto its format's grid: integer and FP8, not casts. */
  public boolean isScaled() {
    return !isCast(format);
  }

  /** True when the scheme needs a calibrated range. */
  public boolean needsCalibration() {
    return !isCast(format) && mode == Mode.STATIC;
  }

  /** Bits per activation element: 32 for {@code fp32}, 16 for the casts, the format's otherwise. */
  public int bits() {
    return format.bits();
  }
}
