package io.quantlens.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code eval --save-outputs DIR} on the bundled CNN: the files are read back with a parser of the
 * test's own, and the reference file is checked against ONNX Runtime run here on the model file.
 */
class SaveOutputsTest {
  private static final Path SAMPLE =
      Path.of(System.getProperty("basedir", "."), "sample-models", "mnist-cnn");
  private static final int SAMPLES = 2000;
  private static final int CLASSES = 10;
  private static final int BATCH = 64;

  @TempDir Path dir;

  /** A C-order, version 1.0 {@code .npy} file: its element type, shape and data bytes. */
  private record Raw(String descr, long[] shape, ByteBuffer data) {
    static Raw read(Path file) throws IOException {
      ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
      byte[] magic = new byte[6];
      bytes.get(magic);
      assertArrayEquals(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'}, magic, file.toString());
      assertEquals(1, bytes.get(), "major version");
      assertEquals(0, bytes.get(), "minor version");
      int length = bytes.getShort() & 0xffff;
      assertEquals(0, (10 + length) % 64, "the data starts at a multiple of 64");
      byte[] text = new byte[length];
      bytes.get(text);
      String header = new String(text, StandardCharsets.US_ASCII);
      Matcher m =
          Pattern.compile(
                  "\\{'descr': '([<|][a-z][0-9])', 'fortran_order': False,"
                      + " 'shape': \\(([0-9, ]*)\\), \\} *\n")
              .matcher(header);
      assertTrue(m.matches(), header);
      long[] shape =
          Arrays.stream(m.group(2).split(","))
              .map(String::strip)
              .filter(s -> !s.isEmpty())
              .mapToLong(Long::parseLong)
              .toArray();
      return new Raw(m.group(1), shape, bytes.slice().order(ByteOrder.LITTLE_ENDIAN));
    }
  }

  /** A float32 {@code .npy} file: its shape and values. */
  private record Array(long[] shape, float[] values) {
    static Array read(Path file) throws IOException {
      Raw raw = Raw.read(file);
      assertEquals("<f4", raw.descr(), file.toString());
      float[] values = new float[raw.data().remaining() / 4];
      raw.data().asFloatBuffer().get(values);
      assertEquals(Arrays.stream(raw.shape()).reduce(1, (a, b) -> a * b), values.length, "size");
      assertEquals(0, raw.data().remaining() % 4, "size");
      return new Array(raw.shape(), values);
    }

    int argmax(int row, int width) {
      int best = 0;
      for (int c = 1; c < width; c++) {
        if (values[row * width + c] > values[row * width + best]) {
          best = c;
        }
      }
      return best;
    }
  }

  /** The logits of the first {@link #BATCH} digits, from ONNX Runtime run on the model file. */
  private static float[] firstBatchFromOnnxRuntime() throws Exception {
    Raw images = Raw.read(SAMPLE.resolve("eval").resolve("image.npy"));
    assertEquals("|u1", images.descr());
    long[] shape = images.shape().clone();
    assertEquals(SAMPLES, shape[0]);
    shape[0] = BATCH;
    int perSample = images.data().remaining() / SAMPLES;
    ByteBuffer batch = ByteBuffer.allocateDirect(BATCH * perSample);
    batch.put(images.data().duplicate().limit(BATCH * perSample)).flip();
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      // As evaluation runs both sides: the graph as written.
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
      try (OrtSession session =
              env.createSession(SAMPLE.resolve("mnist-cnn.onnx").toString(), options);
          OnnxTensor input = OnnxTensor.createTensor(env, batch, shape, OnnxJavaType.UINT8);
          OrtSession.Result result = session.run(Map.of("image", input))) {
        OnnxTensor logits = (OnnxTensor) result.get("logits").orElseThrow();
        assertArrayEquals(new long[] {BATCH, CLASSES}, logits.getInfo().getShape());
        FloatBuffer values = logits.getFloatBuffer();
        float[] out = new float[values.remaining()];
        values.get(out);
        return out;
      }
    }
  }

  @Test
  void bothRunsAreSavedAndTheReferenceIsWhatOnnxRuntimeGives() throws Exception {
    Path out = dir.resolve("outputs");
    Cli.Result r = Cli.run("eval", "mnist-cnn", "--scheme", "int8", "--save-outputs", out);
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(
        r.out()
            .contains(
                "Outputs    quantized and reference, 2000 samples each, written to "
                    + out
                    + ": logits.npy [2000, 10]\n"),
        r.out());

    Array reference = Array.read(out.resolve("reference").resolve("logits.npy"));
    Array quantized = Array.read(out.resolve("quantized").resolve("logits.npy"));
    assertArrayEquals(new long[] {SAMPLES, CLASSES}, reference.shape());
    assertArrayEquals(new long[] {SAMPLES, CLASSES}, quantized.shape());

    float[] expected = firstBatchFromOnnxRuntime();
    assertArrayEquals(expected, Arrays.copyOf(reference.values(), expected.length));
    assertFalse(
        Arrays.equals(reference.values(), quantized.values()), "int8 weights change the logits");

    int agree = 0;
    for (int i = 0; i < SAMPLES; i++) {
      agree += reference.argmax(i, CLASSES) == quantized.argmax(i, CLASSES) ? 1 : 0;
    }
    String agreement = String.format(Locale.ROOT, "%.2f %%", 100.0 * agree / SAMPLES);
    String line =
        r.out()
            .lines()
            .filter(l -> l.startsWith("top-1 agreement with FP32"))
            .findFirst()
            .orElseThrow();
    assertTrue(line.endsWith(" " + agreement), line + " vs " + agreement);
    assertTrue(
        r.out().contains("Flipped    " + (SAMPLES - agree) + " of " + SAMPLES + " samples"),
        r.out());
  }

  @Test
  void anExistingFileIsRefusedAndLeftAsItWas() throws Exception {
    Path out = dir.resolve("outputs");
    Path mine = out.resolve("reference").resolve("logits.npy");
    Files.createDirectories(mine.getParent());
    byte[] before = {1, 2, 3, (byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    Files.write(mine, before);

    Cli.Result r = Cli.run("eval", "mnist-cnn", "--scheme", "int8", "--save-outputs", out);
    assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
    assertEquals(
        java.util.List.of(
            "quantlens: --save-outputs "
                + mine
                + " already exists; QuantLens does not replace files there,"
                + " choose a new or empty folder"),
        r.errLines());
    assertFalse(r.hasStackTrace());
    assertArrayEquals(before, Files.readAllBytes(mine));
    assertFalse(Files.exists(out.resolve("quantized").resolve("logits.npy")));
    assertEquals("", r.out(), "refused before anything runs");
  }
}
