package org.afterkernel.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Colours, markers and line styles of series. Colours are Okabe and Ito's colour-blind-safe set
 * (then a few more); each colour has its own marker, so curves stay apart in grey print too.
 */
final class Palette {
  private static final Color[] COLOURS = {
    new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7), new Color(0xE69F00),
    new Color(0x56B4E9), new Color(0x000000), new Color(0x8C564B), new Color(0x7F7F7F), new Color(0xBCBD22),
    new Color(0x17BECF), new Color(0x9467BD)
  };
  private static final Marker[] MARKERS = {
    SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND, SeriesMarkers.TRIANGLE_UP,
    SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS, SeriesMarkers.PLUS
  };
  private static final float[][] DASHES = {null, {9f, 5f}, {2f, 4f}, {9f, 4f, 2f, 4f}};

  /** Width of series lines, in pixels. */
  static final float LINE_WIDTH = 2f;

  private Palette() {}

  static Color colour(int i) {
    return COLOURS[Math.floorMod(i, COLOURS.length)];
  }

  static Marker marker(int i) {
    return MARKERS[Math.floorMod(i, MARKERS.length)];
  }

  /** Solid, dashed, dotted, dash-dotted, then again. */
  static BasicStroke stroke(int style) {
    float[] dash = DASHES[Math.floorMod(style, DASHES.length)];
    return dash == null
        ? new BasicStroke(LINE_WIDTH, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND)
        : new BasicStroke(LINE_WIDTH, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, dash, 0f);
  }
}
