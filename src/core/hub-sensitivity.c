/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-analytics"

#include "config.h"

#include "hub-sensitivity.h"

#include "hub-share-query.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

static const char * const vary_names[] = { "attribution", "window", "exclude" };

gboolean
hub_sensitivity_vary_from_string (const char  *text,
                                  guint       *out_vary,
                                  GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (text != NULL ? text : "", ",", -1);
  guint vary = 0;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      guint k;

      if (!hub_name_lookup (vary_names, G_N_ELEMENTS (vary_names), g_strstrip (parts[i]), &k))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("Cannot vary “%s”: choose among attribution, window and exclude"), parts[i]);
          return FALSE;
        }
      vary |= 1u << k;
    }
  if (vary == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Nothing to vary: choose among attribution, window and exclude"));
      return FALSE;
    }
  *out_vary = vary;
  return TRUE;
}

char *
hub_sensitivity_vary_to_string (guint vary)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (vary_names); i++)
    if (vary & (1u << i))
      g_string_append_printf (s, "%s%s", s->len > 0 ? "," : "", vary_names[i]);
  return g_string_free (s, FALSE);
}

static char *
attribution_label (HubQueryAttribution attribution)
{
  return g_strdup (attribution == HUB_QUERY_ATTRIBUTION_ROOT ? _("root attribution") : _("self attribution"));
}

static char *
window_label (guint days)
{
  if (days == 0)
    return g_strdup (_("no window"));
  if (days == HUB_QUERY_WINDOW_6M)
    return g_strdup (_("6-month window"));
  if (days == HUB_QUERY_WINDOW_1Y)
    return g_strdup (_("1-year window"));
  return g_strdup_printf (ngettext ("%u-day window", "%u-day window", days), days);
}

static char *
exclude_label (guint kinds)
{
  g_autofree char *names = NULL;

  if (kinds == 0)
    return g_strdup (_("all models"));
  names = hub_model_kinds_to_string (kinds);
  g_strdelimit (names, ",", '/');
  /* Translators: "gguf/mlx/embeddings left out" */
  return g_strdup_printf (_("%s left out"), names);
}

guint
hub_sensitivity_methods (const HubQuery  *query,
                         guint            vary,
                         HubQuery        *out_queries,
                         char           **out_labels,
                         GError         **error)
{
  HubQueryAttribution attributions[2] = { query->attribution };
  guint windows[4] = { query->window_days };
  guint excludes[2] = { query->exclude };
  guint n_attr = 1, n_win = 1, n_excl = 1, n = 0;

  g_return_val_if_fail (query != NULL, 0);

  if (vary == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Nothing to vary: choose among attribution, window and exclude"));
      return 0;
    }
  if (vary & HUB_SENSITIVITY_VARY_ATTRIBUTION)
    attributions[n_attr++] = query->attribution == HUB_QUERY_ATTRIBUTION_ROOT ? HUB_QUERY_ATTRIBUTION_SELF
                                                                             : HUB_QUERY_ATTRIBUTION_ROOT;
  if (vary & HUB_SENSITIVITY_VARY_WINDOW)
    {
      const guint standard[] = { 0, HUB_QUERY_WINDOW_6M, HUB_QUERY_WINDOW_1Y };

      for (guint i = 0; i < G_N_ELEMENTS (standard); i++)
        if (standard[i] != query->window_days)
          windows[n_win++] = standard[i];
    }
  if (vary & HUB_SENSITIVITY_VARY_EXCLUDE)
    excludes[n_excl++] = query->exclude != 0 ? 0 : HUB_SENSITIVITY_ATOM_EXCLUDE;

  if (n_attr * n_win * n_excl > HUB_SENSITIVITY_MAX_METHODS)
    {
      g_autofree char *varied = hub_sensitivity_vary_to_string (vary);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Varying %s makes %u methods; at most %u fit side by side (vary fewer options)"),
                   varied, n_attr * n_win * n_excl, HUB_SENSITIVITY_MAX_METHODS);
      return 0;
    }

  for (guint a = 0; a < n_attr; a++)
    for (guint w = 0; w < n_win; w++)
      for (guint e = 0; e < n_excl; e++)
        {
          GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);

          hub_query_copy (&out_queries[n], query);
          out_queries[n].attribution = attributions[a];
          out_queries[n].window_days = windows[w];
          out_queries[n].exclude = excludes[e];
          if (vary & HUB_SENSITIVITY_VARY_ATTRIBUTION)
            g_ptr_array_add (parts, attribution_label (attributions[a]));
          if (vary & HUB_SENSITIVITY_VARY_WINDOW)
            g_ptr_array_add (parts, window_label (windows[w]));
          if (vary & HUB_SENSITIVITY_VARY_EXCLUDE)
            g_ptr_array_add (parts, exclude_label (excludes[e]));
          g_ptr_array_add (parts, NULL);
          out_labels[n] = g_strjoinv (", ", (char **) parts->pdata);
          g_ptr_array_unref (parts);
          n++;
        }
  return n;
}

