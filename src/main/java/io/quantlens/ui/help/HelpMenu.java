package io.quantlens.ui.help;

import io.quantlens.text.Messages;
import java.util.function.Supplier;
import javafx.scene.control.Dialog;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCombination;
import javafx.stage.Window;

/**
 * The Help menu: keyboard shortcuts (read from the menu bar's accelerators when asked, so the list
 * cannot fall behind the menus), the glossary of every term on screen, and About.
 */
public final class HelpMenu {
  private final Messages m;
  private final Supplier<Window> owner;
  private final MenuBar bar;
  private final Runnable lessons;

  /**
   * A Help menu for {@code bar}, whose shortcuts it lists, with {@code lessons} opening the
   * lessons; add {@link #menu()} to the bar.
   */
  public HelpMenu(Messages m, Supplier<Window> owner, MenuBar bar, Runnable lessons) {
    this.m = m;
    this.owner = owner;
    this.bar = bar;
    this.lessons = lessons;
  }

  public Menu menu() {
    Menu help =
        new Menu(
            m.get("menu.help"),
            null,
            item("help-lessons", m.get("help.lessons"), "Shortcut+L", lessons),
            item("help-shortcuts", m.get("help.shortcuts"), "Shortcut+Slash", this::shortcuts),
            item("help-glossary", m.get("help.glossary"), "F1", this::glossary),
            item("help-about", m.get("help.about"), null, this::about));
    help.setId("helpMenu");
    return help;
  }

  /** The dialog listing every shortcut of the bar as it is now. */
  public Dialog<?> shortcuts() {
    return show(new ShortcutsDialog(owner.get(), m, Shortcut.in(bar)));
  }

  public Dialog<?> glossary() {
    return show(new GlossaryDialog(owner.get(), m, GlossaryTerm.all(m)));
  }

  public Dialog<?> about() {
    return show(new AboutDialog(owner.get(), m, Licence.bundled()));
  }

  private static Dialog<?> show(Dialog<?> dialog) {
    dialog.show();
    return dialog;
  }

  private static MenuItem item(String id, String text, String keys, Runnable action) {
    MenuItem item = new MenuItem(text);
    item.setId(id);
    if (keys != null) {
      item.setAccelerator(KeyCombination.keyCombination(keys));
    }
    item.setOnAction(e -> action.run());
    return item;
  }
}
