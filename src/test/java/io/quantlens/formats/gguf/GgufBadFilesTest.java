package io.quantlens.formats.gguf;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.formats.ModelFiles;
import io.quantlens.model.ModelFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Corrupt GGUF files give a ModelFormatException naming the file and, if any, the tensor. */
class GgufBadFilesTest {
  @TempDir Path dir;

  @Test
  void badMagic() throws Exception {
    byte[] bytes = RawGguf.header(3, 0, 0).bytes();
    bytes[3] = 'L';
    refused(Files.write(dir.resolve("magic.gguf"), bytes), "not a GGUF file");
    refused(Files.write(dir.resolve("empty.gguf"), new byte[0]), "empty");
  }

  @Test
  void anEmptyTensorOfTwoToTheSixtyTwoRowsIsCostedOrRefusedNeverOverflowing() throws Exception {
    Path file =
        RawGguf.header(3, 1, 0)
            .tensor("t", 0, 0, 0, 1L << 62)
            .padTo(32)
            .write(dir.resolve("r.gguf"));
    // exit 3 (bad input, one line) rather than 1 (an internal error with a stack trace)
    org.junit.jupiter.api.Assertions.assertEquals(
        3, io.quantlens.cli.Main.run("cost", file.toString()));
  }

  @Test
  void aQ2kRowOfTwoToTheThirtyOneWeightsIsBadInputNamingTheFile() throws Exception {
    Path file =
        RawGguf.header(3, 1, 0)
            .tensor("blk.0.attn_q.weight", 10, 0, 1L << 31, 1)
            .padTo(32)
            .write(dir.resolve("q2k.gguf"));
    try (var sparse = new java.io.RandomAccessFile(file.toFile(), "rw")) {
      sparse.setLength(sparse.length() + (1L << 31) / 256 * 84); // the row's data, a hole
    }
    org.junit.jupiter.api.Assertions.assertEquals(
        3, io.quantlens.cli.Main.run("analyze", file.toString()));
  }

  @Test
  void versions() throws Exception {
    refused(RawGguf.header(1, 0, 0).write(dir.resolve("v1.gguf")), "version 1 is no longer");
    refused(RawGguf.header(99, 0, 0).write(dir.resolve("v99.gguf")), "version 99");
    refused(RawGguf.header(0, 0, 0).write(dir.resolve("v0.gguf")), "version 0");
    // Version 3 written big-endian reads as 0x03000000 little-endian.
    refused(RawGguf.header(0x0300_0000L, 0, 0).write(dir.resolve("be.gguf")), "big-endian");
  }

  @Test
  void everyCutOfAFileIsACleanError() throws Exception {
    byte[] whole = sampleFile();
    Path intact = Files.write(dir.resolve("intact.gguf"), whole);
    assertDoesNotThrow(() -> new GgufReader().read(intact));
    for (int cut = 0; cut < whole.length; cut++) {
      Path file = Files.write(dir.resolve("cut" + cut + ".gguf"), Arrays.copyOf(whole, cut));
      ModelFormatException e =
          assertThrows(ModelFormatException.class, () -> new GgufReader().read(file), "cut " + cut);
      assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
      assertTrue(!e.getMessage().contains("cannot read GGUF model"), "unexpected exception: " + e);
      Files.delete(file);
    }
  }

  @Test
  void lengthsLongerThanTheFile() throws Exception {
    refused(
        RawGguf.header(3, 0, 1).u64(1L << 40).raw("key".getBytes()).write(dir.resolve("k.gguf")),
        "metadata key #0 claims");
    refused(
        RawGguf.header(3, 0, 1).key("s", 8).u64(Long.MAX_VALUE).write(dir.resolve("s.gguf")),
        "metadata 's' claims");
    refused(
        RawGguf.header(3, 0, 1).key("a", 9).u32(5).u64(1L << 60).write(dir.resolve("a.gguf")),
        "metadata 'a' claims");
    refused(
        RawGguf.header(3, 0, 1).key("a", 9).u32(8).u64(1L << 60).write(dir.resolve("as.gguf")),
        "the file ends inside the GGUF header");
    refused(RawGguf.header(3, 0, -1).write(dir.resolve("count.gguf")), "metadata count");
  }

  @Test
  void badMetadata() throws Exception {
    refused(
        RawGguf.header(3, 0, 2)
            .key("x", 4)
            .u32(1)
            .key("x", 4)
            .u32(2)
            .write(dir.resolve("dupkey.gguf")),
        "metadata key 'x' appears twice");
    refused(RawGguf.header(3, 0, 1).key("b", 7).u8(2).write(dir.resolve("bool.gguf")), "bool");
    refused(
        RawGguf.header(3, 0, 1).key("t", 13).u32(0).write(dir.resolve("type.gguf")),
        "unknown value type 13");
    RawGguf deep = RawGguf.header(3, 0, 1).key("n", 9);
    for (int i = 0; i < 40; i++) {
      deep.u32(9).u64(1);
    }
    refused(deep.u32(0).u64(0).write(dir.resolve("deep.gguf")), "nests arrays");
    refused(
        RawGguf.header(3, 0, 1)
            .key("general.alignment", 4)
            .u32(48)
            .write(dir.resolve("align.gguf")),
        "not a power of two");
    refused(
        RawGguf.header(3, 0, 1)
            .key("general.alignment", 5)
            .u32(64)
            .write(dir.resolve("aligntype.gguf")),
        "must be a uint32");
  }

