/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hub-dataset.h"
#include "hub-observations.h"
#include "hub-query.h"

G_BEGIN_DECLS

/**
 * HubFigureInfo:
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
  GArray  *joins;        /* HubFigureJoin, in time order */
  guint64  unknown_rows; /* rows of models the catalogue lacks, left out */
} HubFigureInfo;

typedef struct {
  gint64 time;
  guint  accounts;
} HubFigureJoin;

/**
 * hub_figure_info_init:
 * Fills @info from @observations (series, range, left-out rows) and, with
 * @dataset, who the series observes (hub_panel_new()) and the coverage of
 * @query's downloads by running it grouped by country and by organization
 * type over the whole range. FALSE with @error when a run
 * fails. Clear with hub_figure_info_clear().
 */
gboolean hub_figure_info_init  (HubFigureInfo         *info,
                                HubDataset            *dataset,
                                const HubObservations *observations,
                                const HubQuery        *query,
                                const guint32         *roots,
                                GCancellable          *cancellable,
                                GError               **error);
void     hub_figure_info_clear (HubFigureInfo         *info);

G_END_DECLS
