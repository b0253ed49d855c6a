/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-analytics"

#include "config.h"

#include "hub-leaderboard.h"

#include <stdlib.h>
#include <string.h>

static const char * const level_names[HUB_N_LEADERBOARD_LEVELS] = {
  [HUB_LEADERBOARD_COUNTRY]   = "country",
  [HUB_LEADERBOARD_DEVELOPER] = "developer",
  [HUB_LEADERBOARD_MODEL]     = "model",
};

HubQueryBy
hub_leaderboard_level_query_by (HubLeaderboardLevel level)
{
  static const HubQueryBy level_by[HUB_N_LEADERBOARD_LEVELS] = {
    [HUB_LEADERBOARD_COUNTRY]   = HUB_QUERY_BY_COUNTRY,
    [HUB_LEADERBOARD_DEVELOPER] = HUB_QUERY_BY_GROUP,
    [HUB_LEADERBOARD_MODEL]     = HUB_QUERY_BY_MODEL,
  };

  g_return_val_if_fail (level < HUB_N_LEADERBOARD_LEVELS, HUB_QUERY_BY_COUNTRY);
  return level_by[level];
}

const char *
hub_leaderboard_level_to_string (HubLeaderboardLevel level)
{
  g_return_val_if_fail (level < HUB_N_LEADERBOARD_LEVELS, "country");
  return level_names[level];
}

gboolean
hub_leaderboard_level_from_string (const char          *str,
                                   HubLeaderboardLevel *out_level)
{
  for (guint i = 0; str != NULL && i < HUB_N_LEADERBOARD_LEVELS; i++)
    if (g_ascii_strcasecmp (str, level_names[i]) == 0)
      {
        *out_level = i;
        return TRUE;
      }
  return FALSE;
}

static void
clear_row (gpointer data)
{
  HubLeaderboardRow *row = data;
  g_free (row->label);
  g_free (row->name);
}

static int
cmp_rows (gconstpointer a,
          gconstpointer b)
{
  const HubLeaderboardRow *x = a, *y = b;

  if (x->value != y->value)
    return x->value > y->value ? -1 : 1;
  return g_strcmp0 (x->label, y->label);
}

GArray *
hub_leaderboard_compute (HubDataset            *dataset,
                         const HubObservations *observations,
                         const HubQuery        *query,
                         HubLeaderboardLevel    level,
                         guint                  since_created_days,
                         guint                  limit,
                         const guint32         *roots,
                         GCancellable          *cancellable,
                         GError               **error)
{
  g_autoptr(HubShareResult) all = NULL;
  g_autoptr(HubShareResult) recent = NULL;
  g_autofree gint64 *recent_by_cat = NULL;
  g_autoptr(GArray) rows = NULL;
  HubQuery q;
  guint n_cats = 0;

  g_return_val_if_fail (dataset != NULL && observations != NULL && query != NULL, NULL);
  g_return_val_if_fail (level < HUB_N_LEADERBOARD_LEVELS, NULL);

  hub_query_copy (&q, query);
  q.by = hub_leaderboard_level_query_by (level);
  q.within = HUB_QUERY_BY_NONE;
  q.top = 0;
  all = hub_share_run_total (dataset, observations, &q, roots, cancellable, error);
  if (all != NULL)
    {
      q.window_days = since_created_days;
      recent = hub_share_run_total (dataset, observations, &q, roots, cancellable, error);
    }
  hub_query_clear (&q);
  if (all == NULL || recent == NULL)
    return NULL;

  for (guint c = 0; c < all->n_columns; c++)
    n_cats = MAX (n_cats, all->column_category[c] + 1);
  for (guint c = 0; c < recent->n_columns; c++)
    if (recent->column_kind[c] == HUB_SHARE_COLUMN_CATEGORY)
      n_cats = MAX (n_cats, recent->column_category[c] + 1);
  recent_by_cat = g_new0 (gint64, MAX (n_cats, 1));
  for (guint c = 0; recent->n_periods > 0 && c < recent->n_columns; c++)
    if (recent->column_kind[c] == HUB_SHARE_COLUMN_CATEGORY)
      recent_by_cat[recent->column_category[c]] = recent->values[c];

  rows = g_array_new (FALSE, TRUE, sizeof (HubLeaderboardRow));
  g_array_set_clear_func (rows, clear_row);
  for (guint c = 0; all->n_periods > 0 && c < all->n_columns; c++)
    {
      HubLeaderboardRow row = { 0 };
      guint32 cat = all->column_category[c];

      if (all->column_kind[c] != HUB_SHARE_COLUMN_CATEGORY)
        continue;
      row.label = g_strdup (all->column_labels[c]);
      row.name = hub_share_result_dup_column_name (all, c);
      row.value = all->values[c];
      row.share = all->totals[0] > 0 ? (double) row.value / all->totals[0] : 0;
      row.recent_value = recent_by_cat[cat];
      row.recent_share = recent->n_periods > 0 && recent->totals[0] > 0
                         ? (double) row.recent_value / recent->totals[0] : 0;
      g_array_append_val (rows, row);
    }
  g_array_sort (rows, cmp_rows);
  if (limit > 0 && rows->len > limit)
    g_array_set_size (rows, limit);
  for (guint i = 0; i < rows->len; i++)
    g_array_index (rows, HubLeaderboardRow, i).rank = i + 1;
  return g_steal_pointer (&rows);
}

const char *
hub_leaderboard_row_name (const HubLeaderboardRow *row)
{
  g_return_val_if_fail (row != NULL, NULL);
  return row->name != NULL ? row->name : row->label;
}
