package io.quantlens.ui.app;

import static io.quantlens.ui.app.WorkbenchFixture.fx;
import static io.quantlens.ui.app.WorkbenchFixture.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.analysis.PlanPresets;
import io.quantlens.charts.ChartTable;
import io.quantlens.quant.Scheme;
import io.quantlens.ui.text.SensitivityText;
import java.util.List;
import java.util.Locale;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;

/** The window on a real transformer: presets, pinning and comparing, the dark theme. */
class MiniLmWindowTest extends WorkbenchTest {
  private static final String QUERY = "/encoder/layer.0/attention/self/query/MatMul";

  @Test
  void pinnedAndCurrentPlansAreComparedSideBySide() throws Exception {
    Workbench app = fixture.app;
    fx(() -> app.workspace().open("all-minilm-l6-v2", null));
    WorkbenchFixture.waitUntil(120, () -> app.plans().summary().get() != null);
    fixture.waitForIdle();
    assertEquals(40, onFx(() -> app.tableModel().rows().size()));

    fx(() -> app.actions().applyPreset(PlanPresets.byId("int8").orElseThrow()));
    fixture.waitForIdle();
    fx(() -> app.plans().pin());
    fx(() -> app.actions().applyPreset(PlanPresets.byId("int4").orElseThrow()));
    fx(() -> app.workspace().select(QUERY));
    fixture.waitForIdle();

    ChartTable sqnr = onFx(() -> app.dashboardView().sqnrChart().chart().get().table());
    assertTrue(sqnr.headers().containsAll(List.of("current plan", "pinned plan", "FP16")));
    double current = Double.parseDouble(WorkbenchWindowTest.cellOf(sqnr, QUERY, "current plan"));
    double pinned = Double.parseDouble(WorkbenchWindowTest.cellOf(sqnr, QUERY, "pinned plan"));
    assertTrue(pinned > current + 20, "INT8 " + pinned + " dB vs INT4 " + current + " dB");
    ChartTable cost = onFx(() -> app.dashboardView().costChart().chart().get().table());
    assertEquals(3, cost.headers().size() - 1, cost.headers().toString());
    assertNotNull(onFx(() -> app.accuracy().pinnedResult().get()));
    // The embedding's cosine stays near 1: the tile shows 1 − cos to three digits, not 1.0000.
    double cos = onFx(() -> app.accuracy().result().get().meanCosine());
    String tile = onFx(() -> ((Label) app.root().lookup("#accuracyTileValue")).getText());
    assertEquals("1\u2212cos " + SensitivityText.significant(1 - cos), tile);
    assertEquals(Scheme.parse("int4:g32:sym"), onFx(() -> app.detail().scheme().get()));
    WorkbenchFixture.waitUntil(30, () -> app.detail().detail().get() != null);
    fixture.screenshot("04-minilm-int4-vs-pinned-int8");
    System.out.printf(
        Locale.ROOT,
        "MiniLM plan change to screen (headless, software rendering): %.1f ms%n",
        onFx(() -> app.timing().lastMillis()));

    fx(() -> app.appearance().dark().set(true));
    fx(
        () ->
            ((javafx.scene.control.TextField) app.root().lookup("#layerFilter"))
                .setText("attention value"));
    assertEquals(6, onFx(() -> app.tableModel().visible().size()));
    fixture.screenshot("05-minilm-dark-filtered");
  }
}
