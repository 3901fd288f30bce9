package io.quantlens.eval.llm.tokens;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantlens.formats.HeaderBudget;
import io.quantlens.formats.RegularFiles;
import io.quantlens.model.ModelFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The tokenizer a Hugging Face {@code tokenizer.json} states: model type "BPE" either byte-level (a
 * ByteLevel pre-tokenizer, with Split expressions before it) or over SentencePiece pieces with byte
 * fallback (a Prepend/Replace normalizer or a Metaspace pre-tokenizer); added tokens; a
 * TemplateProcessing post-processor's tokens around a single text (docs/tokenizers.md).
 */
public final class TokenizerJsonReader {
  private TokenizerJsonReader() {}

  public static Tokenizer read(Path file) throws ModelFormatException {
    RegularFiles.require(file);
    JsonNode root;
    try {
      HeaderBudget.json(file, Files.size(file), "the tokenizer.json");
      root = new ObjectMapper().readTree(file.toFile());
    } catch (JsonProcessingException e) {
      // The original message is one line; getMessage() adds the source location on another.
      throw new ModelFormatException(
          file, "is not a readable tokenizer.json: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new ModelFormatException(
          file, "is not a readable tokenizer.json: " + e.getMessage(), e);
    }
    try {
      return new Parse(file, root).tokenizer();
    } catch (RuntimeException e) {
      throw new ModelFormatException(file, "is not a tokenizer.json QuantLens reads: " + e, e);
    }
  }

  /** One file's parse; every refusal names the file. */
  private record Parse(Path file, JsonNode root) {
    Tokenizer tokenizer() throws ModelFormatException {
      JsonNode model = root.path("model");
      if (!"BPE".equals(model.path("type").asText())) {
        throw refuse("model type '" + model.path("type").asText() + "' (only BPE is read)");
      }
      List<String> pieces = pieces(model.path("vocab"));
      Vocab vocab = new Vocab(pieces);
      PairTable table = table(model.path("merges"), vocab);
      boolean[] silent = new boolean[pieces.size()];
      boolean[] raw = new boolean[pieces.size()];
      List<SpecialToken> specials = new ArrayList<>();
      for (JsonNode added : root.path("added_tokens")) {
        int id = added.path("id").asInt();
        boolean special = added.path("special").asBoolean();
        silent[id] = special;
        raw[id] = true;
        specials.add(
            new SpecialToken(
                added.path("content").asText(),
                id,
                special,
                added.path("lstrip").asBoolean(),
                added.path("rstrip").asBoolean()));
      }
      SpecialIds ids = template(vocab, silent);
      String unk = model.path("unk_token").asText(null);
      int unknownId = unk == null ? -1 : vocab.id(unk);
      SpecialTokens split = new SpecialTokens(specials);
      JsonNode pre = root.path("pre_tokenizer");
      List<JsonNode> steps = steps(pre, "pretokenizers");
      JsonNode byteLevel = find(steps, "ByteLevel");
      if (byteLevel != null) {
        List<String> expressions = new ArrayList<>();
        for (JsonNode step : steps) {
          if ("Split".equals(step.path("type").asText())) {
            if (!"Isolated".equals(step.path("behavior").asText())
                || step.path("invert").asBoolean()) {
              throw refuse("a Split pre-tokenizer other than Isolated");
            }
            expressions.add(step.path("pattern").path("Regex").asText());
          } else if (!"ByteLevel".equals(step.path("type").asText())) {
            throw refuse("pre-tokenizer '" + step.path("type").asText() + "'");
          }
        }
        if (byteLevel.path("use_regex").asBoolean(true)) {
          expressions.add(PreTokenizer.BYTE_LEVEL);
        }
        return new ByteLevelBpeTokenizer(
            vocab,
            table,
            new PreTokenizer(expressions),
            split,
            ids,
            raw,
            model.path("ignore_merges").asBoolean(false),
            byteLevel.path("add_prefix_space").asBoolean(false),
            nfc(),
            unknownId);
      }
      if (!model.path("byte_fallback").asBoolean(false) && unknownId < 0) {
        throw refuse("a BPE model that is neither byte-level nor has byte_fallback or unk_token");
      }
      return new FallbackBpeTokenizer(
          vocab,
          table,
          split,
          ids,
          model.path("byte_fallback").asBoolean(false),
          prependsSpace(pre),
          model.path("fuse_unk").asBoolean(false),
          unknownId);
    }

