package io.quantlens.eval.llm.tokens;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.formats.gguf.GgufValue;
import io.quantlens.formats.gguf.GgufValueType;
import io.quantlens.formats.gguf.GgufWriter;
import io.quantlens.model.ModelFormatException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A malformed vocabulary gives one ModelFormatException, one line naming the file and the key. */
class MalformedVocabularyTest {
  @TempDir Path folder;

  @Test
  void scoresShorterThanTokens() throws Exception {
    Path file =
        gguf(
            "scores.gguf",
            w ->
                w.put("tokenizer.ggml.scores", floats(3))
                    .put("tokenizer.ggml.model", text("llama")),
            4);
    refused(file, "tokenizer.ggml.scores has 3 elements but tokenizer.ggml.tokens has 4");
  }

  @Test
  void mergeOfAnUnknownToken() throws Exception {
    Path file =
        gguf(
            "merges.gguf",
            w ->
                w.put("tokenizer.ggml.model", text("gpt2"))
                    .put("tokenizer.ggml.pre", text("gpt-2"))
                    .put("tokenizer.ggml.merges", strings(List.of("a b", "a zz"))),
            4);
    refused(file, "tokenizer.ggml.merges[1] 'a zz' refers to 'zz', which is not in the vocabulary");
  }

  @Test
  void mergeWithoutSeparator() throws Exception {
    Path file =
        gguf(
            "merge-line.gguf",
            w ->
                w.put("tokenizer.ggml.model", text("gpt2"))
                    .put("tokenizer.ggml.merges", strings(List.of("ab"))),
            4);
    refused(file, "tokenizer.ggml.merges[0] 'ab' is not two tokens separated by a space");
  }

  @Test
  void bosIdOutsideTheVocabulary() throws Exception {
    Path file =
        gguf(
            "bos.gguf",
            w ->
                w.put("tokenizer.ggml.model", text("llama"))
                    .put("tokenizer.ggml.bos_token_id", GgufValue.uint32(99)),
            4);
    refused(file, "tokenizer.ggml.bos_token_id is 99, outside the 4 tokens");
  }

  @Test
  void unknownTokenType() throws Exception {
    Path file =
        gguf(
            "types.gguf",
            w ->
                w.put("tokenizer.ggml.model", text("llama"))
                    .put(
                        "tokenizer.ggml.token_type",
                        GgufValue.array(
                            GgufValueType.INT32,
                            List.of(
                                GgufValue.int32(1),
                                GgufValue.int32(1),
                                GgufValue.int32(42),
                                GgufValue.int32(1)))),
            4);
    refused(file, "tokenizer.ggml.token_type[2] is 42, not a token type");
  }

  @Test
  void unsupportedModelAndPreTokenizer() throws Exception {
    refused(
        gguf("t5.gguf", w -> w.put("tokenizer.ggml.model", text("t5")), 4),
        "tokenizer.ggml.model 't5' is not supported");
    refused(
        gguf(
            "pre.gguf",
            w ->
                w.put("tokenizer.ggml.model", text("gpt2"))
                    .put("tokenizer.ggml.pre", text("chameleon"))
                    .put("tokenizer.ggml.merges", strings(List.of("a b"))),
            4),
        "tokenizer.ggml.pre 'chameleon' is not supported");
  }

  @Test
  void noVocabulary() throws Exception {
    refused(gguf("none.gguf", w -> {}, 0), "has no tokenizer (tokenizer.ggml.model is missing)");
  }

  /** A header whose token array claims 2^40 strings: refused before anything is allocated. */
  @Test
  void absurdTokenCount() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(le(4).putInt(0x46554747).array());
    out.writeBytes(le(4).putInt(3).array());
    out.writeBytes(le(8).putLong(0).array());
    out.writeBytes(le(8).putLong(1).array());
    byte[] key = "tokenizer.ggml.tokens".getBytes(StandardCharsets.UTF_8);
    out.writeBytes(le(8).putLong(key.length).array());
    out.writeBytes(key);
    out.writeBytes(le(4).putInt(9).array()); // ARRAY
    out.writeBytes(le(4).putInt(8).array()); // of STRING
    out.writeBytes(le(8).putLong(1L << 40).array());
    out.writeBytes(new byte[64]);
    Path file = folder.resolve("absurd.gguf");
    Files.write(file, out.toByteArray());
    refused(file, "claims 1099511627776 values; the file is shorter");
  }

  private static ByteBuffer le(int n) {
    return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static void refused(Path file, String problem) {
    ModelFormatException e =
        assertThrows(ModelFormatException.class, () -> GgufTokenizers.read(file));
    assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains(problem), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  private Path gguf(String name, Consumer<GgufWriter> keys, int tokens) throws Exception {
    GgufWriter w = RealTokenizers.hparams(new GgufWriter());
    if (tokens > 0) {
      w.put("tokenizer.ggml.tokens", strings(List.of("a", "b", "ab", "c").subList(0, tokens)));
    }
    keys.accept(w);
    Path file = folder.resolve(name);
    w.write(file);
    return file;
  }

  private static GgufValue text(String s) {
    return GgufValue.string(s);
  }

  private static GgufValue strings(List<String> values) {
    List<GgufValue> out = new ArrayList<>();
    values.forEach(v -> out.add(GgufValue.string(v)));
    return GgufValue.array(GgufValueType.STRING, out);
  }

  private static GgufValue floats(int n) {
    List<GgufValue> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(GgufValue.float32(0f));
    }
    return GgufValue.array(GgufValueType.FLOAT32, out);
  }
}
