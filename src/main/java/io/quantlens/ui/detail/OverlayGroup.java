package io.quantlens.ui.detail;

import io.quantlens.analysis.LayerDetail;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Which scale group's levels the weight histogram draws over the whole layer's weights: the widest
 * (largest scale: the coarsest levels, and the analysis's own), the median one (a typical group),
 * or one the user names.
 *
 * @param kind how the group is chosen
 * @param index the chosen group, for {@link Kind#CHOSEN}
 */
public record OverlayGroup(Kind kind, int index) {
  public enum Kind {
    WIDEST,
    MEDIAN,
    CHOSEN
  }

  public static final OverlayGroup WIDEST = new OverlayGroup(Kind.WIDEST, 0);
  public static final OverlayGroup MEDIAN = new OverlayGroup(Kind.MEDIAN, 0);

  public static OverlayGroup chosen(int index) {
    return new OverlayGroup(Kind.CHOSEN, index);
  }

  /** The group of {@code detail} this choice names, within its groups. */
  public int groupOf(LayerDetail detail) {
    return switch (kind) {
      case WIDEST -> detail.levelsGroup();
      case MEDIAN -> medianGroup(detail.scales());
      case CHOSEN -> Math.max(0, Math.min(index, detail.groupCount() - 1));
    };
  }

  /**
   * The group whose scale is the median (the lower middle one for an even count; ties by index): a
   * scale is proportional to the range its group spans.
   */
  static int medianGroup(float[] scales) {
    int[] order =
        IntStream.range(0, scales.length)
            .boxed()
            .sorted(Comparator.<Integer>comparingDouble(i -> scales[i]).thenComparingInt(i -> i))
            .mapToInt(Integer::intValue)
            .toArray();
    return order[(order.length - 1) / 2];
  }
}
