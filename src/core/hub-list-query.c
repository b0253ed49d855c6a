/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-list"

#include "config.h"

#include "hub-list-query.h"
#include "hub-parallel.h"
#include "hub-id-arena.h"
#include "hub-dataset-private.h"

#include <string.h>

/* Below this many models one thread is faster than starting a second. */
#define PARALLEL_THRESHOLD 200000
/* Rows filtered between two looks at the cancellable. */
#define CANCEL_CHECK_ROWS 65536

static const char * const sort_names[HUB_N_LIST_SORTS + 1] = {
  [HUB_LIST_SORT_TRENDING]           = "trending",
  [HUB_LIST_SORT_DOWNLOADS]          = "downloads",
  [HUB_LIST_SORT_DOWNLOADS_ALL_TIME] = "downloads-all-time",
  [HUB_LIST_SORT_LIKES]              = "likes",
  [HUB_LIST_SORT_CREATED]            = "created",
  [HUB_LIST_SORT_ID]                 = "id",
  [HUB_LIST_SORT_AUTHOR]             = "author",
  [HUB_LIST_SORT_TASK]               = "task",
  [HUB_LIST_SORT_LIBRARY]            = "library",
  [HUB_LIST_SORT_RECENT_RATIO]       = "recent-ratio",
  [HUB_LIST_SORT_PARAMETERS]         = "parameters",
  [HUB_LIST_SORT_COUNTRY]            = "country",
  [HUB_N_LIST_SORTS]                 = NULL,
};

/**
 * hub_list_query_init:
 * Sets @query to "every model, by trending score, highest first".
 */
void
hub_list_query_init (HubListQuery *query)
{
  g_return_if_fail (query != NULL);

  memset (query, 0, sizeof *query);
  query->relation = HUB_N_RELATIONS;
  query->min_params = HUB_COUNT_NONE;
  query->max_params = HUB_COUNT_NONE;
  query->created_from = HUB_TIME_NONE;
  query->created_to = HUB_TIME_NONE;
  query->sort = HUB_LIST_SORT_TRENDING;
  query->descending = TRUE;
  query->limit = 0;
}

/**
 * hub_list_query_clear:
 * Frees the strings of @query (not @query itself) and re-initializes it.
 */
void
hub_list_query_clear (HubListQuery *query)
{
  g_return_if_fail (query != NULL);

  g_free (query->search);
  g_free (query->task);
  g_free (query->library);
  g_free (query->country);
  g_free (query->org_type);
  hub_list_query_init (query);
}

/**
 * hub_list_query_copy:
 * Makes @dest (initialized or cleared by the caller) a deep copy of @src.
 */
void
hub_list_query_copy (HubListQuery       *dest,
                     const HubListQuery *src)
{
  g_return_if_fail (dest != NULL);
  g_return_if_fail (src != NULL);

  *dest = *src;
  dest->search = g_strdup (src->search);
  dest->task = g_strdup (src->task);
  dest->library = g_strdup (src->library);
  dest->country = g_strdup (src->country);
  dest->org_type = g_strdup (src->org_type);
}

/**
 * hub_list_sort_to_string:
 * Returns: the sort's name ("trending", "downloads-all-time", ...)
 */
const char *
hub_list_sort_to_string (HubListSort sort)
{
  g_return_val_if_fail (sort < HUB_N_LIST_SORTS, NULL);
  return sort_names[sort];
}

/**
 * hub_list_sort_names:
 * Returns: every sort's name, in HubListSort order, NULL-terminated
 */
const char * const *
hub_list_sort_names (void)
{
  return sort_names;
}

/**
 * hub_list_sort_is_numeric:
 * Whether @sort orders by a number (counts, the ratio, the size, the creation
 * time), which the window and `hubeco list` put largest first by default; the
 * text sorts (id, author, task, library, country) go from A to Z.
 */
gboolean
hub_list_sort_is_numeric (HubListSort sort)
{
  switch (sort)
    {
    case HUB_LIST_SORT_ID:
    case HUB_LIST_SORT_AUTHOR:
    case HUB_LIST_SORT_TASK:
    case HUB_LIST_SORT_LIBRARY:
    case HUB_LIST_SORT_COUNTRY:
      return FALSE;
    case HUB_LIST_SORT_TRENDING:
    case HUB_LIST_SORT_DOWNLOADS:
    case HUB_LIST_SORT_DOWNLOADS_ALL_TIME:
    case HUB_LIST_SORT_LIKES:
    case HUB_LIST_SORT_CREATED:
    case HUB_LIST_SORT_RECENT_RATIO:
    case HUB_LIST_SORT_PARAMETERS:
    case HUB_N_LIST_SORTS:
    default:
      return TRUE;
    }
}

