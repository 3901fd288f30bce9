package io.quantlens.eval.llm.tokens;

import io.quantlens.formats.gguf.GgufVocabulary;
import io.quantlens.formats.gguf.GgufVocabularyReader;
import io.quantlens.model.ModelFormatException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The tokenizer a GGUF file states in its {@code tokenizer.ggml.*} keys, with llama.cpp's defaults
 * for keys a file leaves out (src/llama-vocab.cpp lines 2427-2452 and 2630-2645 of the pinned
 * sources; docs/tokenizers.md).
 */
public final class GgufTokenizers {
  private GgufTokenizers() {}

  /** Reads the vocabulary of {@code file} and builds its tokenizer. */
  public static Tokenizer read(Path file) throws ModelFormatException {
    return of(GgufVocabularyReader.read(file));
  }

  /**
   * The tokenizer of {@code vocabulary}.
   *
   * @throws ModelFormatException naming the file when the vocabulary is inconsistent or of a kind
   *     QuantLens does not tokenize
   */
  public static Tokenizer of(GgufVocabulary vocabulary) throws ModelFormatException {
    Path file = vocabulary.file();
    int n = vocabulary.tokens().size();
    int[] types = vocabulary.types();
    if (types.length == 0) {
      types = new int[n];
      Arrays.fill(types, TokenType.NORMAL);
    }
    for (int id = 0; id < n; id++) {
      if (types[id] < 0 || types[id] > TokenType.BYTE) {
        throw new ModelFormatException(
            file, "tokenizer.ggml.token_type[" + id + "] is " + types[id] + ", not a token type");
      }
    }
    types = types.clone();
    for (int id = 0; id < n; id++) {
      if (END_OF_GENERATION.contains(vocabulary.tokens().get(id))) {
        types[id] = TokenType.CONTROL;
      }
    }
    for (Set<String> role : FILL_IN_THE_MIDDLE) {
      for (int id = 0; id < n; id++) {
        if (role.contains(vocabulary.tokens().get(id))) {
          types[id] = TokenType.CONTROL;
          break;
        }
      }
    }
    Vocab vocab = new Vocab(vocabulary.tokens());
    SpecialTokens specials =
        new SpecialTokens(specials(vocabulary.tokens(), types, isPhi3(vocabulary.name())));
    boolean[] silent = new boolean[n];
    boolean[] raw = new boolean[n];
    for (int id = 0; id < n; id++) {
      silent[id] = types[id] == TokenType.CONTROL;
      raw[id] = types[id] == TokenType.USER_DEFINED || types[id] == TokenType.CONTROL;
    }
    return switch (vocabulary.model()) {
      case "llama" -> sentencePiece(vocabulary, vocab, types, specials, silent);
      case "gpt2" -> byteLevel(vocabulary, vocab, specials, silent, raw);
      default ->
          throw new ModelFormatException(
              file,
              "tokenizer.ggml.model '"
                  + vocabulary.model()
                  + "' is not supported (QuantLens tokenizes 'llama' and 'gpt2')");
    };
  }

  /**
   * Texts llama.cpp makes control tokens whatever their stored type, as ends of generation
   * (src/llama-vocab.cpp lines 2883-2915 of the pinned sources).
   */
  private static final Set<String> END_OF_GENERATION =
      Set.of(
          "<|eot_id|>",
          "<|im_end|>",
          "<|end|>",
          "<|return|>",
          "<|call|>",
          "<|flush|>",
          "<|calls|>",
          "<end_of_turn>",
          "<|endoftext|>",
          "</s>",
          "<|eom_id|>",
          "<EOT>",
          "_<EOT>",
          "[EOT]",
          "[EOS]",
          "<|end_of_text|>",
          "<end_of_utterance>",
          "<eos>",
          "<turn|>",
          "<|tool_response>",
          "<\uFF5Cend\u2581of\u2581sentence\uFF5C>",
          "[e~[");

