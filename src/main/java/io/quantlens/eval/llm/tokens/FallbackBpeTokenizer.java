package io.quantlens.eval.llm.tokens;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * HF's BPE model with {@code byte_fallback} over SentencePiece-style pieces (Llama 2, Mistral,
 * Phi-3 tokenizer.json): each text fragment is normalized (a leading {@code ▁}, spaces as {@code
 * ▁}), split into code points, a code point with no token becomes its UTF-8 bytes' {@code <0xXX>}
 * tokens (or the unknown token), then {@link RankedMerges} merges by rank, as HF's {@code
 * BPE::merge_word} does.
 */
final class FallbackBpeTokenizer extends VocabTokenizer {
  private final RankedMerges merges;
  private final int[] byteIds;
  private final boolean prependSpace;
  private final boolean fuseUnknown;
  private final int unknownId;

  FallbackBpeTokenizer(
      Vocab vocab,
      PairTable table,
      SpecialTokens specials,
      SpecialIds ids,
      boolean byteFallback,
      boolean prependSpace,
      boolean fuseUnknown,
      int unknownId) {
    super(vocab, specials, ids);
    this.merges = new RankedMerges(table);
    this.byteIds = byteFallback ? vocab.hexByteIds() : new int[256];
    if (!byteFallback) {
      java.util.Arrays.fill(byteIds, -1);
    }
    this.prependSpace = prependSpace;
    this.fuseUnknown = fuseUnknown;
    this.unknownId = unknownId;
  }

  @Override
  void encodeRaw(String raw, boolean afterSpecial, TokenIds out) {
    String text = (prependSpace ? " " + raw : raw).replace(" ", SentencePieceTokenizer.SPACE);
    int[] symbols = new int[text.length() * 4 + 1];
    int n = 0;
    boolean lastUnknown = false;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      String ch = text.substring(i, i + Character.charCount(cp));
      i += ch.length();
      int id = vocab.id(ch);
      if (id >= 0) {
        symbols[n++] = id;
        lastUnknown = false;
        continue;
      }
      byte[] bytes = ch.getBytes(StandardCharsets.UTF_8);
      boolean allBytes = true;
      for (byte b : bytes) {
        allBytes &= byteIds[b & 0xFF] >= 0;
      }
      if (allBytes) {
        for (byte b : bytes) {
          symbols[n++] = byteIds[b & 0xFF];
        }
        lastUnknown = false;
      } else if (!(fuseUnknown && lastUnknown)) {
        symbols[n++] = -1;
        lastUnknown = true;
      }
    }
    merges.merge(symbols, n, id -> out.add(id >= 0 ? id : unknownId));
  }

  @Override
  void appendPiece(int id, String piece, ByteArrayOutputStream bytes) {
    if (piece.length() == 6 && piece.startsWith("<0x") && piece.endsWith(">")) {
      bytes.write(Integer.parseInt(piece.substring(3, 5), 16));
    } else {
      bytes.writeBytes(
          piece.replace(SentencePieceTokenizer.SPACE, " ").getBytes(StandardCharsets.UTF_8));
    }
  }

  @Override
  boolean prefixesSpace() {
    return prependSpace;
  }
}
