package io.quantlens.formats.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.quantlens.model.DType;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.model.Tensor;
import io.quantlens.testing.TestModels;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reads the real all-MiniLM-L6-v2 model (BERT: 6 layers, hidden 384, FFN 1536, vocab 30522). */
class MiniLmReadTest {
  private static final int HIDDEN = 384;
  private static final int FFN = 1536;
  private static final int LAYERS = 6;
  private static final int VOCAB = 30522;
  private static final int POSITIONS = 512;
  private static final int TOKEN_TYPES = 2;

  private static Path file;
  private static Model model;

  @BeforeAll
  static void read() throws Exception {
    file = TestModels.miniLm();
    OnnxModelReader reader = new OnnxModelReader();
    long t0 = System.nanoTime();
    model = reader.read(file);
    long first = System.nanoTime() - t0;
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      long t = System.nanoTime();
      reader.read(file);
      best = Math.min(best, System.nanoTime() - t);
    }
    System.out.printf(
        "OnnxModelReader.read(MiniLM, %d bytes): first %.1f ms, best of 5 warm %.1f ms%n",
        Files.size(file), first / 1e6, best / 1e6);
    float[] block = new float[1 << 16];
    long elements = 0;
    long t1 = System.nanoTime();
    for (Tensor t : model.initializers()) {
      if (t.dtype() == DType.FLOAT32) {
        for (long s = 0; s < t.elementCount(); s += block.length) {
          int n = (int) Math.min(block.length, t.elementCount() - s);
          t.reader().read(s, block, 0, n);
          elements += n;
        }
      }
    }
    System.out.printf(
        "streamed %d float32 weights in %.1f ms%n", elements, (System.nanoTime() - t1) / 1e6);
  }

  @Test
  void findsTheBertLayersInGraphOrder() {
    List<Layer> layers = model.layers();
    // 3 embedding Gathers (word, position, token type) + 6 x 6 MatMuls + the pooler Gemm.
    assertEquals(3 + LAYERS * 6 + 1, layers.size());
    assertEquals(List.of("Gather", "Gather", "Gather"), ops(layers.subList(0, 3)));

    Layer word = layers.get(0);
    assertEquals("embeddings.word_embeddings.weight", word.weight().name());
    assertArrayEquals(new long[] {VOCAB, HIDDEN}, word.weight().shape());
    assertEquals(0, word.channelAxis());
    assertNull(word.bias());
    assertArrayEquals(new long[] {POSITIONS, HIDDEN}, layers.get(2).weight().shape());

    long[][] shapes = {
      {HIDDEN, HIDDEN},
      {HIDDEN, HIDDEN},
      {HIDDEN, HIDDEN},
      {HIDDEN, HIDDEN},
      {HIDDEN, FFN},
      {FFN, HIDDEN}
    };
    String[] roles = {
      "attention/self/query", "attention/self/key", "attention/self/value",
      "attention/output/dense", "intermediate/dense", "output/dense"
    };
    for (int l = 0; l < LAYERS; l++) {
      for (int m = 0; m < 6; m++) {
        Layer layer = layers.get(3 + 6 * l + m);
        assertEquals("MatMul", layer.opType());
        assertEquals("/encoder/layer." + l + "/" + roles[m] + "/MatMul", layer.name());
        assertArrayEquals(shapes[m], layer.weight().shape(), layer.name());
        assertEquals(DType.FLOAT32, layer.weight().dtype());
        assertEquals(1, layer.channelAxis());
        assertNotNull(layer.bias(), layer.name());
        assertArrayEquals(new long[] {shapes[m][1]}, layer.bias().shape());
      }
    }
    Layer query0 = layers.get(3);
    assertEquals("encoder.layer.0.attention.self.query.bias", query0.bias().name());
    Layer lastFfnOut = layers.get(3 + 6 * LAYERS - 1);
    assertEquals("onnx::MatMul_962", lastFfnOut.weight().name());

    Layer pooler = layers.get(layers.size() - 1);
    assertEquals("Gemm", pooler.opType());
    assertEquals("pooler.dense.weight", pooler.weight().name());
    assertEquals("pooler.dense.bias", pooler.bias().name());
    assertEquals(0, pooler.channelAxis()); // exported from nn.Linear with transB = 1
  }

  @Test
  void parameterCountsMatchTheArchitecture() {
    long embeddings = (long) VOCAB * HIDDEN + POSITIONS * HIDDEN + TOKEN_TYPES * HIDDEN;
    // 11,720,448 + 196,608 + 768 = 11,917,824
    assertEquals(11_917_824L, embeddings);
    long attention = 4L * (HIDDEN * HIDDEN + HIDDEN); // Q, K, V, output: 4 x 147,840 = 591,360
    long ffn = (long) HIDDEN * FFN + FFN + (long) FFN * HIDDEN + HIDDEN; // 591,360 + 590,208
    long layerNorms = 2L * 2 * HIDDEN; // two LayerNorms per encoder layer, weight + bias
    long pooler = (long) HIDDEN * HIDDEN + HIDDEN; // 147,840
    long embeddingLayerNorm = 2L * HIDDEN;
    long positionIds = POSITIONS; // the int64 buffer embeddings.position_ids [1, 512]

    // Layer parameters: embeddings 11,917,824 + 6 x (591,360 + 1,181,568) + pooler 147,840
    //                 = 11,917,824 + 10,637,568 + 147,840 = 22,703,232
    assertEquals(22_703_232L, embeddings + LAYERS * (attention + ffn) + pooler);
    assertEquals(22_703_232L, model.layerParameterCount());

    // Stored elements: + 6 x 1,536 encoder LayerNorm + 768 embedding LayerNorm + 512 position ids
    //                = 22,703,232 + 9,216 + 768 + 512 = 22,713,728 (22.7 M)
    long stored =
        embeddings
            + LAYERS * (attention + ffn + layerNorms)
            + pooler
            + embeddingLayerNorm
            + positionIds;
    assertEquals(22_713_728L, stored);
    assertEquals(stored, model.totalParameterCount());
    assertEquals(
        Map.of(DType.FLOAT32, 4L * (stored - positionIds), DType.INT64, 8L * positionIds),
        model.bytesByDType());
  }

  @Test
  void metadataAndSignature() {
    assertEquals("ONNX", model.metadata().format());
    assertEquals("pytorch 1.13.0", model.metadata().producer());
    assertEquals(7, model.metadata().formatVersion());
    assertEquals(Map.of("", 14L), model.metadata().opsets());
    assertEquals(
        List.of("input_ids", "attention_mask", "token_type_ids"),
        model.inputs().stream().map(v -> v.name()).toList());
    assertEquals("INT64", model.inputs().get(0).elementType());
    assertEquals(2, model.inputs().get(0).dims().size());
    assertEquals("batch", model.inputs().get(0).dims().get(0));
    assertEquals("FLOAT", model.outputs().get(0).elementType());
    assertEquals("384", model.outputs().get(0).dims().get(2));
  }

  @Test
  void weightValuesMatchAnIndependentDecodeOfRawData() throws Exception {
    // Independent path: ordinary (copying) protobuf parse, raw_data decoded with a ByteBuffer.
    ModelProto proto = ModelProto.parseFrom(Files.readAllBytes(file));
    for (String name :
        List.of("onnx::MatMul_962", "embeddings.word_embeddings.weight", "pooler.dense.bias")) {
      TensorProto t =
          proto.getGraph().getInitializerList().stream()
              .filter(i -> i.getName().equals(name))
              .findFirst()
              .orElseThrow();
      ByteBuffer raw = ByteBuffer.wrap(t.getRawData().toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
      Tensor tensor = initializer(name);
      int n = (int) tensor.elementCount();
      assertEquals(raw.capacity() / 4, n);
      for (int[] range : new int[][] {{0, 17}, {n / 2 - 5, 100}, {n - 9, 9}}) {
        float[] got = new float[range[1] + 2];
        tensor.reader().read(range[0], got, 1, range[1]);
        for (int i = 0; i < range[1]; i++) {
          assertEquals(raw.getFloat(4 * (range[0] + i)), got[1 + i], name + "[" + (range[0] + i));
        }
        assertEquals(0f, got[0]);
        assertEquals(0f, got[range[1] + 1]);
      }
    }
  }

  @Test
  void rawDataAliasesTheMappedFileInsteadOfBeingCopied() throws Exception {
    TensorProto word =
        OnnxProtoParser.parse(file).getGraph().getInitializerList().stream()
            .filter(t -> t.getName().equals("embeddings.word_embeddings.weight"))
            .findFirst()
            .orElseThrow();
    ByteBuffer bytes = word.getRawData().asReadOnlyByteBuffer();
    assertEquals(true, bytes.isDirect(), "raw_data should be a slice of the mapping");
    assertEquals(4L * VOCAB * HIDDEN, bytes.remaining());
  }

  @Test
  void readersAreSafeToShareBetweenThreads() throws Exception {
    Tensor table = model.layers().get(0).weight();
    int n = (int) table.elementCount();
    float[] expected = new float[n];
    table.reader().read(0, expected, 0, n);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> results =
          pool.invokeAll(
              java.util.stream.IntStream.range(0, 16)
                  .<java.util.concurrent.Callable<Boolean>>mapToObj(
                      k ->
                          () -> {
                            float[] block = new float[4099];
                            for (long s = k * 997L; s + block.length <= n; s += 61_234) {
                              table.reader().read(s, block, 0, block.length);
                              for (int i = 0; i < block.length; i++) {
                                if (Float.floatToRawIntBits(block[i])
                                    != Float.floatToRawIntBits(expected[(int) s + i])) {
                                  return false;
                                }
                              }
                            }
                            return true;
                          })
                  .toList());
      for (Future<Boolean> r : results) {
        assertEquals(true, r.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static Tensor initializer(String name) {
    return model.initializers().stream()
        .filter(t -> t.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static List<String> ops(List<Layer> layers) {
    return layers.stream().map(Layer::opType).toList();
  }
}