  /**
   * Fill-in-the-middle roles: llama.cpp makes the first token it finds with one of a role's texts a
   * control token (lines 2723-2838; it iterates a hash map, QuantLens takes the lowest id).
   */
  private static final List<Set<String>> FILL_IN_THE_MIDDLE =
      List.of(
          Set.of(
              "<|fim_prefix|>",
              "<fim-prefix>",
              "<fim_prefix>",
              "<\uFF5Cfim\u2581begin\uFF5C>",
              "<PRE>",
              "\u2581<PRE>",
              "<|code_prefix|>",
              "<|prefix|>"),
          Set.of(
              "<|fim_suffix|>",
              "<fim-suffix>",
              "<fim_suffix>",
              "<\uFF5Cfim\u2581hole\uFF5C>",
              "<SUF>",
              "\u2581<SUF>",
              "<|code_suffix|>",
              "<|suffix|>"),
          Set.of(
              "<|fim_middle|>",
              "<fim-middle>",
              "<fim_middle>",
              "<\uFF5Cfim\u2581end\uFF5C>",
              "<MID>",
              "\u2581<MID>",
              "<|code_middle|>",
              "<|middle|>"),
          Set.of("<|fim_pad|>", "<fim-pad>", "<fim_pad>", "<PAD>", "[PAD]"),
          Set.of("<|fim_repo|>", "<|repo_name|>", "<fim-repo>", "<REPO>", "<reponame>"),
          Set.of("<|file_sep|>"));

  /** Phi-3's special tokens but these swallow the whitespace after them (lines 3114-3123). */
  private static final Set<String> PHI3_KEEPS_SPACE = Set.of("<unk>", "<s>", "<|endoftext|>");

  private static boolean isPhi3(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.contains("phi-3") || lower.contains("phi3");
  }

  private static List<SpecialToken> specials(List<String> tokens, int[] types, boolean phi3) {
    List<SpecialToken> out = new ArrayList<>();
    for (int id = 0; id < tokens.size(); id++) {
      int t = types[id];
      if (t == TokenType.CONTROL || t == TokenType.UNKNOWN || t == TokenType.USER_DEFINED) {
        String text = tokens.get(id);
        boolean rstrip = phi3 && !PHI3_KEEPS_SPACE.contains(text);
        out.add(new SpecialToken(text, id, t != TokenType.USER_DEFINED, false, rstrip));
      }
    }
    return out;
  }

  private static Tokenizer sentencePiece(
      GgufVocabulary v, Vocab vocab, int[] types, SpecialTokens specials, boolean[] silent)
      throws ModelFormatException {
    int n = vocab.size();
    float[] scores = v.scores();
    if (scores.length == 0) {
      scores = new float[n];
    }
    // llama.cpp's SPM defaults: <s> = 1, </s> = 2, <unk> = 0.
    int bos = v.bosId() >= 0 ? v.bosId() : defaultId(v.file(), 1, n, "bos");
    int eos = v.eosId() >= 0 ? v.eosId() : defaultId(v.file(), 2, n, "eos");
    int unk = v.unknownId() >= 0 ? v.unknownId() : Math.min(0, n - 1);
    SpecialIds ids =
        new SpecialIds(
            v.addBos().orElse(true) ? new int[] {bos} : new int[0],
            v.addEos().orElse(false) ? new int[] {eos} : new int[0],
            silent);
    ScoredMerges merges = new ScoredMerges(vocab, scores, vocab.hexByteIds(), unk);
    return new SentencePieceTokenizer(
        vocab, types, merges, specials, ids, v.addSpacePrefix().orElse(true));
  }

  private static Tokenizer byteLevel(
      GgufVocabulary v, Vocab vocab, SpecialTokens specials, boolean[] silent, boolean[] raw)
      throws ModelFormatException {
    Path file = v.file();
    if (v.merges().isEmpty()) {
      throw new ModelFormatException(file, "a gpt2 vocabulary needs tokenizer.ggml.merges");
    }
    PreTokenizer pre =
        PreTokenizer.forGgufName(v.pre())
            .orElseThrow(
                () ->
                    new ModelFormatException(
                        file, "tokenizer.ggml.pre '" + v.pre() + "' is not supported"));
    boolean llama3 = PreTokenizer.isLlama3(v.pre());
    PairTable table = Merges.table(file, "tokenizer.ggml.merges", v.merges(), vocab);
    // llama.cpp's BPE default: no BOS, except for the Llama 3 family; the file's key wins.
    boolean addBos = v.addBos().orElse(llama3);
    if ((addBos && v.bosId() < 0) || (v.addEos().orElse(false) && v.eosId() < 0)) {
      throw new ModelFormatException(file, "asks for a bos/eos token but names none");
    }
    SpecialIds ids =
        new SpecialIds(
            addBos ? new int[] {v.bosId()} : new int[0],
            v.addEos().orElse(false) ? new int[] {v.eosId()} : new int[0],
            silent);
    return new ByteLevelBpeTokenizer(
        vocab, table, pre, specials, ids, raw, llama3, false, false, -1);
  }

  private static int defaultId(Path file, int id, int n, String what) throws ModelFormatException {
    if (id >= n) {
      throw new ModelFormatException(file, "has " + n + " tokens and no " + what + " token id");
    }
    return id;
  }
}
