package io.quantlens.ui.dialogs;

import io.quantlens.cost.CostAssumptions;
import io.quantlens.cost.Workload;
import io.quantlens.text.Messages;
import io.quantlens.ui.state.AccuracyState;
import io.quantlens.ui.state.CostState;
import io.quantlens.ui.state.OpenModel;
import io.quantlens.ui.state.Services;
import io.quantlens.ui.state.UserNotices;
import io.quantlens.ui.state.Workspace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.stage.Window;
import org.controlsfx.control.PropertySheet;

/** The cost model's assumptions and the workload, edited in a property sheet. */
public final class SettingsDialog extends Dialog<ButtonType> {
  private final CostState costs;
  private final AccuracyState accuracy;
  private final UserNotices notices;
  private final Messages m;
  private final Setting batch;
  private final List<Setting> dims = new ArrayList<>();
  private final Setting callBatch;
  private final Setting eta;
  private final Setting etaMem;
  private final Setting activations;
  private final Setting rate;
  private final Setting pue;
  private final Setting grid;

  public SettingsDialog(
      Window owner,
      Workspace workspace,
      CostState costs,
      AccuracyState accuracy,
      Services services) {
    this.costs = costs;
    this.accuracy = accuracy;
    this.notices = services.notices();
    this.m = services.messages();
    initOwner(owner);
    setTitle(m.get("settings.title"));
    CostAssumptions a = costs.assumptions().get();
    Workload w = costs.workload().get();
    String cost = m.get("settings.cost");
    String work = m.get("settings.workload");
    batch = new Setting(work, m.get("settings.batch"), Integer.class, w.batch());
    OpenModel open = workspace.opened().get();
    if (open != null) {
      // The first axis is the batch, set above; the rest are the model's symbolic dimensions.
      w.effectiveDims(open.session().workloadInputs()).entrySet().stream()
          .filter(d -> !d.getKey().equals(Workload.BATCH))
          .forEach(d -> dims.add(new Setting(work, d.getKey(), Long.class, d.getValue())));
    }
    callBatch =
        new Setting(work, m.get("settings.callBatch"), Integer.class, accuracy.callBatch().get());
    eta = new Setting(cost, m.get("settings.eta"), Double.class, a.computeEfficiency());
    etaMem = new Setting(cost, m.get("settings.etaMem"), Double.class, a.memoryEfficiency());
    activations =
        new Setting(cost, m.get("settings.activations"), Boolean.class, a.activationsFromDram());
    rate = new Setting(cost, m.get("settings.rate"), Double.class, a.requestsPerSecond());
    pue = new Setting(cost, m.get("settings.pue"), Double.class, a.pue());
    grid = new Setting(cost, m.get("settings.grid"), Double.class, a.gridKgCo2PerKwh());
    PropertySheet sheet = new PropertySheet();
    sheet.getItems().add(batch);
    sheet.getItems().addAll(dims);
    sheet.getItems().add(callBatch);
    sheet.getItems().addAll(List.of(eta, etaMem, activations, rate, pue, grid));
    sheet.setPrefSize(460, 360);
    getDialogPane().setContent(sheet);
    getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
    DialogButtons.label(getDialogPane(), m);
    setResultConverter(
        b -> {
          if (b == ButtonType.OK) {
            applySettings();
          }
          return b;
        });
  }

  /** Sets the workload and assumptions from the sheet; a value out of range is reported. */
  public void applySettings() {
    try {
      Map<String, Long> dimValues = new LinkedHashMap<>();
      dims.forEach(d -> dimValues.put(d.getName(), number(d).longValue()));
      CostAssumptions assumptions =
          new CostAssumptions(
              number(eta).doubleValue(),
              number(etaMem).doubleValue(),
              (Boolean) activations.getValue(),
              number(rate).doubleValue(),
              number(pue).doubleValue(),
              number(grid).doubleValue());
      Workload workload = new Workload(number(batch).intValue(), dimValues);
      int perCall = number(callBatch).intValue();
      if (perCall < 0) {
        throw new IllegalArgumentException(m.get("settings.callBatchNegative", perCall));
      }
      costs.assumptions().set(assumptions);
      costs.workload().set(workload);
      accuracy.callBatch().set(perCall);
    } catch (IllegalArgumentException e) {
      notices.error(e.getMessage());
    }
  }

  /** The batch-size setting, for tests. */
  public PropertySheet.Item batch() {
    return batch;
  }

  /** The setting of a symbolic dimension named {@code name}, for tests. */
  public Optional<PropertySheet.Item> dim(String name) {
    return dims.stream()
        .filter(d -> d.getName().equals(name))
        .map(d -> (PropertySheet.Item) d)
        .findFirst();
  }

  /** The samples-per-call setting, for tests. */
  public PropertySheet.Item callBatch() {
    return callBatch;
  }

  private static Number number(Setting s) {
    return (Number) s.getValue();
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
