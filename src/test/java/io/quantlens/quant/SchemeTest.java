package io.quantlens.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchemeTest {

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
    "fp16, fp16",
    "FP8E4M3, fp8e4m3",
    "int8, int8:channel:sym",
    "int8:tensor:asym, int8:tensor:asym",
    "int4:g32:sym, int4:g32:sym",
    "int4:g128:asym:mse, int4:g128:asym:mse",
    "int3:channel:sym:p99.9, int3:channel:sym:p99.9",
    "int2:asym:g64, int2:g64:asym",
    "int8:p100, int8:channel:sym:p100",
    "nf4, nf4:g64",
    "nf4:g128:mse, nf4:g128:mse",
    "int8:asym:nncf, int8:channel:asym:nncf",
    "int4:g128:nncf, int4:g128:sym:nncf",
    "int4:mlx, int4:g64:asym:mlx",
    "int8:g32:mlx:asym, int8:g32:asym:mlx",
    "int8:reduce, int8:channel:sym:reduce",
    "int8:tensor:asym:reduce, int8:tensor:asym:reduce",
    "int8:tensor:unsigned, int8:tensor:sym:unsigned",
  })
  void parsesToCanonicalText(String text, String canonical) {
    assertEquals(canonical, Scheme.parse(text).id());
    assertEquals(Scheme.parse(canonical), Scheme.parse(text));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "int9|'int9' is not a format",
        "float16|'float16' is not a format",
        "int4:g32:banana|'banana' is not a granularity",
        "fp16:channel|'channel': fp16 is a plain cast",
        "int8:tensor:channel|granularity given twice",
        "int8:sym:asym|symmetry given twice",
        "int8:g1|a group holds at least 2 weights",
        "int8:p0|a percentile clip is p followed by a number in (0, 100]",
        "int8:p101|a percentile clip",
        "int8:pxyz|a percentile clip",
        "nf4:sym|nf4 is always absmax-scaled",
        "int4:|'' is not a granularity",
        "int8:nncf:mlx|a recipe is given once",
        "nf4:mlx|a recipe is given once, to an integer format",
        "int8:tensor:asym:nncf|nncf works per channel or per group",
        "int4:g128:nncf:mse|nncf takes no clipping option",
        "int4:channel:mlx|mlx quantizes groups",
        "int4:g64:sym:mlx|mlx is affine",
        "int7:mlx|mlx has 2, 3, 4, 5, 6 or 8 bits",
        "int2:reduce|reduce needs at least 3 bits",
        "int8:asym:unsigned|unsigned is ONNX Runtime's symmetric range on unsigned codes",
        "int8:reduce:mse|reduce takes no clipping option",
        "int8:reduce:unsigned|a recipe is given once",
      })
  void errorsNameTheBadPart(String text, String message) {
    SchemeSyntaxException e = assertThrows(SchemeSyntaxException.class, () -> Scheme.parse(text));
    assertTrue(e.getMessage().contains(message), e.getMessage());
    assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
  }

  /** Effective bits per weight for a [384, 1536] MatMul weight: 1536 channels of 384 weights. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "fp16, 16",
    "fp8e5m2, 8",
    "int8:channel:sym, 8.083333333333334", // 8 + 32/384
    "int8:channel:asym, 8.104166666666666", // 8 + (32+8)/384
    "int8:tensor:asym, 8.000067816840278", // 8 + 40/589824
    "int4:g32:sym, 4.5", // 4 + 16/32
    "int4:g128:asym, 4.15625", // 4 + (16+4)/128
    "nf4:g64, 4.5", // 4 + 32/64
    "int8:channel:asym:nncf, 8.0625", // 8 + (16+8)/384
    "int4:g128:sym:nncf, 4.125", // 4 + 16/128
    "int4:g64:asym:mlx, 4.5", // 4 + (16+16)/64
    "int8:g64:asym:mlx, 8.5", // 8 + (16+16)/64
    "int8:channel:sym:reduce, 8.083333333333334", // as int8:channel:sym: 8-bit codes
    "int8:tensor:sym:unsigned, 8.000067816840278", // 8 + (32+8)/589824: a uint8 zero point
  })
  void bitsPerWeight(String scheme, double expected) {
    assertEquals(expected, StorageConvention.bitsPerWeight(Scheme.parse(scheme), 1536, 384), 1e-12);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"int4:g100:sym, 1536, 384, 6144", "int4:channel:sym, 1536, 384, 1536"})
  void shortLastGroupsCount(String scheme, long channels, long reduction, long groups) {
    // 384 = 3·100 + 84: four groups per channel, the last one short.
    assertEquals(groups, StorageConvention.groupCount(Scheme.parse(scheme), channels, reduction));
  }
}