    /** True for an NFC normalizer, false for none; any other normalizer is refused. */
    private boolean nfc() throws ModelFormatException {
      boolean nfc = false;
      for (JsonNode n : steps(root.path("normalizer"), "normalizers")) {
        if (!"NFC".equals(n.path("type").asText())) {
          throw refuse("normalizer '" + n.path("type").asText() + "'");
        }
        nfc = true;
      }
      return nfc;
    }

    /**
     * True when the text gets a leading ▁: a Prepend normalizer or an always-prepending Metaspace.
     */
    private boolean prependsSpace(JsonNode pre) throws ModelFormatException {
      for (JsonNode n : steps(root.path("normalizer"), "normalizers")) {
        String type = n.path("type").asText();
        boolean spaceToMeta =
            "Replace".equals(type)
                && " ".equals(n.path("pattern").path("String").asText())
                && SentencePieceTokenizer.SPACE.equals(n.path("content").asText());
        boolean prepend =
            "Prepend".equals(type)
                && SentencePieceTokenizer.SPACE.equals(n.path("prepend").asText());
        if (!spaceToMeta && !prepend) {
          throw refuse("normalizer '" + type + "'");
        }
      }
      if (find(steps(root.path("normalizer"), "normalizers"), "Prepend") != null) {
        return true;
      }
      JsonNode meta = find(steps(pre, "pretokenizers"), "Metaspace");
      if (meta == null) {
        return false;
      }
      if (meta.path("split").asBoolean(false)) {
        throw refuse("a Metaspace pre-tokenizer that splits");
      }
      return !"never".equals(meta.path("prepend_scheme").asText("always"));
    }

    private SpecialIds template(Vocab vocab, boolean[] silent) {
      JsonNode post = find(steps(root.path("post_processor"), "processors"), "TemplateProcessing");
      List<Integer> prefix = new ArrayList<>();
      List<Integer> suffix = new ArrayList<>();
      if (post != null) {
        boolean seenText = false;
        for (JsonNode item : post.path("single")) {
          if (item.has("Sequence")) {
            seenText = true;
          } else {
            int id = vocab.id(item.path("SpecialToken").path("id").asText());
            (seenText ? suffix : prefix).add(id);
          }
        }
      }
      return new SpecialIds(ints(prefix), ints(suffix), silent);
    }

    private List<String> pieces(JsonNode vocab) throws ModelFormatException {
      int size = vocab.size();
      for (JsonNode added : root.path("added_tokens")) {
        size = Math.max(size, added.path("id").asInt() + 1);
      }
      String[] out = new String[size];
      for (Map.Entry<String, JsonNode> e : vocab.properties()) {
        int id = e.getValue().asInt(-1);
        if (id < 0 || id >= size) {
          throw refuse("vocabulary id " + e.getValue() + " of '" + e.getKey() + "'");
        }
        out[id] = e.getKey();
      }
      for (JsonNode added : root.path("added_tokens")) {
        int id = added.path("id").asInt(-1);
        if (id < 0) {
          throw refuse("added token id " + added.path("id"));
        }
        out[id] = added.path("content").asText();
      }
      List<String> list = new ArrayList<>(size);
      for (int id = 0; id < size; id++) {
        // An id no token has: a piece no text can produce.
        list.add(out[id] == null ? "\uFFFF\uFFFF" + id : out[id]);
      }
      return list;
    }

    private PairTable table(JsonNode merges, Vocab vocab) throws ModelFormatException {
      List<String> lines = new ArrayList<>(merges.size());
      PairTable table = new PairTable(merges.size());
      int rank = 0;
      for (JsonNode m : merges) {
        if (m.isArray()) {
          Merges.add(file, "merges", rank, m.path(0).asText(), m.path(1).asText(), vocab, table);
        } else {
          lines.add(m.asText());
        }
        rank++;
      }
      return lines.isEmpty() ? table : Merges.table(file, "merges", lines, vocab);
    }

    private ModelFormatException refuse(String what) {
      return new ModelFormatException(file, "uses " + what + ", which QuantLens does not read");
    }
  }

  private static List<JsonNode> steps(JsonNode node, String listKey) {
    List<JsonNode> out = new ArrayList<>();
    if (node == null || node.isNull() || node.isMissingNode()) {
      return out;
    }
    if ("Sequence".equals(node.path("type").asText())) {
      node.path(listKey).forEach(out::add);
    } else {
      out.add(node);
    }
    return out;
  }

  private static JsonNode find(List<JsonNode> steps, String type) {
    for (JsonNode s : steps) {
      if (type.equals(s.path("type").asText())) {
        return s;
      }
    }
    return null;
  }

  private static int[] ints(List<Integer> list) {
    int[] out = new int[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = list.get(i);
    }
    return out;
  }
}
