package io.quantlens.eval;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.quantlens.formats.npy.NpyArray;
import io.quantlens.formats.npy.NpyType;
import io.quantlens.formats.onnx.QuietOrt;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One ONNX Runtime session over the model file, with some initializers replaced by fake-quantized
 * values, that turns evaluation data into one output vector per sample. Closing it frees the
 * session and every native tensor.
 */
final class OrtRunner implements AutoCloseable {
  /** Where a model loaded from memory finds its external data files. */
  private static final String EXTERNAL_DATA_FOLDER =
      "session.model_external_initializers_file_folder_path";

  private final OrtEnvironment env;
  private final OrtSession session;
  private final List<OnnxTensor> replaced = new ArrayList<>();

  /**
   * What the session loads: the model file with plain FP32 initializers replaced, or a rewritten
   * model (whose external data, if any, stays beside the file).
   */
  record Source(Path file, List<FakeQuantizedWeights.Replacement> initializers, ByteBuffer model) {
    static Source file(Path file, List<FakeQuantizedWeights.Replacement> initializers) {
      return new Source(file, initializers, null);
    }

    static Source patched(Path file, ByteBuffer model) {
      return new Source(file, List.of(), model);
    }

    /** A rewritten model that still reads its plain weights, with some replaced. */
    static Source rewritten(
        Path file, List<FakeQuantizedWeights.Replacement> initializers, ByteBuffer model) {
      return new Source(file, initializers, model);
    }
  }

  OrtRunner(OrtEnvironment env, Source source, int threads) throws OrtException {
    this.env = env;
    try (OrtSession.SessionOptions options = QuietOrt.sessionOptions()) {
      options.setIntraOpNumThreads(threads);
      options.setInterOpNumThreads(1);
      // ORT applies replaced initializers after graph optimization, so a rewrite that copies a
      // weight (Conv layout change, Conv+BatchNorm fusion) would keep the FP32 values. Without
      // optimization the graph runs as written, with the replaced weights; both runs use it.
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
      try {
        for (FakeQuantizedWeights.Replacement r : source.initializers()) {
          OnnxTensor tensor =
              OnnxTensor.createTensor(env, direct(r.values()), r.layer().weight().shape());
          replaced.add(tensor);
          options.addInitializer(r.layer().weight().name(), tensor);
        }
        if (source.model() == null) {
          session = env.createSession(source.file().toString(), options);
        } else {
          Path folder = source.file().toAbsolutePath().getParent();
          options.addConfigEntry(EXTERNAL_DATA_FOLDER, folder.toString());
          session = env.createSession(source.model(), options);
        }
      } catch (OrtException | RuntimeException e) {
        closeTensors();
        throw e;
      }
    }
  }

  /** Runs every sample of {@code data}, {@code batch} at a time, into one vector per sample. */
  float[][] run(EvalData data, EvalTask task, int batch, EvalProgress progress, String step)
      throws OrtException, InterruptedException {
    return run(data, task, data.samples(), batch, progress, step);
  }

  /** As above, for the first {@code samples} samples only. */
  float[][] run(
      EvalData data, EvalTask task, int samples, int batch, EvalProgress progress, String step)
      throws OrtException, InterruptedException {
    float[][] outputs = new float[samples][];
    forEachBatch(
        0,
        samples,
        batch,
        progress,
        step,
        (start, end) -> {
          try (OrtSession.Result result = runBatch(data, start, end, Set.of(task.output()))) {
            OnnxValue value = result.get(0);
            if (!(value instanceof OnnxTensor tensor)) {
              throw new OrtException("output '" + task.output() + "' is not a tensor");
            }
            float[] flat = floats(tensor);
            long[] shape = tensor.getInfo().getShape();
            OutputVectors.split(
                task, flat, shape, end - start, maskRows(data, task, start, end), outputs, start);
          }
        });
    return outputs;
  }

  /** Receives one value of the batch that starts at sample {@code start}. */
  interface ValueSink {
    void accept(int start, String value, FloatBuffer values, long[] shape) throws OrtException;
  }

  /**
   * Runs samples {@code [from, to)} and hands each of {@code values} (float outputs of the model)
   * to {@code sink}, batch by batch.
   */
  void collect(
      EvalData data,
      int from,
      int to,
      int batch,
      Set<String> values,
      ValueSink sink,
      EvalProgress progress,
      String step)
      throws OrtException, InterruptedException {
    forEachBatch(
        from,
        to,
        batch,
        progress,
        step,
        (start, end) -> {
          try (OrtSession.Result result = runBatch(data, start, end, values)) {
            for (var entry : result) {
              if (!(entry.getValue() instanceof OnnxTensor tensor)) {
                throw new OrtException("value '" + entry.getKey() + "' is not a tensor");
              }
              sink.accept(
                  start, entry.getKey(), tensor.getFloatBuffer(), tensor.getInfo().getShape());
            }
          }
        });
  }

  private interface BatchRun {
    void run(int start, int end) throws OrtException;
  }

