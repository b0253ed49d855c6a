/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-analytics"

#include "config.h"

#include "hub-quality.h"
#include "hub-sizes.h"
#include "hub-types.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

/* Lineage chains longer than this are cut (a cycle in bad data). */
#define MAX_DEPTH 64
/* Ids longer than this are matched exactly only (the Hub's are at most
 * 96 + 1 + 96 characters). */
#define MAX_LOWERED 255

static const char * const quadrant_names[HUB_N_QUALITY_QUADRANTS] = {
  "popular-good", "popular-weaker", "underadopted-good", "neither",
};

const char *
hub_quality_quadrant_to_string (HubQualityQuadrant quadrant)
{
  g_return_val_if_fail ((guint) quadrant < HUB_N_QUALITY_QUADRANTS, NULL);
  return quadrant_names[quadrant];
}

const char *
hub_quality_quadrant_label (HubQualityQuadrant quadrant)
{
  switch (quadrant)
    {
    case HUB_QUALITY_POPULAR_GOOD:      return _("Popular and good");
    case HUB_QUALITY_POPULAR_WEAKER:    return _("Popular but weaker");
    case HUB_QUALITY_UNDERADOPTED_GOOD: return _("Good but under-adopted");
    case HUB_QUALITY_NEITHER:           return _("Neither");
    case HUB_N_QUALITY_QUADRANTS:
    default:                            g_return_val_if_reached (NULL);
    }
}

void
hub_quality_options_init (HubQualityOptions *options)
{
  *options = (HubQualityOptions) { NULL, NULL, FALSE, NAN, NAN, HUB_TIME_NONE, FALSE };
}

void
hub_quality_result_free (HubQualityResult *result)
{
  if (result == NULL)
    return;
  g_free (result->score_set);
  g_free (result->set_source);
  g_strfreev (result->benchmarks);
  g_free (result->series);
  g_clear_pointer (&result->points, g_array_unref);
  g_clear_pointer (&result->unmatched, g_ptr_array_unref);
  g_clear_pointer (&result->no_adoption, g_ptr_array_unref);
  g_clear_pointer (&result->strings, g_string_chunk_free);
  g_clear_pointer (&result->dataset, hub_dataset_unref);
  g_free (result);
}

/* ---- scores per id -------------------------------------------------------- */

/* One id's best score per benchmark. */
typedef struct {
  const char *id;
  guint       n_have;
  double     *best;      /* per benchmark */
  gboolean   *have;
  const char *variant;   /* of the best, single benchmark */
  const char *setting;
} IdScores;

static void
id_scores_free (gpointer data)
{
  IdScores *s = data;

  g_free (s->best);
  g_free (s->have);
  g_free (s);
}

static int
benchmark_index (const char * const *benchmarks,
                 const char         *benchmark)
{
  for (guint b = 0; benchmarks[b] != NULL; b++)
    if (strcmp (benchmarks[b], benchmark) == 0)
      return b;
  return -1;
}

/* id → IdScores over @benchmarks. */
static GHashTable *
collect_scores (const HubScoreSet  *set,
                const char * const *benchmarks)
{
  guint nb = g_strv_length ((char **) benchmarks);
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, id_scores_free);

  for (guint i = 0; i < set->scores->len; i++)
    {
      const HubScore *score = &g_array_index (set->scores, HubScore, i);
      int b = benchmark_index (benchmarks, score->benchmark);
      IdScores *s;

      if (b < 0)
        continue;
      s = g_hash_table_lookup (ids, score->model_id);
      if (s == NULL)
        {
          s = g_new0 (IdScores, 1);
          s->id = score->model_id;
          s->best = g_new0 (double, nb);
          s->have = g_new0 (gboolean, nb);
          g_hash_table_insert (ids, (gpointer) s->id, s);
        }
      if (!s->have[b] ||
          (score->lower_better ? score->score < s->best[b] : score->score > s->best[b]))
        {
          if (!s->have[b])
            s->n_have++;
          s->have[b] = TRUE;
          s->best[b] = score->score;
          s->variant = score->variant;
          s->setting = score->setting;
        }
    }
  return ids;
}

