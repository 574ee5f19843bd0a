package io.raftkv.bench.cluster;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.imageio.ImageIO;

/**
 * A small line chart drawn with java.awt (headless) and written as PNG: a title, axis labels,
 * ticks chosen by the caller on x and evenly spaced on y, one coloured line with markers per
 * series, and a legend. No plotting library needed.
 *
 * @param title   above the plot
 * @param xLabel  under the x axis
 * @param yLabel  beside the y axis
 * @param xTicks  x positions to mark, with their labels
 * @param series  the lines; at least one point overall
 * @param logY    y on a log10 scale with a tick per decade (values must then be positive; others are skipped)
 */
record LineChart(String title, String xLabel, String yLabel, List<Tick> xTicks, List<Series> series, boolean logY) {

    static final int WIDTH = 900;
    static final int HEIGHT = 560;
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)};

    /** A labelled mark on the x axis. */
    record Tick(double x, String label) {
    }

    /**
     * One line: points (xs[i], ys[i]); NaN values are skipped.
     *
     * @param name shown in the legend
     */
    record Series(String name, double[] xs, double[] ys) {
        Series {
            Objects.requireNonNull(name, "name");
            if (xs.length != ys.length) {
                throw new IllegalArgumentException("series " + name + " has " + xs.length + " x and " + ys.length + " y values");
            }
        }
    }

    /** Draws the chart. Runs with or without a display (java.awt.headless is set if unset). */
    BufferedImage render() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = 0;
        double minPositiveY = Double.POSITIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.xs.length; i++) {
                if (Double.isFinite(s.xs[i]) && Double.isFinite(s.ys[i])) {
                    if (s.ys[i] > 0) {
                        minPositiveY = Math.min(minPositiveY, s.ys[i]);
                    }
                    minX = Math.min(minX, s.xs[i]);
                    maxX = Math.max(maxX, s.xs[i]);
                    maxY = Math.max(maxY, s.ys[i]);
                }
            }
        }
        for (Tick t : xTicks) {
            minX = Math.min(minX, t.x);
            maxX = Math.max(maxX, t.x);
        }
        if (!Double.isFinite(minX)) {
            minX = 0;
            maxX = 1;
        }
        if (maxX == minX) {
            maxX = minX + 1;
        }
        double yTop = niceCeiling(maxY <= 0 ? 1 : maxY * 1.05);
        // On a log scale the axis runs over whole decades, from yBottom to yTop as exponents.
        double yBottom = 0;
        if (logY) {
            yBottom = Double.isFinite(minPositiveY) ? Math.floor(Math.log10(minPositiveY)) : 0;
            yTop = Math.max(yBottom + 1, Math.ceil(Math.log10(maxY <= 0 ? 1 : maxY)));
        }
        int yTicks = logY ? (int) (yTop - yBottom) : 5;

        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            int left = 90;
            int right = WIDTH - 200;
            int top = 50;
            int bottom = HEIGHT - 70;
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString(title, left, 30);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawRect(left, top, right - left, bottom - top);
            for (int i = 0; i <= yTicks; i++) {
                double v = logY ? Math.pow(10, yBottom + i) : yTop * i / yTicks;
                int y = bottom - (int) Math.round((bottom - top) * (double) i / yTicks);
                g.setColor(new Color(0xe0e0e0));
                g.drawLine(left + 1, y, right - 1, y);
                g.setColor(Color.BLACK);
                String label = format(v);
                g.drawString(label, left - 8 - g.getFontMetrics().stringWidth(label), y + 4);
            }
            for (Tick t : xTicks) {
                int x = left + (int) Math.round((right - left) * (t.x - minX) / (maxX - minX));
                g.setColor(new Color(0xe0e0e0));
                g.drawLine(x, top + 1, x, bottom - 1);
                g.setColor(Color.BLACK);
                g.drawString(t.label, x - g.getFontMetrics().stringWidth(t.label) / 2, bottom + 18);
            }
            g.drawString(xLabel, left + (right - left) / 2 - g.getFontMetrics().stringWidth(xLabel) / 2, bottom + 45);
            Graphics2D rotated = (Graphics2D) g.create();
            rotated.rotate(-Math.PI / 2);
            rotated.drawString(yLabel, -(top + (bottom - top) / 2 + g.getFontMetrics().stringWidth(yLabel) / 2), 25);
            rotated.dispose();

            g.setStroke(new BasicStroke(2f));
            for (int si = 0; si < series.size(); si++) {
                Series s = series.get(si);
                Color color = PALETTE[si % PALETTE.length];
                g.setColor(color);
                int prevX = -1;
                int prevY = -1;
                for (int i = 0; i < s.xs.length; i++) {
                    if (!Double.isFinite(s.xs[i]) || !Double.isFinite(s.ys[i]) || (logY && s.ys[i] <= 0)) {
                        continue;
                    }
                    int x = left + (int) Math.round((right - left) * (s.xs[i] - minX) / (maxX - minX));
                    double yValue = logY ? Math.log10(s.ys[i]) : s.ys[i];
                    double share = (Math.min(yValue, yTop) - yBottom) / (yTop - yBottom);
                    int y = bottom - (int) Math.round((bottom - top) * share);
                    if (prevX >= 0) {
                        g.drawLine(prevX, prevY, x, y);
                    }
                    if (s.xs.length <= 32) {
                        g.fillOval(x - 4, y - 4, 8, 8);
                    }
                    prevX = x;
                    prevY = y;
                }
                int ly = top + 10 + si * 20;
                g.fillRect(right + 15, ly - 6, 18, 4);
                g.setColor(Color.BLACK);
                g.drawString(s.name, right + 40, ly);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Renders and writes a PNG to {@code file}. */
    void writePng(Path file) throws IOException {
        if (!ImageIO.write(render(), "png", file.toFile())) {
            throw new IOException("no PNG writer in this JVM to write " + file);
        }
    }

    /** The smallest 1, 2 or 5 times a power of ten at or above {@code v} (v > 0). */
    static double niceCeiling(double v) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * magnitude >= v) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String format(double v) {
        if (v >= 10_000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (v >= 10 || v == 0) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, "%.2g", v);
    }
}
