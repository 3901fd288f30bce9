package io.quantlens.samples.mnist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The trainer on 200 of the bundled held-out digits: it learns, and it is reproducible. */
class CnnTrainerTest {
  private static final TrainingConfig TINY =
      new TrainingConfig(new CnnArchitecture(8, 16, 32), 3, 16, 3e-3, 0.9, 1, 11);
  private static Digits digits;
  private static CnnTrainer.Result first;

  @BeforeAll
  static void train() throws Exception {
    digits = EvalSplitFiles.read(CommittedModelAccuracyTest.DIR.resolve("eval")).head(200);
    first = new CnnTrainer(TINY).train(digits, (epoch, loss) -> {});
  }

  @Test
  void lossGoesDown() {
    List<Double> losses = first.epochLosses();
    assertEquals(3, losses.size());
    assertTrue(
        losses.get(2) < 0.7 * losses.get(0), "last epoch loss well below the first: " + losses);
  }

  @Test
  void sameSeedGivesBitwiseIdenticalWeights() {
    CnnTrainer.Result again = new CnnTrainer(TINY).train(digits, (epoch, loss) -> {});
    assertEquals(first.weights(), again.weights());
    assertEquals(first.epochLosses(), again.epochLosses());
  }

  @Test
  void anotherSeedGivesOtherWeights() {
    CnnTrainer.Result other = new CnnTrainer(TINY.withSeed(12)).train(digits, (epoch, loss) -> {});
    assertNotEquals(first.weights(), other.weights());
  }
}