char **
hub_quality_scored_ids (const HubScoreSet  *set,
                        const char * const *benchmarks)
{
  g_autoptr(GHashTable) ids = collect_scores (set, benchmarks);
  guint nb = g_strv_length ((char **) benchmarks);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GHashTableIter iter;
  IdScores *s;

  g_hash_table_iter_init (&iter, ids);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &s))
    if (s->n_have == nb)
      g_strv_builder_add (builder, s->id);
  return g_strv_builder_end (builder);
}

static gboolean
check_benchmarks (const HubScoreSet  *set,
                  const char * const *benchmarks,
                  gboolean           *out_lower_better,
                  GError            **error)
{
  if (benchmarks == NULL || benchmarks[0] == NULL)
    {
      g_autofree char *names = g_strjoinv (", ", set->benchmarks);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Name a benchmark of “%s”: %s"), set->name, names);
      return FALSE;
    }
  for (guint b = 0; benchmarks[b] != NULL; b++)
    {
      gboolean lower;

      if (!hub_score_set_has_benchmark (set, benchmarks[b], &lower))
        {
          g_autofree char *names = g_strjoinv (", ", set->benchmarks);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("The score set “%s” has no benchmark “%s” (it has %s)"), set->name, benchmarks[b], names);
          return FALSE;
        }
      if (b > 0 && lower != *out_lower_better)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("“%s” and “%s” cannot be averaged: one is lower-is-better, the other higher-is-better"),
                       benchmarks[0], benchmarks[b]);
          return FALSE;
        }
      *out_lower_better = lower;
    }
  return TRUE;
}

/* ---- the figure ----------------------------------------------------------- */

typedef struct {
  double      score;
  const char *variant;
  const char *setting;
  const char *id;        /* as the set spells it */
} ModelScore;

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static int
compare_points (gconstpointer a,
                gconstpointer b)
{
  const HubQualityPoint *p = a, *q = b;

  if (p->quadrant != q->quadrant)
    return (int) p->quadrant - (int) q->quadrant;
  if (p->distance != q->distance)
    return p->distance < q->distance ? 1 : -1;
  return strcmp (p->id, q->id);
}

#define FILTER_BITS 65536

/* A bit for an id's length and first and last letters, case aside. */
static inline guint
filter_bit (const char *id,
            gsize       len)
{
  guint first = len > 0 ? (guchar) hub_ascii_lower (id[0]) : 0;
  guint last = len > 0 ? (guchar) hub_ascii_lower (id[len - 1]) : 0;

  return (guint) ((len * 2654435761u) ^ (first << 8) ^ (last * 40503u)) % FILTER_BITS;
}

/* Matches the ids of @scores to models: exactly, then ignoring case.
 * Returns model index → ModelScore. */
