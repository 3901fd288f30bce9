package io.quantlens.eval.llm.tokens;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.model.ModelFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tokenizer.json QuantLens cannot read gives one line naming the file and the problem. */
class MalformedTokenizerJsonTest {
  @TempDir Path folder;

  private static final String VOCAB = "\"vocab\": {\"a\": 0, \"b\": 1, \"ab\": 2}";

  @Test
  void mergeOfAnUnknownToken() throws Exception {
    refused(
        "{\"model\": {\"type\": \"BPE\", "
            + VOCAB
            + ", \"merges\": [\"a b\", \"a c\"]},"
            + " \"pre_tokenizer\": {\"type\": \"ByteLevel\"}}",
        "merges[1] 'a c' refers to 'c', which is not in the vocabulary");
  }

  @Test
  void otherModelTypes() throws Exception {
    refused(
        "{\"model\": {\"type\": \"WordPiece\", " + VOCAB + "}}",
        "uses model type 'WordPiece' (only BPE is read), which QuantLens does not read");
  }

  @Test
  void otherNormalizers() throws Exception {
    refused(
        "{\"normalizer\": {\"type\": \"Lowercase\"}, \"model\": {\"type\": \"BPE\", "
            + VOCAB
            + ", \"merges\": [], \"byte_fallback\": true},"
            + " \"pre_tokenizer\": null}",
        "uses normalizer 'Lowercase', which QuantLens does not read");
  }

  @Test
  void notJson() throws Exception {
    refused("{\"model\": ", "is not a readable tokenizer.json");
  }

  private void refused(String json, String problem) throws Exception {
    Path file = folder.resolve("tokenizer.json");
    Files.writeString(file, json);
    ModelFormatException e =
        assertThrows(ModelFormatException.class, () -> TokenizerJsonReader.read(file));
    assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains(problem), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }
}
