package io.quantlens.samples.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Reads the parts of a HuggingFace {@code tokenizer.json} that a BERT WordPiece tokenizer uses, and
 * refuses, rather than ignores, any setting it does not implement.
 */
final class TokenizerJson {
  private final String source;

  private TokenizerJson(String source) {
    this.source = source;
  }

  static WordPieceTokenizer read(InputStream in, String source) throws IOException {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new IOException(source + ": not a JSON tokenizer file: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IOException(source + ": not a JSON tokenizer file");
    }
    return new TokenizerJson(source).tokenizer(root);
  }

  private WordPieceTokenizer tokenizer(JsonNode root) throws IOException {
    WordPiece model = model(root.path("model"));
    BertNormalizer normalizer = normalizer(root.path("normalizer"));
    String preTokenizer = root.path("pre_tokenizer").path("type").asText("");
    if (!preTokenizer.equals("BertPreTokenizer")) {
      throw unsupported("pre_tokenizer " + describe(root.path("pre_tokenizer")));
    }
    return new WordPieceTokenizer(
        addedTokens(root.path("added_tokens")),
        normalizer,
        model,
        postProcessor(root.path("post_processor")),
        maxLength(root.path("truncation")),
        padId(root, model));
  }

  private WordPiece model(JsonNode node) throws IOException {
    if (!node.path("type").asText("").equals("WordPiece")) {
      throw unsupported("model " + describe(node));
    }
    JsonNode vocabNode = node.path("vocab");
    if (!vocabNode.isObject() || vocabNode.isEmpty()) {
      throw new IOException(source + ": the WordPiece model has no vocab");
    }
    Map<String, Integer> vocab = new HashMap<>(vocabNode.size() * 2);
    Iterator<Map.Entry<String, JsonNode>> fields = vocabNode.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> e = fields.next();
      vocab.put(e.getKey(), e.getValue().asInt());
    }
    try {
      return new WordPiece(
          vocab,
          node.path("unk_token").asText("[UNK]"),
          node.path("continuing_subword_prefix").asText("##"),
          node.path("max_input_chars_per_word").asInt(100));
    } catch (IllegalArgumentException e) {
      throw new IOException(source + ": " + e.getMessage(), e);
    }
  }

  private BertNormalizer normalizer(JsonNode node) throws IOException {
    if (node.isMissingNode() || node.isNull()) {
      return new BertNormalizer(false, false, false, false);
    }
    if (!node.path("type").asText("").equals("BertNormalizer")) {
      throw unsupported("normalizer " + describe(node));
    }
    boolean lowercase = node.path("lowercase").asBoolean(true);
    JsonNode strip = node.path("strip_accents");
    return new BertNormalizer(
        node.path("clean_text").asBoolean(true),
        node.path("handle_chinese_chars").asBoolean(true),
        strip.isBoolean() ? strip.asBoolean() : lowercase,
        lowercase);
  }

  private AddedTokens addedTokens(JsonNode node) throws IOException {
    Map<String, Long> tokens = new HashMap<>();
    for (JsonNode t : node) {
      for (String flag : List.of("single_word", "lstrip", "rstrip", "normalized")) {
        if (t.path(flag).asBoolean(false)) {
          throw unsupported("added token " + t.path("content") + " with " + flag + " true");
        }
      }
      tokens.put(t.path("content").asText(), t.path("id").asLong());
    }
    return new AddedTokens(tokens);
  }

  private PostProcessor postProcessor(JsonNode node) throws IOException {
    if (node.isMissingNode() || node.isNull()) {
      return PostProcessor.none();
    }
    String type = node.path("type").asText("");
    if (type.equals("BertProcessing")) {
      return new PostProcessor(
          List.of(
              new PostProcessor.Part(new long[] {node.path("cls").path(1).asLong()}, 0),
              PostProcessor.Part.sequence(0),
              new PostProcessor.Part(new long[] {node.path("sep").path(1).asLong()}, 0)));
    }
    if (!type.equals("TemplateProcessing")) {
      throw unsupported("post_processor " + describe(node));
    }
    List<PostProcessor.Part> parts = new ArrayList<>();
    for (JsonNode piece : node.path("single")) {
      if (piece.has("Sequence")) {
        parts.add(PostProcessor.Part.sequence(piece.path("Sequence").path("type_id").asLong()));
      } else if (piece.has("SpecialToken")) {
        String id = piece.path("SpecialToken").path("id").asText();
        JsonNode ids = node.path("special_tokens").path(id).path("ids");
        if (!ids.isArray() || ids.isEmpty()) {
          throw new IOException(source + ": template special token " + id + " has no ids");
        }
        long[] values = new long[ids.size()];
        for (int i = 0; i < values.length; i++) {
          values[i] = ids.get(i).asLong();
        }
        parts.add(
            new PostProcessor.Part(values, piece.path("SpecialToken").path("type_id").asLong()));
      } else {
        throw unsupported("template piece " + piece);
      }
    }
    try {
      return new PostProcessor(parts);
    } catch (IllegalArgumentException e) {
      throw new IOException(source + ": " + e.getMessage(), e);
    }
  }

  private OptionalInt maxLength(JsonNode node) throws IOException {
    if (node.isMissingNode() || node.isNull()) {
      return OptionalInt.empty();
    }
    if (!node.path("direction").asText("Right").equals("Right")) {
      throw unsupported("truncation " + node);
    }
    return OptionalInt.of(node.path("max_length").asInt(512));
  }

  private static long padId(JsonNode root, WordPiece model) {
    JsonNode padding = root.path("padding");
    if (padding.has("pad_id")) {
      return padding.path("pad_id").asLong();
    }
    return model.id("[PAD]").orElse(0);
  }

  private IOException unsupported(String what) {
    return new IOException(source + ": unsupported " + what);
  }

  private static String describe(JsonNode node) {
    return node.isMissingNode() || node.isNull() ? "(none)" : node.path("type").asText("?");
  }
}
