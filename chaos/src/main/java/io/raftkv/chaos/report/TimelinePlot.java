package io.raftkv.chaos.report;

import io.raftkv.chaos.RunResult;
import io.raftkv.chaos.history.HistoryOp;
import io.raftkv.chaos.history.Outcome;
import io.raftkv.chaos.nemesis.FaultEvent;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Draws the run's timeline as a PNG: operations completed per second (ok in green, unknown in
 * orange, fail in red) over shaded bands for the faults, each labelled with its kind. Uses
 * java.awt headless and ImageIO; no display is needed.
 *
 * <p>Stateless.
 */
public final class TimelinePlot {

    private static final int WIDTH = 1400;
    private static final int HEIGHT = 500;
    private static final int LEFT = 60;
    private static final int RIGHT = 20;
    private static final int TOP = 30;
    private static final int BOTTOM = 40;
    private static final int LABEL_ROWS = 6;
    private static final Color[] FAULT_COLORS = {new Color(80, 120, 220, 50), new Color(220, 80, 200, 50),
        new Color(60, 180, 170, 50)};

    private TimelinePlot() {
    }

    /**
     * Renders and writes the plot.
     *
     * @throws IOException if the file cannot be written
     */
    public static void write(RunResult r, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        ImageIO.write(render(r), "png", file.toFile());
    }

    /** Renders the plot. */
    public static BufferedImage render(RunResult r) {
        int seconds = (int) Math.max(1, (r.runNanos() + 999_999_999L) / 1_000_000_000L);
        int[][] perSecond = new int[3][seconds + 1];
        for (HistoryOp op : r.ops()) {
            int s = (int) Math.min(seconds, op.completeNanos() / 1_000_000_000L);
            perSecond[op.outcome().ordinal()][s]++;
        }
        int max = 1;
        for (int[] series : perSecond) {
            for (int v : series) {
                max = Math.max(max, v);
            }
        }
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            int plotW = WIDTH - LEFT - RIGHT;
            int plotH = HEIGHT - TOP - BOTTOM;
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            int i = 0;
            // Where the last label of each text row ends, so labels never overprint each other.
            int[] rowEnds = new int[LABEL_ROWS];
            for (FaultEvent f : r.faults()) {
                int x0 = LEFT + (int) ((double) f.startNanos() / 1e9 / seconds * plotW);
                int x1 = LEFT + (int) ((double) f.endNanos() / 1e9 / seconds * plotW);
                g.setColor(FAULT_COLORS[i % FAULT_COLORS.length]);
                g.fillRect(x0, TOP, Math.max(1, x1 - x0), plotH);
                String label = f.kind().name().toLowerCase(java.util.Locale.ROOT);
                int width = g.getFontMetrics().stringWidth(label);
                for (int row = 0; row < LABEL_ROWS; row++) {
                    if (x0 + 2 >= rowEnds[row]) {
                        g.setColor(Color.DARK_GRAY);
                        g.drawString(label, x0 + 2, TOP + 12 + row * 12);
                        rowEnds[row] = x0 + 2 + width + 4;
                        break;
                    }
                }
                i++;
            }
            g.setColor(Color.BLACK);
            g.drawLine(LEFT, TOP + plotH, LEFT + plotW, TOP + plotH);
            g.drawLine(LEFT, TOP, LEFT, TOP + plotH);
            for (int s = 0; s <= seconds; s += Math.max(1, seconds / 20)) {
                int x = LEFT + (int) ((double) s / seconds * plotW);
                g.drawLine(x, TOP + plotH, x, TOP + plotH + 4);
                g.drawString(s + "s", x - 8, TOP + plotH + 16);
            }
            for (int k = 0; k <= 4; k++) {
                int v = max * k / 4;
                int y = TOP + plotH - (int) ((double) v / max * plotH);
                g.drawString(String.valueOf(v), 5, y + 4);
            }
            g.drawString("operations completed per second; shaded: faults", LEFT, HEIGHT - 8);
            Color[] colors = {new Color(30, 150, 60), new Color(200, 40, 40), new Color(240, 150, 20)};
            g.setStroke(new BasicStroke(1.5f));
            for (Outcome o : Outcome.values()) {
                g.setColor(colors[o.ordinal()]);
                int[] series = perSecond[o.ordinal()];
                for (int s = 1; s < seconds; s++) {
                    int x0 = LEFT + (int) ((double) (s - 1) / seconds * plotW);
                    int x1 = LEFT + (int) ((double) s / seconds * plotW);
                    int y0 = TOP + plotH - (int) ((double) series[s - 1] / max * plotH);
                    int y1 = TOP + plotH - (int) ((double) series[s] / max * plotH);
                    g.drawLine(x0, y0, x1, y1);
                }
                g.drawString(o.name().toLowerCase(java.util.Locale.ROOT), WIDTH - RIGHT - 200 + o.ordinal() * 60, 18);
            }
        } finally {
            g.dispose();
        }
        return img;
    }
}
