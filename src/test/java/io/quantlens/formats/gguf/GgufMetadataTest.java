package io.quantlens.formats.gguf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.model.Model;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Metadata of every value type survives writing and reading, and arrays stay summaries. */
class GgufMetadataTest {
  @TempDir Path dir;

  @Test
  void everyValueTypeRoundTrips() throws Exception {
    Path file = dir.resolve("values.gguf");
    new GgufWriter()
        .put("u8", GgufValue.uint8(255))
        .put("i8", GgufValue.int8(-128))
        .put("u16", GgufValue.uint16(65535))
        .put("i16", GgufValue.int16(-32768))
        .put("u32", GgufValue.uint32(4294967295L))
        .put("i32", GgufValue.int32(-2147483648))
        .put("f32", GgufValue.float32(0.1f))
        .put("bool", GgufValue.bool(true))
        .put("str", GgufValue.string("héllo ✓"))
        .put("u64", GgufValue.uint64(-1L))
        .put("i64", GgufValue.int64(Long.MIN_VALUE))
        .put("f64", GgufValue.float64(0.1))
        .put(
            "ints",
            GgufValue.array(GgufValueType.INT32, List.of(GgufValue.int32(1), GgufValue.int32(-2))))
        .put(
            "nested",
            GgufValue.array(
                GgufValueType.ARRAY,
                List.of(
                    GgufValue.array(GgufValueType.STRING, List.of(GgufValue.string("a"))),
                    GgufValue.array(
                        GgufValueType.BOOL, List.of(GgufValue.bool(false), GgufValue.bool(true))),
                    GgufValue.array(GgufValueType.UINT8, List.of()))))
        .put("after", GgufValue.string("still in step"))
        .write(file);

    Map<String, String> p = new GgufReader().read(file).metadata().properties();

    assertEquals("255", p.get("u8"));
    assertEquals("-128", p.get("i8"));
    assertEquals("65535", p.get("u16"));
    assertEquals("-32768", p.get("i16"));
    assertEquals("4294967295", p.get("u32"));
    assertEquals("-2147483648", p.get("i32"));
    assertEquals("0.1", p.get("f32"));
    assertEquals("true", p.get("bool"));
    assertEquals("héllo ✓", p.get("str"));
    assertEquals("18446744073709551615", p.get("u64"));
    assertEquals("-9223372036854775808", p.get("i64"));
    assertEquals("0.1", p.get("f64"));
    assertEquals("array of 2 int32: [1, -2]", p.get("ints"));
    assertEquals(
        "array of 3 array: [array of 1 string: [\"a\"], array of 2 bool: [false, true],"
            + " array of 0 uint8: []]",
        p.get("nested"));
    assertEquals("still in step", p.get("after"));
  }

  @Test
  void handMadeValuesReadAsStored() throws Exception {
    // Bytes assembled field by field, so the expected text does not come from GgufWriter.
    Path file =
        RawGguf.header(3, 0, 4)
            .key("a.f32", 6)
            .f32(-2.5f)
            .key("a.f64", 12)
            .f64(1e300)
            .key("a.u16s", 9)
            .u32(2)
            .u64(3)
            .u16(1)
            .u16(2)
            .u16(65535)
            .key("a.bool", 7)
            .u8(0)
            .write(dir.resolve("hand.gguf"));

    Map<String, String> p = new GgufReader().read(file).metadata().properties();

    assertEquals("-2.5", p.get("a.f32"));
    assertEquals("1.0E300", p.get("a.f64"));
    assertEquals("array of 3 uint16: [1, 2, 65535]", p.get("a.u16s"));
    assertEquals("false", p.get("a.bool"));
  }

  @Test
  void largeStringArrayIsSummarized() throws Exception {
    List<GgufValue> tokens = new ArrayList<>();
    for (int i = 0; i < 150_000; i++) {
      tokens.add(GgufValue.string("tok" + i));
    }
    List<GgufValue> scores = new ArrayList<>();
    for (int i = 0; i < 150_000; i++) {
      scores.add(GgufValue.float32(i));
    }
    Path file = dir.resolve("vocab.gguf");
    new GgufWriter()
        .put("tokenizer.ggml.tokens", GgufValue.array(GgufValueType.STRING, tokens))
        .put("tokenizer.ggml.scores", GgufValue.array(GgufValueType.FLOAT32, scores))
        .put("general.name", GgufValue.string("after the vocabulary"))
        .write(file);

    Model model = new GgufReader().read(file);

    Map<String, String> p = model.metadata().properties();
    assertEquals(
        "array of 150000 string: [\"tok0\", \"tok1\", \"tok2\", \"tok3\", \"tok4\", \"tok5\","
            + " \"tok6\", \"tok7\", …]",
        p.get("tokenizer.ggml.tokens"));
    assertEquals(
        "array of 150000 float32: [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, …]",
        p.get("tokenizer.ggml.scores"));
    assertEquals("after the vocabulary", model.metadata().producer());
  }

  @Test
  void headlineFactsComeFirstUnderFixedKeys() throws Exception {
    Path file = dir.resolve("llama.gguf");
    new GgufWriter()
        .put("general.architecture", GgufValue.string("llama"))
        .put("general.name", GgufValue.string("Tiny Llama"))
        .put("general.quantized_by", GgufValue.string("someone"))
        .put("general.quantization_version", GgufValue.uint32(2))
        .put("general.file_type", GgufValue.uint32(15))
        .put("llama.context_length", GgufValue.uint32(4096))
        .write(file);

    Model model = new GgufReader().read(file);

    var metadata = model.metadata();
    assertEquals("GGUF", metadata.format());
    assertEquals(3, metadata.formatVersion());
    assertEquals("Tiny Llama, quantized by someone", metadata.producer());
    assertEquals(
        List.of("architecture", "quantization version", "file type", "context length"),
        new ArrayList<>(metadata.properties().keySet()).subList(0, 4));
    assertEquals("llama", metadata.properties().get(GgufSummary.ARCHITECTURE));
    assertEquals("15 (MOSTLY_Q4_K_M)", metadata.properties().get(GgufSummary.FILE_TYPE));
    assertEquals("4096", metadata.properties().get(GgufSummary.CONTEXT_LENGTH));
    assertEquals("2", metadata.properties().get(GgufSummary.QUANTIZATION_VERSION));
    assertEquals("15", metadata.properties().get("general.file_type"));

    GgufSummary summary = GgufSummary.from(metadata.properties());
    assertEquals(OptionalLong.of(15), summary.fileType());
    assertEquals("MOSTLY_Q4_K_M", summary.fileTypeName().orElseThrow());
    assertEquals(OptionalLong.of(4096), summary.contextLength());
  }

  @Test
  void fileWithoutHeadlineFactsHasNone() throws Exception {
    Path file = dir.resolve("bare.gguf");
    new GgufWriter().write(file);

    Model model = new GgufReader().read(file);

    assertTrue(model.metadata().properties().isEmpty());
    assertEquals("", model.metadata().producer());
    assertTrue(model.layers().isEmpty());
  }
}
