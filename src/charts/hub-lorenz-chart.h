/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "hub-chart-style.h"
#include "hub-share.h"

G_BEGIN_DECLS

/* The shares whose k(X %) the Lorenz chart marks and the explorer names. */
#define HUB_LORENZ_N_MARKS 4
extern const double hub_lorenz_marks[HUB_LORENZ_N_MARKS];   /* 0.5, 0.8, 0.9, 0.99 */

/**
 * HubLorenzData:
 * @result: a share result holding the participants of @period
 *   (HubShareExtras.detail, hub_share_result_get_participants()); none
 *   draws the "no data" state
 *
 * The Lorenz curve of that period: participants from the smallest to the
 * largest along x, the cumulative share of the downloads they hold along
 * y, the diagonal of equal shares dashed and the area between them (the
 * Gini coefficient is twice it) shaded, and a dot where the k largest make
 * up 50, 80, 90 and 99 %, named with k.
 */
typedef struct {
  const HubShareResult *result;
  guint                 period;
} HubLorenzData;

void   hub_lorenz_chart_draw_func (cairo_t             *cr,
                                   int                  width,
                                   int                  height,
                                   const HubChartStyle *style,
                                   gconstpointer        data);

/* What a screen reader says: the period, its participants, k(X %) for
 * each mark, the Gini coefficient and 1/HHI. (transfer full) */
char  *hub_lorenz_chart_describe  (const HubLorenzData *data);

G_END_DECLS
