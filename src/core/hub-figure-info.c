/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-analytics"

#include "config.h"

#include "hub-figure-info.h"
#include "hub-panel.h"
#include "hub-share-query.h"

#include <math.h>

static double
coverage (HubDataset            *dataset,
          const HubObservations *observations,
          const HubQuery        *query,
          HubQueryBy             by,
          const guint32         *roots,
          GCancellable          *cancellable,
          GError               **error)
{
  g_autoptr(HubShareResult) res = NULL;
  HubQuery q;
  double unknown = 0;

  hub_query_init (&q);
  hub_query_copy (&q, query);
  q.by = by;
  q.within = HUB_QUERY_BY_NONE;
  q.top = 0;
  res = hub_share_run_total (dataset, observations, &q, roots, cancellable, error);
  hub_query_clear (&q);
  if (res == NULL)
    return -1;
  if (res->n_periods == 0 || res->totals[0] <= 0)
    return NAN;
  for (guint c = 0; c < res->n_columns; c++)
    if (res->column_kind[c] == HUB_SHARE_COLUMN_UNKNOWN)
      unknown += (double) res->values[c];
  return 1.0 - unknown / (double) res->totals[0];
}

gboolean
hub_figure_info_init (HubFigureInfo         *info,
                      HubDataset            *dataset,
                      const HubObservations *observations,
                      const HubQuery        *query,
                      const guint32         *roots,
                      GCancellable          *cancellable,
                      GError               **error)
{
  g_return_val_if_fail (info != NULL, FALSE);
  g_return_val_if_fail (observations != NULL, FALSE);
  g_return_val_if_fail (query != NULL, FALSE);

  info->series = g_strdup (observations->series);
  info->n_groups = observations->n_groups;
  info->first = observations->n_groups > 0 ? observations->group_time[0] : HUB_TIME_NONE;
  info->last = observations->n_groups > 0 ? observations->group_time[observations->n_groups - 1] : HUB_TIME_NONE;
  info->country_coverage = NAN;
  info->org_type_coverage = NAN;
  info->unknown_rows = observations->n_unknown_rows;
  info->joins = g_array_new (FALSE, FALSE, sizeof (HubFigureJoin));
  if (dataset == NULL)
    return TRUE;

  {
    const HubPanel *panel = hub_observations_get_panel ((HubObservations *) observations, dataset);

    info->min_models = G_MAXUINT;
    for (guint g = 0; g < panel->n_groups; g++)
      {
        info->min_models = MIN (info->min_models, panel->models[g]);
        info->max_models = MAX (info->max_models, panel->models[g]);
        if (panel->joined[g] > 0)
          {
            HubFigureJoin join = { observations->group_time[g], panel->joined[g] };

            g_array_append_val (info->joins, join);
          }
      }
    if (panel->n_groups == 0)
      info->min_models = 0;
    else
      {
        info->first_accounts = panel->authors[0];
        info->last_accounts = panel->authors[panel->n_groups - 1];
      }
    info->n_accounts = panel->n_members;
    info->n_constant = panel->n_constant;
  }

  info->country_coverage = coverage (dataset, observations, query, HUB_QUERY_BY_COUNTRY, roots, cancellable, error);
  if (info->country_coverage < 0)
    return FALSE;
  info->org_type_coverage = coverage (dataset, observations, query, HUB_QUERY_BY_ORG_TYPE, roots, cancellable, error);
  if (info->org_type_coverage < 0)
    return FALSE;
  return TRUE;
}

void
hub_figure_info_clear (HubFigureInfo *info)
{
  g_return_if_fail (info != NULL);

  g_clear_pointer (&info->series, g_free);
  g_clear_pointer (&info->joins, g_array_unref);
}