/**
 * hub_list_sort_from_string:
 * Parses a name of hub_list_sort_to_string(); FALSE for anything else.
 */
gboolean
hub_list_sort_from_string (const char  *str,
                           HubListSort *out_sort)
{
  if (str == NULL)
    return FALSE;
  for (guint i = 0; i < HUB_N_LIST_SORTS; i++)
    if (g_ascii_strcasecmp (str, sort_names[i]) == 0)
      {
        if (out_sort != NULL)
          *out_sort = i;
        return TRUE;
      }
  return FALSE;
}

/**
 * hub_model_recent_ratio:
 * The share of all-time downloads made in the last 30 days: near 1 for a
 * rising model, near 0 for a fading one.
 *
 * Returns: downloads / downloads_all_time, or -1 when either is unknown or
 *   the all-time total is zero
 */
double
hub_model_recent_ratio (const HubModelRecord *record)
{
  g_return_val_if_fail (record != NULL, -1);

  if (record->downloads < 0 || record->downloads_all_time <= 0)
    return -1;
  return (double) record->downloads / (double) record->downloads_all_time;
}

/* Filtering -------------------------------------------------------------- */

/* A query resolved against one dataset: strings turned into table indices
 * and per-author verdicts, so that the per-model test is a few compares. */
typedef struct {
  HubDataset    *dataset;
  GCancellable  *cancellable;
  gboolean       none;           /* a filter value no model can have */
  gint           task;           /* -1 = any */
  gint           library;        /* -1 = any */
  HubRelation    relation;
  gint64         min_params;
  gint64         max_params;
  gboolean       params_bound;
  gint64         created_from;
  gint64         created_to;
  gint64         min_downloads;
  guint          exclude;
  char          *needle;         /* ASCII-lowered search text, or NULL */
  gsize          needle_len;
  guint8        *id_match;       /* with a needle: per model, its id contains it */
  guint32       *candidates;     /* with a needle: the models whose id or author's name holds
                                  * it (only they can pass), in index order; else NULL */
  guint          n_candidates;
  guint8        *author_state;   /* per author: 0 excluded, 1 passes, 2 passes and matches search */
} Resolved;

/* Per model (HUB_ID_ARENA_IDS) or author (HUB_ID_ARENA_AUTHORS), whether its string
 * contains @needle (lowered or casefolded as the arena). */
static guint8 *
strings_containing (HubDataset *dataset,
                    HubIdArenaKind kind,
                    const char *needle)
{
  guint n = kind == HUB_ID_ARENA_IDS ? dataset->n_models : dataset->n_authors;
  gsize needle_len = strlen (needle);
  guint8 *match = g_new0 (guint8, MAX (n, 1));
  gboolean owned = FALSE;
  HubIdArena *arena = hub_dataset_get_id_arena (dataset, kind, &owned);
  if (arena == NULL)
    {
      /* No arena (past 4 GB): a compare per string. */
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *folded = hub_id_arena_dup_string (dataset, kind, i);

          match[i] = strstr (folded, needle) != NULL;
        }
      return match;
    }
  hub_id_arena_mark (arena, n, needle, needle_len, match);
  if (owned)
    hub_id_arena_free (arena);
  return match;
}

/* The models of each author: models[offsets[a] .. offsets[a + 1]), in
 * index order. Built once per dataset (for a search that matches an
 * author's name). */
typedef struct {
  guint32 *offsets;
  guint32 *models;
} ModelsByAuthor;

static void
models_by_author_free (gpointer data)
{
  ModelsByAuthor *index = data;

  g_free (index->offsets);
  g_free (index->models);
  g_free (index);
}

