package io.quantlens.quant;

import static io.quantlens.quant.GgmlTestBlocks.bits;
import static io.quantlens.quant.GgmlTestBlocks.decimals;
import static io.quantlens.quant.GgmlTestBlocks.decode;
import static io.quantlens.quant.GgmlTestBlocks.hex;
import static io.quantlens.quant.GgmlTestBlocks.quantize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** golden.md's Q8_0, Q4_0 and Q4_1 vectors (confirmed there against ggml's reference). */
class GgmlGoldenTest {
  private static final float[] X =
      bits(
          """
          bf4ccccd 3f97612c 40106806 3ff845bc 3ecf5784 c0600000 c04757b0 c0596e4f
          c012cd9f be995fd1 3fd5e202 402dba71 40174874 3f4eaafe bf99872f c02c1a01
          c03c008c bfe6f6fc 3e4db032 400a284d 404aff23 40326227 3f9acc2e bf4bd4c6
          c010d014 c01e852b bfa84193 3f33863b 4029564a 4068360d 404d7019 3fce3a88
          """);

  private static void assertDecoded(String expected, float[] y) {
    float[] e = decimals(expected);
    for (int i = 0; i < e.length; i++) {
      assertEquals(Float.floatToIntBits(e[i]), Float.floatToIntBits(y[i]), "element " + i);
    }
  }

  @Test
  void q8_0() {
    byte[] b = quantize(GgmlFormat.Q8_0, X);
    assertEquals("5027e4294f440e859389b0f63a5f531cd6a299c1074c6f622ae4b1a9d2195d7f7038", hex(b));
    assertDecoded(
        """
        -0.799804688  +1.17114258  +2.2565918  +1.94238281  +0.399902344  -3.51342773  -3.11352539  -3.39916992
        -2.28515625  -0.285644531  +1.65673828  +2.71362305  +2.37084961  +0.799804688  -1.19970703  -2.68505859
        -2.94213867  -1.79956055  +0.199951172  +2.17089844  +3.1706543  +2.79931641  +1.19970703  -0.799804688
        -2.2565918  -2.48510742  -1.31396484  +0.714111328  +2.65649414  +3.62768555  +3.19921875  +1.59960938
        """,
        decode(GgmlFormat.Q8_0, b));
  }

  @Test
  void q4_0() {
    byte[] b = quantize(GgmlFormat.Q4_0, X);
    assertEquals("42b7eac58334172f5fafddd9b46223061b4e", hex(b));
    assertDecoded(
        """
        -0.907226562  +1.36083984  +2.26806641  +1.81445312  +0.453613281  -3.17529297  -3.17529297  -3.17529297
        -2.26806641  -0.453613281  +1.81445312  +2.72167969  +2.26806641  +0.907226562  -1.36083984  -2.72167969
        -2.72167969  -1.81445312  -0  +2.26806641  +3.17529297  +2.72167969  +1.36083984  -0.907226562
        -2.26806641  -2.26806641  -1.36083984  +0.907226562  +2.72167969  +3.62890625  +3.17529297  +1.81445312
        """,
        decode(GgmlFormat.Q4_0, b));
  }

  @Test
  void q4_1() {
    byte[] b = quantize(GgmlFormat.Q4_1, X);
    assertEquals("9b3700c3164a8ccbe8d0a1603327 5b9ddcf9e5b2".replace(" ", ""), hex(b));
    // golden.md lists q; decoded = q·fp16(d) + fp16(m) with d = 0x379b, m = 0xc300 = −3.5.
    int[] q = {
      6, 10, 12, 11, 8, 0, 1, 0, 3, 7, 11, 13, 12, 9, 5, 2, 1, 4, 8, 12, 14, 13, 10, 6, 3, 2, 5, 9,
      13, 15, 14, 11
    };
    float d = 0.475341796875f; // 0x379b
    float[] y = decode(GgmlFormat.Q4_1, b);
    for (int i = 0; i < 32; i++) {
      assertEquals(q[i] * d + -3.5f, y[i], "element " + i);
    }
  }
}