static GHashTable *
match_ids (HubDataset        *dataset,
           GHashTable        *scores,
           guint              nb,
           HubQualityResult  *result,
           GCancellable      *cancellable)
{
  GHashTable *by_model = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_autoptr(GHashTable) lowered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GHashTableIter iter;
  IdScores *s;

  g_hash_table_iter_init (&iter, scores);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &s))
    {
      gint32 index;
      ModelScore *ms;
      double sum = 0;

      if (s->n_have < nb)
        {
          result->n_incomplete++;
          continue;
        }
      result->n_scored++;
      for (guint b = 0; b < nb; b++)
        sum += s->best[b];
      ms = g_new0 (ModelScore, 1);
      ms->score = sum / nb;
      ms->variant = nb == 1 ? g_string_chunk_insert_const (result->strings, s->variant) : "";
      ms->setting = nb == 1 ? g_string_chunk_insert_const (result->strings, s->setting) : "";
      ms->id = s->id;
      index = hub_dataset_find_model (dataset, s->id);
      if (index >= 0 && !g_hash_table_contains (by_model, GINT_TO_POINTER (index)))
        g_hash_table_insert (by_model, GINT_TO_POINTER (index), ms);
      else
        {
          char *lower = g_ascii_strdown (s->id, -1);

          /* Two spellings of one id: the first is kept (and listed once
           * when it matches nothing). */
          if (index >= 0 || g_hash_table_contains (lowered, lower))
            {
              g_free (lower);
              g_free (ms);
            }
          else
            g_hash_table_insert (lowered, lower, ms);
        }
    }

  /* Ids not found as spelt: one pass over the models, ignoring case. A
   * model is lowered and looked up only when its length and first and
   * last letters could be those of an id not found (a 64 K-bit filter):
   * a few in a thousand are. */
  if (g_hash_table_size (lowered) > 0)
    {
      guint n = hub_dataset_get_n_models (dataset);
      g_autofree guint64 *filter = g_new0 (guint64, FILTER_BITS / 64);
      GHashTableIter left;
      gpointer key;

      g_hash_table_iter_init (&left, lowered);
      while (g_hash_table_iter_next (&left, &key, NULL))
        {
          guint bit = filter_bit (key, strlen (key));

          filter[bit / 64] |= G_GUINT64_CONSTANT (1) << (bit % 64);
        }
      for (guint m = 0; m < n && !g_cancellable_is_cancelled (cancellable); m++)
        {
          const char *id = hub_dataset_get_model (dataset, m)->id;
          gsize len = strlen (id);
          guint bit = filter_bit (id, len);
          char lower[MAX_LOWERED + 1];
          gpointer ms;

          if (len > MAX_LOWERED || (filter[bit / 64] & (G_GUINT64_CONSTANT (1) << (bit % 64))) == 0)
            continue;
          for (gsize i = 0; i < len; i++)
            lower[i] = hub_ascii_lower (id[i]);
          lower[len] = '\0';
          if (g_hash_table_steal_extended (lowered, lower, &key, &ms))
            {
              g_free (key);
              if (!g_hash_table_contains (by_model, GUINT_TO_POINTER (m)))
                {
                  g_hash_table_insert (by_model, GUINT_TO_POINTER (m), ms);
                  result->n_case_matched++;
                }
              else
                g_free (ms);
            }
        }
    }

  /* What is left names no model the data knows: listed as spelt. */
  {
    GHashTableIter left;
    ModelScore *ms;

    g_hash_table_iter_init (&left, lowered);
    while (g_hash_table_iter_next (&left, NULL, (gpointer *) &ms))
      g_ptr_array_add (result->unmatched, g_strdup (ms->id));
  }
  g_ptr_array_sort (result->unmatched, compare_strings);
  return by_model;
}

/* The group of @observations that @at picks: the last at or before it. */
static int
pick_group (const HubObservations *observations,
            gint64                 at)
{
  int g = -1;

  for (guint i = 0; i < observations->n_groups; i++)
    if (at == HUB_TIME_NONE || observations->group_time[i] <= at)
      g = i;
  return g;
}

/* up[m]: the nearest strict ancestor of @m (first parents) that can be a
 * point, -1 for none; filled as asked, each chain once. */
#define UP_UNKNOWN (-2)

static gint32
candidate_above (HubDataset   *dataset,
                 const gint32 *from,
                 gint32       *up,
                 guint32       m)
{
  gint32 path[MAX_DEPTH];
  guint n = 0;
  gint32 a = m, found = -1;

  /* Climb until a candidate, a resolved model or the root. */
  while (n < MAX_DEPTH)
    {
      gint32 parent;

      if (up[a] != UP_UNKNOWN)
        {
          found = up[a];
          break;
        }
      path[n++] = a;
      parent = hub_dataset_get_model (dataset, a)->first_parent;
      if (parent < 0)
        break;
      if (from[parent] >= 0)
        {
          found = parent;
          break;
        }
      a = parent;
    }
  for (guint i = 0; i < n; i++)
    up[path[i]] = found;
  return found;
}

static void
add_point (HubQualityResult *result,
           HubDataset       *dataset,
           guint32           model,
           const ModelScore *ms,
           guint64           adoption,
           gint32            inherited_from)
{
  HubQualityPoint point = {
    model, hub_dataset_get_model (dataset, model)->id, ms->score, adoption, NAN,
    HUB_QUALITY_NEITHER, 0, inherited_from,
    inherited_from < 0 ? ms->variant : "", inherited_from < 0 ? ms->setting : "",
  };

  g_array_append_val (result->points, point);
}

double
hub_quality_point_x (const HubQualityResult *result,
                     const HubQualityPoint  *point)
{
  return result->relative ? point->relative : (double) point->adoption;
}