  @Test
  void tensorDataPastTheEnd() throws Exception {
    refused(
        RawGguf.header(3, 1, 0)
            .tensor("big", 0, 0, 100)
            .padTo(32)
            .zeros(399)
            .write(dir.resolve("past.gguf")),
        "tensor 'big'",
        "past the end");
    refused(
        RawGguf.header(3, 1, 0)
            .tensor("far", 0, Long.MAX_VALUE - 31, 1)
            .padTo(32)
            .write(dir.resolve("far.gguf")),
        "tensor 'far'");
  }

  @Test
  void overlappingAndMisalignedTensors() throws Exception {
    refused(
        RawGguf.header(3, 3, 0)
            .tensor("a", 0, 0, 16)
            .tensor("b", 0, 64, 8)
            .tensor("c", 0, 32, 8)
            .padTo(32)
            .zeros(128)
            .write(dir.resolve("overlap.gguf")),
        "tensors 'a' and 'c' overlap");
    refused(
        RawGguf.header(3, 1, 0)
            .tensor("m", 0, 4, 8)
            .padTo(32)
            .zeros(64)
            .write(dir.resolve("misaligned.gguf")),
        "tensor 'm'",
        "offset 4 is not a multiple of the alignment 32");
  }

  @Test
  void badDimensions() throws Exception {
    refused(
        RawGguf.header(3, 1, 0)
            .tensor("huge", 0, 0, 1L << 62, 1L << 62)
            .write(dir.resolve("absurd.gguf")),
        "tensor 'huge'",
        "overflow");
    refused(
        RawGguf.header(3, 1, 0).tensor("t", 0, 0, 1, 1, 1, 1, 1).write(dir.resolve("n5.gguf")),
        "tensor 't'",
        "5 dimensions");
    refused(
        RawGguf.header(3, 1, 0).tensor("neg", 0, 0, -1).write(dir.resolve("neg.gguf")),
        "tensor 'neg'",
        "dimension 0");
    refused(
        RawGguf.header(3, 1, 0)
            .tensor("q", 8, 0, 33, 2)
            .padTo(32)
            .zeros(1000)
            .write(dir.resolve("block.gguf")),
        "tensor 'q'",
        "not a multiple of the 32-element blocks of Q8_0");
    refused(
        RawGguf.header(3, 1, 0).tensor("x".repeat(64), 0, 0, 1).write(dir.resolve("name.gguf")),
        "name is 64 bytes");
  }

  @Test
  void duplicateTensorName() throws Exception {
    refused(
        RawGguf.header(3, 2, 0)
            .tensor("w", 0, 0, 8)
            .tensor("w", 0, 32, 8)
            .padTo(32)
            .zeros(64)
            .write(dir.resolve("dupname.gguf")),
        "tensor name 'w' appears twice");
  }

  @Test
  void modelFilesSendsGgufToThisReader() throws Exception {
    Path file = dir.resolve("Model.GGUF");
    new GgufWriter().put("general.name", GgufValue.string("m")).write(file);
    assertTrue(ModelFiles.open(file).metadata().format().equals("GGUF"));
    refused(RawGguf.header(1, 0, 0).write(dir.resolve("old.gguf")), "version 1");
  }

  /** A small valid file: metadata with strings and nested arrays, two tensors ending the file. */
  private static byte[] sampleFile() {
    RawGguf raw =
        RawGguf.header(3, 2, 4)
            .key("general.architecture", 8)
            .string("llama")
            .key("tokenizer.ggml.tokens", 9)
            .u32(8)
            .u64(3)
            .string("a")
            .string("bb")
            .string("ccc")
            .key("nested", 9)
            .u32(9)
            .u64(2)
            .u32(4)
            .u64(1)
            .u32(7)
            .u32(0)
            .u64(0)
            .key("general.alignment", 4)
            .u32(16)
            .tensor("token_embd.weight", 0, 0, 4, 2)
            .tensor("output.weight", 1, 32, 4, 3)
            .padTo(16);
    raw.zeros(32);
    for (int i = 0; i < 12; i++) {
      raw.u16(0x3C00);
    }
    return raw.bytes();
  }

  private static void refused(Path file, String... fragments) {
    ModelFormatException e =
        assertThrows(ModelFormatException.class, () -> ModelFiles.open(file), file.toString());
    assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
    for (String fragment : fragments) {
      assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
  }
}
