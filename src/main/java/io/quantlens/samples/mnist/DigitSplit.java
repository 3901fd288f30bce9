package io.quantlens.samples.mnist;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** A training set and a held-out evaluation set that share no image. */
public record DigitSplit(Digits train, Digits eval) {

  /**
   * Holds out {@code evalPerClass} images of every class, chosen at random with {@code seed}. The
   * training images keep their source order; the held-out ones are shuffled, so any prefix of them
   * mixes the classes.
   */
  public static DigitSplit stratified(Digits all, int evalPerClass, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Integer> eval = new ArrayList<>();
    boolean[] held = new boolean[all.size()];
    for (int digit = 0; digit < CnnArchitecture.CLASSES; digit++) {
      List<Integer> members = new ArrayList<>();
      for (int i = 0; i < all.size(); i++) {
        if (all.label(i) == digit) {
          members.add(i);
        }
      }
      if (members.size() <= evalPerClass) {
        throw new IllegalArgumentException(
            "class "
                + digit
                + " has "
                + members.size()
                + " images, too few to hold out "
                + evalPerClass);
      }
      int[] order = shuffled(members.stream().mapToInt(Integer::intValue).toArray(), random);
      for (int k = 0; k < evalPerClass; k++) {
        eval.add(order[k]);
        held[order[k]] = true;
      }
    }
    int[] evalIndices = shuffled(eval.stream().mapToInt(Integer::intValue).toArray(), random);
    int[] trainIndices = new int[all.size() - evalIndices.length];
    int t = 0;
    for (int i = 0; i < all.size(); i++) {
      if (!held[i]) {
        trainIndices[t++] = i;
      }
    }
    return new DigitSplit(all.select(trainIndices), all.select(evalIndices));
  }

  /** A Fisher–Yates shuffle of a copy of {@code values}. */
  static int[] shuffled(int[] values, SplittableRandom random) {
    int[] out = values.clone();
    for (int i = out.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int tmp = out[i];
      out[i] = out[j];
      out[j] = tmp;
    }
    return out;
  }
}
