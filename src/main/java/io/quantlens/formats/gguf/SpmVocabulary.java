package io.quantlens.formats.gguf;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A placeholder vocabulary for files whose real tokenizer is unknown ({@code generate}, or a
 * converted checkpoint without one QuantLens can read): a deterministic SentencePiece-style
 * ("llama") vocabulary of any size from 259 tokens up, enough for llama.cpp to load a model
 * (docs/llama-cpp-files.md#tokenizer): {@code <unk>}, {@code <s>}, {@code </s>}, the 256 byte
 * tokens {@code <0x00>} … {@code <0xFF>}, then word pieces {@code ▁a}, {@code ▁b}, … {@code ▁z},
 * {@code ▁aa}, … with falling scores. It tokenizes any text (through the byte tokens) but was
 * learnt from nothing.
 *
 * <p>Phi-3 models end the vocabulary with the control token {@code <|endoftext|>}, their
 * end-of-sequence token: llama.cpp looks that token up by its text when it loads a model whose
 * {@code general.name} mentions Phi-3, and fails without it.
 */
public final class SpmVocabulary {
  static final int UNKNOWN_ID = 0;
  static final int BOS_ID = 1;
  static final int EOS_ID = 2;
  private static final int FIRST_BYTE = 3;
  private static final int FIRST_WORD = FIRST_BYTE + 256;

  /** The smallest vocabulary: three special tokens and the 256 bytes. */
  public static final int MIN_SIZE = FIRST_WORD;

  // llama.h enum llama_token_type.
  private static final int NORMAL = 1;
  private static final int UNKNOWN = 2;
  private static final int CONTROL = 3;
  private static final int BYTE = 6;

  private static final String WORD_START = "\u2581";
  static final String END_OF_TEXT = "<|endoftext|>";

  private SpmVocabulary() {}

  /**
   * Puts the {@code tokenizer.ggml.*} keys of a vocabulary of {@code size} tokens; with {@code
   * endOfText} the last token is {@code <|endoftext|>} and ends a sequence.
   */
  public static void put(GgufWriter writer, int size, boolean endOfText) {
    int words = endOfText ? size - 1 : size;
    if (words < MIN_SIZE) {
      throw new IllegalArgumentException(
          "a GGUF vocabulary needs at least " + (size - words + MIN_SIZE) + " tokens, not " + size);
    }
    List<GgufValue> tokens = new ArrayList<>(size);
    List<GgufValue> scores = new ArrayList<>(size);
    List<GgufValue> types = new ArrayList<>(size);
    for (int id = 0; id < words; id++) {
      tokens.add(GgufValue.string(token(id)));
      scores.add(GgufValue.float32(id < FIRST_WORD ? 0f : -(id - FIRST_WORD)));
      types.add(GgufValue.int32(type(id)));
    }
    if (endOfText) {
      tokens.add(GgufValue.string(END_OF_TEXT));
      scores.add(GgufValue.float32(0f));
      types.add(GgufValue.int32(CONTROL));
    }
    writer
        .put("tokenizer.ggml.model", GgufValue.string("llama"))
        .put("tokenizer.ggml.tokens", GgufValue.array(GgufValueType.STRING, tokens))
        .put("tokenizer.ggml.scores", GgufValue.array(GgufValueType.FLOAT32, scores))
        .put("tokenizer.ggml.token_type", GgufValue.array(GgufValueType.INT32, types))
        .put("tokenizer.ggml.bos_token_id", GgufValue.uint32(BOS_ID))
        .put("tokenizer.ggml.eos_token_id", GgufValue.uint32(endOfText ? size - 1 : EOS_ID))
        .put("tokenizer.ggml.unknown_token_id", GgufValue.uint32(UNKNOWN_ID))
        .put("tokenizer.ggml.add_bos_token", GgufValue.bool(true));
  }

  /** The text of token {@code id}. */
  public static String token(int id) {
    if (id == UNKNOWN_ID) {
      return "<unk>";
    }
    if (id == BOS_ID) {
      return "<s>";
    }
    if (id == EOS_ID) {
      return "</s>";
    }
    if (id < FIRST_WORD) {
      return String.format(Locale.ROOT, "<0x%02X>", id - FIRST_BYTE);
    }
    return WORD_START + letters(id - FIRST_WORD);
  }

  private static int type(int id) {
    if (id == UNKNOWN_ID) {
      return UNKNOWN;
    }
    if (id < FIRST_BYTE) {
      return CONTROL;
    }
    return id < FIRST_WORD ? BYTE : NORMAL;
  }

  /** 0 → a, 25 → z, 26 → aa, 27 → ab, …: every number a different string. */
  private static String letters(int n) {
    StringBuilder s = new StringBuilder();
    int k = n;
    do {
      s.append((char) ('a' + k % 26));
      k = k / 26 - 1;
    } while (k >= 0);
    return s.reverse().toString();
  }
}
