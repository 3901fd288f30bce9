package io.quantlens.eval.llm.tokens;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A GGUF {@code llama} vocabulary (SentencePiece BPE with scores and byte fallback), tokenized as
 * llama.cpp's {@code llama_vocab::impl::tokenize} does for {@code LLAMA_VOCAB_TYPE_SPM}
 * (src/llama-vocab.cpp lines 3427-3476 of the pinned sources): special tokens split first; each
 * text fragment gets a leading space when it opens the text or follows a special token (with {@code
 * add_space_prefix}), its spaces become {@code ▁}, and {@link ScoredMerges} tokenizes it.
 */
final class SentencePieceTokenizer extends VocabTokenizer {
  static final String SPACE = "\u2581";

  private final int[] types;
  private final ScoredMerges merges;
  private final boolean addSpacePrefix;

  SentencePieceTokenizer(
      Vocab vocab,
      int[] types,
      ScoredMerges merges,
      SpecialTokens specials,
      SpecialIds ids,
      boolean addSpacePrefix) {
    super(vocab, specials, ids);
    this.types = types.clone();
    this.merges = merges;
    this.addSpacePrefix = addSpacePrefix;
  }

  @Override
  void encodeRaw(String text, boolean afterSpecial, TokenIds out) {
    String raw = addSpacePrefix && afterSpecial ? " " + text : text;
    merges.encode(raw.replace(" ", SPACE), out);
  }

  @Override
  void appendPiece(int id, String piece, ByteArrayOutputStream bytes) {
    if (types.length > id && types[id] == TokenType.BYTE && piece.length() == 6) {
      bytes.write(Integer.parseInt(piece.substring(3, 5), 16));
    } else {
      bytes.writeBytes(piece.replace(SPACE, " ").getBytes(StandardCharsets.UTF_8));
    }
  }

  @Override
  boolean prefixesSpace() {
    return addSpacePrefix;
  }
}
