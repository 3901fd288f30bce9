package io.quantlens.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.quant.Scheme;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemeCatalogTest {
  private static List<String> ids(SchemeCatalog.Group group) {
    return group.schemes().stream().map(Scheme::id).toList();
  }

  @Test
  void groupsTheToolchainsSchemesInMenuOrder() {
    List<SchemeCatalog.Group> groups = SchemeCatalog.toolchains().groups();
    assertEquals(
        List.of("llamacpp", "nncf", "mlx", "ort"),
        groups.stream().map(SchemeCatalog.Group::id).toList());
    assertEquals(List.of("q8_0", "q4_0", "q4_k", "q6_k", "q5_0"), ids(groups.get(0)));
    assertEquals(List.of("int8:channel:asym:nncf", "int4:g128:sym:nncf"), ids(groups.get(1)));
    assertEquals(List.of("int4:g64:asym:mlx", "int8:g64:asym:mlx"), ids(groups.get(2)));
    assertEquals(
        List.of("int4:g32:sym", "int4:g128:asym", "int8:channel:sym", "int8:tensor:asym"),
        ids(groups.get(3)));
  }

  @Test
  void listsEachSchemeOnce() {
    List<Scheme> all = SchemeCatalog.toolchains().all();
    assertTrue(all.contains(Scheme.parse("int4:g128:sym:nncf")));
    assertTrue(all.contains(Scheme.parse("q6_k")));
    assertEquals(all.size(), all.stream().distinct().count());
  }
}