guint
hub_quality_size_class (const HubModelRecord *record)
{
  if (record->parameters <= 0 || record->parameters_source == HUB_PARAM_SOURCE_ESTIMATED)
    return HUB_N_SIZE_BUCKETS;
  return hub_size_bucket_for ((double) record->parameters);
}

/* log10 for distances: no downloads at 1, ratios down to a millionth. */
static double
log_x (const HubQualityResult *result,
       double                  x)
{
  return log10 (MAX (x, result->relative ? 1e-6 : 1.0));
}

/* Quadrants and distances once the lines are known. */
static void
place_points (HubQualityResult        *result,
              const HubQualityOptions *options)
{
  guint n = result->points->len;
  g_autofree double *values = g_new (double, MAX (n, 1));
  double smin = INFINITY, smax = -INFINITY, amin = INFINITY, amax = -INFINITY;
  double srange, arange, aline;

  for (guint i = 0; i < n; i++)
    values[i] = g_array_index (result->points, HubQualityPoint, i).score;
  result->score_line_median = isnan (options->score_line);
  result->score_line = result->score_line_median ? hub_median (values, n) : options->score_line;
  for (guint i = 0; i < n; i++)
    values[i] = hub_quality_point_x (result, &g_array_index (result->points, HubQualityPoint, i));
  result->adoption_line_median = isnan (options->adoption_line);
  result->adoption_line = result->adoption_line_median ? hub_median (values, n) : options->adoption_line;

  for (guint i = 0; i < n; i++)
    {
      const HubQualityPoint *p = &g_array_index (result->points, HubQualityPoint, i);
      double a = log_x (result, hub_quality_point_x (result, p));

      smin = MIN (smin, p->score);
      smax = MAX (smax, p->score);
      amin = MIN (amin, a);
      amax = MAX (amax, a);
    }
  srange = smax > smin ? smax - smin : 1.0;
  arange = amax > amin ? amax - amin : 1.0;
  aline = log_x (result, result->adoption_line);

  for (guint i = 0; i < n; i++)
    {
      HubQualityPoint *p = &g_array_index (result->points, HubQualityPoint, i);
      double x = hub_quality_point_x (result, p);
      gboolean popular = x >= result->adoption_line;
      gboolean good = result->lower_better ? p->score <= result->score_line : p->score >= result->score_line;
      double dx = (log_x (result, x) - aline) / arange;
      double dy = (p->score - result->score_line) / srange;

      p->quadrant = popular ? (good ? HUB_QUALITY_POPULAR_GOOD : HUB_QUALITY_POPULAR_WEAKER)
                            : (good ? HUB_QUALITY_UNDERADOPTED_GOOD : HUB_QUALITY_NEITHER);
      p->distance = sqrt (dx * dx + dy * dy);
      result->counts[p->quadrant]++;
    }
  g_array_sort (result->points, compare_points);
}

static int
compare_counts_down (gconstpointer a,
                     gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return (x < y) - (x > y);
}

/* Each point's adoption relative to its size class and task: divided by
 * the median of the HUB_QUALITY_BASELINE_TOP largest of group @g's values
 * of that class and task. A point of unknown size, or whose class has no
 * downloads, is left out (counted in @n_no_size). */
