package io.quantlens.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The conventions of tensor and layer names, in every format QuantLens reads, in one place: which
 * repeated block a name belongs to, how names sort, what role a transformer weight plays, and how
 * long names are shortened for display.
 *
 * <p>A <b>block</b> is a part of the name made of a keyword ({@code layers}, {@code layer}, {@code
 * h}, {@code blk}, {@code blocks}, {@code block}), a {@code .} or {@code _}, and a number, standing
 * between the start, {@code .} or {@code /} and the end, {@code .} or {@code /}:
 *
 * <ul>
 *   <li>Hugging Face checkpoints: {@code model.layers.12.self_attn.q_proj}, {@code
 *       transformer.h.3.attn.c_attn}, {@code bert.encoder.layer.5.attention.self.query}, {@code
 *       blocks.7.attn.qkv} (ViT);
 *   <li>GGUF: {@code blk.12.attn_q.weight};
 *   <li>ONNX node names from PyTorch: {@code /encoder/layer.3/attention/self/query/MatMul}, {@code
 *       /model/layers.0/self_attn/q_proj/MatMul}, {@code /h.3/attn/c_attn/MatMul}; from TensorFlow:
 *       {@code bert/encoder/layer_3/attention/self/query}, {@code layers_3}.
 * </ul>
 *
 * The first such part counts ({@code encoder.block.3.layer.0} is in block 3); a number too large
 * for an {@code int} is no block number. Readers name a layer after its weight without {@code
 * .weight}.
 */
public final class TensorNames {
  /** The default character budget of a label. */
  public static final int DEFAULT_MAX_CHARS = 40;

  /**
   * Orders names as a person would: runs of digits compare as numbers ({@code layers.2} before
   * {@code layers.10}), everything else character by character; equal-looking names (e.g. {@code
   * 01} and {@code 1}) fall back to plain string order.
   */
  public static final Comparator<String> NATURAL_ORDER = TensorNames::compareNatural;

  /** The roles quantization toolchains treat specially in a transformer. */
  public enum Role {
    TOKEN_EMBEDDING,
    OUTPUT,
    /** attn_v and the fused tensors llama.cpp treats like it (attn_qkv, attn_kv_b). */
    ATTENTION_V,
    FFN_DOWN,
    /** Norms, MoE routers, position and token-type embeddings: llama.cpp never quantizes them. */
    KEPT,
    OTHER
  }

  private static final Pattern BLOCK =
      Pattern.compile("(?:^|[./])((?:layers|layer|h|blk|blocks|block)[._](\\d+))(?=[./]|$)");

  private static final String WEIGHT_SUFFIX = ".weight";

  private static final Pattern OPERATOR_TAIL =
      Pattern.compile(
          "([./](MatMul|Gemm|Gather|Conv|MatMulInteger|MatMulNBits|GatherBlockQuantized)\\w*"
              + "|\\.weight)$");
  private static final String GAP = "…";

  private TensorNames() {}

  /** Where a name's block stands: the characters of {@code layers.3}, and its number. */
  private record Block(int start, int end, int index) {}

  private static Block block(String name) {
    Matcher m = BLOCK.matcher(name);
    if (!m.find()) {
      return null;
    }
    try {
      return new Block(m.start(1), m.end(1), Integer.parseInt(m.group(2)));
    } catch (NumberFormatException e) {
      return null; // more digits than an int holds: not a block number
    }
  }

  /** The number of the repeated block {@code name} belongs to (see the class comment), if any. */
  public static OptionalInt blockIndex(String name) {
    Block b = block(name);
    return b == null ? OptionalInt.empty() : OptionalInt.of(b.index());
  }

  /**
   * The name up to and including its block, e.g. {@code model.layers.3} for {@code
   * model.layers.3.self_attn.q_proj} and {@code /encoder/layer.3} for {@code
   * /encoder/layer.3/attention/self/query/MatMul}; the empty string when the name is in no block.
   */
  public static String blockPrefix(String name) {
    Block b = block(name);
    return b == null ? "" : name.substring(0, b.end());
  }

