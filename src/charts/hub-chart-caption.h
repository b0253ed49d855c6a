/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "hub-dataset.h"
#include "hub-observations.h"
#include "hub-query.h"

G_BEGIN_DECLS

/**
 * HubChartCaptionInfo:
 * What a figure's caption states beyond the query: the series and range of
 * the data, and the coverage (share of the counted downloads whose
 * author's country, organization type is known; NaN when not computed).
 */
typedef struct {
  char    *series;
  gint64   first;        /* first observation, or HUB_TIME_NONE */
  gint64   last;         /* last observation, or HUB_TIME_NONE */
  guint    n_groups;     /* snapshots (or import periods) in the range */
  double   country_coverage;
  double   org_type_coverage;

  /* Who the series observes (HubPanel; with a dataset only): models per
   * snapshot, accounts in the first and last snapshot, accounts seen in
   * any and in every snapshot, and when accounts joined. */
  guint    min_models;
  guint    max_models;
  guint    first_accounts;
  guint    last_accounts;
  guint    n_accounts;
  guint    n_constant;
  GArray  *joins;        /* HubChartCaptionJoin, in time order */
  guint64  unknown_rows; /* rows of models the catalogue lacks, left out */
} HubChartCaptionInfo;

typedef struct {
  gint64 time;
  guint  accounts;
} HubChartCaptionJoin;

/**
 * hub_chart_caption_info_init:
 * Fills @info from @observations (series, range, left-out rows) and, with
 * @dataset, who the series observes (hub_panel_new()) and the coverage of
 * @query's downloads by running it grouped by country and by organization
 * type over the whole range. FALSE with @error when a run
 * fails. Clear with hub_chart_caption_info_clear().
 */
gboolean     hub_chart_caption_info_init  (HubChartCaptionInfo   *info,
                                           HubDataset            *dataset,
                                           const HubObservations *observations,
                                           const HubQuery        *query,
                                           const guint32         *roots,
                                           GCancellable          *cancellable,
                                           GError               **error);
void         hub_chart_caption_info_clear (HubChartCaptionInfo   *info);

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
                                           const HubChartCaptionInfo *info);

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

G_END_DECLS
