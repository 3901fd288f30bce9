package io.quantlens.eval.llm.tokens;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quantlens.reference.LlamaCpp;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * QuantLens' GGUF tokenizers give the ids llama.cpp's own {@code llama_tokenize} gives, on real
 * vocabularies (Llama 2 as SentencePiece, Llama 3 as byte-level BPE under several pre-tokenizers).
 */
class GgufTokenizerLlamaCppTest {
  @TempDir static Path folder;
  private static LlamaCpp llama;

  @BeforeAll
  static void load() {
    llama = LlamaCpp.load();
  }

  @Test
  void llama2SentencePieceMatchesLlamaCpp() throws Exception {
    compare(RealTokenizers.llama2Gguf(folder));
  }

  @ParameterizedTest
  @ValueSource(strings = {"llama-bpe", "qwen2", "gpt-2", "default"})
  void llama3ByteLevelMatchesLlamaCpp(String pre) throws Exception {
    compare(RealTokenizers.llama3Gguf(folder, pre));
  }

  /** Phi-3: llama.cpp drops the whitespace after most special tokens, by the model's name. */
  @Test
  void phi3SentencePieceMatchesLlamaCpp() throws Exception {
    compare(
        RealTokenizers.llama2Gguf(
            folder,
            "Phi-3 mini vocabulary",
            List.of("<|endoftext|>", "<|assistant|>", "<|end|>", "<|user|>", "<|system|>")));
  }

  @Test
  void qwen3ByteLevelMatchesLlamaCpp() throws Exception {
    compare(RealTokenizers.qwen3Gguf(folder));
  }

  private static final List<String> TEXTS = TokenizerTexts.all();

  private static void compare(Path gguf) throws Exception {
    Tokenizer tokenizer = GgufTokenizers.read(gguf);
    for (boolean addSpecial : new boolean[] {false, true}) {
      for (boolean parseSpecial : new boolean[] {false, true}) {
        List<int[]> expected = llama.tokenize(gguf, TEXTS, addSpecial, parseSpecial);
        for (int i = 0; i < expected.size(); i++) {
          String text = TEXTS.get(i);
          int[] want = expected.get(i);
          int[] actual = tokenizer.encode(text, addSpecial, parseSpecial);
          assertArrayEquals(
              want,
              actual,
              () ->
                  gguf.getFileName()
                      + " add="
                      + addSpecial
                      + " parse="
                      + parseSpecial
                      + " '"
                      + text
                      + "': llama.cpp "
                      + Arrays.toString(want)
                      + ", QuantLens "
                      + Arrays.toString(actual));
        }
      }
    }
    // A literal ▁ decodes as a space in a SentencePiece vocabulary, as in llama.cpp: not a round
    // trip.
    for (String text : TEXTS) {
      if (!text.contains(SentencePieceTokenizer.SPACE)) {
        assertEquals(text, tokenizer.decode(tokenizer.encode(text, true, false)), text);
      }
    }
  }
}
