package io.quantlens.eval.llm.tokens;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * Byte-level BPE (GPT-2, Llama 3, Qwen2): special tokens split first, the pre-tokenizer cuts each
 * text fragment into words, each word's UTF-8 bytes become {@link ByteLevel} characters and {@link
 * RankedMerges} merges them. As llama.cpp's {@code llm_tokenizer_bpe_session} (src/llama-vocab.cpp
 * lines 616-738 of the pinned sources) and HF's BPE model with the ByteLevel pre-tokenizer.
 */
final class ByteLevelBpeTokenizer extends VocabTokenizer {
  private final RankedMerges merges;
  private final PreTokenizer pre;
  private final int[] byteIds = new int[256];
  private final boolean[] rawPieces;
  private final boolean ignoreMerges;
  private final boolean prefixSpace;
  private final boolean nfc;
  private final int unknownId;

  /**
   * @param rawPieces by id, true for a token stored as plain text rather than byte-level characters
   *     (user-defined and added tokens)
   * @param ignoreMerges a word that is a token is taken whole (Llama 3)
   * @param prefixSpace a space is put before each text fragment that does not start with one (HF
   *     ByteLevel {@code add_prefix_space})
   * @param nfc each text fragment is put in Unicode NFC first (HF's NFC normalizer, Qwen2)
   * @param unknownId the id for a byte with no token, or -1 to drop it as llama.cpp does
   */
  ByteLevelBpeTokenizer(
      Vocab vocab,
      PairTable table,
      PreTokenizer pre,
      SpecialTokens specials,
      SpecialIds ids,
      boolean[] rawPieces,
      boolean ignoreMerges,
      boolean prefixSpace,
      boolean nfc,
      int unknownId) {
    super(vocab, specials, ids);
    this.merges = new RankedMerges(table);
    this.pre = pre;
    this.rawPieces = rawPieces.clone();
    this.ignoreMerges = ignoreMerges;
    this.prefixSpace = prefixSpace;
    this.nfc = nfc;
    this.unknownId = unknownId;
    for (int b = 0; b < 256; b++) {
      byteIds[b] = vocab.id(String.valueOf(ByteLevel.charOf(b)));
    }
  }

  @Override
  void encodeRaw(String text, boolean afterSpecial, TokenIds out) {
    int[] symbols = new int[64];
    String normal = nfc ? Normalizer.normalize(text, Normalizer.Form.NFC) : text;
    String raw = prefixSpace && !normal.startsWith(" ") ? " " + normal : normal;
    for (String word : pre.split(raw)) {
      byte[] bytes = word.getBytes(StandardCharsets.UTF_8);
      if (ignoreMerges) {
        int whole = vocab.id(ByteLevel.encode(bytes));
        if (whole >= 0) {
          out.add(whole);
          continue;
        }
      }
      if (symbols.length < bytes.length) {
        symbols = new int[bytes.length * 2];
      }
      for (int i = 0; i < bytes.length; i++) {
        symbols[i] = byteIds[bytes[i] & 0xFF];
      }
      merges.merge(symbols, bytes.length, id -> add(id, out));
    }
  }

  private void add(int id, TokenIds out) {
    if (id >= 0) {
      out.add(id);
    } else if (unknownId >= 0) {
      out.add(unknownId);
    }
  }

  @Override
  void appendPiece(int id, String piece, ByteArrayOutputStream bytes) {
    if (rawPieces[id]) {
      bytes.writeBytes(piece.getBytes(StandardCharsets.UTF_8));
    } else {
      ByteLevel.decode(piece, bytes);
    }
  }

  @Override
  boolean prefixesSpace() {
    return prefixSpace;
  }
}
