package io.quantlens.ui;

import io.quantlens.cost.CostAssumptions;
import io.quantlens.cost.Workload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import org.controlsfx.control.PropertySheet;

/** The cost model's assumptions and the workload, edited in a property sheet. */
final class SettingsDialog extends Dialog<ButtonType> {
  private final Workbench app;
  private final List<Setting> settings = new ArrayList<>();

  SettingsDialog(Workbench app) {
    this.app = app;
    Messages m = app.model().messages();
    initOwner(app.window());
    setTitle(m.get("settings.title"));
    CostAssumptions a = app.costs().assumptions().get();
    Workload w = app.costs().workload().get();
    String cost = m.get("settings.cost");
    String work = m.get("settings.workload");
    settings.add(new Setting(work, m.get("settings.batch"), Integer.class, w.batch()));
    OpenModel open = app.model().model().get();
    if (open != null) {
      w.effectiveDims(open.analysis().model().inputs())
          .forEach((name, value) -> settings.add(new Setting(work, name, Long.class, value)));
    }
    settings.add(new Setting(cost, m.get("settings.eta"), Double.class, a.computeEfficiency()));
    settings.add(new Setting(cost, m.get("settings.etaMem"), Double.class, a.memoryEfficiency()));
    settings.add(
        new Setting(cost, m.get("settings.activations"), Boolean.class, a.activationsFromDram()));
    settings.add(new Setting(cost, m.get("settings.rate"), Double.class, a.requestsPerSecond()));
    settings.add(new Setting(cost, m.get("settings.pue"), Double.class, a.pue()));
    settings.add(new Setting(cost, m.get("settings.grid"), Double.class, a.gridKgCo2PerKwh()));
    PropertySheet sheet = new PropertySheet();
    sheet.getItems().setAll(settings);
    sheet.setPrefSize(460, 360);
    getDialogPane().setContent(sheet);
    getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
    setResultConverter(
        b -> {
          if (b == ButtonType.OK) {
            applySettings();
          }
          return b;
        });
  }

  private void applySettings() {
    try {
      int batch = ((Number) settings.get(0).getValue()).intValue();
      Map<String, Long> dims = new LinkedHashMap<>();
      CostAssumptions a = app.costs().assumptions().get();
      double[] cost = new double[6];
      boolean activations = a.activationsFromDram();
      int c = 0;
      for (Setting s : settings.subList(1, settings.size())) {
        if (s.getCategory().equals(app.model().messages().get("settings.workload"))) {
          dims.put(s.getName(), ((Number) s.getValue()).longValue());
        } else if (s.getValue() instanceof Boolean bool) {
          activations = bool;
        } else {
          cost[c++] = ((Number) s.getValue()).doubleValue();
        }
      }
      app.costs()
          .assumptions()
          .set(new CostAssumptions(cost[0], cost[1], activations, cost[2], cost[3], cost[4]));
      app.costs().workload().set(new Workload(batch, dims));
    } catch (IllegalArgumentException e) {
      app.model().reportError(e.getMessage());
    }
  }

  /** One editable value. */
  private static final class Setting implements PropertySheet.Item {
    private final String category;
    private final String name;
    private final Class<?> type;
    private final SimpleObjectProperty<Object> value;

    Setting(String category, String name, Class<?> type, Object value) {
      this.category = category;
      this.name = name;
      this.type = type;
      this.value = new SimpleObjectProperty<>(value);
    }

    @Override
    public Class<?> getType() {
      return type;
    }

    @Override
    public String getCategory() {
      return category;
    }

    @Override
    public String getName() {
      return name;
    }

    @Override
    public String getDescription() {
      return name;
    }

    @Override
    public Object getValue() {
      return value.get();
    }

    @Override
    public void setValue(Object v) {
      value.set(v);
    }

    @Override
    public Optional<ObservableValue<? extends Object>> getObservableValue() {
      return Optional.of(value);
    }
  }
}
