package io.quantlens.session;

import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.formats.gguf.GgmlType;
import io.quantlens.formats.gguf.GgufRequantizer;
import io.quantlens.formats.gguf.GgufValue;
import io.quantlens.formats.gguf.HfGgufConverter;
import io.quantlens.formats.onnx.OnnxQuantizedWriter;
import io.quantlens.formats.openvino.CheckpointIrWriter;
import io.quantlens.formats.openvino.CompressedIrWriter;
import io.quantlens.formats.openvino.OpenVinoReader;
import io.quantlens.formats.safetensors.MlxWriter;
import io.quantlens.model.Model;
import io.quantlens.model.ModelFormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A plan written as the artifact a toolchain takes: GGUF for llama.cpp (from GGUF or safetensors),
 * MLX quantized safetensors, QDQ / MatMulNBits / FP16 ONNX, NNCF-compressed OpenVINO IR. Each
 * writes atomically and streams tensor by tensor.
 */
public final class PlanExports {
  private final Model model;

  PlanExports(Model model) {
    this.model = model;
  }

  /**
   * What a GGUF export wrote.
   *
   * @param retyped tensor name → new type, for the ones written in the plan's type
   * @param realTokenizer false when a converted checkpoint had no tokenizer QuantLens reads and the
   *     file carries a placeholder vocabulary (llama.cpp loads it, but its text is meaningless)
   */
  public record GgufExport(Map<String, GgmlType> retyped, boolean realTokenizer) {}

  /**
   * Writes the model as GGUF with each layer in the ggml type the plan gives it ({@link
   * GgufPlanTypes}): a GGUF file is rewritten as {@code llama-quantize --tensor-type} would,
   * everything else copied; a Hugging Face Llama or Phi-3 safetensors checkpoint is converted as
   * llama.cpp's {@code convert_hf_to_gguf.py} would ({@link HfGgufConverter}).
   *
   * @param presetId the preset the plan came from, which names the file type, if any
   * @throws ModelFormatException when this model is neither, or a tensor cannot be written
   */
  public GgufExport gguf(PrecisionPlan plan, Optional<String> presetId, Path out)
      throws IOException, ModelFormatException {
    String format = model.metadata().format();
    if (!format.equals("GGUF") && !format.equals("safetensors")) {
      throw new ModelFormatException(
          model.source(),
          "a GGUF export rewrites a GGUF file or converts a safetensors checkpoint; this is "
              + format);
    }
    Map<String, GgmlType> types = GgufPlanTypes.of(model, plan);
    int fileType = GgufPlanTypes.fileType(presetId, model, types);
    if (format.equals("safetensors")) {
      HfGgufConverter.Converted c = HfGgufConverter.write(model, types, fileType, out);
      return new GgufExport(c.retyped(), c.realTokenizer());
    }
    Map<String, GgufValue> overrides = new LinkedHashMap<>();
    overrides.put("general.file_type", GgufValue.uint32(fileType));
    overrides.put("general.quantization_version", GgufValue.uint32(2));
    GgufRequantizer.write(model.source(), types, overrides, out);
    return new GgufExport(types, true);
  }

  /**
   * Writes the model, a safetensors checkpoint, as an MLX quantized folder ({@link MlxWriter}) with
   * each layer as the plan's MLX affine scheme gives it ({@link MlxPlanLayers}).
   *
   * @return the layers quantized, with their bits and group size
   * @throws ModelFormatException when this model is not safetensors or a layer cannot be quantized
   */
  public MlxPlanLayers mlx(PrecisionPlan plan, Path folder)
      throws IOException, ModelFormatException {
    if (!model.metadata().format().equals("safetensors")) {
      throw new ModelFormatException(
          model.source(),
          "an MLX export rewrites a safetensors checkpoint; this is " + model.metadata().format());
    }
    MlxPlanLayers layers = MlxPlanLayers.of(model, plan);
    MlxWriter.write(model, layers.quantized(), layers.unquantized(), folder);
    return layers;
  }

  /**
   * Writes the model, an ONNX file, with each layer stored as the plan's scheme gives it ({@link
   * OnnxPlanForms}): QDQ for 8-bit per-channel schemes, MatMulNBits for 4-bit block schemes, a
   * 16-bit initializer and Cast for fp16 and bf16; everything else is copied.
   *
   * @return what replaced each quantized layer's weight, and the external data file if one was
   *     written (models over 2 GB, or whose source keeps external data)
   * @throws ModelFormatException when this model is not ONNX or a layer cannot take its form
   */
  public OnnxQuantizedWriter.Written onnx(PrecisionPlan plan, Path out)
      throws IOException, ModelFormatException {
    if (!model.metadata().format().equals("ONNX")) {
      throw new ModelFormatException(
          model.source(),
          "an ONNX export rewrites an ONNX model; this is " + model.metadata().format());
    }
    Map<String, OnnxQuantizedWriter.Form> forms = OnnxPlanForms.of(model, plan);
    return OnnxQuantizedWriter.open(model.source()).write(forms, out);
  }

  /**
   * Writes the model, an OpenVINO IR, with each layer's weight compressed as NNCF would store the
   * plan's scheme ({@link OpenVinoPlanForms}, {@link CompressedIrWriter}): {@code OUT.xml} and the
   * {@code .bin} beside it; everything else is copied. A safetensors checkpoint, which has no
   * graph, becomes an IR of its MatMul and embedding weights alone ({@link CheckpointIrWriter}).
   *
   * @return the form each compressed layer took, and the weights file written
   * @throws ModelFormatException when this model is not an IR or a layer cannot take its form
   */
  public CompressedIrWriter.Written openvino(PrecisionPlan plan, Path out)
      throws IOException, ModelFormatException {
    String format = model.metadata().format();
    if (format.equals("safetensors")) {
      return CheckpointIrWriter.write(model, OpenVinoPlanForms.of(model, plan), out);
    }
    if (!format.equals(OpenVinoReader.FORMAT)) {
      throw new ModelFormatException(
          model.source(),
          "an OpenVINO export rewrites an OpenVINO IR or writes a safetensors checkpoint's"
              + " weights as one; this is "
              + format);
    }
    return CompressedIrWriter.write(model.source(), OpenVinoPlanForms.of(model, plan), out);
  }
}
