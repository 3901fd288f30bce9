package io.quantlens.eval.llm.tokens;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * What the tokenizers share: special tokens are split out of the text first and each raw fragment
 * is encoded by the tokenizer's own algorithm, between the beginning/end tokens the file asks for;
 * decoding writes each piece's bytes, control tokens giving none; size and pieces are the
 * vocabulary's.
 */
abstract class VocabTokenizer implements Tokenizer {
  protected final Vocab vocab;
  protected final SpecialTokens specials;
  protected final SpecialIds ids;

  VocabTokenizer(Vocab vocab, SpecialTokens specials, SpecialIds ids) {
    this.vocab = vocab;
    this.specials = specials;
    this.ids = ids;
  }

  @Override
  public final int[] encode(String text, boolean addSpecial, boolean parseSpecial) {
    TokenIds out = new TokenIds();
    if (addSpecial) {
      ids.addPrefix(out);
    }
    boolean afterSpecial = true;
    for (Fragment f : specials.split(text, parseSpecial)) {
      if (f.isRaw()) {
        encodeRaw(f.text(), afterSpecial, out);
        afterSpecial = false;
      } else {
        out.add(f.token());
        afterSpecial = true;
      }
    }
    if (addSpecial) {
      ids.addSuffix(out);
    }
    return out.toArray();
  }

  /**
   * Encodes one fragment of plain text into {@code out}.
   *
   * @param afterSpecial true for the text's first fragment and one that follows a special token
   */
  abstract void encodeRaw(String text, boolean afterSpecial, TokenIds out);

  @Override
  public final String decode(int[] tokens) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int id : tokens) {
      if (!ids.isSilent(id)) {
        appendPiece(id, vocab.piece(id), bytes);
      }
    }
    String text = bytes.toString(StandardCharsets.UTF_8);
    return prefixesSpace() && text.startsWith(" ") ? text.substring(1) : text;
  }

  /** Writes the bytes of token {@code id}, whose stored text is {@code piece}. */
  abstract void appendPiece(int id, String piece, ByteArrayOutputStream bytes);

  /** Whether encoding puts a space before the text, which decoding then takes off. */
  abstract boolean prefixesSpace();

  @Override
  public final int size() {
    return vocab.size();
  }

  @Override
  public final String piece(int id) {
    return vocab.piece(id);
  }
}
