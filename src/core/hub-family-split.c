/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-analytics"

#include "config.h"

#include "hub-family-split.h"
#include "hub-share-query.h"
#include "hub-types.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#define DAY 86400

static const char * const part_names[HUB_N_FAMILY_PARTS] = {
  "root", "finetune", "adapter", "quantized", "merge", "other",
};

const char *
hub_family_part_to_string (HubFamilyPart part)
{
  g_return_val_if_fail (part < HUB_N_FAMILY_PARTS, "other");
  return part_names[part];
}

const char *
hub_family_part_label (HubFamilyPart part)
{
  switch (part)
    {
    case HUB_FAMILY_PART_ROOT:
      return _("The base model itself");
    case HUB_FAMILY_PART_FINETUNE:
      return _("Fine-tunes");
    case HUB_FAMILY_PART_ADAPTER:
      return _("Adapters");
    case HUB_FAMILY_PART_QUANTIZED:
      return _("Quantizations");
    case HUB_FAMILY_PART_MERGE:
      return _("Merges");
    case HUB_FAMILY_PART_OTHER:
    case HUB_N_FAMILY_PARTS:
    default:
      return _("Other derivatives");
    }
}

void
hub_family_split_free (HubFamilySplit *split)
{
  if (split == NULL)
    return;
  g_free (split->root_id);
  g_free (split->group_time);
  g_free (split->values);
  g_free (split->weeks);
  g_free (split->created);
  g_clear_pointer (&split->intermediaries, g_array_unref);
  g_free (split->series);
  g_free (split);
}

static HubFamilyPart
part_of (const HubModelRecord *r,
         gboolean              is_root)
{
  if (is_root)
    return HUB_FAMILY_PART_ROOT;
  switch (r->relation)
    {
    case HUB_RELATION_FINETUNE:
      return HUB_FAMILY_PART_FINETUNE;
    case HUB_RELATION_ADAPTER:
      return HUB_FAMILY_PART_ADAPTER;
    case HUB_RELATION_QUANTIZED:
      return HUB_FAMILY_PART_QUANTIZED;
    case HUB_RELATION_MERGE:
      return HUB_FAMILY_PART_MERGE;
    case HUB_RELATION_UNKNOWN:
    case HUB_RELATION_NONE:
    case HUB_N_RELATIONS:
    default:
      return HUB_FAMILY_PART_OTHER;
    }
}

/* Monday 00:00 UTC of the week holding @t, as the share engine's weeks. */
static gint64
week_of (gint64 t)
{
  return hub_query_axis_period_start (HUB_QUERY_AXIS_WEEK, t);
}

static int
compare_intermediaries (gconstpointer a,
                        gconstpointer b)
{
  const HubFamilyIntermediary *x = a, *y = b;

  if (x->downloads != y->downloads)
    return x->downloads > y->downloads ? -1 : 1;
  if (x->n_models != y->n_models)
    return x->n_models > y->n_models ? -1 : 1;
  return x->author < y->author ? -1 : x->author > y->author;
}

HubFamilySplit *
hub_family_split_compute (HubDataset            *dataset,
                          const guint32         *roots,
                          const HubObservations *downloads,
                          guint32                model,
                          GCancellable          *cancellable,
                          GError               **error)
{
  g_autoptr(HubFamilySplit) split = NULL;
  g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GHashTable) authors = NULL;
  guint32 root;
  guint root_author;
  gint64 first_week = G_MAXINT64, last_week = G_MININT64;
  double total = 0;

  g_return_val_if_fail (dataset != NULL && roots != NULL && downloads != NULL, NULL);
  g_return_val_if_fail (model < hub_dataset_get_n_models (dataset), NULL);

  root = roots[model];
  root_author = hub_dataset_get_model (dataset, root)->author;
  split = g_new0 (HubFamilySplit, 1);
  split->root = root;
  split->root_id = g_strdup (hub_dataset_get_model (dataset, root)->id);
  split->series = g_strdup (downloads->series);
  split->intermediaries = g_array_new (FALSE, FALSE, sizeof (HubFamilyIntermediary));
  split->derivative_share = NAN;

  /* The members, ascending (the order of every snapshot's rows). */
  for (guint m = 0, n = hub_dataset_get_n_models (dataset); m < n; m++)
    if (roots[m] == root)
      {
        const HubModelRecord *r = hub_dataset_get_model (dataset, m);
        gint64 release = hub_model_release (r);

        g_array_append_val (members, m);
        if (m != root && release != HUB_TIME_NONE)
          {
            first_week = MIN (first_week, week_of (release));
            last_week = MAX (last_week, week_of (release));
          }
      }
  split->n_members = members->len;

  /* Derivatives created per week, every week from the first to the last. */
  if (first_week <= last_week)
    {
      split->n_weeks = (guint) ((last_week - first_week) / (7 * DAY)) + 1;
      split->weeks = g_new (gint64, split->n_weeks);
      split->created = g_new0 (guint, split->n_weeks);
      for (guint w = 0; w < split->n_weeks; w++)
        split->weeks[w] = first_week + (gint64) w * 7 * DAY;
      for (guint i = 0; i < members->len; i++)
        {
          guint32 m = g_array_index (members, guint32, i);
          gint64 release = hub_model_release (hub_dataset_get_model (dataset, m));

          if (m != root && release != HUB_TIME_NONE)
            split->created[(week_of (release) - first_week) / (7 * DAY)]++;
        }
    }

  /* Downloads by part per snapshot: a merge walk of the members and the
   * rows, both ascending. */
  split->n_groups = downloads->n_groups;
  split->group_time = g_memdup2 (downloads->group_time, sizeof (gint64) * MAX (downloads->n_groups, 1));
  split->values = g_new0 (guint64, (gsize) MAX (downloads->n_groups, 1) * HUB_N_FAMILY_PARTS);
  authors = g_hash_table_new (NULL, NULL);
  for (guint g = 0; g < downloads->n_groups; g++)
    {
      guint64 r = downloads->offsets[g], r_end = downloads->offsets[g + 1];
      guint64 *row = split->values + (gsize) g * HUB_N_FAMILY_PARTS;
      gboolean last = g + 1 == downloads->n_groups;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      for (guint i = 0; i < members->len && r < r_end; i++)
        {
          guint32 m = g_array_index (members, guint32, i);
          const HubModelRecord *rec;
          guint64 v;

          r = hub_observations_row_at (downloads, g, m);
          if (r >= r_end || downloads->model[r] != m)
            continue;
          rec = hub_dataset_get_model (dataset, m);
          v = hub_observations_value (downloads, r);
          row[part_of (rec, m == root)] += v;
          if (last && m != root && rec->author != root_author)
            {
              HubFamilyIntermediary *in;
              gpointer slot = g_hash_table_lookup (authors, GUINT_TO_POINTER (rec->author + 1));

              if (slot == NULL)
                {
                  g_array_append_val (split->intermediaries, ((HubFamilyIntermediary) { rec->author, 0, 0 }));
                  slot = GUINT_TO_POINTER (split->intermediaries->len);
                  g_hash_table_insert (authors, GUINT_TO_POINTER (rec->author + 1), slot);
                }
              in = &g_array_index (split->intermediaries, HubFamilyIntermediary, GPOINTER_TO_UINT (slot) - 1);
              in->downloads += v;
              in->n_models++;
            }
        }
    }
  g_array_sort (split->intermediaries, compare_intermediaries);
  if (split->intermediaries->len > 10)
    g_array_set_size (split->intermediaries, 10);

  for (guint p = 0; split->n_groups > 0 && p < HUB_N_FAMILY_PARTS; p++)
    total += (double) split->values[(gsize) (split->n_groups - 1) * HUB_N_FAMILY_PARTS + p];
  for (guint p = 0; p < HUB_N_FAMILY_PARTS; p++)
    split->part_share[p] = total > 0
                           ? split->values[(gsize) (split->n_groups - 1) * HUB_N_FAMILY_PARTS + p] / total : NAN;
  if (total > 0)
    split->derivative_share = 1.0 - split->part_share[HUB_FAMILY_PART_ROOT];
  return g_steal_pointer (&split);
}

