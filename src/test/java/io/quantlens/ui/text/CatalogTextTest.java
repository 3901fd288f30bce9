package io.quantlens.ui.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quantlens.analysis.PlanPreset;
import io.quantlens.analysis.PlanPresets;
import io.quantlens.session.ModelSources.SampleChoice;
import io.quantlens.text.Language;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Every preset and sample reads in Vietnamese; English is their own text. */
class CatalogTextTest {
  @Test
  void everyPresetHasAVietnameseDescriptionAndTheBundleNoStrayOne() throws IOException {
    Properties vi = new Properties();
    try (var in =
        CatalogTextTest.class.getResourceAsStream("/io/quantlens/text/catalog_vi.properties")) {
      vi.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    CatalogText english = CatalogText.of(Language.ENGLISH);
    CatalogText vietnamese = CatalogText.of(Language.VIETNAMESE);
    Set<String> expected = new TreeSet<>();
    for (PlanPreset p : PlanPresets.all()) {
      expected.add("preset." + p.id() + ".name");
      expected.add("preset." + p.id() + ".description");
      assertEquals(p.name(), english.name(p));
      assertEquals(p.description(), english.description(p));
      assertNotEquals(p.description(), vietnamese.description(p), p.id());
      assertEquals(vi.getProperty("preset." + p.id() + ".name"), vietnamese.name(p));
    }
    for (String sample : new String[] {"mnist-cnn", "all-minilm-l6-v2"}) {
      expected.add("sample." + sample + ".title");
    }
    assertEquals(expected, new TreeSet<>(vi.stringPropertyNames()));
    assertEquals(
        "Bộ phân loại chữ số MNIST (CNN)",
        vietnamese.title(new SampleChoice("mnist-cnn", "MNIST digit classifier (CNN)", "")));
    assertEquals(
        "Toàn bộ INT8",
        vietnamese.name(
            PlanPresets.all().stream()
                .filter(p -> p.id().equals("int8"))
                .findFirst()
                .orElseThrow()));
  }
}
