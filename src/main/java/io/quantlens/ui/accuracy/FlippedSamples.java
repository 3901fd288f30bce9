package io.quantlens.ui.accuracy;

import io.quantlens.eval.EvalResult;
import io.quantlens.eval.SampleResult;
import java.util.List;

/**
 * The samples whose top-1 class changed under the measured plan, the first {@link #LIMIT} with
 * their pictures when the inputs are images.
 *
 * @param result the measurement they come from
 * @param shown the first flipped samples, in data order
 * @param flippedCount how many flipped in all
 * @param brokenCount of those, how many the plan gets wrong where the reference was right
 * @param fixedCount of those, how many the plan gets right where the reference was wrong
 */
public record FlippedSamples(
    EvalResult result, List<Flip> shown, int flippedCount, int brokenCount, int fixedCount) {
  /** More tiles than this tell nothing new and slow the window down. */
  public static final int LIMIT = 300;

  public FlippedSamples {
    shown = List.copyOf(shown);
  }

  /**
   * One flipped sample.
   *
   * @param sample its classes: label (or -1), the reference's and the plan's
   * @param image the input drawn, or null when the inputs are not pictures
   */
  public record Flip(SampleResult sample, SampleImage image) {
    /** The reference had the label and the plan lost it. */
    public boolean broken() {
      return sample.label() >= 0 && sample.referenceClass() == sample.label();
    }

    /** The plan has the label where the reference had not. */
    public boolean fixed() {
      return sample.label() >= 0 && sample.quantizedClass() == sample.label();
    }
  }

  /** The flips of {@code result}; {@code images} null when the inputs are not pictures. */
  public static FlippedSamples of(EvalResult result, SampleImages images) {
    List<SampleResult> flipped = result.flipped();
    List<Flip> shown =
        flipped.stream()
            .limit(LIMIT)
            .map(s -> new Flip(s, images == null ? null : images.image(s.index())))
            .toList();
    int broken = 0;
    int fixed = 0;
    for (SampleResult s : flipped) {
      Flip f = new Flip(s, null);
      broken += f.broken() ? 1 : 0;
      fixed += f.fixed() ? 1 : 0;
    }
    return new FlippedSamples(result, shown, flipped.size(), broken, fixed);
  }
}
