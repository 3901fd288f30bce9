package io.quantlens.formats.safetensors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantlens.files.AtomicWrite;
import io.quantlens.formats.StrictJson;
import io.quantlens.model.DType;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.model.ModelFormatException;
import io.quantlens.model.Tensor;
import io.quantlens.model.TensorNames;
import io.quantlens.quant.HalfFloats;
import io.quantlens.quant.IntFormat;
import io.quantlens.quant.MlxQuantizer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a model as an MLX quantized folder, what {@code mlx_lm.convert -q} makes: {@code
 * model.safetensors} with each quantized layer's weight as packed {@code uint32} codes plus {@code
 * .scales} and {@code .biases} in the weight's own float type, every other tensor as it was, and
 * {@code config.json} (the source's, when it has one) with the {@code quantization} entry: the
 * common bits and group size, an object for each layer quantized otherwise and {@code false} for
 * each linear or embedding layer left in float (docs/file-formats.md#writing-mlx-folders).
 *
 * <p>Codes and parameters are {@link MlxQuantizer}'s, MLX's CPU {@code quantize}; codes are packed
 * as the reader unpacks them ({@link MlxAffineReader}): each row a little-endian bit stream, least
 * significant bits first.
 */
public final class MlxWriter {
  /** The file name {@code mlx_lm} writes a single-file model under. */
  public static final String WEIGHTS = "model.safetensors";

  /** The bits and group size of one layer. */
  public record Quantization(int bits, int groupSize) {
    public Quantization {
      if (!Set.of(2, 3, 4, 5, 6, 8).contains(bits)) {
        throw new IllegalArgumentException("MLX quantizes to 2, 3, 4, 5, 6 or 8 bits, not " + bits);
      }
      if (groupSize <= 0 || groupSize % 32 != 0) {
        throw new IllegalArgumentException("MLX groups are a multiple of 32, not " + groupSize);
      }
    }
  }

  private MlxWriter() {}

  /**
   * @param layers layer name → its quantization, for the layers to quantize
   * @param unquantized names of the linear and embedding layers left in float, marked {@code false}
   * @param folder the folder to write into (created when missing)
   * @return the safetensors file written
   * @throws ModelFormatException naming the source when a layer cannot be quantized as asked
   */
  public static Path write(
      Model source, Map<String, Quantization> layers, List<String> unquantized, Path folder)
      throws IOException, ModelFormatException {
    Map<String, Layer> byWeight = new HashMap<>();
    for (Layer layer : source.layers()) {
      if (layers.containsKey(layer.name())) {
        byWeight.put(layer.weight().name(), layer);
      }
    }
    List<TensorSpec> specs = new ArrayList<>();
    for (Tensor t : source.initializers()) {
      Layer layer = byWeight.get(t.name());
      if (layer == null) {
        String type = floatType(source, t);
        // its own float type: a lossless round trip through float32
        specs.add(
            new TensorSpec(
                t.name(), type, t.shape(), ByteSource.floats(t.reader(), type, t.elementCount())));
      } else {
        specs.addAll(quantized(source, layer, layers.get(layer.name())));
      }
    }
    Files.createDirectories(folder);
    Path weights = folder.resolve(WEIGHTS);
    SafetensorsWriter.write(weights, specs, Map.of("format", "mlx"));
    writeConfig(source, layers, unquantized, folder.resolve(MlxConfig.FILE_NAME));
    return weights;
  }

  private static List<TensorSpec> quantized(Model source, Layer layer, Quantization q)
      throws ModelFormatException {
    Tensor w = layer.weight();
    if (w.rank() != 2 || layer.channelAxis() != 0) {
      throw new ModelFormatException(
          source.source(),
          layer.name() + ": MLX quantizes [out, in] matrices, not " + w.shapeText());
    }
    long rows = w.dim(0);
    long columns = w.dim(1);
    if (columns % q.groupSize() != 0) {
      throw new ModelFormatException(
          source.source(),
          layer.name()
              + ": rows of "
              + columns
              + " weights do not split into groups of "
              + q.groupSize());
    }
    String stem = TensorNames.layerName(w.name());
    String scaleType = floatType(source, w);
    long groups = columns / q.groupSize();
    RowCodes codes = new RowCodes(w, q, scaleType);
    return List.of(
        new TensorSpec(
            stem + ".weight", "U32", new long[] {rows, columns * q.bits() / 32}, codes::packed),
        new TensorSpec(stem + ".scales", scaleType, new long[] {rows, groups}, codes::scales),
        new TensorSpec(stem + ".biases", scaleType, new long[] {rows, groups}, codes::biases));
  }

  /** A layer's rows quantized on demand, a few at a time, for whichever byte range is asked. */
  private static final class RowCodes {
    private final Tensor weight;
    private final Quantization q;
    private final IntFormat format;
    private final int columns;
    private final int groups;
    private final int scaleBytes;
    private final boolean bf16;

    RowCodes(Tensor weight, Quantization q, String scaleType) {
      this.weight = weight;
      this.q = q;
      this.format = new IntFormat(q.bits());
      this.columns = Math.toIntExact(weight.dim(1));
      this.groups = columns / q.groupSize();
      this.scaleBytes = scaleType.equals("F32") ? 4 : 2;
      this.bf16 = scaleType.equals("BF16");
    }

    void packed(long offset, ByteBuffer target) {
      int rowBytes = columns * q.bits() / 8;
      each(offset, target, rowBytes, (row, out) -> pack(row, out));
    }

    void scales(long offset, ByteBuffer target) {
      each(offset, target, groups * scaleBytes, (row, out) -> params(row, out, true));
    }

    void biases(long offset, ByteBuffer target) {
      each(offset, target, groups * scaleBytes, (row, out) -> params(row, out, false));
    }

    private interface RowBytes {
      void write(long row, ByteBuffer out);
    }

    /** Fills {@code target} from the rows under {@code [offset, offset + remaining)}. */
    private void each(long offset, ByteBuffer target, int rowBytes, RowBytes rowWriter) {
      ByteBuffer row = ByteBuffer.allocate(rowBytes).order(ByteOrder.LITTLE_ENDIAN);
      long at = offset;
      while (target.hasRemaining()) {
        long r = at / rowBytes;
        int skip = (int) (at % rowBytes);
        row.clear();
        rowWriter.write(r, row);
        int n = Math.min(rowBytes - skip, target.remaining());
        target.put(row.array(), skip, n);
        at += n;
      }
    }

    private float[] values(long row) {
      float[] x = new float[columns];
      weight.reader().read(row * columns, x, 0, columns);
      return x;
    }

    private MlxQuantizer.Params params(float[] x, int group) {
      float min = Float.POSITIVE_INFINITY;
      float max = Float.NEGATIVE_INFINITY;
      for (int i = group * q.groupSize(), end = i + q.groupSize(); i < end; i++) {
        min = Math.min(min, x[i]);
        max = Math.max(max, x[i]);
      }
      return MlxQuantizer.params(format, min, max);
    }

    private void params(long row, ByteBuffer out, boolean scale) {
      float[] x = values(row);
      for (int g = 0; g < groups; g++) {
        MlxQuantizer.Params p = params(x, g);
        float v = scale ? p.scale() : p.bias();
        if (scaleBytes == 4) {
          out.putFloat(v);
        } else {
          out.putShort(bf16 ? HalfFloats.toBf16(v) : HalfFloats.toFp16(v));
        }
      }
    }

    private void pack(long row, ByteBuffer out) {
      float[] x = values(row);
      int[] codes = new int[columns];
      for (int g = 0; g < groups; g++) {
        MlxQuantizer.codes(x, g * q.groupSize(), q.groupSize(), params(x, g), codes);
      }
      byte[] bytes = out.array();
      java.util.Arrays.fill(bytes, (byte) 0);
      for (int i = 0; i < columns; i++) {
        long bit = (long) i * q.bits();
        for (int b = 0; b < q.bits(); b++) {
          if ((codes[i] >> b & 1) != 0) {
            long at = bit + b;
            bytes[(int) (at >> 3)] |= (byte) (1 << (at & 7));
          }
        }
      }
      out.position(bytes.length);
    }
  }

  /** The safetensors float type a tensor is written in: its own, F32 for anything else. */
  private static String floatType(Model source, Tensor t) throws ModelFormatException {
    DType d = t.dtype();
    return switch (d) {
      case FLOAT16 -> "F16";
      case BFLOAT16 -> "BF16";
      case FLOAT32 -> "F32";
      default ->
          throw new ModelFormatException(
              source.source(),
              "tensor " + t.name() + ": MLX export copies F32, F16 and BF16 tensors, not " + d);
    };
  }

  private static void writeConfig(
      Model source, Map<String, Quantization> layers, List<String> unquantized, Path target)
      throws IOException, ModelFormatException {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    Path beside = source.source().resolveSibling(MlxConfig.FILE_NAME);
    if (Files.isRegularFile(beside)) {
      try {
        JsonNode read = StrictJson.parse(Files.readAllBytes(beside));
        if (read instanceof ObjectNode o) {
          root = o;
        }
      } catch (StrictJson.Invalid e) {
        throw new ModelFormatException(beside, "not valid JSON: " + e.getMessage());
      }
    }
    Map<Quantization, Integer> counts = new HashMap<>();
    layers.values().forEach(q -> counts.merge(q, 1, Integer::sum));
    Quantization common =
        counts.entrySet().stream()
            .max(Map.Entry.<Quantization, Integer>comparingByValue())
            .map(Map.Entry::getKey)
            .orElse(new Quantization(4, 64));
    ObjectNode quantization = mapper.createObjectNode();
    quantization.put("group_size", common.groupSize());
    quantization.put("bits", common.bits());
    layers.forEach(
        (name, q) -> {
          if (!q.equals(common)) {
            quantization.putObject(name).put("group_size", q.groupSize()).put("bits", q.bits());
          }
        });
    unquantized.forEach(name -> quantization.put(name, false));
    root.set("quantization", quantization);
    root.set("quantization_config", quantization.deepCopy());
    ObjectNode config = root;
    AtomicWrite.writeStream(target, out -> mapper.writeValue(out, config));
  }
}
