package io.quantlens.analysis;

import io.quantlens.model.DType;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.model.ModelMetadata;
import io.quantlens.model.Tensor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Models held in arrays, for analysis tests that need no file. */
final class InMemoryModels {
  private InMemoryModels() {}

  static Tensor tensor(String name, float[] data, long... shape) {
    return new Tensor(
        name,
        DType.FLOAT32,
        shape,
        (start, dst, off, count) -> System.arraycopy(data, (int) start, dst, off, count));
  }

  static Model model(Layer... layers) {
    return new Model(
        Path.of("in-memory.onnx"),
        new ModelMetadata("test", "", 0, Map.of()),
        List.of(),
        List.of(),
        List.of(layers),
        List.of(layers).stream().map(Layer::weight).toList());
  }

  static float[] uniform(int n, long seed) {
    java.util.Random random = new java.util.Random(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = random.nextFloat() * 2 - 1;
    }
    return x;
  }

  static float[] gaussian(int n, long seed) {
    java.util.Random random = new java.util.Random(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (random.nextGaussian() * 0.05);
    }
    return x;
  }
}
