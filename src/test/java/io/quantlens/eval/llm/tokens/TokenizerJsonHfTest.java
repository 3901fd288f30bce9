package io.quantlens.eval.llm.tokens;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * QuantLens' tokenizer.json reader gives the ids Hugging Face's own Rust tokenizers give (through
 * DJL's binding, natives from its jar) on Llama 2's and Llama 3's real tokenizer.json.
 */
class TokenizerJsonHfTest {
  @Test
  void llama2ByteFallbackBpeMatchesHuggingFace() throws Exception {
    compare(RealTokenizers.llama2Json());
  }

  @Test
  void llama3ByteLevelBpeMatchesHuggingFace() throws Exception {
    compare(RealTokenizers.llama3Json());
  }

  @Test
  void qwen3NfcByteLevelBpeMatchesHuggingFace() throws Exception {
    compare(RealTokenizers.qwen3Json());
  }

  private static final List<String> TEXTS = TokenizerTexts.all();

  private static void compare(Path json) throws Exception {
    Tokenizer tokenizer = TokenizerJsonReader.read(json);
    try (HuggingFaceTokenizer hf =
        HuggingFaceTokenizer.newInstance(
            json, Map.of("truncation", "false", "padding", "false", "maxLength", "100000"))) {
      for (boolean addSpecial : new boolean[] {false, true}) {
        for (String text : TEXTS) {
          long[] hfIds = hf.encode(text, addSpecial, false).getIds();
          int[] expected = Arrays.stream(hfIds).mapToInt(id -> (int) id).toArray();
          int[] actual = tokenizer.encode(text, addSpecial, true);
          assertArrayEquals(
              expected,
              actual,
              () ->
                  json
                      + " add="
                      + addSpecial
                      + " '"
                      + text
                      + "': HF "
                      + Arrays.toString(expected)
                      + ", QuantLens "
                      + Arrays.toString(actual));
        }
      }
    }
    for (String text : TEXTS) {
      // Added tokens decode to nothing, a literal ▁ to a space in a SentencePiece vocabulary, and
      // an NFC normalizer changes text not in NFC.
      if (!text.contains("<")
          && !text.contains(SentencePieceTokenizer.SPACE)
          && Normalizer.isNormalized(text, Normalizer.Form.NFC)) {
        assertEquals(text, tokenizer.decode(tokenizer.encode(text, true, true)), text);
      }
    }
  }
}