static void
relate_points (HubQualityResult      *result,
               HubDataset            *dataset,
               const HubObservations *observations,
               int                    g)
{
  g_autoptr(GHashTable) groups = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  g_autoptr(GHashTable) baselines = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  GHashTableIter iter;
  gpointer key, value;
  guint kept = 0;

  for (guint64 r = g >= 0 ? observations->offsets[g] : 0; g >= 0 && r < observations->offsets[g + 1]; r++)
    {
      const HubModelRecord *record = hub_dataset_get_model (dataset, observations->model[r]);
      guint size = hub_quality_size_class (record);
      gpointer group = GUINT_TO_POINTER ((size << 16 | record->task) + 1);
      guint64 v = hub_observations_value (observations, r);
      GArray *values;

      if (size == HUB_N_SIZE_BUCKETS)
        continue;
      values = g_hash_table_lookup (groups, group);
      if (values == NULL)
        g_hash_table_insert (groups, group, values = g_array_new (FALSE, FALSE, sizeof (guint64)));
      g_array_append_val (values, v);
    }
  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GArray *values = value;
      guint n = MIN (values->len, HUB_QUALITY_BASELINE_TOP);
      double *top = g_new (double, n);
      double *baseline = g_new (double, 1);

      g_array_sort (values, compare_counts_down);
      for (guint i = 0; i < n; i++)
        top[i] = (double) g_array_index (values, guint64, i);
      *baseline = hub_median (top, n);
      g_free (top);
      g_hash_table_insert (baselines, key, baseline);
    }

  for (guint i = 0; i < result->points->len; i++)
    {
      HubQualityPoint *p = &g_array_index (result->points, HubQualityPoint, i);
      const HubModelRecord *record = hub_dataset_get_model (dataset, p->model);
      guint size = hub_quality_size_class (record);
      const double *baseline = size == HUB_N_SIZE_BUCKETS ? NULL
                               : g_hash_table_lookup (baselines, GUINT_TO_POINTER ((size << 16 | record->task) + 1));

      if (baseline == NULL || !(*baseline > 0))
        {
          result->n_no_size++;
          continue;
        }
      p->relative = (double) p->adoption / *baseline;
      g_array_index (result->points, HubQualityPoint, kept++) = *p;
    }
  g_array_set_size (result->points, kept);
  result->n_inherited = 0;
  for (guint i = 0; i < kept; i++)
    result->n_inherited += g_array_index (result->points, HubQualityPoint, i).inherited_from >= 0;
}