static gpointer
models_by_author_build (HubDataset *dataset,
                        gpointer    user_data)
{
  ModelsByAuthor *index = g_new0 (ModelsByAuthor, 1);
  g_autofree guint32 *fill = NULL;

  index->offsets = g_new0 (guint32, dataset->n_authors + 1);
  index->models = g_new (guint32, MAX (dataset->n_models, 1));
  for (guint m = 0; m < dataset->n_models; m++)
    index->offsets[dataset->models[m].author + 1]++;
  for (guint a = 0; a < dataset->n_authors; a++)
    index->offsets[a + 1] += index->offsets[a];
  fill = g_memdup2 (index->offsets, sizeof (guint32) * (dataset->n_authors + 1));
  for (guint m = 0; m < dataset->n_models; m++)
    index->models[fill[dataset->models[m].author]++] = m;
  return index;
}

static void
resolve (Resolved           *resolved,
         const HubListQuery *query,
         HubDataset         *dataset,
         GCancellable       *cancellable)
{
  g_autofree char *search_folded = NULL;
  g_autofree guint8 *author_match = NULL;
  gboolean any_author = FALSE;

  memset (resolved, 0, sizeof *resolved);
  resolved->dataset = dataset;
  resolved->cancellable = cancellable;
  resolved->task = -1;
  resolved->library = -1;
  resolved->relation = query->relation;
  resolved->min_params = query->min_params;
  resolved->max_params = query->max_params;
  resolved->params_bound = query->min_params != HUB_COUNT_NONE || query->max_params != HUB_COUNT_NONE;
  resolved->created_from = query->created_from;
  resolved->created_to = query->created_to;
  resolved->min_downloads = query->min_downloads;
  resolved->exclude = query->exclude;

  if (query->task != NULL)
    {
      resolved->task = -2;
      for (guint i = 1; i < dataset->n_tasks; i++)
        if (strcmp (dataset->tasks[i].id, query->task) == 0)
          resolved->task = i;
      if (resolved->task == -2)
        resolved->none = TRUE;
    }
  if (query->library != NULL)
    {
      resolved->library = -2;
      for (guint i = 1; i < dataset->n_libraries; i++)
        if (strcmp (dataset->libraries[i].id, query->library) == 0)
          resolved->library = i;
      if (resolved->library == -2)
        resolved->none = TRUE;
    }

  if (query->search != NULL && query->search[0] != '\0')
    {
      /* Ids are ASCII: fold the search text the same way for them, and
       * fully (UTF-8 casefold) for the few authors. */
      resolved->needle = g_ascii_strdown (query->search, -1);
      resolved->needle_len = strlen (resolved->needle);
      resolved->id_match = strings_containing (dataset, HUB_ID_ARENA_IDS, resolved->needle);
      search_folded = g_utf8_casefold (query->search, -1);
    }

  if (search_folded != NULL)
    author_match = strings_containing (dataset, HUB_ID_ARENA_AUTHORS, search_folded);
  resolved->author_state = g_new (guint8, MAX (dataset->n_authors, 1));
  for (guint a = 0; a < dataset->n_authors; a++)
    {
      const HubAuthorInfo *info = &dataset->authors[a];
      guint8 state = 1;

      if (query->country != NULL && g_strcmp0 (info->country, query->country) != 0)
        state = 0;
      if (query->org_type != NULL && g_strcmp0 (hub_author_org_type (info, query->individuals), query->org_type) != 0)
        state = 0;
      if (state == 1 && author_match != NULL && author_match[a])
        state = 2;
      resolved->author_state[a] = state;
      any_author |= state == 2;
    }

  /* Typing in the search: only the models whose id holds the text, or
   * whose author's name does, can pass: usually a few of millions. Marking
   * the latter in @id_match changes no verdict (their author passes). */
  if (resolved->id_match != NULL)
    {
      guint n = 0;

      if (any_author)
        {
          gboolean owned = FALSE;
          ModelsByAuthor *by_author = hub_dataset_get_cached (dataset, "models-by-author", models_by_author_build,
                                                              NULL, models_by_author_free, &owned);

          for (guint a = 0; by_author != NULL && a < dataset->n_authors; a++)
            if (resolved->author_state[a] == 2)
              for (guint32 k = by_author->offsets[a]; k < by_author->offsets[a + 1]; k++)
                resolved->id_match[by_author->models[k]] = 1;
          if (owned)
            models_by_author_free (by_author);
        }

      for (guint m = 0; m < dataset->n_models; m++)
        n += resolved->id_match[m];
      resolved->candidates = g_new (guint32, MAX (n, 1));
      for (guint m = 0; m < dataset->n_models; m++)
        if (resolved->id_match[m])
          resolved->candidates[resolved->n_candidates++] = m;
    }
}

