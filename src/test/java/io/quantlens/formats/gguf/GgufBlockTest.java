package io.quantlens.formats.gguf;

import static io.quantlens.formats.gguf.GgufTensorTest.byName;
import static io.quantlens.formats.gguf.GgufTensorTest.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quantlens.formats.mapped.ChunkedMapping;
import io.quantlens.model.DType;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.model.Tensor;
import io.quantlens.model.TensorReader;
import io.quantlens.quant.GgmlFormat;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Block types. The walk over blocks (partial first/last blocks, blocks cut by mapping chunks) is
 * checked with test-only Q8_0/Q4_0 decoders, and every block type through GgmlFormat's codec.
 */
class GgufBlockTest {
  private static final List<GgmlType> BLOCK_TYPES =
      List.of(
          GgmlType.Q8_0,
          GgmlType.Q4_0,
          GgmlType.Q4_1,
          GgmlType.Q5_0,
          GgmlType.Q5_1,
          GgmlType.Q2_K,
          GgmlType.Q3_K,
          GgmlType.Q4_K,
          GgmlType.Q5_K,
          GgmlType.Q6_K);

  @TempDir Path dir;

  @Test
  void partialBlocksAndChunkBoundariesWithReferenceDecoders() throws Exception {
    checkWalk(GgmlType.Q8_0, ReferenceBlocks::q8_0);
    checkWalk(GgmlType.Q4_0, ReferenceBlocks::q4_0);
  }

  private void checkWalk(GgmlType type, BlockTensorReader.BlockDecoder decoder) throws Exception {
    int blocks = 100;
    byte[] stored = ReferenceBlocks.random(type, blocks, 11, 0);
    // The region starts at an odd file offset and chunks of 1000 bytes cut blocks apart.
    int lead = 37;
    byte[] file = new byte[lead + stored.length + 5];
    System.arraycopy(stored, 0, file, lead, stored.length);
    Path path = Files.write(dir.resolve(type + ".bin"), file);
    float[] expected = decodeAll(decoder, type, stored);
    long elements = (long) blocks * type.blockElements();

    TensorReader reader =
        new BlockTensorReader(
            decoder,
            type.blockElements(),
            type.blockBytes(),
            ChunkedMapping.map(path, 1000).region(lead, stored.length),
            elements);

    assertRandomReads(reader, expected);
  }

  @Test
  void blockTensorsAreListedWithTheirGeometry() throws Exception {
    Path file = dir.resolve("blocks.gguf");
    GgufWriter writer = new GgufWriter();
    for (GgmlType type : BLOCK_TYPES) {
      long[] shape = {3, 2L * type.blockElements()};
      byte[] stored = ReferenceBlocks.random(type, 6, type.id(), ReferenceBlocks.halfOffsets(type));
      writer.tensor("blk.0." + type.name().toLowerCase() + ".weight", type, shape, bytes(stored));
    }
    writer.write(file);

    Model model = new GgufReader().read(file);

    assertEquals(BLOCK_TYPES.size(), model.layers().size());
    for (GgmlType type : BLOCK_TYPES) {
      Layer layer =
          model.layers().stream()
              .filter(l -> l.name().equals("blk.0." + type.name().toLowerCase()))
              .findFirst()
              .orElseThrow();
      Tensor weight = layer.weight();
      assertEquals(DType.valueOf(type.name()), weight.dtype());
      assertArrayEquals(new long[] {3, 2L * type.blockElements()}, weight.shape());
      assertEquals(6L * type.blockBytes(), weight.storedBytes());
    }
  }

  @Test
  void undecodedAndUnknownTypesAreListedWithANote() throws Exception {
    Path file =
        RawGguf.header(3, 3, 0)
            .tensor("blk.0.iq.weight", 16, 0, 256, 2)
            .tensor("blk.0.odd.weight", 99, 160, 8, 8)
            .tensor("blk.0.ok.weight", 0, 192, 2, 2)
            .padTo(32)
            .zeros(208)
            .write(dir.resolve("skips.gguf"));

    Model model = new GgufReader().read(file);

    assertEquals(
        List.of(
            "tensor blk.0.iq.weight: type IQ2_XXS (16) is not decoded; skipped",
            "tensor blk.0.odd.weight: type 99 is not decoded; skipped"),
        model.metadata().notes());
    Map<String, Tensor> t = byName(model.initializers());
    assertEquals(DType.OTHER, t.get("blk.0.iq.weight").dtype());
    assertArrayEquals(new long[] {2, 256}, t.get("blk.0.iq.weight").shape());
    assertEquals(DType.OTHER, t.get("blk.0.odd.weight").dtype());
    assertEquals(List.of("blk.0.ok"), model.layers().stream().map(Layer::name).toList());
    assertThrows(
        UnsupportedOperationException.class,
        () -> t.get("blk.0.iq.weight").reader().read(0, new float[1], 0, 1));
  }

