package io.quantlens.formats.gguf;

import io.quantlens.formats.HeaderBudget;
import io.quantlens.formats.RegularFiles;
import io.quantlens.formats.mapped.ChunkedMapping;
import io.quantlens.model.ModelFormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads the whole vocabulary of a GGUF file: its header only, the tensors are not touched. */
public final class GgufVocabularyReader {
  private static final String PREFIX = "tokenizer.ggml.";
  private static final String TOKENS = PREFIX + "tokens";
  private static final String SCORES = PREFIX + "scores";
  private static final String TYPES = PREFIX + "token_type";
  private static final String MERGES = PREFIX + "merges";

  private GgufVocabularyReader() {}

  /**
   * The vocabulary of {@code file}.
   *
   * @throws ModelFormatException naming the file when it is not GGUF, has no vocabulary, or its
   *     vocabulary arrays disagree (lengths, element types, special ids out of range)
   */
  public static GgufVocabulary read(Path file) throws ModelFormatException {
    RegularFiles.require(file);
    try {
      ChunkedMapping mapping = ChunkedMapping.map(file);
      if (mapping.size() == 0) {
        throw new ModelFormatException(file, "the file is empty");
      }
      HeaderCursor in = new HeaderCursor(file, mapping.region(0, mapping.size()));
      GgufReader.readPreamble(in);
      in.count("tensor count");
      long metadataCount = in.count("metadata count");
      HeaderBudget.entries(file, metadataCount, "the header's " + metadataCount + " metadata keys");
      Map<String, MetadataReader.Entry> entries =
          MetadataReader.read(in, metadataCount, Set.of(TOKENS, SCORES, TYPES, MERGES));
      return vocabulary(file, entries);
    } catch (IOException e) {
      throw new ModelFormatException(file, "cannot be read: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new ModelFormatException(file, "cannot read the GGUF vocabulary: " + e, e);
    }
  }

  private static GgufVocabulary vocabulary(Path file, Map<String, MetadataReader.Entry> entries)
      throws ModelFormatException {
    Keys keys = new Keys(file, entries);
    String model = keys.text(PREFIX + "model");
    if (model == null) {
      throw new ModelFormatException(file, "has no tokenizer (tokenizer.ggml.model is missing)");
    }
    List<String> tokens = keys.strings(TOKENS);
    if (tokens == null || tokens.isEmpty()) {
      throw new ModelFormatException(file, "has no tokens (tokenizer.ggml.tokens)");
    }
    float[] scores = keys.floats(SCORES, tokens.size());
    int[] types = keys.ints(TYPES, tokens.size());
    List<String> merges = keys.strings(MERGES);
    String pre = keys.text(PREFIX + "pre");
    String name = keys.text("general.name");
    return new GgufVocabulary(
        file,
        model,
        pre == null ? "" : pre,
        name == null ? "" : name,
        tokens,
        scores,
        types,
        merges == null ? List.of() : merges,
        keys.id(PREFIX + "bos_token_id", tokens.size()),
        keys.id(PREFIX + "eos_token_id", tokens.size()),
        keys.id(PREFIX + "unknown_token_id", tokens.size()),
        keys.bool(PREFIX + "add_bos_token"),
        keys.bool(PREFIX + "add_eos_token"),
        keys.bool(PREFIX + "add_space_prefix"));
  }

  /** Typed access to the entries, each mismatch a ModelFormatException naming the key. */
  private record Keys(Path file, Map<String, MetadataReader.Entry> entries) {
    GgufValue get(String key) {
      MetadataReader.Entry entry = entries.get(key);
      return entry == null ? null : entry.value();
    }

    String text(String key) throws ModelFormatException {
      GgufValue value = get(key);
      if (value == null) {
        return null;
      }
      if (!(value instanceof GgufValue.Text t)) {
        throw wrong(key, "a string", value);
      }
      return t.value();
    }

    Optional<Boolean> bool(String key) throws ModelFormatException {
      GgufValue value = get(key);
      if (value == null) {
        return Optional.empty();
      }
      if (!(value instanceof GgufValue.Bool b)) {
        throw wrong(key, "a bool", value);
      }
      return Optional.of(b.value());
    }

    int id(String key, int size) throws ModelFormatException {
      GgufValue value = get(key);
      if (value == null) {
        return -1;
      }
      if (!(value instanceof GgufValue.Int i)) {
        throw wrong(key, "an integer", value);
      }
      if (i.value() < 0 || i.value() >= size) {
        throw new ModelFormatException(
            file, key + " is " + i.text() + ", outside the " + size + " tokens");
      }
      return (int) i.value();
    }

    GgufValue.Array array(String key, GgufValueType elementType) throws ModelFormatException {
      GgufValue value = get(key);
      if (value == null) {
        return null;
      }
      if (!(value instanceof GgufValue.Array a) || a.elementType() != elementType) {
        throw wrong(key, "an array of " + elementType.label(), value);
      }
      return a;
    }

    List<String> strings(String key) throws ModelFormatException {
      GgufValue.Array a = array(key, GgufValueType.STRING);
      if (a == null) {
        return null;
      }
      List<String> out = new ArrayList<>(a.elements().size());
      for (GgufValue e : a.elements()) {
        GgufValue.Text t = (GgufValue.Text) e;
        if (t.byteLength() > MetadataReader.KEPT_STRING_BYTES) {
          throw new ModelFormatException(
              file, key + " holds a string of " + t.byteLength() + " bytes");
        }
        out.add(t.value());
      }
      return out;
    }

    float[] floats(String key, int size) throws ModelFormatException {
      GgufValue.Array a = array(key, GgufValueType.FLOAT32);
      if (a == null) {
        return new float[0];
      }
      sameLength(key, a.count(), size);
      float[] out = new float[size];
      for (int i = 0; i < size; i++) {
        out[i] = (float) ((GgufValue.Real) a.elements().get(i)).value();
      }
      return out;
    }

    int[] ints(String key, int size) throws ModelFormatException {
      GgufValue.Array a = array(key, GgufValueType.INT32);
      if (a == null) {
        return new int[0];
      }
      sameLength(key, a.count(), size);
      int[] out = new int[size];
      for (int i = 0; i < size; i++) {
        out[i] = (int) ((GgufValue.Int) a.elements().get(i)).value();
      }
      return out;
    }

    void sameLength(String key, long count, int size) throws ModelFormatException {
      if (count != size) {
        throw new ModelFormatException(
            file, key + " has " + count + " elements but tokenizer.ggml.tokens has " + size);
      }
    }

    ModelFormatException wrong(String key, String expected, GgufValue value) {
      return new ModelFormatException(
          file, key + " must be " + expected + ", not " + value.type().label());
    }
  }
}
