package io.quantlens.samples.mnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ONNX Runtime on the exported graph agrees with the Java forward pass: layout and ops match. */
class CnnOnnxExporterTest {

  @Test
  void ortLogitsMatchTheJavaForwardPass(@TempDir Path dir) throws Exception {
    Digits digits = EvalSplitFiles.read(CommittedModelAccuracyTest.DIR.resolve("eval")).head(64);
    TrainingConfig config = new TrainingConfig(CnnArchitecture.standard(), 1, 16, 2e-3, 1, 0, 5);
    // Trained briefly so the logits are not those of random weights only.
    CnnWeights weights = new CnnTrainer(config).train(digits, (e, l) -> {}).weights();
    Path model = dir.resolve("m.onnx");
    CnnOnnxExporter.write(weights, Map.of(), model);

    Digits few = digits.head(8);
    float[][] ort = OrtLogits.of(model, few);
    for (int i = 0; i < few.size(); i++) {
      assertArrayEquals(CnnTrainer.logits(weights, few, i), ort[i], 1e-4f, "digit " + i);
    }
  }
}
