package io.quantlens.quant;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A quantization scheme: a number format plus, for integer and NF4 formats, its granularity,
 * symmetry and range estimator, and for integer formats whose arithmetic it follows. Written {@code
 * FORMAT[:GRANULARITY][:SYMMETRY][:CLIP][:RECIPE]}, e.g. {@code int4:g32:sym}, {@code
 * int3:channel:sym:p99.9}, {@code int8:channel:asym:nncf} or {@code int4:g64:asym:mlx}. A llama.cpp
 * block format ({@code q4_k}, …) takes no options: its granularity is its block along the reduction
 * vector, its symmetry is the format's, its clipping whatever ggml's reference quantizer does
 * (recorded as min-max).
 */
public record Scheme(
    Format format, Granularity granularity, Symmetry symmetry, Clip clip, IntRecipe recipe) {

  private static final Pattern GROUP = Pattern.compile("g(\\d{1,9})");
  private static final Pattern PERCENTILE = Pattern.compile("p(\\d+(\\.\\d+)?)");
  private static final int NF4_DEFAULT_GROUP = 64;

  /** mlx.core.quantize's default group_size (python/src/ops.cpp). */
  private static final int MLX_DEFAULT_GROUP = 64;

  private static final Map<String, IntRecipe> RECIPES =
      Map.of(
          "nncf", IntRecipe.NNCF,
          "mlx", IntRecipe.MLX,
          "reduce", IntRecipe.REDUCE,
          "unsigned", IntRecipe.UNSIGNED);

  /** A scheme with ONNX Runtime's integer arithmetic. */
  public Scheme(Format format, Granularity granularity, Symmetry symmetry, Clip clip) {
    this(format, granularity, symmetry, clip, IntRecipe.ONNX);
  }

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
    IntRecipe recipe = null;
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
      } else if (RECIPES.containsKey(part)) {
        if (recipe != null || !(format instanceof IntFormat)) {
          throw new SchemeSyntaxException(
              text, "'" + part + "': a recipe is given once, to an integer format");
        }
        recipe = RECIPES.get(part);
      } else {
        throw new SchemeSyntaxException(
            text,
            "'"
                + part
                + "' is not a granularity (tensor, channel, gN), symmetry (sym, asym),"
                + " clipping (minmax, pX, mse) or recipe (nncf, mlx, reduce, unsigned)");
      }
    }
    if (format instanceof FloatFormat f) {
      return of(f);
    }
    if (format instanceof GgmlFormat f) {
      return of(f);
    }
    recipe = recipe == null ? IntRecipe.ONNX : recipe;
    if (granularity == null) {
      if (recipe == IntRecipe.MLX) {
        granularity = Granularity.group(MLX_DEFAULT_GROUP);
      } else if (format instanceof Nf4Format) {
        granularity = Granularity.group(NF4_DEFAULT_GROUP);
      } else {
        granularity = Granularity.CHANNEL;
      }
    }
    if (symmetry == null) {
      symmetry = recipe == IntRecipe.MLX ? Symmetry.ASYM : Symmetry.SYM;
    }
    clip = clip == null ? Clip.MINMAX : clip;
    checkRecipe(text, format, granularity, symmetry, clip, recipe);
    return new Scheme(format, granularity, symmetry, clip, recipe);
  }

  /**
   * Every recipe but ONNX chooses ranges by min/max only; NNCF and MLX never per tensor (ONNX
   * Runtime's variants may); MLX is affine (asymmetric), {@code unsigned} symmetric.
   */
  private static void checkRecipe(
      String text,
      Format format,
      Granularity granularity,
      Symmetry symmetry,
      Clip clip,
      IntRecipe recipe) {
    if (recipe == IntRecipe.ONNX) {
      return;
    }
    boolean ortVariant = recipe == IntRecipe.REDUCE || recipe == IntRecipe.UNSIGNED;
    String why = null;
    if (recipe == IntRecipe.REDUCE && format.bits() < 3) {
      why = "needs at least 3 bits";
    } else if (recipe == IntRecipe.UNSIGNED && symmetry != Symmetry.SYM) {
      why = "is ONNX Runtime's symmetric range on unsigned codes (sym)";
    } else if (clip.kind() != Clip.Kind.MINMAX) {
      why = "takes no clipping option";
    } else if (!ortVariant && granularity.kind() == Granularity.Kind.TENSOR) {
      why = "works per channel or per group, not per tensor";
    } else if (recipe == IntRecipe.MLX && granularity.kind() != Granularity.Kind.GROUP) {
      why = "quantizes groups along the last axis (gN)";
    } else if (recipe == IntRecipe.MLX && symmetry == Symmetry.SYM) {
      why = "is affine (asym)";
    } else if (recipe == IntRecipe.MLX && format.bits() == 7) {
      why = "has 2, 3, 4, 5, 6 or 8 bits";
    }
    if (why != null) {
      throw new SchemeSyntaxException(text, recipe.id() + " " + why);
    }
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
    if (recipe != IntRecipe.ONNX) {
      s.append(':').append(recipe.id());
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