  @Test
  void everyBlockTypeReadsAsGgmlFormatDecodesIt() throws Exception {
    Path file = dir.resolve("decode.gguf");
    GgufWriter writer = new GgufWriter();
    Map<GgmlType, byte[]> stored = new java.util.EnumMap<>(GgmlType.class);
    for (GgmlType type : BLOCK_TYPES) {
      byte[] blocks =
          ReferenceBlocks.random(type, 12, type.id(), ReferenceBlocks.halfOffsets(type));
      stored.put(type, blocks);
      writer.tensor(type.name(), type, new long[] {4, 3L * type.blockElements()}, bytes(blocks));
    }
    writer.write(file);

    Map<String, Tensor> t = byName(new GgufReader(1024).read(file).initializers());

    for (GgmlType type : BLOCK_TYPES) {
      GgmlFormat format = type.blockFormat().orElseThrow();
      float[] expected = decodeAll(format::dequantizeBlock, type, stored.get(type));
      assertRandomReads(t.get(type.name()).reader(), expected);
      if (type == GgmlType.Q8_0 || type == GgmlType.Q4_0) {
        BlockTensorReader.BlockDecoder reference =
            type == GgmlType.Q8_0 ? ReferenceBlocks::q8_0 : ReferenceBlocks::q4_0;
        assertArrayEquals(decodeAll(reference, type, stored.get(type)), expected, type.name());
      }
    }
  }

  @Test
  void floatsAreQuantizedRowByRowWhenWritten() throws Exception {
    GgmlFormat q8 = GgmlFormat.Q8_0;
    float[] values = new float[3 * 64];
    Random random = new Random(12);
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextGaussian();
    }
    Path file = dir.resolve("quantized.gguf");
    new GgufWriter()
        .tensorFromFloats("w", GgmlType.Q8_0, new long[] {3, 64}, GgufTensorTest.reader(values))
        .write(file);

    byte[] expectedBlocks = new byte[6 * 34];
    for (int b = 0; b < 6; b++) {
      q8.quantizeBlock(values, b * 32, expectedBlocks, b * 34);
    }
    Tensor w = new GgufReader().read(file).initializers().get(0);
    float[] got = new float[values.length];
    w.reader().read(0, got, 0, got.length);
    assertArrayEquals(decodeAll(ReferenceBlocks::q8_0, GgmlType.Q8_0, expectedBlocks), got);
  }

  private static void assertRandomReads(TensorReader reader, float[] expected) {
    float[] all = new float[expected.length];
    reader.read(0, all, 0, all.length);
    assertArrayEquals(expected, all);
    Random random = new Random(13);
    for (int i = 0; i < 300; i++) {
      int start = random.nextInt(expected.length);
      int count = random.nextInt(Math.min(expected.length - start, 700)) + 1;
      float[] got = new float[count + 3];
      reader.read(start, got, 3, count);
      for (int k = 0; k < count; k++) {
        assertEquals(expected[start + k], got[3 + k], "element " + (start + k));
      }
    }
    float[] one = new float[1];
    reader.read(expected.length - 1, one, 0, 1);
    assertEquals(expected[expected.length - 1], one[0]);
  }

  private static float[] decodeAll(
      BlockTensorReader.BlockDecoder decoder, GgmlType type, byte[] stored) {
    int blocks = stored.length / type.blockBytes();
    float[] values = new float[blocks * type.blockElements()];
    ByteBuffer buffer = ByteBuffer.wrap(stored).order(ByteOrder.LITTLE_ENDIAN);
    for (int b = 0; b < blocks; b++) {
      decoder.decode(buffer, b * type.blockBytes(), values, b * type.blockElements());
    }
    return values;
  }
}