  /** The layer a weight belongs to: the tensor name without its {@code .weight} suffix. */
  public static String layerName(String tensorName) {
    return tensorName.endsWith(WEIGHT_SUFFIX) && tensorName.length() > WEIGHT_SUFFIX.length()
        ? tensorName.substring(0, tensorName.length() - WEIGHT_SUFFIX.length())
        : tensorName;
  }

  /**
   * A layer name without the operator an ONNX exporter or quantizer appended: {@code
   * /encoder/layer.0/attention/self/query/MatMul_quant} → {@code
   * /encoder/layer.0/attention/self/query}, {@code blk.0.attn_q.weight} → {@code blk.0.attn_q}.
   */
  public static String withoutOperator(String name) {
    return OPERATOR_TAIL.matcher(name).replaceFirst("");
  }

  /**
   * What a transformer weight is, from its layer name: GGUF names ({@code blk.3.attn_v}, {@code
   * token_embd}, {@code output}) or Hugging Face names ({@code model.layers.3.self_attn.v_proj},
   * {@code model.embed_tokens}, {@code lm_head}).
   */
  public static Role role(String name) {
    if (name.equals("token_embd")
        || name.equals("per_layer_token_embd")
        || name.endsWith("embed_tokens")) {
      return Role.TOKEN_EMBEDDING;
    }
    if (name.equals("output") || name.equals("lm_head") || name.endsWith(".lm_head")) {
      return Role.OUTPUT;
    }
    if (isKept(name)) {
      return Role.KEPT;
    }
    if (endsWithAny(name, ".attn_v", ".attn_qkv", ".attn_kv_b", ".v_proj", ".qkv_proj")
        || name.endsWith(".kv_b_proj")) {
      return Role.ATTENTION_V;
    }
    if (name.contains("ffn_down") || name.endsWith(".down_proj")) {
      return Role.FFN_DOWN;
    }
    return Role.OTHER;
  }

  // llama.cpp src/llama-quant.cpp tensor_allows_quantization, with the Hugging Face equivalents.
  private static boolean isKept(String name) {
    return name.endsWith("norm")
        || name.contains("ffn_gate_inp")
        || name.endsWith(".mlp.gate")
        || name.endsWith(".block_sparse_moe.gate")
        || name.equals("position_embd")
        || name.endsWith("embed_positions")
        || name.equals("token_types")
        || name.endsWith("token_type_embeddings");
  }

