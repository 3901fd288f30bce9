package io.quantlens.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.formats.ModelFiles;
import io.quantlens.model.Model;
import io.quantlens.quant.Scheme;
import io.quantlens.testing.TestModels;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The real MiniLM model on its bundled sentences: embeddings compared by cosine and neighbours. */
class MiniLmEvalTest {
  @Test
  void int8KeepsTheEmbeddingsAndInt3DoesNot() throws Exception {
    Model model = ModelFiles.open(TestModels.miniLm());
    Path eval =
        Path.of(System.getProperty("basedir", "."), "sample-models", "all-minilm-l6-v2", "eval");
    EvalData data = EvalDataLoader.load(eval, model, DataOrigin.BUNDLED);
    assertEquals(320, data.samples());
    EvalTask task = EvalTask.detect(model, null);
    assertEquals(new EvalTask("output_0", EvalTask.Kind.EMBEDDING, "attention_mask"), task);
    try (Evaluator evaluator = new Evaluator(model, data, task, new EvalOptions(2, 160))) {
      // Only the encoder's MatMuls: the embeddings stay FP32.
      PrecisionPlan matMuls = PrecisionPlan.fp32();
      PrecisionPlan matMuls3 = PrecisionPlan.fp32();
      for (var layer : model.layers()) {
        if (layer.opType().equals("MatMul")) {
          matMuls = matMuls.with(layer.name(), Scheme.parse("int8"));
          matMuls3 = matMuls3.with(layer.name(), Scheme.parse("int3"));
        }
      }
      EvalResult int8 = evaluator.evaluate(matMuls, EvalProgress.NONE);
      EvalResult int3 = evaluator.evaluate(matMuls3, EvalProgress.NONE);
      assertTrue(int8.meanCosine() > 0.999, "int8 cosine " + int8.meanCosine());
      assertTrue(int8.neighbourAgreement() >= 0.95, "int8 neighbours " + int8.neighbourAgreement());
      assertTrue(int8.outputSqnrDb() > 25, "int8 SQNR " + int8.outputSqnrDb());
      assertTrue(int3.meanCosine() < int8.meanCosine() - 0.01, "int3 cosine " + int3.meanCosine());
      assertTrue(int3.neighbourAgreement() < int8.neighbourAgreement());
      assertTrue(Double.isNaN(int8.top1Agreement()));
    }
  }
}
