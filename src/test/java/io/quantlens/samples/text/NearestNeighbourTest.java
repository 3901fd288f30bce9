package io.quantlens.samples.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.quantlens.formats.npy.Npy;
import io.quantlens.formats.npy.NpyArray;
import io.quantlens.testing.TestModels;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The evaluation set makes nearest-neighbour agreement meaningful: run through FP32
 * all-MiniLM-L6-v2 (mean pooling over the attention mask, L2-normalised, as sentence-transformers
 * does), most sentences have their nearest neighbour in their own topic group.
 */
class NearestNeighbourTest {
  private static final int HIDDEN = 384;

  @Test
  void mostSentencesHaveTheirNearestNeighbourInTheirTopic() throws Exception {
    List<Sentence> sentences = Sentence.readAll(MiniLmSamples.sentences());
    Map<String, NpyArray> arrays = new LinkedHashMap<>();
    for (String name :
        List.of(
            TokenizeSentences.INPUT_IDS,
            TokenizeSentences.ATTENTION_MASK,
            TokenizeSentences.TOKEN_TYPE_IDS)) {
      arrays.put(name, Npy.read(MiniLmSamples.eval().resolve(name)));
    }
    long[] shape = arrays.get(TokenizeSentences.INPUT_IDS).shape();
    int n = (int) shape[0];
    int length = (int) shape[1];
    assertEquals(sentences.size(), n);

    OrtEnvironment env = OrtEnvironment.getEnvironment();
    float[][] embeddings;
    long t0 = System.nanoTime();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        OrtSession session = env.createSession(TestModels.miniLm().toString(), options)) {
      assertEquals(
          Set.of("input_ids", "attention_mask", "token_type_ids"),
          session.getInputNames(),
          "the .npy file names must be the model's input names");
      Map<String, OnnxTensor> inputs = new HashMap<>();
      try {
        for (Map.Entry<String, NpyArray> e : arrays.entrySet()) {
          String input = e.getKey().substring(0, e.getKey().length() - ".npy".length());
          inputs.put(
              input, OnnxTensor.createTensor(env, e.getValue().data().asLongBuffer(), shape));
        }
        try (OrtSession.Result result = session.run(inputs)) {
          OnnxTensor hidden = (OnnxTensor) result.get(0);
          System.out.printf(
              "MiniLM output %s %s%n",
              session.getOutputNames().iterator().next(),
              Arrays.toString(hidden.getInfo().getShape()));
          embeddings =
              meanPool(
                  hidden.getFloatBuffer(),
                  arrays.get(TokenizeSentences.ATTENTION_MASK).data().asLongBuffer(),
                  n,
                  length);
        }
      } finally {
        inputs.values().forEach(OnnxTensor::close);
      }
    }
    long ms = (System.nanoTime() - t0) / 1_000_000;

    int same = 0;
    Map<String, int[]> byLang = new LinkedHashMap<>();
    int sameLanguage = 0;
    for (int i = 0; i < n; i++) {
      int best = -1;
      double bestCos = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < n; j++) {
        if (j != i) {
          double cos = dot(embeddings[i], embeddings[j]);
          if (cos > bestCos) {
            bestCos = cos;
            best = j;
          }
        }
      }
      boolean hit = sentences.get(best).topic().equals(sentences.get(i).topic());
      same += hit ? 1 : 0;
      sameLanguage += sentences.get(best).lang().equals(sentences.get(i).lang()) ? 1 : 0;
      int[] counts = byLang.computeIfAbsent(sentences.get(i).lang(), k -> new int[2]);
      counts[0] += hit ? 1 : 0;
      counts[1]++;
    }
    double fraction = same / (double) n;
    StringBuilder report = new StringBuilder();
    report.append(
        String.format(
            "nearest neighbour in the same topic: %d/%d = %.1f %%", same, n, 100 * fraction));
    byLang.forEach(
        (lang, c) ->
            report.append(
                String.format("; %s %d/%d = %.1f %%", lang, c[0], c[1], 100.0 * c[0] / c[1])));
    report.append(
        String.format(
            "; nearest neighbour in the same language %d/%d; %d sentences x %d tokens in %d ms",
            sameLanguage, n, n, length, ms));
    System.out.println(report);
    assertTrue(fraction > 0.7, report.toString());
  }

  private static float[][] meanPool(FloatBuffer hidden, LongBuffer mask, int n, int length) {
    float[][] out = new float[n][HIDDEN];
    for (int r = 0; r < n; r++) {
      double[] sum = new double[HIDDEN];
      long count = 0;
      for (int t = 0; t < length; t++) {
        if (mask.get(r * length + t) == 0) {
          continue;
        }
        count++;
        int base = (r * length + t) * HIDDEN;
        for (int h = 0; h < HIDDEN; h++) {
          sum[h] += hidden.get(base + h);
        }
      }
      double norm = 0;
      for (int h = 0; h < HIDDEN; h++) {
        sum[h] /= count;
        norm += sum[h] * sum[h];
      }
      norm = Math.sqrt(norm);
      for (int h = 0; h < HIDDEN; h++) {
        out[r][h] = (float) (sum[h] / norm);
      }
    }
    return out;
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (double) a[i] * b[i];
    }
    return s;
  }
}
