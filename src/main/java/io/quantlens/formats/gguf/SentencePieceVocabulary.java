package io.quantlens.formats.gguf;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import io.quantlens.model.ModelFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A checkpoint's SentencePiece BPE {@code tokenizer.model} as llama.cpp's "llama" vocabulary, as
 * the converter's {@code _create_vocab_sentencepiece} (and Phi3MiniModel.set_vocab) builds it
 * (docs/hf-to-gguf.md#tokenizer): {@code vocab_size} slots start as {@code [PADi]} (score −10,000,
 * unused); each piece fills its slot with its text, score and type (unknown, control, unused, byte,
 * else normal); added tokens of {@code added_tokens.json} and {@code tokenizer_config.json} (and,
 * for phi3, {@code tokenizer.json}) replace theirs with score −1,000.
 *
 * <p>The model file is protobuf {@code ModelProto} (sentencepiece_model.proto): field 1 the
 * repeated pieces (1 piece, 2 score, 3 type), field 2 the trainer spec (3 model type, 2 = BPE).
 */
final class SentencePieceVocabulary {
  static final String FILE_NAME = "tokenizer.model";
  private static final long MAX_BYTES = 64L << 20;

  // sentencepiece_model.proto SentencePiece.Type, which llama.h's llama_token_type copies.
  private static final int NORMAL = 1;
  private static final int UNKNOWN = 2;
  private static final int CONTROL = 3;
  private static final int USER_DEFINED = 4;
  private static final int UNUSED = 5;
  private static final int BYTE = 6;
  private static final int BPE = 2;

  private record Piece(String text, float score, int type) {}

  private SentencePieceVocabulary() {}

