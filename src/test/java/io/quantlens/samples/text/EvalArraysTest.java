package io.quantlens.samples.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.formats.npy.Npy;
import io.quantlens.formats.npy.NpyArray;
import io.quantlens.formats.npy.NpyType;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed {@code eval/*.npy} files are exactly what {@link TokenizeSentences} writes now. */
class EvalArraysTest {

  @Test
  void committedArraysAreWhatTheToolWritesNow(@TempDir Path dir) throws Exception {
    List<Sentence> sentences = Sentence.readAll(MiniLmSamples.sentences());
    TokenizeSentences.write(sentences, WordPieceTokenizer.miniLm(), dir);
    for (String name :
        List.of(
            TokenizeSentences.INPUT_IDS,
            TokenizeSentences.ATTENTION_MASK,
            TokenizeSentences.TOKEN_TYPE_IDS)) {
      assertArrayEquals(
          Files.readAllBytes(dir.resolve(name)),
          Files.readAllBytes(MiniLmSamples.eval().resolve(name)),
          name + " is out of date: regenerate it (see sample-models/all-minilm-l6-v2/README.md)");
    }
  }

  @Test
  void arraysHaveOneRowPerSentenceAndMaskTheTokens() throws Exception {
    List<Sentence> sentences = Sentence.readAll(MiniLmSamples.sentences());
    WordPieceTokenizer tokenizer = WordPieceTokenizer.miniLm();
    NpyArray ids = Npy.read(MiniLmSamples.eval().resolve(TokenizeSentences.INPUT_IDS));
    NpyArray mask = Npy.read(MiniLmSamples.eval().resolve(TokenizeSentences.ATTENTION_MASK));
    NpyArray types = Npy.read(MiniLmSamples.eval().resolve(TokenizeSentences.TOKEN_TYPE_IDS));
    int n = sentences.size();
    int longest = 0;
    for (Sentence s : sentences) {
      longest = Math.max(longest, tokenizer.encode(s.text()).length());
    }
    for (NpyArray a : List.of(ids, mask, types)) {
      assertEquals(NpyType.INT64, a.type());
      assertArrayEquals(new long[] {n, longest}, a.shape());
    }
    LongBuffer idValues = ids.data().asLongBuffer();
    LongBuffer maskValues = mask.data().asLongBuffer();
    LongBuffer typeValues = types.data().asLongBuffer();
    for (int r = 0; r < n; r++) {
      Encoding e = tokenizer.encode(sentences.get(r).text());
      long maskSum = 0;
      for (int c = 0; c < longest; c++) {
        int at = r * longest + c;
        maskSum += maskValues.get(at);
        assertEquals(0, typeValues.get(at));
        assertEquals(c < e.length() ? e.ids()[c] : tokenizer.padId(), idValues.get(at));
      }
      assertEquals(e.length(), maskSum, "row " + r);
      assertTrue(idValues.get(r * longest) == tokenizer.tokenId("[CLS]"));
    }
  }
}
