package io.quantlens.samples.mnist;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.quantlens.formats.onnx.QuietOrt;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;

/** Runs an exported digit classifier in ONNX Runtime: the reference the README's figure uses. */
public final class OrtLogits {
  private OrtLogits() {}

  /** The {@code logits} [N,10] of the model for every image of {@code digits}. */
  public static float[][] of(Path model, Digits digits) throws OrtException {
    OrtEnvironment env = QuietOrt.environment();
    int size = CnnArchitecture.IMAGE_SIZE;
    ByteBuffer pixels = ByteBuffer.allocateDirect(digits.pixels().length).put(digits.pixels());
    pixels.flip();
    try (OrtSession.SessionOptions options = QuietOrt.sessionOptions();
        OrtSession session = env.createSession(model.toString(), options);
        OnnxTensor input =
            OnnxTensor.createTensor(
                env, pixels, new long[] {digits.size(), 1, size, size}, OnnxJavaType.UINT8);
        OrtSession.Result result = session.run(Map.of("image", input))) {
      return (float[][]) result.get("logits").orElseThrow().getValue();
    }
  }

  /** How many images of {@code digits} the model classifies correctly (top-1). */
  public static int correct(Path model, Digits digits) throws OrtException {
    float[][] logits = of(model, digits);
    int correct = 0;
    for (int i = 0; i < logits.length; i++) {
      correct += CnnTrainer.argmax(logits[i]) == digits.label(i) ? 1 : 0;
    }
    return correct;
  }
}
