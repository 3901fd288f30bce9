package io.quantlens.samples.mnist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.quantlens.formats.npy.Npy;
import io.quantlens.formats.npy.NpyArray;
import io.quantlens.formats.npy.NpyType;
import java.nio.ByteBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The bundled model, run by ONNX Runtime on the bundled held-out split, reaches the accuracy the
 * README states. Reads the files with nothing but Npy and ORT, not with the trainer's code.
 */
class CommittedModelAccuracyTest {
  static final Path DIR = Path.of("sample-models", "mnist-cnn");
  private static final Pattern STATED =
      Pattern.compile("FP32 top-1 accuracy[^\\n]*?\\*\\*([0-9.]+) %\\*\\* \\((\\d+) of (\\d+)");

  @Test
  void committedModelReachesTheStatedAccuracy() throws Exception {
    NpyArray images = Npy.read(DIR.resolve("eval/image.npy"));
    NpyArray labels = Npy.read(DIR.resolve("eval/labels.npy"));
    assertEquals(NpyType.UINT8, images.type());
    assertEquals(NpyType.INT64, labels.type());
    long n = labels.rows();
    assertEquals(2000, n);
    assertEquals(
        java.util.List.of(n, 1L, 28L, 28L),
        java.util.Arrays.stream(images.shape()).boxed().toList());

    int correct = 0;
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    ByteBuffer pixels = ByteBuffer.allocateDirect((int) images.elementCount()).put(images.data());
    pixels.flip();
    try (OrtSession session = env.createSession(DIR.resolve("mnist-cnn.onnx").toString());
        OnnxTensor input =
            OnnxTensor.createTensor(env, pixels, images.shape(), OnnxJavaType.UINT8);
        OrtSession.Result result = session.run(Map.of("image", input))) {
      float[][] logits = (float[][]) result.get("logits").orElseThrow().getValue();
      LongBuffer expected = labels.data().asLongBuffer();
      for (int i = 0; i < n; i++) {
        int best = 0;
        for (int k = 1; k < logits[i].length; k++) {
          best = logits[i][k] > logits[i][best] ? k : best;
        }
        correct += best == expected.get(i) ? 1 : 0;
      }
    }

    String readme = Files.readString(Path.of("sample-models", "README.md"));
    Matcher stated = STATED.matcher(readme);
    assertTrue(stated.find(), "README states '**xx.xx %** (correct of total' accuracy");
    assertEquals(n, Long.parseLong(stated.group(3)));
    assertEquals(Integer.parseInt(stated.group(2)), correct, "correct digits vs README");
    assertEquals(
        Double.parseDouble(stated.group(1)), Math.round(10000.0 * correct / n) / 100.0, 1e-9);
    assertTrue(correct >= 0.97 * n, correct + " of " + n);
  }
}
