/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

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
 * HubChartStyle:
 * Everything a renderer needs to know about looks, so that it never reads
 * widget state. A widget fills it from the theme; export and tests use
 * hub_chart_style_init_default().
 */
typedef struct {
  HubChartColor foreground;   /* text and axis labels */
  HubChartColor background;   /* fully transparent: draw nothing */
  HubChartColor accent;       /* a single series (sparklines) */
  HubChartColor grid;         /* gridlines, baselines */
  HubChartColor muted;        /* "Other", unknown */
  HubChartColor palette[HUB_CHART_N_PALETTE];
  const char   *font_family;  /* static string */
  double        font_size;    /* points */
  double        line_width;   /* device-independent pixels */
  gboolean      dark;
} HubChartStyle;

void     hub_chart_style_init_default (HubChartStyle       *style,
                                       gboolean             dark);
/* Sets @style's accent and foreground and derives grid/muted from them. */
void     hub_chart_style_set_colors   (HubChartStyle       *style,
                                       const HubChartColor *foreground,
                                       const HubChartColor *accent);
/* A palette colour; @index wraps around. */
const HubChartColor *hub_chart_style_get_series_color (const HubChartStyle *style,
                                                       guint                index);
/* The one colour of a lineage relation, the same in every chart and view
 * (%HUB_RELATION_NONE: a base model / the root of a family). */
const HubChartColor *hub_chart_style_relation_color   (const HubChartStyle *style,
                                                       HubRelation          relation);

G_END_DECLS