  private static boolean endsWithAny(String name, String... suffixes) {
    for (String s : suffixes) {
      if (name.endsWith(s)) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code name} within {@code maxChars} characters, shortened in the middle: the block ({@code
   * layer.3}) and the last component ({@code MatMul}) stay, then as many components before the last
   * as fit, then as many from the start; each run left out shows as {@code …}. Components are
   * separated by {@code /}, or by {@code .} in a name without {@code /}. Only when the block and
   * the last component alone do not fit is the last component cut from its start ({@code
   * blk.12.…ight}), and only when the block alone does not fit is the block lost.
   *
   * @throws IllegalArgumentException for a budget under 8 characters
   */
  public static String shorten(String name, int maxChars) {
    if (maxChars < 8) {
      throw new IllegalArgumentException("a name budget under 8 characters: " + maxChars);
    }
    if (name.length() <= maxChars) {
      return name;
    }
    String sep = name.contains("/") ? "/" : ".";
    List<String> units = segments(name, sep);
    if (units.isEmpty()) {
      return plainCut(name, maxChars);
    }
    Block b = block(name);
    int blockAt = b == null ? -1 : units.indexOf(name.substring(b.start(), b.end()));
    int last = units.size() - 1;
    TreeSet<Integer> kept = new TreeSet<>();
    kept.add(last);
    if (blockAt >= 0) {
      kept.add(blockAt);
    }
    if (render(units, kept, sep).length() > maxChars) {
      return cutTail(name, units, blockAt, sep, maxChars);
    }
    for (int i = last - 1; i > blockAt && !kept.contains(i); i--) {
      if (!fits(units, kept, i, sep, maxChars)) {
        break;
      }
    }
    for (int i = 0; i < last && !kept.contains(i); i++) {
      if (!fits(units, kept, i, sep, maxChars)) {
        break;
      }
    }
    return render(units, kept, sep);
  }

  /** Keeps unit {@code i} when the label still fits. */
  private static boolean fits(
      List<String> units, TreeSet<Integer> kept, int i, String sep, int maxChars) {
    kept.add(i);
    if (render(units, kept, sep).length() > maxChars) {
      kept.remove(i);
      return false;
    }
    return true;
  }

  /** The block, then as much of the end of the last component as fits. */
  private static String cutTail(
      String name, List<String> units, int blockAt, String sep, int maxChars) {
    String tail = units.get(units.size() - 1);
    if (blockAt < 0 || blockAt == units.size() - 1) {
      return plainCut(name, maxChars);
    }
    String head = units.get(blockAt) + sep + GAP;
    if (head.length() >= maxChars) {
      return plainCut(name, maxChars);
    }
    if (head.length() + sep.length() + tail.length() <= maxChars) {
      return head + sep + tail;
    }
    return head + tail.substring(tail.length() - (maxChars - head.length()));
  }

  /** {@code …} and the last characters of {@code name}. */
  private static String plainCut(String name, int maxChars) {
    return GAP + name.substring(name.length() - (maxChars - GAP.length()));
  }

  private static String render(List<String> units, TreeSet<Integer> kept, String sep) {
    StringBuilder label = new StringBuilder();
    int previous = -1;
    for (int at : kept) {
      if (previous < 0 && at > 0) {
        label.append(GAP).append(sep);
      } else if (previous >= 0) {
        label.append(sep);
        if (at > previous + 1) {
          label.append(GAP).append(sep);
        }
      }
      label.append(units.get(at));
      previous = at;
    }
    return label.toString();
  }

  /**
   * Labels for {@code names}, in the same order, unique, within {@link #DEFAULT_MAX_CHARS} where
   * possible.
   */
  public static List<String> abbreviate(List<String> names) {
    return abbreviate(names, DEFAULT_MAX_CHARS);
  }

  /**
   * Short, unique labels for a list of names, in the same order, at most {@code maxChars} long
   * where possible: each keeps its last two components plus the components that tell names sharing
   * a label apart ({@code layer.0/…/query/MatMul}), drops the components every name shares ({@code
   * /encoder}); equal names get {@code (2)}, {@code (3)} appended.
   *
   * @throws IllegalArgumentException for a budget under 8 characters
   */
  public static List<String> abbreviate(List<String> names, int maxChars) {
    return LayerLabels.abbreviate(names, maxChars);
  }

  /**
   * The non-empty components of {@code name} between {@code sep}s, its block one component even
   * when it holds {@code sep} ({@code model}, {@code layers.3}, {@code mlp} for {@code
   * model.layers.3.mlp}).
   */
  static List<String> segments(String name, String sep) {
    Block b = block(name);
    List<String> out = new ArrayList<>();
    boolean aligned =
        b != null
            && (b.start() == 0 || name.startsWith(sep, b.start() - sep.length()))
            && (b.end() == name.length() || name.startsWith(sep, b.end()));
    if (!aligned) {
      split(name, sep, out);
      return out;
    }
    split(name.substring(0, b.start()), sep, out);
    out.add(name.substring(b.start(), b.end()));
    split(name.substring(b.end()), sep, out);
    return out;
  }

  private static void split(String text, String sep, List<String> out) {
    Arrays.stream(text.split(Pattern.quote(sep))).filter(s -> !s.isEmpty()).forEach(out::add);
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
