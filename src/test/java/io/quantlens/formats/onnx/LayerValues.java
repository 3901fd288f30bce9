package io.quantlens.formats.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import java.nio.FloatBuffer;
import java.nio.file.Path;

/** What the weight-form tests read back: a model's one layer and its values. */
final class LayerValues {
  private LayerValues() {}

  /** The only layer of the model in {@code file}. */
  static Layer only(Path file) throws Exception {
    Model model = new OnnxModelReader().read(file);
    assertEquals(1, model.layers().size(), model.layers().toString());
    return model.layers().get(0);
  }

  /** Every value of the layer's weight, as the layer shows it. */
  static float[] values(Layer layer) {
    float[] v = new float[(int) layer.weight().elementCount()];
    layer.weight().reader().read(0, v, 0, v.length);
    return v;
  }

  static float[] toArray(FloatBuffer buffer) {
    float[] v = new float[buffer.remaining()];
    buffer.get(v);
    return v;
  }

  /** {@code n} values stepping by {@code step} from −n/2·step. */
  static float[] ramp(int n, float step) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (i - n / 2) * step;
    }
    return v;
  }
}
