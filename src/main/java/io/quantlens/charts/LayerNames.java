package io.quantlens.charts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Short, unique labels for long layer names such as {@code
 * /encoder/layer.0/attention/self/query/MatMul}.
 *
 * <p>A name is split into segments at {@code /} (or at {@code .} when no name has a {@code /}). A
 * label keeps the last two segments (the distinctive tail: {@code query/MatMul}) plus, for names
 * that would otherwise share a label, the segments that tell them apart ({@code layer.0}); skipped
 * segments show as {@code …}. While a label fits the character budget, skipped segments between
 * kept ones are put back, then leading segments that few names share ({@code pooler}, not {@code
 * encoder}). A label still over the budget loses leading segments (keeping the last two), then its
 * first characters, unless that would make it ambiguous: then it stays over the budget. Labels are
 * always unique: equal input names get {@code (2)}, {@code (3)} appended.
 */
public final class LayerNames {
  /** The default character budget of a label. */
  public static final int DEFAULT_MAX_CHARS = 40;

  private static final String GAP = "…";
  private static final Pattern NUMBER = Pattern.compile("\\d+");

  private LayerNames() {}

  /** Labels for {@code names}, in the same order, unique, within {@link #DEFAULT_MAX_CHARS}. */
  public static List<String> abbreviate(List<String> names) {
    return abbreviate(names, DEFAULT_MAX_CHARS);
  }

  /**
   * Labels for {@code names}, in the same order, unique, at most {@code maxChars} long where
   * possible.
   */
  public static List<String> abbreviate(List<String> names, int maxChars) {
    if (maxChars < 8) {
      throw new IllegalArgumentException("a label budget under 8 characters: " + maxChars);
    }
    String sep = names.stream().anyMatch(n -> n.contains("/")) ? "/" : ".";
    List<String[]> segments = new ArrayList<>();
    for (String name : names) {
      segments.add(
          Arrays.stream(name.split(Pattern.quote(sep)))
              .filter(s -> !s.isEmpty())
              .toArray(String[]::new));
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
   * Drops whole leading segments until the label fits, keeping at least the last two, and marks the
   * cut with {@code …}; a label still too long loses its first characters.
   */
  private static String cut(String label, String sep, int maxChars) {
    String rest = label;
    while (rest.length() > maxChars && namedSegments(rest, sep) > 2) {
      rest = rest.substring(rest.indexOf(sep) + sep.length());
      if (rest.startsWith(GAP + sep)) {
        rest = rest.substring(GAP.length() + sep.length());
      }
      if (GAP.length() + sep.length() + rest.length() <= maxChars) {
        return GAP + sep + rest;
      }
    }
    if (rest.length() > maxChars) {
      return GAP + rest.substring(rest.length() - (maxChars - GAP.length()));
    }
    return rest;
  }

  private static long namedSegments(String label, String sep) {
    return Arrays.stream(label.split(Pattern.quote(sep))).filter(s -> !s.equals(GAP)).count();
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
