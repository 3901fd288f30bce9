package io.quantlens.formats.gguf;

import io.quantlens.model.Layer;
import io.quantlens.model.Tensor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Makes layers of a GGUF file's weight matrices. GGUF stores no graph, so every decodable tensor of
 * rank ≥ 2 is a layer; a row of it (the innermost GGUF dimension, the last axis of the shape) is
 * contiguous and holds one output channel's weights, so blocks run along rows and the channel axis
 * is 0.
 */
final class GgufLayers {
  private static final String WEIGHT = ".weight";

  private GgufLayers() {}

  /** Layers of the decodable tensors, in {@link #ORDER}. */
  static List<Layer> of(List<Tensor> decodable) {
    Map<String, Tensor> byName =
        decodable.stream().collect(Collectors.toMap(Tensor::name, Function.identity()));
    List<Layer> layers = new ArrayList<>();
    for (Tensor tensor : decodable) {
      if (tensor.rank() < 2) {
        continue;
      }
      String name = baseName(tensor.name());
      Tensor bias = byName.get(name + ".bias");
      String opType = name.equals("token_embd") ? "Gather" : "MatMul";
      layers.add(new Layer(name, opType, tensor, bias, 0));
    }
    layers.sort(Comparator.comparing(Layer::name, ORDER));
    return layers;
  }

  private static String baseName(String tensorName) {
    return tensorName.endsWith(WEIGHT)
        ? tensorName.substring(0, tensorName.length() - WEIGHT.length())
        : tensorName;
  }

  /**
   * Embeddings first, then the rest by natural order ({@code blk.2} before {@code blk.10}), then
   * the output head; inside the first and last groups the (stable) sort keeps file order.
   */
  static final Comparator<String> ORDER =
      Comparator.comparingInt(GgufLayers::group)
          .thenComparing((a, b) -> group(a) == 1 ? NaturalOrder.compare(a, b) : 0);

  private static int group(String name) {
    if (name.startsWith("token_embd")) {
      return 0;
    }
    return name.equals("output") || name.startsWith("output_") || name.startsWith("output.")
        ? 2
        : 1;
  }

  /** Compares names with runs of digits taken as numbers. */
  private static final class NaturalOrder {
    private NaturalOrder() {}

    static int compare(String a, String b) {
      int i = 0;
      int j = 0;
      while (i < a.length() && j < b.length()) {
        char ca = a.charAt(i);
        char cb = b.charAt(j);
        if (isDigit(ca) && isDigit(cb)) {
          int endA = digitsEnd(a, i);
          int endB = digitsEnd(b, j);
          int c = compareNumbers(a.substring(i, endA), b.substring(j, endB));
          if (c != 0) {
            return c;
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
      int c = Integer.compare(a.length() - i, b.length() - j);
      return c != 0 ? c : a.compareTo(b);
    }

    private static boolean isDigit(char c) {
      return c >= '0' && c <= '9';
    }

    private static int digitsEnd(String s, int from) {
      int end = from;
      while (end < s.length() && isDigit(s.charAt(end))) {
        end++;
      }
      return end;
    }

    /** Compares digit strings of any length by value (leading zeros ignored). */
    private static int compareNumbers(String a, String b) {
      String x = a.replaceFirst("^0+(?=.)", "");
      String y = b.replaceFirst("^0+(?=.)", "");
      int c = Integer.compare(x.length(), y.length());
      return c != 0 ? c : x.compareTo(y);
    }
  }
}
