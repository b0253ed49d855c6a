/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-dataset"

#include "config.h"

#include "hub-model-suggest.h"

#include <string.h>

#define MAX_LEN 255

typedef struct {
  guint32 model;
  guint   distance;
  guint   prefix;
} Candidate;

/* The edit distance is at least the difference of the lengths. */
static inline guint
length_gap (guint a,
            guint b)
{
  return a > b ? a - b : b - a;
}

/* A lower bound of the edit distance from letter counts (bag distance),
 * with letters folded into 64 buckets (a collision only lowers it). */
static guint
bag_distance (const guint8 *query_bag,
              guint         query_len,
              const char   *s,
              guint         len)
{
  gint16 bag[64];
  guint extra = 0;

  for (guint i = 0; i < 64; i++)
    bag[i] = query_bag[i];
  for (guint i = 0; i < len; i++)
    {
      guint b = hub_ascii_lower (s[i]) & 63;

      if (bag[b] > 0)
        bag[b]--;
      else
        extra++;
    }
  return MAX (extra, query_len - (len - extra));
}

/* Levenshtein distance of case-folded strings, or @bound + 1 once it is
 * sure to exceed @bound. */
static guint
edit_distance (const char *a,
               guint       la,
               const char *b,
               guint       lb,
               guint       bound)
{
  guint row[MAX_LEN + 1];

  if ((la > lb ? la - lb : lb - la) > bound)
    return bound + 1;

  for (guint j = 0; j <= lb; j++)
    row[j] = j;
  for (guint i = 1; i <= la; i++)
    {
      guint diag = row[0];
      guint row_min;

      row[0] = i;
      row_min = row[0];
      for (guint j = 1; j <= lb; j++)
        {
          guint up = row[j];
          guint cost = hub_ascii_lower (a[i - 1]) == hub_ascii_lower (b[j - 1]) ? 0 : 1;
          guint v = MIN (MIN (up + 1, row[j - 1] + 1), diag + cost);

          diag = up;
          row[j] = v;
          row_min = MIN (row_min, v);
        }
      if (row_min > bound)
        return bound + 1;
    }
  return row[lb];
}

static guint
common_prefix (const char *a,
               const char *b)
{
  guint n = 0;

  while (a[n] != '\0' && hub_ascii_lower (a[n]) == hub_ascii_lower (b[n]))
    n++;
  return n;
}

static gboolean
candidate_better (const Candidate *a,
                  const Candidate *b)
{
  if (a->distance != b->distance)
    return a->distance < b->distance;
  if (a->prefix != b->prefix)
    return a->prefix > b->prefix;
  return a->model < b->model;
}

GPtrArray *
hub_model_suggest (HubDataset *dataset,
                   const char *query,
                   guint       max_results)
{
  g_autofree Candidate *best = NULL;
  guint8 bag[64] = { 0 };
  guint n_best = 0;
  guint qlen, n, limit;
  GPtrArray *result;

  g_return_val_if_fail (dataset != NULL, NULL);
  g_return_val_if_fail (query != NULL, NULL);

  result = g_ptr_array_new ();
  qlen = MIN (strlen (query), MAX_LEN);
  if (max_results == 0 || qlen == 0)
    return result;

  for (guint i = 0; i < qlen; i++)
    bag[hub_ascii_lower (query[i]) & 63] = MIN (bag[hub_ascii_lower (query[i]) & 63] + 1, 255);
  limit = MAX (2, qlen / 3);
  best = g_new0 (Candidate, max_results);
  n = hub_dataset_get_n_models (dataset);

  for (guint m = 0; m < n; m++)
    {
      const char *id = hub_dataset_get_model (dataset, m)->id;
      const char *slash = strchr (id, '/');
      guint bound = n_best == max_results ? best[n_best - 1].distance : limit;
      gsize full_len = strlen (id);
      guint len = MIN (full_len, MAX_LEN);
      Candidate cand = { m, bound + 1, 0 };
      guint k;

      if (length_gap (len, qlen) <= bound && bag_distance (bag, qlen, id, len) <= bound)
        cand.distance = edit_distance (query, qlen, id, len, bound);
      if (slash != NULL && bound > 0)
        {
          const char *name = slash + 1;
          guint name_len = MIN (full_len - (gsize) (name - id), MAX_LEN);

          /* "Llama-2-7b" for "meta-llama/Llama-2-7b": the owner left out. */
          if (length_gap (name_len, qlen) + 1 <= MIN (bound, cand.distance) &&
              bag_distance (bag, qlen, name, name_len) + 1 <= MIN (bound, cand.distance))
            cand.distance = MIN (cand.distance,
                                 edit_distance (query, qlen, name, name_len,
                                                MIN (bound, cand.distance) - 1) + 1);
        }
      if (cand.distance > bound)
        continue;
      cand.prefix = common_prefix (query, id);

      /* Insert into the sorted list of the best few. */
      k = MIN (n_best, max_results - 1);
      if (n_best == max_results && !candidate_better (&cand, &best[k]))
        continue;
      while (k > 0 && candidate_better (&cand, &best[k - 1]))
        {
          best[k] = best[k - 1];
          k--;
        }
      best[k] = cand;
      n_best = MIN (n_best + 1, max_results);
    }

  for (guint i = 0; i < n_best; i++)
    g_ptr_array_add (result, (gpointer) hub_dataset_get_model (dataset, best[i].model)->id);
  return result;
}

/* ASCII case-insensitive strstr. */
static gboolean
contains_ci (const char *haystack,
             const char *needle,
             gsize       needle_len)
{
  for (; *haystack != '\0'; haystack++)
    if (g_ascii_strncasecmp (haystack, needle, needle_len) == 0)
      return TRUE;
  return FALSE;
}

/* Inserts @model into @best (most downloaded first, at most @max). */
static void
keep_best (HubDataset *dataset,
           GArray     *best,
           guint32     model,
           guint       max)
{
  gint64 downloads = hub_dataset_get_model (dataset, model)->downloads;
  guint at;

  for (at = best->len; at > 0; at--)
    if (hub_dataset_get_model (dataset, g_array_index (best, guint32, at - 1))->downloads >= downloads)
      break;
  if (at < max)
    {
      g_array_insert_val (best, at, model);
      if (best->len > max)
        g_array_set_size (best, max);
    }
}

GArray *
hub_model_complete (HubDataset *dataset,
                    const char *text,
                    guint       max_results)
{
  GArray *prefix = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) inside = g_array_new (FALSE, FALSE, sizeof (guint32));
  gsize len;
  guint n;

  g_return_val_if_fail (dataset != NULL && text != NULL, prefix);

  len = strlen (text);
  if (len == 0 || max_results == 0)
    return prefix;
  n = hub_dataset_get_n_models (dataset);
  for (guint i = 0; i < n; i++)
    {
      const char *id = hub_dataset_get_model (dataset, i)->id;
      const char *slash = strchr (id, '/');

      if (g_ascii_strncasecmp (id, text, len) == 0 ||
          (slash != NULL && g_ascii_strncasecmp (slash + 1, text, len) == 0))
        keep_best (dataset, prefix, i, max_results);
      else if (prefix->len < max_results && contains_ci (id, text, len))
        keep_best (dataset, inside, i, max_results);
    }
  for (guint i = 0; i < inside->len && prefix->len < max_results; i++)
    g_array_append_val (prefix, g_array_index (inside, guint32, i));
  return prefix;
}
