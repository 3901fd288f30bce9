package io.quantlens.ui.table;

import io.quantlens.analysis.SchemeCatalog;
import io.quantlens.quant.Scheme;
import io.quantlens.quant.SchemeSyntaxException;
import io.quantlens.text.Messages;
import io.quantlens.ui.state.PlanEditor;
import io.quantlens.ui.state.Workspace;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;

/**
 * The schemes the scheme cell and the "Set selected to" menu offer: FP32 and the analysed ones, the
 * ones used in this session (most recent first) and the toolchains' groups.
 */
final class SchemeChoices {
  /** A line of the scheme list: a scheme id, or a group's heading that cannot be chosen. */
  record Choice(String text, boolean header) {
    static Choice of(Scheme scheme) {
      return new Choice(scheme.id(), false);
    }
  }

  private static final SchemeCatalog CATALOG = SchemeCatalog.toolchains();

  private final Workspace workspace;
  private final PlanEditor plans;
  private final Messages m;

  SchemeChoices(Workspace workspace, PlanEditor plans, Messages m) {
    this.workspace = workspace;
    this.plans = plans;
    this.m = m;
  }

  /** The parser's message for {@code text}, or null when it is a scheme. */
  static String problem(String text) {
    try {
      Scheme.parse(text);
      return null;
    } catch (SchemeSyntaxException e) {
      return e.getMessage();
    }
  }

  List<Choice> choices() {
    List<Choice> all = new ArrayList<>();
    all.add(new Choice(m.get("table.schemes.analysed"), true));
    workspace.schemes().forEach(s -> all.add(Choice.of(s)));
    if (!plans.recentSchemes().isEmpty()) {
      all.add(new Choice(m.get("table.schemes.recent"), true));
      plans.recentSchemes().forEach(s -> all.add(Choice.of(s)));
    }
    for (SchemeCatalog.Group group : CATALOG.groups()) {
      all.add(new Choice(groupName(group), true));
      group.schemes().forEach(s -> all.add(Choice.of(s)));
    }
    return all;
  }

  /** Fills {@code menu}: the analysed and recent schemes, a sub-menu per toolchain, Custom…. */
  void fill(Menu menu, Consumer<Scheme> apply, Runnable custom) {
    List<MenuItem> items = new ArrayList<>(items(workspace.schemes(), apply));
    if (!plans.recentSchemes().isEmpty()) {
      Menu recent = new Menu(m.get("table.schemes.recent"));
      recent.getItems().setAll(items(plans.recentSchemes(), apply));
      items.add(new SeparatorMenuItem());
      items.add(recent);
    }
    items.add(new SeparatorMenuItem());
    for (SchemeCatalog.Group group : CATALOG.groups()) {
      Menu sub = new Menu(groupName(group));
      sub.setId("schemeGroup-" + group.id());
      sub.getItems().setAll(items(group.schemes(), apply));
      items.add(sub);
    }
    items.add(new SeparatorMenuItem());
    MenuItem other = new MenuItem(m.get("table.custom"));
    other.setId("customScheme");
    other.setOnAction(e -> custom.run());
    items.add(other);
    menu.getItems().setAll(items);
  }

  private String groupName(SchemeCatalog.Group group) {
    return m.get("table.schemes.group." + group.id());
  }

  private static List<MenuItem> items(List<Scheme> schemes, Consumer<Scheme> apply) {
    return schemes.stream()
        .map(
            s -> {
              MenuItem item = new MenuItem(s.id());
              item.setOnAction(e -> apply.accept(s));
              return item;
            })
        .toList();
  }
}
