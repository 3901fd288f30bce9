package io.quantlens.eval;

import io.quantlens.formats.npy.NpyArray;
import io.quantlens.formats.npy.NpyType;
import io.quantlens.model.InputDims;
import io.quantlens.model.Model;
import io.quantlens.model.ModelFormatException;
import io.quantlens.model.ValueInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded random inputs for a model that comes without data. They carry no labels and no meaning, so
 * only agreement with FP32 is measured on them. Symbolic dimensions after the first become {@value
 * #FREE_DIM}; floats are standard normal, bytes uniform, masks 1, type ids 0 and other integers
 * uniform in [0, {@value #INDEX_RANGE}).
 */
public final class GeneratedInputs {
  public static final int DEFAULT_SAMPLES = 64;
  static final int FREE_DIM = 16;
  static final int INDEX_RANGE = 100;

  private GeneratedInputs() {}

  public static EvalData forModel(Model model, int samples, long seed) throws ModelFormatException {
    SplittableRandom random = new SplittableRandom(seed);
    Map<String, NpyArray> inputs = new LinkedHashMap<>();
    for (ValueInfo input : model.inputs()) {
      NpyType type = InputTypes.npyType(input.elementType());
      if (type == null || type == NpyType.FLOAT16) {
        throw new ModelFormatException(
            model.source(),
            "cannot make inputs of type " + input.elementType() + " for '" + input.name() + "'");
      }
      long[] shape = new long[Math.max(1, input.dims().size())];
      shape[0] = samples;
      for (int axis = 1; axis < shape.length; axis++) {
        Long fixed = InputDims.fixed(input.dims().get(axis));
        shape[axis] = fixed == null ? FREE_DIM : fixed;
      }
      inputs.put(input.name(), fill(input.name(), type, shape, random.split()));
    }
    return new EvalData(inputs, null, samples, DataOrigin.GENERATED, null);
  }

  private static NpyArray fill(String name, NpyType type, long[] shape, SplittableRandom random) {
    long count = 1;
    for (long d : shape) {
      count = Math.multiplyExact(count, d);
    }
    ByteBuffer bytes =
        ByteBuffer.allocate(Math.toIntExact(count * type.bytes())).order(ByteOrder.LITTLE_ENDIAN);
    String lower = name.toLowerCase(Locale.ROOT);
    long constant = lower.contains("mask") ? 1 : lower.contains("type") ? 0 : -1;
    for (long i = 0; i < count; i++) {
      long integer = constant >= 0 ? constant : random.nextInt(INDEX_RANGE);
      switch (type) {
        case FLOAT32 -> bytes.putFloat((float) random.nextGaussian());
        case FLOAT64 -> bytes.putDouble(random.nextGaussian());
        case FLOAT16 -> throw new IllegalStateException("checked above");
        case UINT8 -> bytes.put((byte) random.nextInt(256));
        case BOOL -> bytes.put((byte) (constant >= 0 ? constant : random.nextInt(2)));
        case INT8 -> bytes.put((byte) integer);
        case INT16 -> bytes.putShort((short) integer);
        case INT32 -> bytes.putInt((int) integer);
        case INT64 -> bytes.putLong(integer);
      }
    }
    bytes.flip();
    return new NpyArray(type, shape, bytes);
  }
}
