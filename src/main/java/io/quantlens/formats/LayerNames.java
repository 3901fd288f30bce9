package io.quantlens.formats;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Conventions of tensor and layer names in checkpoint files (safetensors, GGUF), where a model's
 * structure is visible only from its names: {@code model.layers.3.self_attn.q_proj.weight} is the
 * weight of layer {@code model.layers.3.self_attn.q_proj} in block 3.
 */
public final class LayerNames {
  /**
   * Orders names as a person would: runs of digits compare as numbers ({@code layers.2} before
   * {@code layers.10}), everything else character by character; equal-looking names (e.g. {@code
   * 01} and {@code 1}) fall back to plain string order.
   */
  public static final Comparator<String> NATURAL_ORDER = LayerNames::compareNatural;

  /** {@code .layers.N.}, {@code .h.N.}, {@code blk.N.} and their relatives (BERT, ViT). */
  private static final Pattern BLOCK =
      Pattern.compile("(?:^|\\.)(?:layers|layer|h|blk|blocks|block)\\.(\\d+)(?=\\.|$)");

  private static final String WEIGHT_SUFFIX = ".weight";

  private LayerNames() {}

  /**
   * The number of the repeated block a name belongs to: the N of {@code .layers.N.}, {@code .h.N.},
   * {@code blk.N.}, {@code .layer.N.} or {@code .blocks.N.} (the first such part), or -1.
   */
  public static int blockIndex(String name) {
    Matcher m = BLOCK.matcher(name);
    if (!m.find()) {
      return -1;
    }
    try {
      return Integer.parseInt(m.group(1));
    } catch (NumberFormatException e) {
      return -1; // more digits than an int holds: not a block number
    }
  }

  /**
   * The block prefix of a name, e.g. {@code model.layers.3} for {@code
   * model.layers.3.self_attn.q_proj}; the empty string when the name is in no numbered block.
   */
  public static String group(String name) {
    return blockIndex(name) < 0 ? "" : name.substring(0, blockEnd(name));
  }

  private static int blockEnd(String name) {
    Matcher m = BLOCK.matcher(name);
    m.find();
    return m.end();
  }

  /** The layer a weight belongs to: the tensor name without its {@code .weight} suffix. */
  public static String layerName(String tensorName) {
    return tensorName.endsWith(WEIGHT_SUFFIX) && tensorName.length() > WEIGHT_SUFFIX.length()
        ? tensorName.substring(0, tensorName.length() - WEIGHT_SUFFIX.length())
        : tensorName;
  }

  /** See {@link #NATURAL_ORDER}. */
  public static int compareNatural(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      char ca = a.charAt(i);
      char cb = b.charAt(j);
      if (isDigit(ca) && isDigit(cb)) {
        int endA = digitsEnd(a, i);
        int endB = digitsEnd(b, j);
        int byValue = compareDigits(a.substring(i, endA), b.substring(j, endB));
        if (byValue != 0) {
          return byValue;
        }
        i = endA;
        j = endB;
      } else {
        if (ca != cb) {
          return Character.compare(ca, cb);
        }
        i++;
        j++;
      }
    }
    int byLength = Integer.compare(a.length() - i, b.length() - j);
    return byLength != 0 ? byLength : a.compareTo(b);
  }

  /** Compares two digit runs by value, without parsing (runs may exceed a long). */
  private static int compareDigits(String x, String y) {
    String a = stripLeadingZeros(x);
    String b = stripLeadingZeros(y);
    return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
  }

  private static String stripLeadingZeros(String digits) {
    int k = 0;
    while (k < digits.length() - 1 && digits.charAt(k) == '0') {
      k++;
    }
    return digits.substring(k);
  }

  private static int digitsEnd(String s, int from) {
    int k = from;
    while (k < s.length() && isDigit(s.charAt(k))) {
      k++;
    }
    return k;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
