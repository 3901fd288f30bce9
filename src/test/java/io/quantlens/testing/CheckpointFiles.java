package io.quantlens.testing;

import io.quantlens.formats.gguf.GgmlType;
import io.quantlens.formats.gguf.GgufValue;
import io.quantlens.formats.gguf.GgufWriter;
import io.quantlens.formats.safetensors.ByteSource;
import io.quantlens.formats.safetensors.SafetensorsWriter;
import io.quantlens.formats.safetensors.TensorSpec;
import io.quantlens.model.TensorReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small checkpoints for comparison tests, from matrices the test makes. */
public final class CheckpointFiles {
  private CheckpointFiles() {}

  /** A [rows, columns] matrix of deterministic noise, distinct for each seed. */
  public static float[][] matrix(int seed, int rows, int columns) {
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
    float[][] m = new float[rows][columns];
    for (float[] row : m) {
      for (int c = 0; c < columns; c++) {
        row[c] = (float) (random.nextGaussian() * 0.02);
      }
    }
    return m;
  }

  public static float[][] rows(float[][] m, int from, int to) {
    return java.util.Arrays.copyOfRange(m, from, to);
  }

  public static float[][] stack(float[][]... parts) {
    List<float[]> all = new ArrayList<>();
    for (float[][] p : parts) {
      all.addAll(List.of(p));
    }
    return all.toArray(float[][]::new);
  }

  public static float[][] transpose(float[][] m) {
    float[][] t = new float[m[0].length][m.length];
    for (int r = 0; r < m.length; r++) {
      for (int c = 0; c < m[0].length; c++) {
        t[c][r] = m[r][c];
      }
    }
    return t;
  }

  public static float[] flat(float[][] m) {
    float[] out = new float[m.length * m[0].length];
    for (int r = 0; r < m.length; r++) {
      System.arraycopy(m[r], 0, out, r * m[0].length, m[0].length);
    }
    return out;
  }

  /** F32 safetensors, one entry per (tensor name → matrix), in the order given. */
  public static Path safetensors(Path file, Map<String, float[][]> tensors) throws IOException {
    List<TensorSpec> specs = new ArrayList<>();
    tensors.forEach(
        (name, m) ->
            specs.add(
                new TensorSpec(
                    name, "F32", new long[] {m.length, m[0].length}, ByteSource.float32(flat(m)))));
    SafetensorsWriter.write(file, specs, Map.of("format", "pt"));
    return file;
  }

  /** A GGUF file of {@code architecture} with the given metadata, every matrix in {@code type}. */
  public static Path gguf(
      Path file,
      String architecture,
      Map<String, Long> numbers,
      Map<String, float[][]> tensors,
      Map<String, GgmlType> types)
      throws IOException {
    GgufWriter writer =
        new GgufWriter().put("general.architecture", GgufValue.string(architecture));
    numbers.forEach((k, v) -> writer.put(k, GgufValue.uint32(v)));
    tensors.forEach(
        (name, m) ->
            writer.tensorFromFloats(
                name,
                types.getOrDefault(name, GgmlType.F32),
                new long[] {m.length, m[0].length},
                TensorReader.of(flat(m))));
    writer.write(file);
    return file;
  }

  public static <V> Map<String, V> ordered(Object... pairs) {
    Map<String, V> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      @SuppressWarnings("unchecked")
      V v = (V) pairs[i + 1];
      map.put((String) pairs[i], v);
    }
    return map;
  }
}