  /**
   * Puts the vocabulary when the folder has a SentencePiece BPE tokenizer.model; false when it has
   * none or one of another model type.
   *
   * @throws ModelFormatException naming the file when it is not a SentencePiece model
   */
  static boolean put(GgufWriter writer, Path folder, HfConfig config) throws ModelFormatException {
    Path file = folder.resolve(FILE_NAME);
    if (!Files.isRegularFile(file)) {
      return false;
    }
    List<Piece> pieces = new ArrayList<>();
    int modelType;
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new ModelFormatException(file, "is larger than a SentencePiece model can be");
      }
      modelType = read(Files.readAllBytes(file), pieces);
    } catch (IOException e) {
      throw new ModelFormatException(file, "is not a SentencePiece model: " + e.getMessage(), e);
    }
    if (modelType != BPE || pieces.isEmpty()) {
      return false;
    }
    int size = config.vocabSize();
    String[] tokens = new String[size];
    float[] scores = new float[size];
    int[] types = new int[size];
    for (int i = 0; i < size; i++) {
      tokens[i] = "[PAD" + i + "]";
      scores[i] = -10000f;
      types[i] = UNUSED;
    }
    for (int i = 0; i < Math.min(size, pieces.size()); i++) {
      Piece p = pieces.get(i);
      tokens[i] = p.text();
      scores[i] = p.score();
      types[i] = p.type() == USER_DEFINED ? NORMAL : p.type();
    }
    addedTokens(folder, config, tokens, scores, types);
    Set<String> seen = new HashSet<>();
    for (String token : tokens) {
      if (!seen.add(token)) {
        // llama.cpp's loader aborts the process on a repeated token text
        throw new ModelFormatException(file, "token '" + token + "' appears twice");
      }
    }
    List<GgufValue> t = new ArrayList<>(size);
    List<GgufValue> s = new ArrayList<>(size);
    List<GgufValue> y = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      t.add(GgufValue.string(tokens[i]));
      s.add(GgufValue.float32(scores[i]));
      y.add(GgufValue.int32(types[i]));
    }
    writer
        .put("tokenizer.ggml.model", GgufValue.string("llama"))
        .put("tokenizer.ggml.pre", GgufValue.string("default"))
        .put("tokenizer.ggml.tokens", GgufValue.array(GgufValueType.STRING, t))
        .put("tokenizer.ggml.scores", GgufValue.array(GgufValueType.FLOAT32, s))
        .put("tokenizer.ggml.token_type", GgufValue.array(GgufValueType.INT32, y));
    HfSpecialTokens.put(writer, folder, config, size);
    return true;
  }

  /** Reads the pieces into {@code pieces}; returns the trainer spec's model type (1 if absent). */
  private static int read(byte[] bytes, List<Piece> pieces) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(bytes);
    int modelType = 1;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      int field = WireFormat.getTagFieldNumber(tag);
      if (field == 1 && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
        pieces.add(piece(in.readBytes().newCodedInput()));
      } else if (field == 2
          && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
        modelType = modelType(in.readBytes().newCodedInput());
      } else {
        in.skipField(tag);
      }
    }
    return modelType;
  }

  private static Piece piece(CodedInputStream in) throws IOException {
    String text = "";
    float score = 0;
    int type = NORMAL;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (tag) {
        case (1 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED -> text = in.readStringRequireUtf8();
        case (2 << 3) | WireFormat.WIRETYPE_FIXED32 -> score = in.readFloat();
        case (3 << 3) | WireFormat.WIRETYPE_VARINT -> type = in.readEnum();
        default -> in.skipField(tag);
      }
    }
    return new Piece(text, score, type);
  }

  private static int modelType(CodedInputStream in) throws IOException {
    int type = 1;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      if (tag == ((3 << 3) | WireFormat.WIRETYPE_VARINT)) {
        type = in.readEnum();
      } else {
        in.skipField(tag);
      }
    }
    return type;
  }

  /** The added tokens of added_tokens.json, tokenizer_config.json and (phi3) tokenizer.json. */
  private static void addedTokens(
      Path folder, HfConfig config, String[] tokens, float[] scores, int[] types)
      throws ModelFormatException {
    JsonNode added = HfSpecialTokens.json(folder.resolve("added_tokens.json"));
    if (added != null) {
      for (Iterator<Map.Entry<String, JsonNode>> it = added.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        int id = e.getValue().asInt(-1);
        if (id >= 0 && id < tokens.length) {
          set(tokens, scores, types, id, e.getKey(), USER_DEFINED);
        }
      }
    }
    JsonNode tokenizerConfig = HfSpecialTokens.json(folder.resolve("tokenizer_config.json"));
    JsonNode decoder = tokenizerConfig == null ? null : tokenizerConfig.get("added_tokens_decoder");
    if (decoder != null && decoder.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = decoder.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        int id = Integer.parseInt(e.getKey());
        addedToken(tokens, scores, types, id, e.getValue(), !config.isLlama());
      }
    }
    JsonNode tokenizer =
        config.isLlama() ? null : HfSpecialTokens.json(folder.resolve("tokenizer.json"));
    JsonNode list = tokenizer == null ? null : tokenizer.get("added_tokens");
    if (list != null && list.isArray()) {
      for (JsonNode token : list) {
        addedToken(tokens, scores, types, token.path("id").asInt(-1), token, true);
      }
    }
  }

  /**
   * One added token: control when marked special (llama also when it looks special, e.g. {@code
   * <|…|>}), else user-defined, llama's with its {@code ▁} written as spaces.
   */
  private static void addedToken(
      String[] tokens, float[] scores, int[] types, int id, JsonNode data, boolean phi3Rules) {
    String content = data.path("content").asText(null);
    if (id < 0 || id >= tokens.length || content == null) {
      return;
    }
    boolean special = data.path("special").asBoolean(false);
    if (!phi3Rules && !special && looksSpecial(content)) {
      special = true;
    }
    String text = special || phi3Rules ? content : content.replace("\u2581", " ");
    set(tokens, scores, types, id, text, special ? CONTROL : USER_DEFINED);
  }

  /** TextModel.does_token_look_special. */
  private static boolean looksSpecial(String t) {
    return t.equals("<pad>")
        || t.equals("<mask>")
        || t.equals("<2mass>")
        || t.equals("[@BOS@]")
        || (t.startsWith("<|") && t.endsWith("|>"))
        || (t.startsWith("<\uff5c") && t.endsWith("\uff5c>"))
        || (t.startsWith("<unused") && t.endsWith(">"));
  }

  private static void set(
      String[] tokens, float[] scores, int[] types, int id, String text, int type) {
    tokens[id] = text;
    scores[id] = -1000f;
    types[id] = type;
  }
}
