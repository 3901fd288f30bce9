package io.quantlens.eval.llm.tokens;

import java.nio.file.Path;

/**
 * Writes the vocabulary-only GGUF files the tests make from the real tokenizer.json files, for the
 * throughput benchmark: {@code WriteVocabularies FOLDER} (with {@code
 * -Dquantlens.tokenizers.dir=target/tokenizers}).
 */
public final class WriteVocabularies {
  private WriteVocabularies() {}

  public static void main(String[] args) {
    Path folder = Path.of(args[0]);
    System.out.println(RealTokenizers.llama2Gguf(folder));
    System.out.println(RealTokenizers.llama3Gguf(folder, "llama-bpe"));
    System.out.println(RealTokenizers.qwen3Gguf(folder));
  }
}
