package io.quantlens.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Short, unique labels for a list of long layer names such as {@code
 * /encoder/layer.0/attention/self/query/MatMul}; reached through {@link
 * TensorNames#abbreviate(List, int)}.
 *
 * <p>A name is split into segments at {@code /} (or at {@code .} when no name has a {@code /}), its
 * block ({@code layers.3}, see {@link TensorNames#blockIndex}) one segment even where it holds the
 * separator. A label keeps the last two segments (the distinctive tail: {@code query/MatMul}) plus,
 * for names that would otherwise share a label, the segments that tell them apart ({@code
 * layer.0}); skipped segments show as {@code …}. While a label fits the character budget, skipped
 * segments between kept ones are put back, then leading segments that few names share ({@code
 * pooler}, not {@code encoder}). A label still over the budget loses leading segments (keeping the
 * last two), then its first characters, unless that would make it ambiguous: then it stays over the
 * budget. Labels are always unique: equal input names get {@code (2)}, {@code (3)} appended.
 */
final class LayerLabels {
  private static final String GAP = "…";
  private static final Pattern NUMBER = Pattern.compile("\\d+");

  private LayerLabels() {}

  /**
   * Labels for {@code names}, in the same order, unique, at most {@code maxChars} long where
   * possible.
   */
  static List<String> abbreviate(List<String> names, int maxChars) {
    if (maxChars < 8) {
      throw new IllegalArgumentException("a label budget under 8 characters: " + maxChars);
    }
    String sep = names.stream().anyMatch(n -> n.contains("/")) ? "/" : ".";
    List<String[]> segments = new ArrayList<>();
    for (String name : names) {
      segments.add(TensorNames.segments(name, sep).toArray(String[]::new));
    }
    List<TreeSet<Integer>> kept = new ArrayList<>();
    for (String[] s : segments) {
      TreeSet<Integer> k = new TreeSet<>();
      for (int i = Math.max(0, s.length - 2); i < s.length; i++) {
        k.add(i);
      }
      kept.add(k);
    }
    disambiguate(segments, kept, sep);
    List<String> base = new ArrayList<>();
    for (int i = 0; i < segments.size(); i++) {
      base.add(render(segments.get(i), kept.get(i), sep));
    }
    Map<String, Integer> frequency = segmentFrequency(segments);
    List<String> widened = new ArrayList<>();
    for (int i = 0; i < segments.size(); i++) {
      widened.add(widen(segments.get(i), kept.get(i), sep, maxChars, frequency, names.size()));
    }
    List<String> labels = unlessAmbiguous(widened, base, names);
    List<String> cut = new ArrayList<>();
    for (String label : labels) {
      cut.add(cut(label, sep, maxChars));
    }
    return numberDuplicates(unlessAmbiguous(cut, labels, names));
  }

  /**
   * Drops whole leading segments (a block such as {@code layers.3} is one) until the label fits,
   * keeping at least the last two, and marks the cut with {@code …}; a label still too long loses
   * its first characters.
   */
  private static String cut(String label, String sep, int maxChars) {
    List<String> units = new ArrayList<>(TensorNames.segments(label, sep));
    while (String.join(sep, units).length() > maxChars && namedSegments(units) > 2) {
      units.remove(0);
      if (!units.isEmpty() && units.get(0).equals(GAP)) {
        units.remove(0);
      }
      String marked = GAP + sep + String.join(sep, units);
      if (marked.length() <= maxChars) {
        return marked;
      }
    }
    String rest = String.join(sep, units);
    if (rest.length() > maxChars) {
      return GAP + rest.substring(rest.length() - (maxChars - GAP.length()));
    }
    return rest;
  }

  private static long namedSegments(List<String> units) {
    return units.stream().filter(s -> !s.equals(GAP)).count();
  }

  /**
   * {@code wanted}, except where a label would stand for two different names: there {@code
   * fallback}.
   */
  private static List<String> unlessAmbiguous(
      List<String> wanted, List<String> fallback, List<String> names) {
    Map<String, Set<String>> meanings = new HashMap<>();
    for (int i = 0; i < wanted.size(); i++) {
      meanings.computeIfAbsent(wanted.get(i), k -> new HashSet<>()).add(names.get(i));
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < wanted.size(); i++) {
      out.add(meanings.get(wanted.get(i)).size() > 1 ? fallback.get(i) : wanted.get(i));
    }
    return out;
  }

  /** Adds, for each group of names sharing a label, the segment that best tells them apart. */
  private static void disambiguate(
      List<String[]> segments, List<TreeSet<Integer>> kept, String sep) {
    while (true) {
      Map<String, List<Integer>> groups = new HashMap<>();
      for (int i = 0; i < segments.size(); i++) {
        groups
            .computeIfAbsent(render(segments.get(i), kept.get(i), sep), k -> new ArrayList<>())
            .add(i);
      }
      boolean changed = false;
      for (List<Integer> group : groups.values()) {
        if (group.size() > 1) {
          changed |= split(group, segments, kept);
        }
      }
      if (!changed) {
        return;
      }
    }
  }

  /** Keeps the segment (counted from the end) whose values differ most within the group. */
  private static boolean split(
      List<Integer> group, List<String[]> segments, List<TreeSet<Integer>> kept) {
    int deepest = 0;
    for (int i : group) {
      deepest = Math.max(deepest, segments.get(i).length);
    }
    int bestOffset = -1;
    int bestDistinct = 1;
    for (int offset = 1; offset <= deepest; offset++) {
      Set<String> values = new HashSet<>();
      boolean allKept = true;
      for (int i : group) {
        String[] s = segments.get(i);
        int at = s.length - offset;
        values.add(at >= 0 ? s[at] : "\0");
        allKept &= at < 0 || kept.get(i).contains(at);
      }
      if (!allKept && values.size() > bestDistinct) {
        bestDistinct = values.size();
        bestOffset = offset;
      }
    }
    if (bestOffset < 0) {
      return false; // equal names: numbered later
    }
    for (int i : group) {
      int at = segments.get(i).length - bestOffset;
      if (at >= 0) {
        kept.get(i).add(at);
        // a bare number reads better with the word before it: layers.0, not 0
        if (at > 0 && NUMBER.matcher(segments.get(i)[at]).matches()) {
          kept.get(i).add(at - 1);
        }
      }
    }
    return true;
  }

  /** Puts back skipped inner segments, then rare leading ones, while the label fits. */
  private static String widen(
      String[] s,
      TreeSet<Integer> kept,
      String sep,
      int maxChars,
      Map<String, Integer> frequency,
      int nameCount) {
    TreeSet<Integer> k = new TreeSet<>(kept);
    if (k.isEmpty()) {
      return "";
    }
    for (int at = k.last(); at > k.first(); at--) {
      if (!k.contains(at)) {
        k.add(at);
        if (render(s, k, sep).length() > maxChars) {
          k.remove(at);
        }
      }
    }
    for (int at = k.first() - 1; at >= 0; at--) {
      if (frequency.get(s[at]) * 2 > nameCount) {
        break;
      }
      k.add(at);
      if (render(s, k, sep).length() > maxChars) {
        k.remove(at);
        break;
      }
    }
    return render(s, k, sep);
  }

  private static String render(String[] s, TreeSet<Integer> kept, String sep) {
    StringBuilder label = new StringBuilder();
    int previous = -1;
    for (int at : kept) {
      if (previous >= 0) {
        label.append(sep);
        if (at > previous + 1) {
          label.append(GAP).append(sep);
        }
      }
      label.append(s[at]);
      previous = at;
    }
    return label.toString();
  }

  /** In how many names each segment occurs. */
  private static Map<String, Integer> segmentFrequency(List<String[]> segments) {
    Map<String, Integer> frequency = new HashMap<>();
    for (String[] s : segments) {
      for (String segment : new HashSet<>(List.of(s))) {
        frequency.merge(segment, 1, Integer::sum);
      }
    }
    return frequency;
  }

  private static List<String> numberDuplicates(List<String> labels) {
    Set<String> taken = new HashSet<>();
    List<String> out = new ArrayList<>();
    for (String label : labels) {
      String unique = label;
      for (int n = 2; !taken.add(unique); n++) {
        unique = label + " (" + n + ")";
      }
      out.add(unique);
    }
    return out;
  }
}
