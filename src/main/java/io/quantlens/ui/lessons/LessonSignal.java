package io.quantlens.ui.lessons;

import io.quantlens.analysis.lessons.TestSignal;
import io.quantlens.model.Layer;
import io.quantlens.model.Tensor;
import io.quantlens.text.Messages;

/**
 * A signal a lesson can quantize: one of the test signals, or the weights of the layer selected in
 * the workbench (the first {@link #MAX_WEIGHTS} of them).
 *
 * @param signal the test signal, or null for the layer's weights
 * @param layer the layer, or null for a test signal
 */
record LessonSignal(TestSignal signal, Layer layer, String label) {
  /** Samples drawn from a test signal. */
  static final int SAMPLES = 65_536;

  /** Weights read from a layer at most. */
  static final int MAX_WEIGHTS = 1 << 20;

  /** Seed of every test signal, so a lesson shows the same numbers each time. */
  private static final long SEED = 2026;

  static LessonSignal of(TestSignal signal, Messages m) {
    return new LessonSignal(signal, null, m.get("lesson.signal." + signal.name().toLowerCase()));
  }

  static LessonSignal of(Layer layer, Messages m) {
    return new LessonSignal(null, layer, m.get("lesson.signal.layer", layer.name()));
  }

  /** The values: the signal's samples or the layer's first weights. */
  float[] values() {
    if (signal != null) {
      return signal.samples(SAMPLES, SEED);
    }
    Tensor w = layer.weight();
    float[] x = new float[(int) Math.min(MAX_WEIGHTS, w.elementCount())];
    w.reader().read(0, x, 0, x.length);
    return x;
  }

  @Override
  public String toString() {
    return label;
  }
}
