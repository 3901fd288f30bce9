package io.quantlens.ui.app;

import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.text.Messages;
import io.quantlens.ui.state.PlanEditor;
import javafx.beans.binding.BooleanBinding;
import javafx.scene.control.Menu;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.ToggleGroup;

/**
 * Plan ▸ SmoothQuant: off or one of the migration strengths α the SmoothQuant paper uses, kept in
 * step with the plan (undo, presets and project files change it too). Other values come from plan
 * files and the CLI.
 */
final class SmoothQuantMenu {
  static final double[] ALPHAS = {0.25, 0.5, 0.75, 0.85};

  private SmoothQuantMenu() {}

  static Menu create(Messages m, PlanEditor plans, BooleanBinding disabled) {
    Menu menu = new Menu(m.get("menu.smoothQuant"));
    menu.setId("smoothQuantMenu");
    ToggleGroup group = new ToggleGroup();
    RadioMenuItem off = item(m.get("menu.smoothQuantOff"), Double.NaN, plans, group);
    off.setId("smoothQuantOff");
    menu.getItems().add(off);
    for (double alpha : ALPHAS) {
      RadioMenuItem item =
          item(m.get("menu.smoothQuantAlpha", m.numbers().three(alpha)), alpha, plans, group);
      item.setId("smoothQuant" + Math.round(alpha * 100));
      menu.getItems().add(item);
    }
    Runnable sync =
        () -> {
          PrecisionPlan plan = plans.plan().get();
          double now = plan == null ? Double.NaN : plan.smoothQuantAlpha();
          group.getToggles().stream()
              .map(RadioMenuItem.class::cast)
              .forEach(i -> i.setSelected(Double.compare((Double) i.getUserData(), now) == 0));
        };
    plans.plan().addListener((obs, old, now) -> sync.run());
    sync.run();
    menu.disableProperty().bind(disabled);
    return menu;
  }

  private static RadioMenuItem item(
      String text, double alpha, PlanEditor plans, ToggleGroup group) {
    RadioMenuItem item = new RadioMenuItem(text);
    item.setUserData(alpha);
    item.setToggleGroup(group);
    item.setOnAction(e -> plans.setSmoothQuant(alpha));
    return item;
  }
}
