package io.quantlens.samples.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java tokenizer against HuggingFace's own (Rust) tokenizer: {@code reference-ids.json} was
 * written by {@code sample-models/all-minilm-l6-v2/tools/reference-ids.js}, which shares no code
 * with this one. Plus cases checked by hand against the vocabulary.
 */
class WordPieceTokenizerTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static WordPieceTokenizer tokenizer;
  private static JsonNode reference;

  @BeforeAll
  static void load() throws IOException {
    tokenizer = WordPieceTokenizer.miniLm();
    try (InputStream in = WordPieceTokenizerTest.class.getResourceAsStream("reference-ids.json")) {
      reference = MAPPER.readTree(in);
    }
  }

  @Test
  void everySentenceMatchesTheReferenceTokenizer() throws IOException {
    List<Sentence> sentences = Sentence.readAll(MiniLmSamples.sentences());
    JsonNode cases = reference.path("sentences");
    assertEquals(
        sentences.size(), cases.size(), "reference-ids.json is out of date: regenerate it");
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < sentences.size(); i++) {
      String text = sentences.get(i).text();
      assertEquals(text, cases.get(i).path("text").asText(), "row " + i + " of reference-ids.json");
      check(text, ids(cases.get(i)), mismatches);
    }
    assertEquals(List.of(), mismatches);
  }

  @Test
  void everyEdgeCaseMatchesTheReferenceTokenizer() {
    List<String> mismatches = new ArrayList<>();
    for (JsonNode c : reference.path("edgeCases")) {
      check(c.path("text").asText(), ids(c), mismatches);
    }
    assertTrue(reference.path("edgeCases").size() >= 20);
    assertEquals(List.of(), mismatches);
  }

  private static void check(String text, long[] expected, List<String> mismatches) {
    Encoding e = tokenizer.encode(text);
    if (!Arrays.equals(expected, e.ids())) {
      mismatches.add(
          text
              + "\n  expected "
              + Arrays.toString(expected)
              + "\n  got      "
              + Arrays.toString(e.ids()));
    }
    assertTrue(LongStream.of(e.attentionMask()).allMatch(m -> m == 1), text);
    assertTrue(LongStream.of(e.typeIds()).allMatch(t -> t == 0), text);
  }

  @Test
  void helloWorld() {
    assertArrayEquals(new long[] {101, 7592, 2088, 102}, tokenizer.encode("hello world").ids());
  }

  @Test
  void punctuationIsSplitOffAndUppercaseLowered() {
    assertArrayEquals(
        ids("[CLS]", "hello", ",", "world", "!", "[SEP]"), tokenizer.encode("Hello,World!").ids());
    assertArrayEquals(
        ids("[CLS]", "a", "+", "b", "=", "c", "$", "[SEP]"), tokenizer.encode("a+b=c$").ids());
  }

  @Test
  void aWordWithAnUnknownCharacterIsUnknown() {
    assertEquals(100, tokenizer.tokenId("[UNK]"));
    assertArrayEquals(
        ids("[CLS]", "[UNK]", "snow", "##man", "[SEP]"), tokenizer.encode("☃ snowman").ids());
    assertArrayEquals(ids("[CLS]", "[UNK]", "[SEP]"), tokenizer.encode("snow☃man").ids());
  }

  @Test
  void aLongWordIsSplitIntoContinuationPieces() {
    assertArrayEquals(
        ids(
            "[CLS]", "anti", "##dis", "##est", "##ab", "##lish", "##ment", "##arian", "##ism",
            "[SEP]"),
        tokenizer.encode("antidisestablishmentarianism").ids());
    assertArrayEquals(ids("[CLS]", "[UNK]", "[SEP]"), tokenizer.encode("a".repeat(101)).ids());
  }

  @Test
  void vietnameseLosesItsDiacriticsButKeepsDStroke() {
    BertNormalizer normalizer = new BertNormalizer(true, true, true, true);
    assertEquals(
        "hom nay troi mua o đa nang.", normalizer.normalize("Hôm nay trời mưa ở Đà Nẵng."));
    assertArrayEquals(
        ids("[CLS]", "ho", "##m", "nay", "tr", "##oi", "mu", "##a", "[SEP]"),
        tokenizer.encode("Hôm nay trời mưa").ids());
    assertArrayEquals(
        tokenizer.encode("hom nay troi mua").ids(), tokenizer.encode("Hôm nay trời mưa").ids());
  }

  @Test
  void stripAccentsNullFollowsLowercase() throws IOException {
    ObjectNode cased = miniLmJson();
    ((ObjectNode) cased.path("normalizer")).put("lowercase", false);
    WordPieceTokenizer keepsCase = fromJson(cased);
    // no lowercasing, no accent stripping: "Café" is not in the uncased vocabulary
    assertEquals(tokenizer.tokenId("[UNK]"), keepsCase.encode("Café").ids()[1]);
    assertArrayEquals(ids("[CLS]", "cafe", "[SEP]"), tokenizer.encode("Café").ids());
  }

  @Test
  void truncatesToTheFileMaximumOrAGivenOne() {
    String text = "word ".repeat(300);
    assertEquals(128, tokenizer.encode(text).length());
    Encoding five = tokenizer.encode(text, 5);
    assertArrayEquals(ids("[CLS]", "word", "word", "word", "[SEP]"), five.ids());
  }

  @Test
  void refusesWhatItDoesNotImplement(@TempDir Path dir) throws IOException {
    ObjectNode bpe = miniLmJson();
    ((ObjectNode) bpe.path("model")).put("type", "BPE");
    Path file = dir.resolve("bpe.json");
    MAPPER.writeValue(file.toFile(), bpe);
    IOException e = assertThrows(IOException.class, () -> WordPieceTokenizer.fromFile(file));
    assertTrue(e.getMessage().contains("unsupported model"), e.getMessage());
    assertThrows(IOException.class, () -> WordPieceTokenizer.fromResource("/no-such.json"));
  }

  private static long[] ids(String... tokens) {
    long[] ids = new long[tokens.length];
    for (int i = 0; i < tokens.length; i++) {
      ids[i] = tokenizer.tokenId(tokens[i]);
      assertTrue(ids[i] >= 0, tokens[i] + " is not in the vocabulary");
    }
    return ids;
  }

  private static long[] ids(JsonNode c) {
    JsonNode ids = c.path("ids");
    long[] values = new long[ids.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = ids.get(i).asLong();
    }
    return values;
  }

  private static ObjectNode miniLmJson() throws IOException {
    try (InputStream in =
        WordPieceTokenizer.class.getResourceAsStream(WordPieceTokenizer.MINI_LM_RESOURCE)) {
      return (ObjectNode) MAPPER.readTree(in);
    }
  }

  private static WordPieceTokenizer fromJson(JsonNode json) throws IOException {
    Path file = Files.createTempFile("tokenizer", ".json");
    try {
      MAPPER.writeValue(file.toFile(), json);
      return WordPieceTokenizer.fromFile(file);
    } finally {
      Files.delete(file);
    }
  }
}
