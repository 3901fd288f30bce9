package io.quantlens.samples.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.formats.ModelFiles;
import io.quantlens.formats.gguf.GgmlType;
import io.quantlens.model.DType;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.model.Tensor;
import io.quantlens.quant.GgmlFormat;
import io.quantlens.quant.HalfFloats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generated models read back through the real readers hold exactly the generated weights. */
class SyntheticModelsTest {
  private static final LlmShape TINY = LlmShape.TINY;

  @TempDir Path dir;

  @Test
  void shapesCountTheWeightsOfTheirConfig() {
    // Llama 2 7B: 32000·4096·2 + 32·(4·4096² + 3·4096·11008 + 2·4096) + 4096.
    long expected =
        2L * 32000 * 4096 + 32L * (4L * 4096 * 4096 + 3L * 4096 * 11008 + 2 * 4096) + 4096;
    assertEquals(expected, LlmShape.LLAMA_7B.parameterCount());
    assertEquals(6_738_415_616L, expected);
    // TinyLlama's k/v projections are 4 heads of 64: 256 × 2048.
    assertEquals(256, LlmShape.LLAMA_1B.kvWidth());
  }

  @Test
  void valuesAreTheSameForAnyRangeAndLookLikeWeights() {
    SyntheticTensor t = new SyntheticTensor("w", new long[] {3, 100_000}, false);
    SyntheticValues v = new SyntheticValues(7, t);
    float[] whole = new float[300_000];
    v.fill(0, whole, 0, whole.length);
    float[] piece = new float[70_001];
    v.fill(65_000, piece, 0, piece.length);
    for (int i = 0; i < piece.length; i++) {
      assertEquals(whole[65_000 + i], piece[i]);
    }
    double sum = 0;
    double squares = 0;
    for (float x : whole) {
      sum += x;
      squares += (double) x * x;
    }
    double mean = sum / whole.length;
    double std = Math.sqrt(squares / whole.length - mean * mean);
    assertEquals(0, mean, 1e-3);
    // std 0.02, with one weight in 4,096 ten times larger: sqrt(0.02²·(1 + 99/4096)).
    assertEquals(0.02 * Math.sqrt(1 + 99.0 / 4096), std, 5e-4);
  }

  @Test
  void shardedSafetensorsReadBackAsGenerated() throws Exception {
    AtomicLong progress = new AtomicLong();
    Path index =
        SyntheticModels.writeSafetensors(
            TINY, SyntheticModels.SafetensorsType.F16, 3, 5, dir, progress::addAndGet);
    assertEquals(3, Files.list(dir).filter(p -> p.toString().endsWith(".safetensors")).count());
    Model model = ModelFiles.open(index);
    assertEquals(2 + 2 * 7, model.layers().size());
    assertEquals(TINY.parameterCount(), model.totalParameterCount());
    assertEquals(TINY.parameterCount(), progress.get());
    Layer down = layer(model, "model.layers.1.mlp.down_proj");
    assertArrayEquals(new long[] {256, 768}, down.weight().shape());
    assertEquals(DType.FLOAT16, down.weight().dtype());
    float[] expected = generated(5, TensorNaming.HUGGING_FACE.down(1), new long[] {256, 768});
    float[] read = read(down.weight());
    for (int i = 0; i < expected.length; i++) {
      float fp16 = HalfFloats.fp16ToFloat(HalfFloats.toFp16(expected[i]));
      assertEquals(fp16, read[i], "element " + i);
    }
  }

  @Test
  void ggufHoldsGgmlsQuantizationOfTheGeneratedWeights() throws Exception {
    Path file =
        SyntheticModels.writeGguf(TINY, GgmlType.Q4_K, 5, dir.resolve("tiny.gguf"), n -> {});
    Model model = ModelFiles.open(file);
    assertEquals("llama", model.metadata().properties().get("general.architecture"));
    assertEquals("256", model.metadata().properties().get("llama.context_length"));
    Layer q = layer(model, "blk.0.attn_q");
    assertEquals(DType.Q4_K, q.weight().dtype());
    // The Hugging Face file's q_proj, its rows in llama.cpp's converter order: numpy's
    // w.reshape(heads, 2, rows/heads/2, 256).swapaxes(1, 2), written out by hand.
    float[] hf = generated(5, TensorNaming.HUGGING_FACE.query(0), new long[] {256, 256});
    int headRows = TINY.hidden() / TINY.heads();
    float[] x = new float[hf.length];
    for (int r = 0; r < 256; r++) {
      int head = r / headRows;
      int i = (r % headRows) / 2;
      int j = (r % headRows) % 2;
      System.arraycopy(hf, (head * headRows + j * headRows / 2 + i) * 256, x, r * 256, 256);
    }
    float[] read = read(q.weight());
    byte[] block = new byte[GgmlFormat.Q4_K.blockBytes()];
    float[] decoded = new float[256];
    for (int b = 0; b < x.length / 256; b++) {
      GgmlFormat.Q4_K.quantizeBlock(x, b * 256, block, 0);
      GgmlFormat.Q4_K.dequantizeBlock(
          java.nio.ByteBuffer.wrap(block).order(java.nio.ByteOrder.LITTLE_ENDIAN), 0, decoded, 0);
      for (int i = 0; i < 256; i++) {
        assertEquals(decoded[i], read[b * 256 + i]);
      }
    }
    Tensor norm =
        model.initializers().stream()
            .filter(t -> t.name().equals("blk.0.attn_norm.weight"))
            .findFirst()
            .orElseThrow();
    assertEquals(DType.FLOAT32, norm.dtype());
    assertTrue(read(norm)[0] > 0.5f, "norm weights sit around 1");
  }

  @Test
  void ggufAndSafetensorsOfOneShapeAndSeedHoldTheSameWeights() throws Exception {
    Model gguf =
        ModelFiles.open(
            SyntheticModels.writeGguf(TINY, GgmlType.F32, 9, dir.resolve("t.gguf"), n -> {}));
    Model hf =
        ModelFiles.open(
            SyntheticModels.writeSafetensors(
                TINY,
                SyntheticModels.SafetensorsType.F32,
                1,
                9,
                dir.resolve("t.safetensors"),
                n -> {}));
    assertArrayEquals(
        read(layer(hf, "model.layers.1.mlp.down_proj").weight()),
        read(layer(gguf, "blk.1.ffn_down").weight()));
    assertArrayEquals(
        read(layer(hf, "model.layers.0.self_attn.v_proj").weight()),
        read(layer(gguf, "blk.0.attn_v").weight()));
    float[] q = read(layer(hf, "model.layers.0.self_attn.q_proj").weight());
    float[] attnQ = read(layer(gguf, "blk.0.attn_q").weight());
    // GGUF row 1 of head 0 is Hugging Face row half a head further down
    int half = TINY.hidden() / TINY.heads() / 2;
    assertArrayEquals(
        java.util.Arrays.copyOfRange(q, half * 256, half * 256 + 256),
        java.util.Arrays.copyOfRange(attnQ, 256, 512));
  }

  private static Layer layer(Model model, String name) {
    return model.layers().stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow();
  }

  private static float[] generated(long seed, String name, long[] shape) {
    SyntheticTensor t = new SyntheticTensor(name, shape, false);
    float[] x = new float[(int) t.elementCount()];
    new SyntheticValues(seed, t).fill(0, x, 0, x.length);
    return x;
  }

  private static float[] read(Tensor t) {
    float[] x = new float[(int) t.elementCount()];
    t.reader().read(0, x, 0, x.length);
    return x;
  }
}