static void
resolved_clear (Resolved *resolved)
{
  g_clear_pointer (&resolved->needle, g_free);
  g_clear_pointer (&resolved->id_match, g_free);
  g_clear_pointer (&resolved->candidates, g_free);
  g_clear_pointer (&resolved->author_state, g_free);
}

static inline gboolean
passes (const Resolved       *r,
        const HubModelRecord *record)
{
  guint8 state = r->author_state[record->author];

  if (state == 0)
    return FALSE;
  if (r->task >= 0 && record->task != r->task)
    return FALSE;
  if (r->library >= 0 && record->library != r->library)
    return FALSE;
  if (r->relation != HUB_N_RELATIONS && record->relation != r->relation)
    return FALSE;
  if (record->kinds & r->exclude)
    return FALSE;
  if (r->params_bound)
    {
      if (record->parameters == HUB_COUNT_NONE)
        return FALSE;
      if (r->min_params != HUB_COUNT_NONE && record->parameters < r->min_params)
        return FALSE;
      if (r->max_params != HUB_COUNT_NONE && record->parameters > r->max_params)
        return FALSE;
    }
  /* A model whose downloads the catalogue does not know is not known to be
   * under the threshold: it stays. */
  if (r->min_downloads > 0 && record->downloads >= 0 && record->downloads < r->min_downloads)
    return FALSE;
  if (r->created_from != HUB_TIME_NONE &&
      (record->created_at == HUB_TIME_NONE || record->created_at < r->created_from))
    return FALSE;
  if (r->created_to != HUB_TIME_NONE &&
      (record->created_at == HUB_TIME_NONE || record->created_at >= r->created_to))
    return FALSE;
  if (r->needle != NULL && state != 2 && !r->id_match[record - r->dataset->models])
    return FALSE;
  return TRUE;
}

/* The sort key: ascending order of (key, index) is the wanted order, since
 * index order is id order. Unknown values get G_MAXINT64: last either way. */
typedef struct {
  gint64  key;
  guint32 index;
} SortItem;

typedef struct {
  HubListSort  sort;
  gboolean     descending;
  guint32     *author_rank;    /* for AUTHOR and COUNTRY */
  guint32     *task_rank;
  guint32     *library_rank;
} KeyMaker;

static inline gint64
directed (const KeyMaker *maker,
          gint64          value)
{
  return maker->descending ? -value : value;
}

static inline gint64
count_key (const KeyMaker *maker,
           gint64          value)
{
  return value < 0 ? G_MAXINT64 : directed (maker, value);
}

static inline gint64
make_key (const KeyMaker       *maker,
          const HubModelRecord *record,
          guint32               index)
{
  switch (maker->sort)
    {
    case HUB_LIST_SORT_TRENDING:
      return count_key (maker, record->trending_score);
    case HUB_LIST_SORT_DOWNLOADS:
      return count_key (maker, record->downloads);
    case HUB_LIST_SORT_DOWNLOADS_ALL_TIME:
      return count_key (maker, record->downloads_all_time);
    case HUB_LIST_SORT_LIKES:
      return count_key (maker, record->likes);
    case HUB_LIST_SORT_PARAMETERS:
      return count_key (maker, record->parameters);
    case HUB_LIST_SORT_CREATED:
      return record->created_at == HUB_TIME_NONE ? G_MAXINT64 : directed (maker, record->created_at);
    case HUB_LIST_SORT_ID:
      return directed (maker, index);
    case HUB_LIST_SORT_AUTHOR:
    case HUB_LIST_SORT_COUNTRY:
      {
        guint32 rank = maker->author_rank[record->author];
        return rank == G_MAXUINT32 ? G_MAXINT64 : directed (maker, rank);
      }
    case HUB_LIST_SORT_TASK:
      return record->task == 0 ? G_MAXINT64 : directed (maker, maker->task_rank[record->task]);
    case HUB_LIST_SORT_LIBRARY:
      return record->library == 0 ? G_MAXINT64 : directed (maker, maker->library_rank[record->library]);
    case HUB_LIST_SORT_RECENT_RATIO:
      {
        double ratio = hub_model_recent_ratio (record);
        gint64 bits;

        if (ratio < 0)
          return G_MAXINT64;
        /* A non-negative double's bits order like the double itself. */
        memcpy (&bits, &ratio, sizeof bits);
        return directed (maker, bits);
      }
    case HUB_N_LIST_SORTS:
    default:
      g_assert_not_reached ();
    }
  return 0;
}

