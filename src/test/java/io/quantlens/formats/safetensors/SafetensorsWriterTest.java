package io.quantlens.formats.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantlens.formats.ModelFiles;
import io.quantlens.model.Model;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer's byte layout, streaming, failure handling; a large sparse file opens lazily. */
class SafetensorsWriterTest {
  @TempDir Path dir;

  @Test
  void headerIsPaddedJsonAndTensorsFollowInOrder() throws Exception {
    Path file = dir.resolve("layout.safetensors");
    SafetensorsWriter.write(
        file,
        List.of(
            new TensorSpec("b", "U8", new long[] {3}, ByteSource.of(new byte[] {1, 2, 3})),
            new TensorSpec("a", "F32", new long[] {1}, ByteSource.float32(new float[] {1f}))),
        Map.of("k", "v"));
    byte[] bytes = Files.readAllBytes(file);
    long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
    assertEquals(0, n % 8);
    assertEquals(8 + n + 7, bytes.length);
    String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
    assertTrue(header.startsWith("{\"__metadata__\":{\"k\":\"v\"},\"b\":"), header);
    assertEquals(header.strip(), header.substring(0, header.lastIndexOf('}') + 1));
    JsonNode json = new ObjectMapper().readTree(header);
    assertEquals("[0,3]", json.get("b").get("data_offsets").toString());
    assertEquals("[3,7]", json.get("a").get("data_offsets").toString());
    assertArrayEquals(
        new byte[] {1, 2, 3, 0, 0, (byte) 0x80, 0x3F},
        Arrays.copyOfRange(bytes, (int) (8 + n), bytes.length));
  }

  @Test
  void tensorsLargerThanTheBufferStreamByOffset() throws Exception {
    int count = 1_000_003; // about 4 MB: several buffer refills, the last one partial
    ByteSource counting =
        (offset, target) -> {
          // element i holds the float i; offsets are always whole elements here
          for (long at = offset; target.hasRemaining(); at += 4) {
            target.putFloat((float) (at / 4));
          }
        };
    Path file = dir.resolve("stream.safetensors");
    SafetensorsWriter.write(
        file, List.of(new TensorSpec("w", "F32", new long[] {count}, counting)), Map.of());
    Model model = new SafetensorsReader().read(file);
    float[] values = new float[count];
    model.initializers().get(0).reader().read(0, values, 0, count);
    for (int i = 0; i < count; i++) {
      assertEquals((float) i, values[i], "element " + i);
    }
  }

  @Test
  void aFailingSourceLeavesNoFileBehind() throws Exception {
    Path file = dir.resolve("fail.safetensors");
    ByteSource lazy = (offset, target) -> target.put((byte) 0); // fills one byte only
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                SafetensorsWriter.write(
                    file, List.of(new TensorSpec("w", "F32", new long[] {4}, lazy)), Map.of()));
    assertTrue(e.getMessage().contains("tensor 'w' filled 1 of 16 bytes"), e.getMessage());
    try (var files = Files.list(dir)) {
      assertEquals(List.of(), files.toList());
    }
  }

  @Test
  void specsAreChecked() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new TensorSpec("w", "F33", new long[] {1}, ByteSource.zeros()));
    assertThrows(
        IllegalArgumentException.class,
        () -> new TensorSpec("w", "F32", new long[] {-1}, ByteSource.zeros()));
    assertThrows(
        IllegalArgumentException.class,
        () -> new TensorSpec("__metadata__", "F32", new long[] {1}, ByteSource.zeros()));
    assertThrows(
        IllegalArgumentException.class,
        () -> new TensorSpec("w", "F32", new long[] {1L << 62, 4}, ByteSource.zeros()));
    TensorSpec w = new TensorSpec("w", "F32", new long[] {1}, ByteSource.zeros());
    assertThrows(
        IllegalArgumentException.class,
        () -> SafetensorsWriter.write(dir.resolve("dup.safetensors"), List.of(w, w), Map.of()));
    assertFalse(Files.exists(dir.resolve("dup.safetensors")));
  }

  @Test
  void aLargeSparseFileOpensWithoutReadingItsData() throws Exception {
    long rows = 300;
    long cols = 250_000; // 300 MB of F32, never written: the file is sparse
    long dataBytes = 4 * rows * cols;
    byte[] header =
        SafetensorsWriter.header(
            List.of(
                new TensorSpec("big.weight", "F32", new long[] {rows, cols}, ByteSource.zeros())),
            Map.of());
    Path file = dir.resolve("big.safetensors");
    RawSafetensors.write(file, header.length, header, new byte[0]);
    long lastElementAt = 8 + header.length + dataBytes - 4;
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(8 + header.length + dataBytes);
      raf.seek(lastElementAt);
      raf.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(1.5f).array());
    }
    Model model = ModelFiles.open(file);
    assertEquals("big", model.layers().get(0).name());
    assertEquals(rows * cols, model.layers().get(0).weight().elementCount());
    float[] tail = new float[2];
    model.layers().get(0).weight().reader().read(rows * cols - 2, tail, 0, 2);
    assertArrayEquals(new float[] {0f, 1.5f}, tail);
  }

  @Test
  void unknownExtensionIsSniffed() throws Exception {
    Path file = dir.resolve("weights.bin");
    SafetensorsWriter.write(
        file, List.of(new TensorSpec("w", "F32", new long[] {2, 2}, ByteSource.zeros())), Map.of());
    assertEquals("safetensors", ModelFiles.open(file).metadata().format());
    Path text = Files.writeString(dir.resolve("notes.txt"), "hello");
    var e =
        assertThrows(io.quantlens.model.ModelFormatException.class, () -> ModelFiles.open(text));
    assertTrue(
        e.getMessage().contains(".onnx, .gguf, .safetensors and *.safetensors.index.json"),
        e.getMessage());
  }
}
