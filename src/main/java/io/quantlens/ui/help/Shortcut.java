package io.quantlens.ui.help;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;

/**
 * One keyboard shortcut of the menu bar.
 *
 * @param keys the accelerator as the platform writes it, e.g. {@code Ctrl+Shift+E}
 * @param action the item's text, e.g. {@code Export report folder…}
 * @param menu the menus leading to it, e.g. {@code File}
 */
public record Shortcut(String keys, String action, String menu) {
  /** Every item of {@code bar} that has an accelerator, in menu order: read, never copied. */
  public static List<Shortcut> in(MenuBar bar) {
    List<Shortcut> found = new ArrayList<>();
    for (Menu menu : bar.getMenus()) {
      collect(menu, plain(menu), found);
    }
    return found;
  }

  private static void collect(Menu menu, String path, List<Shortcut> found) {
    for (MenuItem item : menu.getItems()) {
      if (item instanceof Menu sub) {
        collect(sub, path + " \u25b8 " + plain(sub), found);
      } else if (item.getAccelerator() != null) {
        found.add(new Shortcut(item.getAccelerator().getDisplayText(), plain(item), path));
      }
    }
  }

  /** The text shown: a mnemonic's underscore is not drawn. */
  private static String plain(MenuItem item) {
    String text = item.getText() == null ? "" : item.getText();
    return item.isMnemonicParsing() ? text.replaceFirst("_(?=.)", "") : text;
  }
}