typedef struct {
  const char *text;
  guint32     index;
} RankItem;

static int
compare_rank_items (gconstpointer a,
                    gconstpointer b)
{
  const RankItem *ra = a, *rb = b;
  int cmp = g_ascii_strcasecmp (ra->text, rb->text);

  if (cmp == 0)
    cmp = strcmp (ra->text, rb->text);
  return cmp;
}

/* Ranks of the strings of a small table (NULL = unknown = G_MAXUINT32),
 * case-insensitively, equal strings sharing a rank. */
static guint32 *
rank_strings (const char * const *texts,
              guint               n,
              gsize               stride)
{
  g_autofree RankItem *items = g_new (RankItem, MAX (n, 1));
  guint32 *ranks = g_new (guint32, MAX (n, 1));
  guint n_items = 0;
  guint32 rank = 0;

  for (guint i = 0; i < n; i++)
    {
      const char *text = *(const char * const *) ((const char *) texts + i * stride);

      ranks[i] = G_MAXUINT32;
      if (text != NULL && *text != '\0')
        items[n_items++] = (RankItem) { text, i };
    }
  qsort (items, n_items, sizeof (RankItem), compare_rank_items);
  for (guint i = 0; i < n_items; i++)
    {
      if (i > 0 && strcmp (items[i - 1].text, items[i].text) != 0)
        rank++;
      ranks[items[i].index] = rank;
    }
  return ranks;
}

static void
key_maker_init (KeyMaker           *maker,
                const HubListQuery *query,
                HubDataset         *dataset)
{
  memset (maker, 0, sizeof *maker);
  maker->sort = query->sort;
  maker->descending = query->descending;

  if (query->sort == HUB_LIST_SORT_AUTHOR)
    maker->author_rank = rank_strings (&dataset->authors[0].author, dataset->n_authors,
                                       sizeof (HubAuthorInfo));
  else if (query->sort == HUB_LIST_SORT_COUNTRY)
    maker->author_rank = rank_strings (&dataset->authors[0].country, dataset->n_authors,
                                       sizeof (HubAuthorInfo));
  else if (query->sort == HUB_LIST_SORT_TASK)
    maker->task_rank = rank_strings (&dataset->tasks[0].id, dataset->n_tasks,
                                     sizeof (HubTaskInfo));
  else if (query->sort == HUB_LIST_SORT_LIBRARY)
    maker->library_rank = rank_strings (&dataset->libraries[0].id, dataset->n_libraries,
                                        sizeof (HubLibraryInfo));
}

static void
key_maker_clear (KeyMaker *maker)
{
  g_clear_pointer (&maker->author_rank, g_free);
  g_clear_pointer (&maker->task_rank, g_free);
  g_clear_pointer (&maker->library_rank, g_free);
}

/* One slice of the models (of the search's candidates when there are),
 * filtered and keyed by one thread. */
typedef struct {
  const Resolved *resolved;
  const KeyMaker *maker;
  guint           start;
  guint           end;
  SortItem       *out;
  guint           n_out;
  gboolean        cancelled;
} FilterJob;

static gpointer
filter_job_run (gpointer data)
{
  FilterJob *job = data;
  const HubModelRecord *models = job->resolved->dataset->models;
  const guint32 *candidates = job->resolved->candidates;

  job->n_out = 0;
  for (guint k = job->start; k < job->end; k++)
    {
      guint i = candidates != NULL ? candidates[k] : k;

      if (((k - job->start) % CANCEL_CHECK_ROWS) == 0 &&
          g_cancellable_is_cancelled (job->resolved->cancellable))
        {
          job->cancelled = TRUE;
          return NULL;
        }
      if (passes (job->resolved, &models[i]))
        {
          job->out[job->n_out].key = make_key (job->maker, &models[i], i);
          job->out[job->n_out].index = i;
          job->n_out++;
        }
    }
  return NULL;
}

/* Sorting ------------------------------------------------------------------ */

