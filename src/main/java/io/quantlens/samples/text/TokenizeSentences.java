package io.quantlens.samples.text;

import io.quantlens.files.AtomicWrite;
import io.quantlens.formats.npy.Npy;
import io.quantlens.formats.npy.NpyArray;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Tokenizes an evaluation sentence set into the NumPy inputs of a BERT ONNX model: {@code
 * input_ids.npy}, {@code attention_mask.npy} and {@code token_type_ids.npy}, int64 {@code [N, L]}
 * in the set's row order, padded to the longest sentence (at most {@value #MAX_LENGTH} tokens).
 *
 * <p>Usage: {@code TokenizeSentences SENTENCES.tsv TOKENIZER.json|- OUTPUT_FOLDER}, where {@code -}
 * means all-MiniLM-L6-v2's tokenizer from the class path.
 */
public final class TokenizeSentences {
  public static final int MAX_LENGTH = 128;
  public static final String INPUT_IDS = "input_ids.npy";
  public static final String ATTENTION_MASK = "attention_mask.npy";
  public static final String TOKEN_TYPE_IDS = "token_type_ids.npy";

  private TokenizeSentences() {}

  public static void main(String[] args) {
    if (args.length != 3) {
      System.err.println(
          "usage: TokenizeSentences SENTENCES.tsv TOKENIZER.json|- OUTPUT_FOLDER\n"
              + "  -  reads all-MiniLM-L6-v2's tokenizer from the class path");
      System.exit(2);
    }
    try {
      WordPieceTokenizer tokenizer =
          args[1].equals("-")
              ? WordPieceTokenizer.miniLm()
              : WordPieceTokenizer.fromFile(Path.of(args[1]));
      Path out = Path.of(args[2]);
      PaddedBatch batch = write(Sentence.readAll(Path.of(args[0])), tokenizer, out);
      System.out.printf(
          "%d sentences, %d tokens each (padded) -> %s%n", batch.rows(), batch.length(), out);
    } catch (IOException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(1);
    }
  }

  /** Tokenizes the sentences, padded to the longest. */
  public static PaddedBatch tokenize(List<Sentence> sentences, WordPieceTokenizer tokenizer) {
    List<Encoding> encodings = new ArrayList<>(sentences.size());
    for (Sentence s : sentences) {
      encodings.add(tokenizer.encode(s.text(), MAX_LENGTH));
    }
    return PaddedBatch.of(encodings, tokenizer.padId());
  }

  /** Tokenizes the sentences and writes the three arrays into {@code folder}. */
  public static PaddedBatch write(
      List<Sentence> sentences, WordPieceTokenizer tokenizer, Path folder) throws IOException {
    PaddedBatch batch = tokenize(sentences, tokenizer);
    long[] shape = batch.shape();
    writeArray(folder.resolve(INPUT_IDS), NpyArray.ofLongs(shape, batch.inputIds()));
    writeArray(folder.resolve(ATTENTION_MASK), NpyArray.ofLongs(shape, batch.attentionMask()));
    writeArray(folder.resolve(TOKEN_TYPE_IDS), NpyArray.ofLongs(shape, batch.typeIds()));
    return batch;
  }

  private static void writeArray(Path file, NpyArray array) throws IOException {
    AtomicWrite.writeStream(file, out -> Npy.write(out, array));
  }
}