/* The latest period's share of each category column, largest first. */
static void
headline (HubSensitivityMethod *m)
{
  const HubShareResult *r = m->result;
  g_autofree guint *order = NULL;
  guint p, n = 0;

  m->empty = r == NULL || r->n_periods == 0 || r->totals[r->n_periods - 1] <= 0;
  if (m->empty)
    return;
  p = r->n_periods - 1;
  m->hhi = r->hhi[p];
  m->gini = r->gini[p];
  order = g_new (guint, MAX (r->n_columns, 1));
  for (guint c = 0; c < r->n_columns; c++)
    if (r->column_kind[c] == HUB_SHARE_COLUMN_CATEGORY && r->values[(gsize) p * r->n_columns + c] > 0)
      order[n++] = c;
  /* Insertion sort: a handful of columns. */
  for (guint i = 1; i < n; i++)
    for (guint j = i; j > 0 && hub_share_result_get_share (r, p, order[j]) >
                               hub_share_result_get_share (r, p, order[j - 1]); j--)
      {
        guint t = order[j];
        order[j] = order[j - 1];
        order[j - 1] = t;
      }
  m->n_top = MIN (n, HUB_SENSITIVITY_TOP);
  for (guint i = 0; i < m->n_top; i++)
    {
      m->top_names[i] = hub_share_result_dup_column_name (r, order[i]);
      m->top_shares[i] = hub_share_result_get_share (r, p, order[i]);
    }
}

/* The latest share of the category labelled @label in @r, or NAN when it
 * has no column of its own there (folded into Other, or absent). */
static double
share_of (const HubShareResult *r,
          const char           *label)
{
  if (r == NULL || r->n_periods == 0 || r->column_labels == NULL)
    return NAN;
  for (guint c = 0; c < r->n_columns; c++)
    if (r->column_kind[c] == HUB_SHARE_COLUMN_CATEGORY && g_strcmp0 (r->column_labels[c], label) == 0)
      return hub_share_result_get_share (r, r->n_periods - 1, c);
  return NAN;
}

static void
finish_result (HubSensitivityResult *result)
{
  const HubShareResult *base;
  double largest = 0;

  g_return_if_fail (result != NULL);

  for (guint i = 0; i < result->n_methods; i++)
    headline (&result->methods[i]);
  base = result->methods[0].result;
  if (result->methods[0].empty || base->column_labels == NULL)
    return;
  for (guint c = 0; c < base->n_columns; c++)
    {
      double from;

      if (base->column_kind[c] != HUB_SHARE_COLUMN_CATEGORY)
        continue;
      from = hub_share_result_get_share (base, base->n_periods - 1, c);
      for (guint i = 1; i < result->n_methods; i++)
        {
          double to = share_of (result->methods[i].result, base->column_labels[c]);

          if (!isnan (to) && fabs (to - from) > largest)
            {
              largest = fabs (to - from);
              g_free (result->change_category);
              result->change_category = hub_share_result_dup_column_name (base, c);
              result->change_method = i;
              result->change_from = from;
              result->change_to = to;
            }
        }
    }
}

HubSensitivityResult *
hub_sensitivity_compute (HubDataset            *dataset,
                         const HubObservations *observations,
                         const HubQuery        *query,
                         guint                  vary,
                         GCancellable          *cancellable,
                         GError               **error)
{
  g_autoptr(HubSensitivityResult) result = g_new0 (HubSensitivityResult, 1);
  HubQuery queries[HUB_SENSITIVITY_MAX_METHODS];
  char *labels[HUB_SENSITIVITY_MAX_METHODS];
  guint n;

  g_return_val_if_fail (dataset != NULL && observations != NULL && query != NULL, NULL);

  g_atomic_ref_count_init (&result->ref_count);
  result->vary = vary;
  n = hub_sensitivity_methods (query, vary, queries, labels, error);
  for (guint i = 0; i < n; i++)
    {
      result->methods[i].query = queries[i];
      result->methods[i].label = labels[i];
    }
  result->n_methods = n;
  if (n == 0)
    return NULL;
  /* The methods share the dataset's cached categories and roots: after
   * the first, each costs one pass of the engine. */
  for (guint i = 0; i < n; i++)
    {
      result->methods[i].result = hub_share_run (dataset, observations, &result->methods[i].query, NULL,
                                                 cancellable, error);
      if (result->methods[i].result == NULL)
        return NULL;
    }
  finish_result (result);
  return g_steal_pointer (&result);
}

char *
hub_sensitivity_change_text (const HubSensitivityResult *result)
{
  const char *under;

  g_return_val_if_fail (result != NULL, NULL);
  if (result->change_category == NULL)
    return NULL;
  under = result->methods[result->change_method].label;
  if (result->change_to < result->change_from)
    /* Translators: "With root attribution, 1-year window, the share of United States falls from 34.0 % to 21.0 %." */
    return g_strdup_printf (_("With %s, the share of %s falls from %.1f %% to %.1f %%."), under,
                            result->change_category, 100 * result->change_from, 100 * result->change_to);
  return g_strdup_printf (_("With %s, the share of %s rises from %.1f %% to %.1f %%."), under,
                          result->change_category, 100 * result->change_from, 100 * result->change_to);
}

HubSensitivityResult *
hub_sensitivity_result_ref (HubSensitivityResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);
  g_atomic_ref_count_inc (&result->ref_count);
  return result;
}

void
hub_sensitivity_result_unref (HubSensitivityResult *result)
{
  if (result == NULL || !g_atomic_ref_count_dec (&result->ref_count))
    return;
  for (guint i = 0; i < result->n_methods; i++)
    {
      HubSensitivityMethod *m = &result->methods[i];

      hub_query_clear (&m->query);
      g_free (m->label);
      hub_share_result_free (m->result);
      for (guint k = 0; k < m->n_top; k++)
        g_free (m->top_names[k]);
    }
  g_free (result->series);
  g_free (result->change_category);
  g_free (result);
}