static inline gboolean
item_less (const SortItem *a,
           const SortItem *b)
{
  return a->key < b->key || (a->key == b->key && a->index < b->index);
}

static void
insertion_sort (SortItem *items,
                gsize     n)
{
  for (gsize i = 1; i < n; i++)
    {
      SortItem item = items[i];
      gsize j = i;

      while (j > 0 && item_less (&item, &items[j - 1]))
        {
          items[j] = items[j - 1];
          j--;
        }
      items[j] = item;
    }
}

static void
merge (const SortItem *a,
       gsize           n_a,
       const SortItem *b,
       gsize           n_b,
       SortItem       *out)
{
  gsize i = 0, j = 0, k = 0;

  while (i < n_a && j < n_b)
    out[k++] = item_less (&b[j], &a[i]) ? b[j++] : a[i++];
  while (i < n_a)
    out[k++] = a[i++];
  while (j < n_b)
    out[k++] = b[j++];
}

/* Bottom-up merge sort of @items using @scratch; returns where the sorted
 * items ended up (@items or @scratch), or NULL when cancelled. */
static SortItem *
merge_sort (SortItem     *items,
            SortItem     *scratch,
            gsize         n,
            GCancellable *cancellable)
{
  const gsize run = 32;
  SortItem *src = items, *dst = scratch;

  for (gsize i = 0; i < n; i += run)
    insertion_sort (items + i, MIN (run, n - i));

  for (gsize width = run; width < n; width *= 2)
    {
      if (g_cancellable_is_cancelled (cancellable))
        return NULL;
      for (gsize i = 0; i < n; i += 2 * width)
        {
          gsize n_a = MIN (width, n - i);
          gsize n_b = MIN (width, n - i - n_a);

          merge (src + i, n_a, src + i + n_a, n_b, dst + i);
        }
      {
        SortItem *tmp = src;
        src = dst;
        dst = tmp;
      }
    }
  return src;
}

typedef struct {
  SortItem     *items;
  SortItem     *scratch;
  gsize         n;
  GCancellable *cancellable;
  SortItem     *result;
} SortJob;

static gpointer
sort_job_run (gpointer data)
{
  SortJob *job = data;

  job->result = merge_sort (job->items, job->scratch, job->n, job->cancellable);
  return NULL;
}

/* Moves the @k smallest items to the front (in any order). Items are all
 * distinct (indices are unique), so a median-of-three pivot is never the
 * smallest nor the largest and every round shrinks the range. */
static void
select_smallest (SortItem *items,
                 gsize     n,
                 gsize     k)
{
  gsize lo = 0, hi = n;

  while (hi - lo > 16 && lo < k && hi > k)
    {
      SortItem a = items[lo], b = items[lo + (hi - lo) / 2], c = items[hi - 1];
      SortItem pivot;
      gssize i = (gssize) lo - 1, j = hi;

      if (item_less (&a, &b))
        pivot = item_less (&b, &c) ? b : (item_less (&a, &c) ? c : a);
      else
        pivot = item_less (&a, &c) ? a : (item_less (&b, &c) ? c : b);

      /* Hoare partition: [lo, j] <= pivot <= (j, hi). */
      for (;;)
        {
          SortItem tmp;

          do
            i++;
          while (item_less (&items[i], &pivot));
          do
            j--;
          while (item_less (&pivot, &items[j]));
          if (i >= j)
            break;
          tmp = items[i];
          items[i] = items[j];
          items[j] = tmp;
        }
      if (k <= (gsize) j + 1)
        hi = j + 1;
      else
        lo = j + 1;
    }
  if (lo < k && hi > k)
    insertion_sort (items + lo, hi - lo);
}

static SortItem *
sort_items (SortItem     *items,
            gsize         n,
            SortItem     *scratch,
            GCancellable *cancellable)
{
  SortJob jobs[2];
  gsize half;

  if (n < PARALLEL_THRESHOLD)
    return merge_sort (items, scratch, n, cancellable);

  /* Each core sorts a half, then one merge. */
  half = n / 2;
  jobs[0] = (SortJob) { items, scratch, half, cancellable, NULL };
  jobs[1] = (SortJob) { items + half, scratch + half, n - half, cancellable, NULL };
  hub_parallel_run_pair ("hub-list-sort", sort_job_run, &jobs[1], &jobs[0]);
  if (jobs[0].result == NULL || jobs[1].result == NULL)
    return NULL;

  {
    SortItem *out = jobs[0].result == items ? scratch : items;

    /* Both halves must land on the same side to merge into the other. */
    if (jobs[1].result != jobs[0].result + half)
      {
        memcpy (jobs[0].result + half, jobs[1].result, (n - half) * sizeof (SortItem));
      }
    merge (jobs[0].result, half, jobs[0].result + half, n - half, out);
    return out;
  }
}

