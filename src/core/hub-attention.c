/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-analytics"

#include "config.h"

#include "hub-attention.h"
#include "hub-types.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

static const char * const measure_names[HUB_N_ATTENTION_MEASURES] = { "likes", "trending" };
static const char * const quadrant_names[HUB_N_ATTENTION_QUADRANTS] = {
  "popular", "talked-about", "quiet", "neither",
};

const char *
hub_attention_measure_to_string (HubAttentionMeasure measure)
{
  g_return_val_if_fail (measure < HUB_N_ATTENTION_MEASURES, "likes");
  return measure_names[measure];
}

gboolean
hub_attention_measure_from_string (const char          *str,
                                   HubAttentionMeasure *out)
{
  guint i;

  if (!hub_name_lookup (measure_names, HUB_N_ATTENTION_MEASURES, str, &i))
    return FALSE;
  *out = i;
  return TRUE;
}

const char *
hub_attention_measure_label (HubAttentionMeasure measure)
{
  return measure == HUB_ATTENTION_TRENDING ? _("Trending score") : _("Likes");
}

const char *
hub_attention_quadrant_to_string (HubAttentionQuadrant quadrant)
{
  g_return_val_if_fail (quadrant < HUB_N_ATTENTION_QUADRANTS, "neither");
  return quadrant_names[quadrant];
}

const char *
hub_attention_quadrant_label (HubAttentionQuadrant quadrant)
{
  switch (quadrant)
    {
    case HUB_ATTENTION_POPULAR:
      return _("Used and talked about");
    case HUB_ATTENTION_TALKED:
      return _("Talked about, less used");
    case HUB_ATTENTION_QUIET:
      return _("Used quietly");
    case HUB_ATTENTION_NEITHER:
    case HUB_N_ATTENTION_QUADRANTS:
    default:
      return _("Neither");
    }
}

static void
result_clear (gpointer data)
{
  HubAttentionResult *result = data;

  g_clear_pointer (&result->points, g_array_unref);
  g_clear_pointer (&result->dataset, hub_dataset_unref);
}

HubAttentionResult *
hub_attention_result_ref (HubAttentionResult *result)
{
  return g_rc_box_acquire (result);
}

void
hub_attention_result_unref (HubAttentionResult *result)
{
  if (result != NULL)
    g_rc_box_release_full (result, result_clear);
}

static int
compare_points (gconstpointer a,
                gconstpointer b)
{
  const HubAttentionPoint *x = a, *y = b;

  if (x->adoption != y->adoption)
    return x->adoption > y->adoption ? -1 : 1;
  return x->model < y->model ? -1 : x->model > y->model;
}

HubAttentionResult *
hub_attention_compute (HubDataset          *dataset,
                       const HubQuery      *query,
                       HubAttentionMeasure  measure,
                       guint                max_points,
                       GCancellable        *cancellable,
                       GError             **error)
{
  g_autoptr(HubAttentionResult) result = NULL;
  g_autofree guint8 *mask = NULL;
  g_autofree double *adoption = NULL;
  g_autofree double *attention = NULL;
  guint n_models;

  g_return_val_if_fail (dataset != NULL && query != NULL, NULL);
  g_return_val_if_fail (measure < HUB_N_ATTENTION_MEASURES, NULL);

  n_models = hub_dataset_get_n_models (dataset);
  result = g_rc_box_new0 (HubAttentionResult);
  result->measure = measure;
  result->points = g_array_new (FALSE, FALSE, sizeof (HubAttentionPoint));
  result->dataset = hub_dataset_ref (dataset);
  result->reference = HUB_TIME_NONE;
  mask = hub_query_model_mask (query, dataset);
  for (guint m = 0; m < n_models; m++)
    {
      const HubModelRecord *r = hub_dataset_get_model (dataset, m);

      if (hub_model_release (r) != HUB_TIME_NONE)
        result->reference = MAX (result->reference, r->created_at);
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  for (guint m = 0; m < n_models; m++)
    {
      const HubModelRecord *r = hub_dataset_get_model (dataset, m);
      gint64 value = measure == HUB_ATTENTION_TRENDING ? r->trending_score : r->likes;
      HubAttentionPoint p;

      if (mask != NULL && !mask[m])
        continue;
      if (r->downloads <= 0 || value <= 0)
        {
          result->n_zero++;
          continue;
        }
      p.model = m;
      p.adoption = (double) r->downloads;
      p.attention = (double) value;
      p.age_days = hub_model_release (r) != HUB_TIME_NONE ? (double) (result->reference - r->created_at) / 86400 : NAN;
      p.quadrant = HUB_ATTENTION_NEITHER;
      g_array_append_val (result->points, p);
    }
  result->n_models = result->points->len;

  /* Medians and quadrants over every model. */
  adoption = g_new (double, MAX (result->n_models, 1));
  attention = g_new (double, MAX (result->n_models, 1));
  for (guint i = 0; i < result->n_models; i++)
    {
      adoption[i] = g_array_index (result->points, HubAttentionPoint, i).adoption;
      attention[i] = g_array_index (result->points, HubAttentionPoint, i).attention;
    }
  result->adoption_median = hub_median (adoption, result->n_models);
  result->attention_median = hub_median (attention, result->n_models);
  for (guint i = 0; i < result->n_models; i++)
    {
      HubAttentionPoint *p = &g_array_index (result->points, HubAttentionPoint, i);
      gboolean used = p->adoption >= result->adoption_median;
      gboolean talked = p->attention >= result->attention_median;

      p->quadrant = used ? (talked ? HUB_ATTENTION_POPULAR : HUB_ATTENTION_QUIET)
                         : (talked ? HUB_ATTENTION_TALKED : HUB_ATTENTION_NEITHER);
      result->counts[p->quadrant]++;
    }
  g_array_sort (result->points, compare_points);
  if (max_points > 0 && result->points->len > max_points)
    g_array_set_size (result->points, max_points);
  return g_steal_pointer (&result);
}

gint
hub_attention_find (const HubAttentionResult *result,
                    guint32                   model)
{
  for (guint i = 0; i < result->points->len; i++)
    if (g_array_index (result->points, HubAttentionPoint, i).model == model)
      return (gint) i;
  return -1;
}
