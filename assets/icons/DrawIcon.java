import java.awt.*;
import java.awt.geom.*;
import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.ImageIO;
public class DrawIcon {
  public static void main(String[] a) throws Exception {
    int s = 256;
    BufferedImage img = new BufferedImage(s, s, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(new Color(0x1F3A5F));
    g.fill(new RoundRectangle2D.Double(8, 8, 240, 240, 48, 48));
    // a bell-shaped histogram
    int bars = 11; double w = 160.0 / bars;
    for (int i = 0; i < bars; i++) {
      double x = (i - (bars - 1) / 2.0) / 2.4;
      double h = 150 * Math.exp(-x * x / 2) + 8;
      g.setColor(new Color(0x56B4E9));
      g.fill(new Rectangle2D.Double(48 + i * w + 1.5, 208 - h, w - 3, h));
    }
    // quantization levels
    g.setColor(new Color(0xE69F00));
    g.setStroke(new BasicStroke(5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    for (int i = 0; i < 5; i++) {
      double x = 56 + i * 36;
      g.draw(new Line2D.Double(x, 44, x, 212));
    }
    g.dispose();
    ImageIO.write(img, "png", new File(a[0]));
  }
}