/* Filters every model and sorts the survivors (on two threads past
 * PARALLEL_THRESHOLD models): the orders' builder, and the way when the
 * dataset keeps no order. */
static GArray *
filter_and_sort (const HubListQuery *query,
                 HubDataset         *dataset,
                 GCancellable       *cancellable)
{
  g_autofree SortItem *items = NULL;
  g_autofree SortItem *scratch = NULL;
  SortItem *sorted;
  Resolved resolved;
  KeyMaker maker;
  FilterJob jobs[2];
  guint n_jobs, n_rows;
  gsize n = 0;
  GArray *result;

  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (dataset != NULL, NULL);
  g_return_val_if_fail (query->sort < HUB_N_LIST_SORTS, NULL);

  if (g_cancellable_is_cancelled (cancellable))
    return NULL;

  resolve (&resolved, query, dataset, cancellable);
  if (resolved.none || dataset->n_models == 0)
    {
      resolved_clear (&resolved);
      return g_array_new (FALSE, FALSE, sizeof (guint32));
    }

  key_maker_init (&maker, query, dataset);
  n_rows = resolved.candidates != NULL ? resolved.n_candidates : dataset->n_models;
  items = g_new (SortItem, MAX (n_rows, 1));

  n_jobs = n_rows >= PARALLEL_THRESHOLD ? 2 : 1;
  for (guint j = 0; j < n_jobs; j++)
    {
      jobs[j] = (FilterJob) {
        &resolved, &maker,
        (guint) ((guint64) n_rows * j / n_jobs),
        (guint) ((guint64) n_rows * (j + 1) / n_jobs),
        NULL, 0, FALSE
      };
      jobs[j].out = items + jobs[j].start;
    }
  if (n_jobs == 2)
    hub_parallel_run_pair ("hub-list-filter", filter_job_run, &jobs[1], &jobs[0]);
  else
    filter_job_run (&jobs[0]);

  resolved_clear (&resolved);
  key_maker_clear (&maker);

  if (jobs[0].cancelled || (n_jobs == 2 && jobs[1].cancelled))
    return NULL;

  /* Pack the second slice's survivors after the first's. */
  n = jobs[0].n_out;
  if (n_jobs == 2)
    {
      memmove (items + n, jobs[1].out, jobs[1].n_out * sizeof (SortItem));
      n += jobs[1].n_out;
    }

  /* A short top list only needs its own items sorted. */
  if (query->limit > 0 && query->limit < n)
    {
      if (query->limit * (gsize) 4 < n)
        select_smallest (items, n, query->limit);
      else
        {
          scratch = g_new (SortItem, n);
          sorted = sort_items (items, n, scratch, cancellable);
          if (sorted == NULL)
            return NULL;
          if (sorted != items)
            memcpy (items, sorted, query->limit * sizeof (SortItem));
        }
      n = query->limit;
    }

  if (g_cancellable_is_cancelled (cancellable))
    return NULL;

  if (scratch == NULL)
    {
      scratch = g_new (SortItem, MAX (n, 1));
      sorted = sort_items (items, n, scratch, cancellable);
      if (sorted == NULL)
        return NULL;
    }
  else
    sorted = items;

  result = g_array_sized_new (FALSE, FALSE, sizeof (guint32), n);
  g_array_set_size (result, n);
  for (gsize i = 0; i < n; i++)
    g_array_index (result, guint32, i) = sorted[i].index;
  return result;
}

/* Every model in @sort's order (the window's first direction): built
 * once per dataset, on first use, by the same filter-and-sort (issue 18:
 * a header click re-sorted 2 M models every time). */
typedef struct {
  HubListSort sort;
  gboolean    descending;
} OrderKey;

static gpointer
build_order (HubDataset *dataset,
             gpointer    user_data)
{
  const OrderKey *key = user_data;
  HubListQuery all;

  hub_list_query_init (&all);
  all.sort = key->sort;
  all.descending = key->descending;
  return filter_and_sort (&all, dataset, NULL);
}

