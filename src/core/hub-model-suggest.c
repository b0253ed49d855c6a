/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-dataset"

#include "config.h"

#include "hub-model-suggest.h"
#include "hub-dataset-private.h"
#include "hub-id-arena.h"

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
              guint         len,
              guint         bound)
{
  guint8 used[64];
  guint extra = 0;

  memset (used, 0, sizeof used);
  for (guint i = 0; i < len; i++)
    {
      guint b = hub_ascii_lower (s[i]) & 63;

      if (used[b] < query_bag[b])
        used[b]++;
      else if (++extra > bound)
        return extra;   /* already past the bound: the exact value does not matter */
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

/* The models grouped by the length of their id (capped at MAX_LEN), and
 * those with an owner by the length of the name after it: a query looks
 * at the lengths nearest its own first, so that its bound tightens before
 * the far ones (most ids) are reached. Built once per dataset. */
typedef struct {
  guint32 *by_len;
  guint32  len_start[MAX_LEN + 2];
  guint32 *by_name_len;
  guint32  name_start[MAX_LEN + 2];
} LengthIndex;

static void
length_index_free (gpointer data)
{
  LengthIndex *index = data;

  g_free (index->by_len);
  g_free (index->by_name_len);
  g_free (index);
}

static void
group_by_length (guint          n,
                 const guint16 *length,     /* per model; MAX_LEN + 1 = none */
                 guint32       *start,
                 guint32      **out)
{
  g_autofree guint32 *fill = NULL;

  memset (start, 0, sizeof (guint32) * (MAX_LEN + 2));
  for (guint m = 0; m < n; m++)
    if (length[m] <= MAX_LEN)
      start[length[m] + 1]++;
  for (guint l = 0; l <= MAX_LEN; l++)
    start[l + 1] += start[l];
  *out = g_new (guint32, MAX (start[MAX_LEN + 1], 1));
  fill = g_memdup2 (start, sizeof (guint32) * (MAX_LEN + 2));
  for (guint m = 0; m < n; m++)
    if (length[m] <= MAX_LEN)
      (*out)[fill[length[m]]++] = m;
}

static gpointer
length_index_build (HubDataset *dataset,
                    gpointer    user_data)
{
  LengthIndex *index = g_new0 (LengthIndex, 1);
  guint n = dataset->n_models;
  g_autofree guint16 *id_len = g_new (guint16, MAX (n, 1));
  g_autofree guint16 *name_len = g_new (guint16, MAX (n, 1));

  for (guint m = 0; m < n; m++)
    {
      const char *id = dataset->models[m].id;
      const char *slash = strchr (id, '/');
      gsize len = strlen (id);

      id_len[m] = (guint16) MIN (len, MAX_LEN);
      name_len[m] = slash != NULL ? (guint16) MIN (len - (gsize) (slash + 1 - id), MAX_LEN) : MAX_LEN + 1;
    }
  group_by_length (n, id_len, index->len_start, &index->by_len);
  group_by_length (n, name_len, index->name_start, &index->by_name_len);
  return index;
}

typedef struct {
  const char       *query;
  const HubIdArena *arena;     /* the ids lowered and contiguous, or NULL */
  guint             qlen;
  guint8      bag[64];
  guint       limit;
  guint       max_results;
  Candidate  *best;
  guint       n_best;
} Search;

static guint
search_bound (const Search *s)
{
  return s->n_best == s->max_results ? s->best[s->n_best - 1].distance : s->limit;
}

/* Measures model @m against the query and keeps it among the best. */
static void
consider (Search     *s,
          HubDataset *dataset,
          guint32     m)
{
  /* The arena's copy when there is one: lowered, its length known, in
   * one block of memory instead of a pointer per model. */
  const char *id = s->arena != NULL ? s->arena->text + s->arena->starts[m] : dataset->models[m].id;
  gsize full_len = s->arena != NULL ? s->arena->starts[m + 1] - s->arena->starts[m] - 1 : strlen (id);
  const char *slash = memchr (id, '/', full_len);
  guint bound = search_bound (s);
  guint len = MIN (full_len, MAX_LEN);
  Candidate cand = { m, bound + 1, 0 };
  guint k;

  if (length_gap (len, s->qlen) <= bound && bag_distance (s->bag, s->qlen, id, len, bound) <= bound)
    cand.distance = edit_distance (s->query, s->qlen, id, len, bound);
  if (slash != NULL && bound > 0)
    {
      const char *name = slash + 1;
      guint name_len = MIN (full_len - (gsize) (name - id), MAX_LEN);

      /* "Llama-2-7b" for "meta-llama/Llama-2-7b": the owner left out. */
      if (length_gap (name_len, s->qlen) + 1 <= MIN (bound, cand.distance) &&
          bag_distance (s->bag, s->qlen, name, name_len, MIN (bound, cand.distance) - 1) + 1 <= MIN (bound, cand.distance))
        cand.distance = MIN (cand.distance,
                             edit_distance (s->query, s->qlen, name, name_len,
                                            MIN (bound, cand.distance) - 1) + 1);
    }
  if (cand.distance > bound)
    return;
  cand.prefix = common_prefix (s->query, id);

  /* Insert into the sorted list of the best few. */
  k = MIN (s->n_best, s->max_results - 1);
  if (s->n_best == s->max_results && !candidate_better (&cand, &s->best[k]))
    return;
  while (k > 0 && candidate_better (&cand, &s->best[k - 1]))
    {
      s->best[k] = s->best[k - 1];
      k--;
    }
  s->best[k] = cand;
  s->n_best = MIN (s->n_best + 1, s->max_results);
}

/* Considers the models of length bucket @l not seen yet. */
static void
consider_bucket (Search         *s,
                 HubDataset     *dataset,
                 const guint32  *models,
                 const guint32  *start,
                 int             l,
                 guint8         *seen)
{
  if (l < 0 || l > MAX_LEN)
    return;
  for (guint32 i = start[l]; i < start[l + 1]; i++)
    if (!seen[models[i]])
      {
        seen[models[i]] = 1;
        consider (s, dataset, models[i]);
      }
}

GPtrArray *
hub_model_suggest (HubDataset *dataset,
                   const char *query,
                   guint       max_results)
{
  g_autofree Candidate *best = NULL;
  g_autofree guint8 *seen = NULL;
  LengthIndex *index;
  HubIdArena *arena;
  gboolean owned = FALSE, arena_owned = FALSE;
  Search s = { 0 };
  GPtrArray *result;

  g_return_val_if_fail (dataset != NULL, NULL);
  g_return_val_if_fail (query != NULL, NULL);

  result = g_ptr_array_new ();
  s.qlen = MIN (strlen (query), MAX_LEN);
  if (max_results == 0 || s.qlen == 0)
    return result;

  s.query = query;
  for (guint i = 0; i < s.qlen; i++)
    s.bag[hub_ascii_lower (query[i]) & 63] = MIN (s.bag[hub_ascii_lower (query[i]) & 63] + 1, 255);
  s.limit = MAX (2, s.qlen / 3);
  s.max_results = max_results;
  s.best = best = g_new0 (Candidate, max_results);
  index = hub_dataset_get_cached (dataset, "suggest-lengths", length_index_build, NULL, length_index_free, &owned);
  arena = hub_dataset_get_id_arena (dataset, HUB_ID_ARENA_IDS, &arena_owned);
  s.arena = arena;
  seen = g_new0 (guint8, MAX (dataset->n_models, 1));

  /* Nearest lengths first: a model whose whole id is within the bound
   * differs from the query's length by at most the bound, one whose name
   * is by at most the bound less one. The bound only shrinks, so the
   * models left unseen are all beyond it. */
  for (guint d = 0; d <= search_bound (&s); d++)
    {
      consider_bucket (&s, dataset, index->by_len, index->len_start, (int) s.qlen - (int) d, seen);
      if (d > 0)
        consider_bucket (&s, dataset, index->by_len, index->len_start, (int) s.qlen + (int) d, seen);
      if (d + 1 <= search_bound (&s))
        {
          consider_bucket (&s, dataset, index->by_name_len, index->name_start, (int) s.qlen - (int) d, seen);
          if (d > 0)
            consider_bucket (&s, dataset, index->by_name_len, index->name_start, (int) s.qlen + (int) d, seen);
        }
    }
  if (owned)
    length_index_free (index);
  if (arena_owned)
    hub_id_arena_free (arena);

  for (guint i = 0; i < s.n_best; i++)
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
