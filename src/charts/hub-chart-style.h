/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>
#include <pango/pangocairo.h>

#include "hub-types.h"

G_BEGIN_DECLS

/**
 * HubChartColor:
 * A colour with alpha, components 0..1 (the same layout as GdkRGBA, so a
 * widget can copy a theme colour straight in).
 */
typedef struct {
  float red;
  float green;
  float blue;
  float alpha;
} HubChartColor;

#define HUB_CHART_N_PALETTE 12

/**
 * HubChartPalette:
 * @HUB_CHART_PALETTE_DEFAULT: twelve qualitative hues of even lightness
 *   (Tableau-like), distinguishable on light and dark backgrounds
 * @HUB_CHART_PALETTE_COLORBLIND: the eight Okabe–Ito colours (safe for the
 *   common colour-vision deficiencies) first, then four from Paul Tol's
 *   "muted" scheme
 */
typedef enum {
  HUB_CHART_PALETTE_DEFAULT = 0,
  HUB_CHART_PALETTE_COLORBLIND,
  HUB_N_CHART_PALETTES
} HubChartPalette;

/**
 * HubChartTextRole:
 * What a piece of text is, which picks its size and weight.
 */
typedef enum {
  HUB_CHART_TEXT_TICK = 0,  /* axis tick labels, legend entries */
  HUB_CHART_TEXT_LABEL,     /* axis titles, value labels, empty-state text */
  HUB_CHART_TEXT_TITLE,     /* the figure title (export) */
  HUB_CHART_TEXT_CAPTION,   /* the figure caption (export) */
} HubChartTextRole;

/**
 * HubChartStyle:
 * Everything a renderer needs to know about looks, so that it never reads
 * widget state. A widget fills it from the theme; export and tests use
 * hub_chart_style_init_default().
 *
 * @other and @unknown are opaque fills for the "Other" and "Unknown"
 * columns of a share result: greys that recede behind the palette.
 * @paper is what export paints under a figure (the widget draws on the
 * theme's own background and ignores it).
 */
typedef struct {
  HubChartColor foreground;   /* text and axis labels */
  HubChartColor background;   /* fully transparent: draw nothing */
  HubChartColor accent;       /* a single series (sparklines) */
  HubChartColor grid;         /* gridlines, baselines */
  HubChartColor muted;        /* secondary text, faint marks */
  HubChartColor palette[HUB_CHART_N_PALETTE];
  const char   *font_family;  /* static string */
  double        font_size;    /* points */
  double        line_width;   /* device-independent pixels */
  gboolean      dark;
  HubChartColor other;        /* the "Other" band / bar */
  HubChartColor unknown;      /* the "Unknown" band / bar */
  HubChartColor paper;        /* opaque figure background for export */
  HubChartPalette palette_kind;
} HubChartStyle;

void     hub_chart_style_init_default (HubChartStyle       *style,
                                       gboolean             dark);
/* Sets @style's accent and foreground and derives grid/muted from them. */
void     hub_chart_style_set_colors   (HubChartStyle       *style,
                                       const HubChartColor *foreground,
                                       const HubChartColor *accent);
/* Replaces the palette by @palette's colours for @style->dark. */
void     hub_chart_style_set_palette  (HubChartStyle       *style,
                                       HubChartPalette      palette);
/* A palette colour; @index wraps around. */
const HubChartColor *hub_chart_style_get_series_color (const HubChartStyle *style,
                                                       guint                index);
/* The one colour of a lineage relation, the same in every chart and view
 * (%HUB_RELATION_NONE: a base model / the root of a family): a colour of
 * @style's palette (owned by @style) for the derivatives, a neutral for
 * unknown and base. */
const HubChartColor *hub_chart_style_relation_color   (const HubChartStyle *style,
                                                       HubRelation          relation);

/* "default", "colorblind" (for settings and the command line). */
const char *hub_chart_palette_to_string   (HubChartPalette  palette);
gboolean    hub_chart_palette_from_string (const char      *str,
                                           HubChartPalette *out_palette);

/* cairo_set_source_rgba() with @color, its alpha multiplied by @alpha. */
void         hub_chart_set_source        (cairo_t             *cr,
                                          const HubChartColor *color,
                                          double               alpha);

/* The font of @role: the style's family, sized and weighted for the role. */
PangoFontDescription *hub_chart_style_get_font (const HubChartStyle *style,
                                                HubChartTextRole     role);

/* A layout on @cr holding @text in the font of @role; @width > 0 wraps
 * at that many device-independent pixels (word-wise). Font options are
 * fixed (grey antialiasing, no hinting), so a chart draws the same on
 * every surface. */
PangoLayout *hub_chart_style_create_layout (const HubChartStyle *style,
                                            cairo_t             *cr,
                                            HubChartTextRole     role,
                                            const char          *text,
                                            double               width);

/* Size of @layout in device-independent pixels (logical extents). */
void         hub_chart_layout_get_size     (PangoLayout *layout,
                                            double      *out_width,
                                            double      *out_height);

G_END_DECLS
