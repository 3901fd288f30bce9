package io.quantlens.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.formats.gguf.GgufReader;
import io.quantlens.samples.synthetic.LlmShape;
import io.quantlens.samples.synthetic.SyntheticModels;
import io.quantlens.session.PlanExports;
import io.quantlens.session.Session;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint's SentencePiece {@code tokenizer.model} becomes the GGUF vocabulary the converter
 * writes, and llama.cpp's own tokenizer uses it: the model file is encoded here field by field from
 * sentencepiece_model.proto (pieces: 1 text, 2 score, 3 type; trainer spec 2: 3 model type, BPE =
 * 2), with added and special tokens in tokenizer_config.json and tokenizer.json as Hugging Face
 * writes them.
 */
class HfGgufTokenizerTest {
  private static LlamaCpp llamaCpp;

  @TempDir Path dir;

  @BeforeAll
  static void loadLlamaCpp() {
    llamaCpp = LlamaCpp.load();
  }

  private record Piece(String text, float score, int type) {}

  @Test
  void aSentencePieceVocabularyIsConvertedAndLlamaCppTokenizesWithIt() throws Exception {
    LlmShape shape = LlmShape.TINY;
    Path hf = Files.createDirectories(dir.resolve("hf"));
    SyntheticModels.writeSafetensors(
        shape, SyntheticModels.SafetensorsType.F16, 1, 3, hf.resolve("model.safetensors"), n -> {});
    List<Piece> pieces = new ArrayList<>();
    pieces.add(new Piece("<unk>", 0, 2));
    pieces.add(new Piece("<s>", 0, 3));
    pieces.add(new Piece("</s>", 0, 3));
    for (int b = 0; b < 256; b++) {
      pieces.add(new Piece(String.format("<0x%02X>", b), 0, 6));
    }
    List<String> words =
        List.of(
            "\u2581",
            "h",
            "e",
            "l",
            "o",
            "w",
            "r",
            "d",
            "\u2581h",
            "\u2581he",
            "\u2581hel",
            "\u2581hell",
            "\u2581hello",
            "\u2581w",
            "\u2581wo",
            "\u2581wor",
            "\u2581worl",
            "\u2581world");
    for (int i = 0; i < words.size(); i++) {
      pieces.add(new Piece(words.get(i), i < 8 ? -100f - i : -0.5f * (words.size() - i), 1));
    }
    pieces.add(new Piece("<custom>", 0, 4)); // user-defined: the converter calls it normal
    Files.write(hf.resolve("tokenizer.model"), model(pieces));
    int user = 300;
    Files.writeString(
        hf.resolve("tokenizer_config.json"),
        "{\"add_bos_token\": true, \"add_eos_token\": false, \"bos_token\": \"<s>\","
            + " \"eos_token\": {\"content\": \"</s>\"}, \"chat_template\": \"{{ messages }}\","
            + " \"added_tokens_decoder\": {\""
            + user
            + "\": {\"content\": \"<|user|>\", \"special\": true}}}");
    Files.writeString(
        hf.resolve("tokenizer.json"),
        "{\"added_tokens\": [{\"id\": 1, \"content\": \"<s>\", \"special\": true},"
            + " {\"id\": 2, \"content\": \"</s>\", \"special\": true}],"
            + " \"model\": {\"type\": \"BPE\"}}");

    Path out = dir.resolve("tokenized.gguf");
    PlanExports.GgufExport e =
        Session.open(hf)
            .exports()
            .gguf(new PrecisionPlan(PrecisionPlan.FP32, Map.of()), Optional.empty(), out);
    assertTrue(e.realTokenizer());

    Map<String, String> p = new GgufReader().read(out).metadata().properties();
    assertEquals("llama", p.get("tokenizer.ggml.model"));
    assertEquals("default", p.get("tokenizer.ggml.pre"));
    assertEquals("1", p.get("tokenizer.ggml.bos_token_id"));
    assertEquals("2", p.get("tokenizer.ggml.eos_token_id"));
    assertEquals("true", p.get("tokenizer.ggml.add_bos_token"));
    assertEquals("false", p.get("tokenizer.ggml.add_eos_token"));
    assertEquals("{{ messages }}", p.get("tokenizer.chat_template"));
    assertTrue(
        p.get("tokenizer.ggml.tokens").startsWith("array of 512 string: [\"<unk>\", \"<s>\""));

    io.quantlens.model.Model model = new GgufReader().read(out);
    List<String> tokens = strings(out, "tokenizer.ggml.tokens");
    List<String> scores = strings(out, "tokenizer.ggml.scores");
    List<String> types = strings(out, "tokenizer.ggml.token_type");
    assertEquals(512, tokens.size());
    for (int i = 0; i < pieces.size(); i++) {
      Piece piece = pieces.get(i);
      assertEquals(piece.text(), tokens.get(i), "token " + i);
      assertEquals(piece.score(), Float.parseFloat(scores.get(i)), "score " + i);
      assertEquals(
          piece.type() == 4 ? 1 : piece.type(), Integer.parseInt(types.get(i)), "type " + i);
    }
    assertEquals("[PAD400]", tokens.get(400));
    assertEquals(-10000f, Float.parseFloat(scores.get(400)));
    assertEquals(5, Integer.parseInt(types.get(400)));
    assertEquals("<|user|>", tokens.get(user));
    assertEquals(-1000f, Float.parseFloat(scores.get(user)));
    assertEquals(3, Integer.parseInt(types.get(user)));
    assertTrue(model.initializers().size() > 0);

    int hello = words.indexOf("\u2581hello") + 259;
    int world = words.indexOf("\u2581world") + 259;
    assertArrayEquals(
        new int[] {1, hello, world},
        llamaCpp.tokenize(out, java.util.List.of("hello world"), true, false).get(0));
    assertEquals(shape.vocab(), llamaCpp.loadModel(out).vocabulary());
  }

  /** Every element of a metadata array, as llama.cpp's reference would list them. */
  private static List<String> strings(Path gguf, String key) throws Exception {
    return io.quantlens.formats.gguf.GgufMetadataValues.elements(gguf, key);
  }

  /** ModelProto bytes: the pieces, then a trainer spec of model type BPE. */
  private static byte[] model(List<Piece> pieces) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    for (Piece p : pieces) {
      ByteArrayOutputStream pb = new ByteArrayOutputStream();
      CodedOutputStream po = CodedOutputStream.newInstance(pb);
      po.writeString(1, p.text());
      po.writeFloat(2, p.score());
      po.writeEnum(3, p.type());
      po.flush();
      out.writeBytes(1, ByteString.copyFrom(pb.toByteArray()));
    }
    ByteArrayOutputStream tb = new ByteArrayOutputStream();
    CodedOutputStream to = CodedOutputStream.newInstance(tb);
    to.writeEnum(3, 2);
    to.writeInt32(4, pieces.size());
    to.flush();
    out.writeBytes(2, ByteString.copyFrom(tb.toByteArray()));
    out.flush();
    return bytes.toByteArray();
  }
}
