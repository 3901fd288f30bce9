package io.quantlens.ui.app;

import static io.quantlens.ui.app.WorkbenchFixture.onFx;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.cost.HardwareProfile;
import java.util.List;
import javafx.scene.control.ComboBox;
import org.junit.jupiter.api.Test;

/** The toolbar's hardware picker offers every bundled profile, the ones added in 2026-12 too. */
class HardwarePickerTest extends WorkbenchTest {
  @Test
  void thePickerListsTheNewProfiles() {
    @SuppressWarnings("unchecked")
    List<String> ids =
        onFx(
            () ->
                ((ComboBox<HardwareProfile>) fixture.app.root().lookup("#hardwareBox"))
                    .getItems().stream().map(HardwareProfile::id).toList());
    assertTrue(
        ids.containsAll(
            List.of(
                "intel-core-ultra-7-258v-npu",
                "intel-core-ultra-7-258v-gpu",
                "apple-m4-gpu",
                "apple-a17-pro-neural-engine",
                "nvidia-jetson-agx-orin-64gb-dla")),
        ids.toString());
  }
}