HubShareResult *
hub_family_split_to_share (const HubFamilySplit *split)
{
  HubShareResult *res = g_new0 (HubShareResult, 1);
  guint parts[HUB_N_FAMILY_PARTS];
  guint n = 0, c = 0;

  g_return_val_if_fail (split != NULL, res);

  /* The parts with downloads. */
  for (guint p = 0; p < HUB_N_FAMILY_PARTS; p++)
    {
      guint64 total = 0;

      for (guint g = 0; g < split->n_groups; g++)
        total += split->values[(gsize) g * HUB_N_FAMILY_PARTS + p];
      if (total > 0)
        parts[c++] = p;
    }
  res->n_columns = c;
  res->column_category = g_new (guint32, MAX (c, 1));
  res->column_kind = g_new0 (HubShareColumnKind, MAX (c, 1));
  res->column_labels = g_new0 (char *, c + 1);
  res->column_names = g_new0 (char *, c + 1);
  res->column_totals = g_new0 (gint64, MAX (c, 1));
  for (guint k = 0; k < c; k++)
    {
      res->column_category[k] = parts[k];
      res->column_kind[k] = HUB_SHARE_COLUMN_CATEGORY;
      res->column_labels[k] = g_strdup (hub_family_part_label (parts[k]));
      res->column_names[k] = g_strdup (hub_family_part_label (parts[k]));
    }
  res->values = g_new0 (gint64, (gsize) MAX (split->n_groups, 1) * MAX (c, 1));
  res->totals = g_new0 (gint64, MAX (split->n_groups, 1));
  res->period_starts = g_new0 (gint64, MAX (split->n_groups, 1));
  res->period_labels = g_new0 (char *, split->n_groups + 1);
  for (guint g = 0; g < split->n_groups; g++)
    {
      const guint64 *row = split->values + (gsize) g * HUB_N_FAMILY_PARTS;
      gint64 total = 0;
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (split->group_time[g]);

      for (guint k = 0; k < c; k++)
        total += (gint64) row[parts[k]];
      if (total <= 0)
        continue;
      for (guint k = 0; k < c; k++)
        {
          res->values[(gsize) n * c + k] = (gint64) row[parts[k]];
          res->column_totals[k] += (gint64) row[parts[k]];
        }
      res->totals[n] = total;
      res->period_starts[n] = split->group_time[g];
      res->period_labels[n] = dt != NULL ? g_date_time_format (dt, "%Y-%m-%d") : g_strdup ("");
      n++;
    }
  res->n_periods = n;
  res->hhi = g_new0 (double, MAX (n, 1));
  res->gini = g_new0 (double, MAX (n, 1));
  res->top1 = g_new0 (double, MAX (n, 1));
  res->top10 = g_new0 (double, MAX (n, 1));
  res->top100 = g_new0 (double, MAX (n, 1));
  res->participants = g_new0 (guint, MAX (n, 1));
  res->k90 = g_new0 (guint, MAX (n, 1));
  res->participant_totals = g_new0 (gint64, MAX (n, 1));
  return res;
}