/**
 * hub_list_query_run:
 * @query: the filters and order
 * @dataset: the models
 * @cancellable: (nullable): checked between batches
 *
 * Filters the models of @dataset by every filter of @query and orders them
 * by @query's sort, ties broken by id (ascending); unknown values come last
 * whichever the direction. A filter naming a task, library, country or
 * organization type the dataset does not have matches nothing. The
 * whole list in each order (numbers largest first, text A to Z) is built
 * once per dataset on first use and kept with it: a header click on the
 * unfiltered list copies it (issue 18); a filtered or reversed list sorts
 * its survivors.
 *
 * Returns: (transfer full) (nullable): guint32 model indices, or NULL only
 *   when @cancellable was cancelled
 */
/* TRUE when @query lets every model through. */
static gboolean
filters_nothing (const HubListQuery *query)
{
  return (query->search == NULL || query->search[0] == '\0') && query->task == NULL && query->library == NULL &&
         query->country == NULL && query->org_type == NULL && query->relation == HUB_N_RELATIONS &&
         query->min_params == HUB_COUNT_NONE && query->max_params == HUB_COUNT_NONE &&
         query->created_from == HUB_TIME_NONE && query->created_to == HUB_TIME_NONE && query->min_downloads <= 0 &&
         query->exclude == 0;
}

GArray *
hub_list_query_run (const HubListQuery *query,
                    HubDataset         *dataset,
                    GCancellable       *cancellable)
{
  g_autofree char *cache_key = NULL;
  OrderKey key;
  GArray *order, *result;
  gboolean owned = FALSE;
  guint n;

  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (dataset != NULL, NULL);
  g_return_val_if_fail (query->sort < HUB_N_LIST_SORTS, NULL);

  if (g_cancellable_is_cancelled (cancellable))
    return NULL;
  /* A filtered list sorts only its survivors, as fast as scanning an
   * order in a scattered memory order would be. Orders are kept for the
   * window's first click on a column (numbers largest first, text A to Z):
   * at most one per sort, 8 MB each at 2 M models. */
  if (!filters_nothing (query) || query->descending != hub_list_sort_is_numeric (query->sort))
    return filter_and_sort (query, dataset, cancellable);

  key.sort = query->sort;
  key.descending = query->descending;
  cache_key = g_strdup_printf ("list-order:%s", hub_list_sort_to_string (query->sort));
  order = hub_dataset_get_cached (dataset, cache_key, build_order, &key, (GDestroyNotify) g_array_unref, &owned);
  if (order == NULL)
    return NULL;
  /* The dataset's cache is full: this order was built for this call. */
  if (owned)
    {
      if (query->limit > 0 && query->limit < order->len)
        g_array_set_size (order, query->limit);
      return order;
    }
  n = query->limit > 0 ? MIN (query->limit, order->len) : order->len;
  result = g_array_sized_new (FALSE, FALSE, sizeof (guint32), n);
  g_array_append_vals (result, order->data, n);
  return result;
}

guint8 *
hub_list_query_mask (const HubListQuery *query,
                     HubDataset         *dataset,
                     GCancellable       *cancellable)
{
  HubListQuery all;
  guint8 *mask;
  Resolved resolved;
  guint n, n_rows;

  g_return_val_if_fail (dataset != NULL, NULL);

  if (query == NULL)
    {
      hub_list_query_init (&all);
      query = &all;
    }
  n = hub_dataset_get_n_models (dataset);
  mask = g_new0 (guint8, MAX (n, 1));
  resolve (&resolved, query, dataset, cancellable);
  /* With a search, only its candidates can pass (the rest stay 0). */
  n_rows = resolved.candidates != NULL ? resolved.n_candidates : n;
  for (guint k = 0; k < n_rows && !resolved.none; k++)
    {
      guint m = resolved.candidates != NULL ? resolved.candidates[k] : k;

      if ((k & 0xffff) == 0 && g_cancellable_is_cancelled (cancellable))
        {
          resolved_clear (&resolved);
          g_free (mask);
          return NULL;
        }
      mask[m] = passes (&resolved, &dataset->models[m]);
    }
  resolved_clear (&resolved);
  return mask;
}
