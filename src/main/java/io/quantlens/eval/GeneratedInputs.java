package io.quantlens.eval;

import io.quantlens.formats.npy.NpyArray;
import io.quantlens.formats.npy.NpyType;
import io.quantlens.model.InputDims;
import io.quantlens.model.Model;
import io.quantlens.model.ModelFormatException;
import io.quantlens.model.ValueInfo;
import io.quantlens.quant.HalfFloats;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Seeded random inputs for a model that comes without data. They carry no labels and no meaning, so
 * only agreement with FP32 is measured on them. Symbolic dimensions after the first are sized as
 * {@link InputDims} says (user-set, else a named default such as sequence length or image side);
 * inputs without a batch axis (scalars, recurrent states) are made once and passed whole. Floats
 * are standard normal, bytes uniform, masks 1, type ids 0 and other integers uniform in [0, {@value
 * #INDEX_RANGE}).
 */
public final class GeneratedInputs {
  /**
   * Generated data is held in memory (one array per input): at most this much of it, and at most a
   * quarter of the heap.
   */
  static final long MAX_GENERATED_BYTES = 1L << 30;

  public static final int DEFAULT_SAMPLES = 64;
  static final int INDEX_RANGE = 100;

  private GeneratedInputs() {}

  /**
   * About {@value #DEFAULT_SAMPLES} samples: the least multiple of the model's fixed batch that is
   * at least that many.
   */
  public static EvalData forModel(Model model, InputDims dims, long seed)
      throws ModelFormatException {
    long fixed = BatchAxis.fixedBy(model, wholeInputs(model)).map(BatchAxis.Fixed::size).orElse(1L);
    long samples = Math.max(fixed, (DEFAULT_SAMPLES + fixed - 1) / fixed * fixed);
    if (samples > Integer.MAX_VALUE) {
      throw new ModelFormatException(model.source(), "the model's fixed batch is too large");
    }
    return forModel(model, (int) samples, dims, seed);
  }

  /** {@code samples} samples, every symbolic dimension at its default. */
  public static EvalData forModel(Model model, int samples, long seed) throws ModelFormatException {
    return forModel(model, samples, InputDims.defaults(), seed);
  }

  public static EvalData forModel(Model model, int samples, InputDims dims, long seed)
      throws ModelFormatException {
    dims.checkAgainst(model.inputs());
    SplittableRandom random = new SplittableRandom(seed);
    Map<String, NpyArray> inputs = new LinkedHashMap<>();
    Set<String> whole = wholeInputs(model);
    long limit = Math.min(MAX_GENERATED_BYTES, Runtime.getRuntime().maxMemory() / 4);
    long budget = limit;
    for (ValueInfo input : model.inputs()) {
      NpyType type = InputTypes.npyType(input.elementType());
      if (type == null) {
        throw new ModelFormatException(
            model.source(),
            "cannot make inputs of type "
                + input.elementType()
                + " for '"
                + input.name()
                + "'; give them in a data folder (--data DIR with "
                + EvalDataLoader.safeName(input.name())
                + ".npy)");
      }
      long[] shape = dims.resolve(input, samples);
      if (!whole.contains(input.name())) {
        // A fixed first axis counts samples per call; the data holds all of them.
        shape[0] = samples;
      }
      long bytes = bytes(shape, type);
      budget -= bytes;
      if (bytes < 0 || budget < 0) {
        throw new ModelFormatException(
            model.source(),
            "generated inputs would need more than "
                + limit / (1 << 20)
                + " MiB (input '"
                + input.name()
                + "' "
                + java.util.Arrays.toString(shape)
                + " for "
                + samples
                + " samples); give fewer samples per run with --batch, smaller sizes with --dim,"
                + " or the data with --data DIR");
      }
      inputs.put(input.name(), fill(input.name(), type, shape, random.split()));
    }
    return new EvalData(inputs, null, samples, DataOrigin.GENERATED, null, whole);
  }

  /** Bytes of an array of {@code shape}, or -1 when that overflows. */
  private static long bytes(long[] shape, NpyType type) {
    try {
      long count = 1;
      for (long d : shape) {
        count = Math.multiplyExact(count, d);
      }
      return Math.multiplyExact(count, type.bytes());
    } catch (ArithmeticException e) {
      return -1;
    }
  }

  private static Set<String> wholeInputs(Model model) {
    Set<String> whole = new LinkedHashSet<>();
    for (ValueInfo input : model.inputs()) {
      if (!BatchAxis.carriesSamples(model, input)) {
        whole.add(input.name());
      }
    }
    return whole;
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
        case FLOAT16 -> bytes.putShort(HalfFloats.toFp16((float) random.nextGaussian()));
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
