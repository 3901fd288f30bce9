package io.quantlens.formats.safetensors;

import io.quantlens.formats.safetensors.MlxConfig.MlxParams;
import io.quantlens.model.DType;
import io.quantlens.model.ModelFormatException;
import io.quantlens.model.Tensor;
import io.quantlens.model.TensorNames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the weights that Apple MLX stores quantized
 * (docs/file-formats.md#mlx-quantized-safetensors): {@code X.weight} of type U32 holding packed
 * codes, beside {@code X.scales} and {@code X.biases}, one of each per group of the row. Each
 * becomes a tensor of the logical shape that dequantizes as it is read; the scales and biases stay
 * stored tensors but are no layers.
 */
final class MlxLayers {
  /**
   * Bit widths MLX's affine mode quantizes with, whose packing is known
   * (mlx/backend/cpu/quantized.cpp {@code quantize}, {@code extract_bits}); others are refused.
   */
  private static final int[] ALL_BITS = {2, 3, 4, 5, 6, 8};

  /** Group sizes MLX quantizes with, for telling the bits from the shapes. */
  private static final int[] GROUP_SIZES = {32, 64, 128};

  private static final Set<SafetensorsDType> PARAMETER_TYPES =
      Set.of(SafetensorsDType.F16, SafetensorsDType.BF16, SafetensorsDType.F32);

  /** Layers named one by one in the note on inferred bits. */
  private static final int NAMED_INFERRED = 5;

  private MlxLayers() {}

  /**
   * What was found.
   *
   * @param weights the dequantizing weight tensors by the name of the packed tensor they replace
   * @param storage the layer's storage text by the same name
   * @param parameters names of the scales and biases tensors
   * @param notes what the model's notes should say
   */
  record Found(
      Map<String, Tensor> weights,
      Map<String, String> storage,
      Set<String> parameters,
      List<String> notes) {
    Found {
      weights = Map.copyOf(weights);
      storage = Map.copyOf(storage);
      parameters = Set.copyOf(parameters);
      notes = List.copyOf(notes);
    }

    /** The tensor that stands for {@code t}: its dequantizing weight, or t as stored. */
    Tensor tensor(StoredTensor t) {
      Tensor weight = weights.get(t.name());
      return weight != null ? weight : t.plain();
    }
  }

  /** One quantized weight's bits and group size, and what had to be inferred. */
  private record Choice(int bits, int groupSize, String inferred) {}

  /**
   * @param source the file the user opened (a safetensors file or an index); config.json is read
   *     from its folder when a U32 weight has scales or biases beside it
   * @throws ModelFormatException naming the file and the tensor when a triplet is incomplete or its
   *     shapes, types or bits do not agree, or config.json is malformed
   */
  static Found find(Path source, List<StoredTensor> stored) throws ModelFormatException {
    Map<String, StoredTensor> byName = new HashMap<>();
    for (StoredTensor t : stored) {
      byName.put(t.name(), t);
    }
    List<StoredTensor> packed = new ArrayList<>();
    for (StoredTensor t : stored) {
      String layer = TensorNames.layerName(t.name());
      if (t.entry().type() == SafetensorsDType.U32
          && t.name().endsWith(".weight")
          && (byName.containsKey(layer + ".scales") || byName.containsKey(layer + ".biases"))) {
        packed.add(t);
      }
    }
    if (packed.isEmpty()) {
      return new Found(Map.of(), Map.of(), Set.of(), List.of());
    }
    MlxConfig config = MlxConfig.read(source.toAbsolutePath().getParent());
    Map<String, Tensor> weights = new LinkedHashMap<>();
    Map<String, String> storage = new LinkedHashMap<>();
    Set<String> parameters = new HashSet<>();
    List<String> inferred = new ArrayList<>();
    for (StoredTensor w : packed) {
      String layer = TensorNames.layerName(w.name());
      StoredTensor scales = byName.get(layer + ".scales");
      StoredTensor biases = byName.get(layer + ".biases");
      Choice choice = choose(config, w, scales, biases);
      if (!choice.inferred().isEmpty()) {
        inferred.add(layer + " (" + choice.bits() + "-bit, group " + choice.groupSize() + ")");
      }
      weights.put(w.name(), tensor(w, scales, biases, choice));
      storage.put(w.name(), storage(scales, biases, choice));
      parameters.add(scales.name());
      parameters.add(biases.name());
    }
    List<String> notes = new ArrayList<>();
    if (!inferred.isEmpty()) {
      notes.add(inferredNote(config, inferred));
    }
    return new Found(weights, storage, parameters, notes);
  }

  private static Choice choose(
      MlxConfig config, StoredTensor w, StoredTensor scales, StoredTensor biases)
      throws ModelFormatException {
    String layer = TensorNames.layerName(w.name());
    if (scales == null || biases == null) {
      throw problem(
          w,
          "is U32 beside '"
              + (scales == null ? biases : scales).name()
              + "' but there is no '"
              + layer
              + (scales == null ? ".scales" : ".biases")
              + "'; only MLX affine quantization (codes, scales and biases) is read");
    }
    if (config.unquantized().contains(layer)) {
      throw problem(
          w,
          "is packed U32 but "
              + MlxConfig.FILE_NAME
              + " marks layer '"
              + layer
              + "' as not quantized (false)");
    }
    MlxParams params = config.forLayer(layer);
    if (!params.mode().isEmpty() && !params.mode().equals("affine")) {
      throw problem(
          w,
          "is quantized in MLX mode '"
              + params.mode()
              + "' ("
              + MlxConfig.FILE_NAME
              + "); only mode 'affine' is read");
    }
    for (StoredTensor p : List.of(scales, biases)) {
      if (!PARAMETER_TYPES.contains(p.entry().type())) {
        throw problem(
            w,
            "has '" + p.name() + "' of type " + p.entry().type() + "; expected F16, BF16 or F32");
      }
    }
    long[] shape = w.entry().shape();
    long[] s = scales.entry().shape();
    if (shape.length < 2
        || !Arrays.equals(s, biases.entry().shape())
        || s.length != shape.length
        || !Arrays.equals(Arrays.copyOf(shape, shape.length - 1), Arrays.copyOf(s, s.length - 1))) {
      throw mismatch(w, scales, biases, "");
    }
    long columns = shape[shape.length - 1];
    long groups = s[s.length - 1];
    Choice choice =
        params.bits() > 0 && params.groupSize() > 0
            ? new Choice(params.bits(), params.groupSize(), "")
            : infer(w, params, columns, groups);
    if (dtype(choice.bits()) == DType.OTHER) {
      throw problem(
          w,
          "is MLX affine "
              + choice.bits()
              + "-bit, which QuantLens does not read (MLX quantizes with 2, 3, 4, 5, 6 or 8 bits)");
    }
    long logical = columns * 32 / choice.bits();
    if (columns * 32 % choice.bits() != 0
        || logical % choice.groupSize() != 0
        || logical / choice.groupSize() != groups) {
      throw mismatch(w, scales, biases, choice.bits() + "-bit, group " + choice.groupSize());
    }
    return choice;
  }

  /** Bits and group size from the shapes when only one pair MLX uses fits. */
  private static Choice infer(StoredTensor w, MlxParams params, long columns, long groups)
      throws ModelFormatException {
    List<Choice> fits = new ArrayList<>();
    for (int bits : ALL_BITS) {
      if (params.bits() > 0 && bits != params.bits()) {
        continue;
      }
      for (int group : GROUP_SIZES) {
        if (params.groupSize() > 0 && group != params.groupSize()) {
          continue;
        }
        if (columns * 32 == (long) bits * group * groups) {
          fits.add(new Choice(bits, group, what(params)));
        }
      }
    }
    if (fits.size() == 1) {
      return fits.get(0);
    }
    List<String> options = new ArrayList<>();
    for (Choice c : fits) {
      options.add(c.bits() + "-bit group " + c.groupSize());
    }
    throw problem(
        w,
        "is MLX-quantized but "
            + MlxConfig.FILE_NAME
            + " beside it does not give its "
            + what(params)
            + (fits.isEmpty()
                ? ", and no MLX bits and group size fit its shapes"
                : ", and its shapes fit several: " + String.join(", ", options)));
  }

  private static String what(MlxParams params) {
    if (params.bits() > 0) {
      return "group size";
    }
    return params.groupSize() > 0 ? "bits" : "bits and group size";
  }

  private static Tensor tensor(
      StoredTensor w, StoredTensor scales, StoredTensor biases, Choice choice) {
    long[] shape = w.entry().shape();
    long columns = shape[shape.length - 1];
    long rows = w.entry().elements() / columns;
    long[] logical = shape.clone();
    logical[logical.length - 1] = columns * 32 / choice.bits();
    var reader =
        new MlxAffineReader(
            w.region(),
            rows,
            logical[logical.length - 1],
            choice.bits(),
            columns * 4,
            choice.groupSize(),
            scales.plain().reader(),
            biases.plain().reader());
    return new Tensor(w.name(), dtype(choice.bits()), logical, reader);
  }

  private static DType dtype(int bits) {
    switch (bits) {
      case 2:
        return DType.UINT2;
      case 3:
        return DType.UINT3;
      case 4:
        return DType.UINT4;
      case 5:
        return DType.UINT5;
      case 6:
        return DType.UINT6;
      case 8:
        return DType.UINT8;
      default:
        return DType.OTHER;
    }
  }

  private static String storage(StoredTensor scales, StoredTensor biases, Choice choice) {
    SafetensorsDType s = scales.entry().type();
    SafetensorsDType b = biases.entry().type();
    String types = s == b ? "scales and biases " + s : "scales " + s + ", biases " + b;
    return "MLX affine "
        + choice.bits()
        + "-bit, group "
        + choice.groupSize()
        + " ("
        + types
        + (choice.inferred().isEmpty() ? "" : "; " + choice.inferred() + " inferred from shapes")
        + ")";
  }

  private static String inferredNote(MlxConfig config, List<String> inferred) {
    String where =
        config.file() == null
            ? "there is no " + MlxConfig.FILE_NAME + " beside the weights"
            : MlxConfig.FILE_NAME + " does not describe them";
    List<String> named = inferred.subList(0, Math.min(NAMED_INFERRED, inferred.size()));
    return "MLX-quantized layers whose bits or group size were inferred from the tensor shapes ("
        + where
        + "): "
        + String.join(", ", named)
        + (inferred.size() > named.size()
            ? " and " + (inferred.size() - named.size()) + " more"
            : "");
  }

  private static ModelFormatException mismatch(
      StoredTensor w, StoredTensor scales, StoredTensor biases, String as) {
    return problem(
        w,
        "of shape "
            + w.entry().shapeText()
            + " does not match '"
            + scales.name()
            + "' "
            + scales.entry().shapeText()
            + " and '"
            + biases.name()
            + "' "
            + biases.entry().shapeText()
            + (as.isEmpty() ? "" : " as MLX affine " + as)
            + " (codes [..., in·bits/32], scales and biases [..., in/group])");
  }

  private static ModelFormatException problem(StoredTensor w, String problem) {
    return new ModelFormatException(w.file(), "MLX quantized weight '" + w.name() + "' " + problem);
  }
}
