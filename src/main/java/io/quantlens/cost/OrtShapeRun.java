package io.quantlens.cost;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.quantlens.formats.ModelFiles;
import io.quantlens.formats.onnx.QuietOrt;
import io.quantlens.model.Graph;
import io.quantlens.model.InputDims;
import io.quantlens.model.Model;
import io.quantlens.model.ModelFormatException;
import io.quantlens.model.ShapeRules;
import io.quantlens.model.ValueInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One ONNX Runtime run of a model at a workload that reports the sizes of the graph inputs and of
 * the requested node outputs. Only the requested values (and the model's own outputs) are kept to
 * the end of the run; ONNX Runtime frees every other intermediate after its last use, and the
 * returned tensors are closed as soon as their sizes are read.
 */
final class OrtShapeRun {
  /** ORT's key for where external data files are found when the model is loaded from memory. */
  private static final String EXTERNAL_DATA_FOLDER =
      "session.model_external_initializers_file_folder_path";

  /** Integer values up to this many elements are read back (shape and axes vectors). */
  static final int MAX_READ_ELEMENTS = Graph.SMALL_INTEGER_ELEMENTS;

  private OrtShapeRun() {}

  /**
   * What a run reports.
   *
   * @param sizes the graph inputs' and requested values' sizes
   * @param values elements of the requested integer values of at most {@link #MAX_READ_ELEMENTS}
   */
  record Report(Map<String, ValueSize> sizes, Map<String, long[]> values) {}

  /**
   * Runs the model once.
   *
   * @param exposed node outputs to report; {@code null} for every node output
   */
  static Report run(Path modelFile, Model model, Workload workload, Collection<String> exposed)
      throws ModelFormatException {
    try {
      return runOrThrow(modelFile, model, workload, exposed);
    } catch (OrtException e) {
      var symbolic = InputDims.symbolic(model.inputs());
      throw new ModelFormatException(
          modelFile,
          "ONNX Runtime cannot run the model to measure its shapes: "
              + e.getMessage().strip()
              + (symbolic.isEmpty()
                  ? ""
                  : "; try other sizes with --dim NAME=VALUE for " + String.join(", ", symbolic)),
          e);
    }
  }

  private static Report runOrThrow(
      Path modelFile, Model model, Workload workload, Collection<String> exposed)
      throws OrtException, ModelFormatException {
    byte[] rewritten = ModelFiles.withValuesAsOutputs(modelFile, exposed);
    OrtEnvironment env = QuietOrt.environment();
    Map<String, ValueSize> sizes = new LinkedHashMap<>();
    Map<String, long[]> values = new LinkedHashMap<>();
    try (OrtSession.SessionOptions options = QuietOrt.sessionOptions()) {
      // Unoptimized, so that every node and value of the file is there as written.
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
      Path folder = modelFile.toAbsolutePath().getParent();
      if (folder != null) {
        options.addConfigEntry(EXTERNAL_DATA_FOLDER, folder.toString());
      }
      try (OrtSession session = env.createSession(rewritten, options)) {
        rewritten = null; // ORT holds its own copy now
        Map<String, OnnxTensor> inputs = new LinkedHashMap<>();
        try {
          for (ValueInfo input : model.inputs()) {
            NodeInfo info = session.getInputInfo().get(input.name());
            if (info == null || !(info.getInfo() instanceof TensorInfo tensorInfo)) {
              continue;
            }
            OnnxTensor tensor = generated(env, input, tensorInfo.type, workload.resolve(input));
            inputs.put(input.name(), tensor);
            sizes.put(input.name(), sized(tensor.getInfo()));
          }
          try (OrtSession.Result result = session.run(inputs)) {
            for (Map.Entry<String, OnnxValue> output : result) {
              if (output.getValue() instanceof OnnxTensor tensor) {
                sizes.put(output.getKey(), sized(tensor.getInfo()));
                long[] elements = smallIntegers(tensor);
                if (elements != null) {
                  values.put(output.getKey(), elements);
                }
              }
            }
          }
        } finally {
          inputs.values().forEach(OnnxTensor::close);
        }
      }
    }
    return new Report(sizes, values);
  }

  private static long[] smallIntegers(OnnxTensor tensor) {
    TensorInfo info = tensor.getInfo();
    if (info.getNumElements() > MAX_READ_ELEMENTS) {
      return null;
    }
    if (info.onnxType == TensorInfo.OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64) {
      LongBuffer buffer = tensor.getLongBuffer();
      long[] out = new long[buffer.remaining()];
      buffer.get(out);
      return out;
    }
    if (info.onnxType == TensorInfo.OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32) {
      IntBuffer buffer = tensor.getIntBuffer();
      long[] out = new long[buffer.remaining()];
      for (int i = 0; i < out.length; i++) {
        out[i] = buffer.get(i);
      }
      return out;
    }
    return null;
  }

  /** Zeros, or ones for masks, so attention masks keep every position. */
  private static OnnxTensor generated(
      OrtEnvironment env, ValueInfo input, OnnxJavaType type, long[] shape) throws OrtException {
    long count = ShapeRules.elements(shape);
    int size = Math.max(1, type.size);
    ByteBuffer bytes =
        ByteBuffer.allocateDirect(Math.toIntExact(Math.multiplyExact(count, size)))
            .order(ByteOrder.nativeOrder());
    if (input.name().toLowerCase(Locale.ROOT).contains("mask")) {
      for (long i = 0; i < count; i++) {
        switch (type) {
          case FLOAT -> bytes.putFloat(1f);
          case DOUBLE -> bytes.putDouble(1);
          case INT64 -> bytes.putLong(1);
          case INT32 -> bytes.putInt(1);
          case INT16 -> bytes.putShort((short) 1);
          case FLOAT16 -> bytes.putShort((short) 0x3c00);
          case BFLOAT16 -> bytes.putShort((short) 0x3f80);
          default -> bytes.put((byte) 1);
        }
      }
      bytes.flip();
    }
    return OnnxTensor.createTensor(env, bytes, shape, type);
  }

  private static ValueSize sized(TensorInfo info) {
    return new ValueSize(info.getShape(), bits(info.onnxType));
  }

  private static int bits(TensorInfo.OnnxTensorType type) {
    String name = type.name();
    if (name.endsWith("INT4") || name.endsWith("FLOAT4E2M1")) {
      return 4;
    }
    if (name.contains("FLOAT8") || name.endsWith("INT8") || name.endsWith("BOOL")) {
      return 8;
    }
    return 8 * Math.max(1, OnnxJavaType.mapFromOnnxTensorType(type).size);
  }
}
