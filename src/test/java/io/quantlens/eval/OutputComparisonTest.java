package io.quantlens.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Metrics against values worked out by hand. */
class OutputComparisonTest {

  @Test
  void klDivergenceOfSoftmaxMatchesTheClosedForm() {
    // softmax([0, ln 3]) = [1/4, 3/4]; softmax([0, 0]) = [1/2, 1/2]
    double kl =
        OutputComparison.klDivergence(
            new float[] {0, (float) Math.log(3)}, new float[] {0, 0}, false);
    double expected = 0.25 * Math.log(0.25 / 0.5) + 0.75 * Math.log(0.75 / 0.5);
    assertEquals(expected, kl, 1e-7);
    assertEquals(
        0.0, OutputComparison.klDivergence(new float[] {1, 2, 3}, new float[] {1, 2, 3}, false));
  }

  @Test
  void probabilitiesAreNotSoftmaxedTwice() {
    float[][] p = {{0.25f, 0.75f}};
    assertTrue(OutputComparison.areProbabilities(p));
    double kl = OutputComparison.klDivergence(p[0], new float[] {0.5f, 0.5f}, true);
    assertEquals(0.25 * Math.log(0.5) + 0.75 * Math.log(1.5), kl, 1e-7);
  }

  @Test
  void aggregatesOverSamples() {
    float[][] reference = {{3, 4}, {1, 0}, {0, 2}};
    float[][] quantized = {{3, 3}, {0, 1}, {0, 2}};
    long[] labels = {1, 0, 0};
    OutputComparison.Metrics m =
        OutputComparison.compare(EvalTask.Kind.CLASSIFIER, reference, quantized, labels);
    // Σy² = 9+16+1+4 = 30, Σe² = 1+1+1 = 3 → 10 dB
    assertEquals(10.0, m.sqnrDb(), 1e-12);
    // classes: ref 1,0,1; quantized 0 (tie → first), 1, 1
    assertEquals(1.0 / 3, m.top1Agreement(), 1e-12);
    assertEquals(2.0 / 3, m.referenceAccuracy(), 1e-12); // samples 0 and 1 right
    assertEquals(0.0, m.quantizedAccuracy(), 1e-12);
    double cos0 = (9 + 12) / (5 * Math.sqrt(18));
    assertEquals((cos0 + 0 + 1) / 3, m.meanCosine(), 1e-12);
    assertTrue(Double.isNaN(m.neighbourAgreement()));
    assertEquals(3, m.samples().size());
    assertTrue(m.samples().get(0).flipped());
    assertEquals(-1, m.samples().get(0).referenceNeighbour());
  }

  @Test
  void nearestNeighboursByCosine() {
    float[][] v = {{1, 0}, {0.9f, 0.1f}, {0, 1}, {0.1f, 1}};
    assertArrayEquals(new int[] {1, 0, 3, 2}, OutputComparison.nearestNeighbours(v));
    float[][] moved = {{1, 0}, {0.2f, 1}, {0, 1}, {0.1f, 1}};
    OutputComparison.Metrics m = OutputComparison.compare(EvalTask.Kind.EMBEDDING, v, moved, null);
    // new neighbours: 0→1 (only positive x), 1→3, 2→3, 3→1: two of four kept (0 and 2)
    assertEquals(0.5, m.neighbourAgreement(), 1e-12);
    assertTrue(Double.isNaN(m.top1Agreement()));
    assertTrue(Double.isNaN(m.meanKl()));
  }

  @Test
  void identicalOutputsAreExact() {
    float[][] y = {{0.5f, -2}, {7, 1e-3f}};
    OutputComparison.Metrics m = OutputComparison.compare(EvalTask.Kind.CLASSIFIER, y, y, null);
    assertEquals(Double.POSITIVE_INFINITY, m.sqnrDb());
    assertEquals(1.0, m.meanCosine());
    assertEquals(0.0, m.meanKl());
    assertEquals(1.0, m.top1Agreement());
    assertTrue(Double.isNaN(m.referenceAccuracy()));
  }
}