  /**
   * Samples {@code [from, to)}, {@code batch} at a time, checking for interruption between batches.
   * The first and the last (possibly shorter) batch run first, so that data the model cannot take
   * fails at once rather than at the end.
   */
  private static void forEachBatch(
      int from, int to, int batch, EvalProgress progress, String step, BatchRun run)
      throws OrtException, InterruptedException {
    int batches = (to - from + batch - 1) / batch;
    for (int done = 0; done < batches; done++) {
      if (Thread.interrupted()) {
        throw new InterruptedException("evaluation cancelled");
      }
      int b = done == 0 ? 0 : done == 1 ? batches - 1 : done - 1;
      int start = from + b * batch;
      run.run(start, Math.min(to, start + batch));
      progress.update(done + 1, batches, step);
    }
  }

  private OrtSession.Result runBatch(EvalData data, int start, int end, Set<String> outputs)
      throws OrtException {
    Map<String, OnnxTensor> inputs = new LinkedHashMap<>();
    try {
      for (var entry : data.inputs().entrySet()) {
        NpyArray array = entry.getValue();
        inputs.put(
            entry.getKey(),
            data.isWhole(entry.getKey())
                ? rows(array, 0, Math.toIntExact(array.rows()))
                : rows(array, start, end));
      }
      return session.run(inputs, outputs);
    } finally {
      inputs.values().forEach(OnnxTensor::close);
    }
  }

  private static long[] maskRows(EvalData data, EvalTask task, int start, int end) {
    if (task.kind() != EvalTask.Kind.EMBEDDING) {
      return null;
    }
    NpyArray mask = data.inputs().get(task.maskInput());
    long perRow = mask.elementCount() / mask.rows();
    ByteBuffer bytes = mask.data();
    long[] values = new long[Math.toIntExact((end - start) * perRow)];
    for (int i = 0; i < values.length; i++) {
      long index = start * perRow + i;
      values[i] =
          switch (mask.type()) {
            case INT64 -> bytes.getLong((int) (index * 8));
            case INT32 -> bytes.getInt((int) (index * 4));
            case FLOAT32 -> bytes.getFloat((int) (index * 4)) != 0 ? 1 : 0;
            default -> bytes.get((int) (index * mask.type().bytes())) != 0 ? 1 : 0;
          };
    }
    return values;
  }

  private OnnxTensor rows(NpyArray array, int start, int end) throws OrtException {
    long[] shape = array.shape();
    long rowBytes =
        shape.length == 0
            ? array.type().bytes()
            : array.elementCount() / array.rows() * array.type().bytes();
    ByteBuffer all = array.data();
    all.position(Math.toIntExact(start * rowBytes)).limit(Math.toIntExact(end * rowBytes));
    ByteBuffer slice = all.slice();
    if (!slice.isDirect()) {
      // ONNX Runtime reads typed heap buffers wrongly; memory-mapped data is direct already.
      slice = ByteBuffer.allocateDirect(slice.remaining()).put(slice).flip();
    }
    slice.order(ByteOrder.nativeOrder());
    if (shape.length > 0) {
      shape[0] = end - start;
    }
    return OnnxTensor.createTensor(env, slice, shape, javaType(array.type()));
  }

  private static float[] floats(OnnxTensor tensor) throws OrtException {
    return switch (tensor.getInfo().type) {
      case FLOAT, FLOAT16, BFLOAT16 -> toArray(tensor.getFloatBuffer());
      case DOUBLE -> {
        var doubles = tensor.getDoubleBuffer();
        float[] f = new float[doubles.remaining()];
        for (int i = 0; i < f.length; i++) {
          f[i] = (float) doubles.get(i);
        }
        yield f;
      }
      default ->
          throw new OrtException(
              "output is " + tensor.getInfo().type + "; only float outputs can be compared");
    };
  }

  private static float[] toArray(FloatBuffer buffer) {
    float[] values = new float[buffer.remaining()];
    buffer.get(values);
    return values;
  }

  private static OnnxJavaType javaType(NpyType type) {
    return switch (type) {
      case BOOL -> OnnxJavaType.BOOL;
      case INT8 -> OnnxJavaType.INT8;
      case UINT8 -> OnnxJavaType.UINT8;
      case INT16 -> OnnxJavaType.INT16;
      case INT32 -> OnnxJavaType.INT32;
      case INT64 -> OnnxJavaType.INT64;
      case FLOAT16 -> OnnxJavaType.FLOAT16;
      case FLOAT32 -> OnnxJavaType.FLOAT;
      case FLOAT64 -> OnnxJavaType.DOUBLE;
    };
  }

  private static FloatBuffer direct(float[] values) {
    FloatBuffer buffer =
        ByteBuffer.allocateDirect(values.length * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
    buffer.put(values).rewind();
    return buffer;
  }

  private void closeTensors() {
    replaced.forEach(OnnxTensor::close);
    replaced.clear();
  }

  @Override
  public void close() throws OrtException {
    try {
      session.close();
    } finally {
      closeTensors();
    }
  }
}
