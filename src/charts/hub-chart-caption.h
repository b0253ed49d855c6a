/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "hub-figure-info.h"
#include "hub-query.h"
#include "hub-ticks.h"

G_BEGIN_DECLS

/**
 * hub_chart_caption:
 * The caption under a share, concentration or leaderboard figure: the
 * measure (and what it is not), the grouping and top-N, the window, the
 * attribution, the filters, the series with its span and density, how many
 * models and accounts it observes and when accounts joined (so that a
 * 10-model panel is not taken for the Hub), the constant panel, what was
 * left out, and the coverage, in plain sentences. Shared by export and the
 * Share view.
 */
char        *hub_chart_caption            (const HubQuery            *query,
                                           const HubFigureInfo       *info);

/* "Share of 30-day downloads by developer" and friends. @kind is "share",
 * "concentration" or "leaderboard"; @by overrides @query->by (the
 * leaderboard level) when not HUB_QUERY_BY_NONE. A share with a second
 * level (@query->within) names it: "…by country, by organization type
 * within each". The one title of the Share view and `hubeco export-chart`. */
char        *hub_chart_title              (const char     *kind,
                                           const HubQuery *query,
                                           HubQueryBy      by);

/* "30-day downloads", "Downloads between snapshots", "Period downloads",
 * "Likes": the value axis title. */
const char  *hub_chart_measure_label      (HubQueryMeasure measure);
/* "developer", "country", "organization type", ... */
const char  *hub_chart_by_label           (HubQueryBy      by);
/* "Snapshot date (UTC)", "Week", ..., "Month of creation": the time axis
 * title. */
const char  *hub_chart_axis_label         (HubQueryAxis    axis);
/* The calendar unit of @axis's periods: its time axis ticks no finer
 * (months, not "2 Mar, 16 Mar" between them). */
HubTimeUnit  hub_chart_axis_time_unit     (HubQueryAxis    axis);

G_END_DECLS