HubQualityResult *
hub_quality_compute (HubDataset               *dataset,
                     const HubScoreSet        *set,
                     const HubObservations    *observations,
                     const HubQuery           *query,
                     const HubQualityOptions  *options,
                     GCancellable             *cancellable,
                     GError                  **error)
{
  g_autoptr(HubQualityResult) result = NULL;
  g_autoptr(GHashTable) scores = NULL;
  g_autoptr(GHashTable) by_model = NULL;
  g_autofree guint8 *mask = NULL;
  g_autofree guint64 *adoption = NULL;
  g_autofree guint8 *known = NULL;
  g_autofree guint8 *observed = NULL;
  g_autofree guint8 *scored = NULL;
  g_autofree gint32 *from = NULL;
  g_autofree gint32 *up = NULL;
  gboolean lower_better = FALSE;
  guint n_models, nb;
  GHashTableIter iter;
  gpointer key, value;
  int g;

  g_return_val_if_fail (dataset != NULL && set != NULL && observations != NULL, NULL);
  g_return_val_if_fail (query != NULL && options != NULL, NULL);

  if (!check_benchmarks (set, options->benchmarks, &lower_better, error))
    return NULL;
  if (options->relative && query->attribution == HUB_QUERY_ATTRIBUTION_ROOT)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Relative adoption compares a model’s own downloads with its size class: "
                             "it cannot be a family’s"));
      return NULL;
    }

  nb = g_strv_length ((char **) options->benchmarks);
  n_models = hub_dataset_get_n_models (dataset);
  result = g_new0 (HubQualityResult, 1);
  result->score_set = g_strdup (set->name);
  result->set_source = g_strdup (set->source);
  result->set_imported_at = set->imported_at;
  result->benchmarks = g_strdupv ((char **) options->benchmarks);
  result->lower_better = lower_better;
  result->inherit = options->inherit;
  result->relative = options->relative;
  result->series = g_strdup (observations->series);
  result->measure = observations->measure;
  result->attribution = query->attribution;
  result->points = g_array_new (FALSE, FALSE, sizeof (HubQualityPoint));
  result->unmatched = g_ptr_array_new_with_free_func (g_free);
  result->no_adoption = g_ptr_array_new_with_free_func (g_free);
  result->strings = g_string_chunk_new (1024);
  result->dataset = hub_dataset_ref (dataset);

  scores = collect_scores (set, options->benchmarks);
  by_model = match_ids (dataset, scores, nb, result, cancellable);

  /* Who can be a point: a scored model, or with @inherit an unscored one
   * whose chain of quantizations reaches a scored one (@from: that one). */
  scored = g_new0 (guint8, n_models);
  from = g_new (gint32, n_models);
  g_hash_table_iter_init (&iter, by_model);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    scored[GPOINTER_TO_UINT (key)] = 1;
  for (guint m = 0; m < n_models; m++)
    {
      const HubModelRecord *record = hub_dataset_get_model (dataset, m);

      from[m] = scored[m] ? (gint32) m : -1;
      for (guint depth = 0; options->inherit && !scored[m] && depth < MAX_DEPTH &&
                            record->relation == HUB_RELATION_QUANTIZED && record->first_parent >= 0; depth++)
        {
          if (scored[record->first_parent])
            {
              from[m] = record->first_parent;
              break;
            }
          record = hub_dataset_get_model (dataset, record->first_parent);
        }
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* Adoption in the snapshot picked: own, or the family's (the model and
   * every model whose first-parent chain reaches it), kept for the
   * candidates only; @observed marks every model with a value. */
  adoption = g_new0 (guint64, n_models);
  known = g_new0 (guint8, n_models);
  observed = g_new0 (guint8, n_models);
  up = g_new (gint32, n_models);
  for (guint m = 0; m < n_models; m++)
    up[m] = UP_UNKNOWN;
  g = pick_group (observations, options->at);
  result->snapshot_time = g >= 0 ? observations->group_time[g] : HUB_TIME_NONE;
  for (guint64 r = g >= 0 ? observations->offsets[g] : 0; g >= 0 && r < observations->offsets[g + 1]; r++)
    {
      guint32 m = observations->model[r];
      guint64 v = hub_observations_value (observations, r);
      gint32 a = from[m] >= 0 ? (gint32) m : -1;

      observed[m] = 1;
      if (query->attribution == HUB_QUERY_ATTRIBUTION_ROOT && a < 0)
        a = candidate_above (dataset, from, up, m);
      for (guint depth = 0; a >= 0 && depth < MAX_DEPTH; depth++)
        {
          adoption[a] += v;
          known[a] = 1;
          if (query->attribution != HUB_QUERY_ATTRIBUTION_ROOT)
            break;
          a = candidate_above (dataset, from, up, a);
        }
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  mask = hub_query_model_mask (query, dataset);
  g_hash_table_iter_init (&iter, by_model);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint32 m = GPOINTER_TO_UINT (key);

      if (!known[m])
        g_ptr_array_add (result->no_adoption, g_strdup (hub_dataset_get_model (dataset, m)->id));
      else if (mask != NULL && !mask[m])
        result->n_filtered++;
      else
        add_point (result, dataset, m, value, adoption[m], -1);
    }
  g_ptr_array_sort (result->no_adoption, compare_strings);

  for (guint m = 0; m < n_models; m++)
    {
      if (scored[m] || (mask != NULL && !mask[m]))
        continue;
      if (from[m] >= 0 && known[m])
        {
          add_point (result, dataset, m, g_hash_table_lookup (by_model, GINT_TO_POINTER (from[m])), adoption[m],
                     from[m]);
          result->n_inherited++;
        }
      else if (observed[m])
        result->n_unscored++;
    }

  if (options->relative)
    relate_points (result, dataset, observations, g);
  place_points (result, options);
  return g_steal_pointer (&result);
}

char *
hub_quality_result_settings (const HubQualityResult *result)
{
  g_autofree char *benchmarks = g_strjoinv (",", result->benchmarks);
  g_autofree char *at = hub_time_format_iso8601 (result->snapshot_time);
  char score_line[G_ASCII_DTOSTR_BUF_SIZE], adoption_line[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (result != NULL, NULL);

  return g_strdup_printf ("scores=%s;benchmark=%s;inherit=%s;relative=%s;score_line=%s;adoption_line=%s;"
                          "snapshot=%s",
                          result->score_set, benchmarks, result->inherit ? "true" : "false",
                          result->relative ? "true" : "false",
                          result->score_line_median
                          ? "median" : g_ascii_dtostr (score_line, sizeof score_line, result->score_line),
                          result->adoption_line_median
                          ? "median" : g_ascii_dtostr (adoption_line, sizeof adoption_line, result->adoption_line),
                          at != NULL ? at : "none");
}
