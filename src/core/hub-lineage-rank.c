/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-lineage"

#include "config.h"

#include "hub-dataset-private.h"
#include "hub-lineage-private.h"
#include "hub-memory.h"
#include "hub-parallel.h"

#include <string.h>

/*
 * The rankings over the lineage graph: families and intermediaries.
 *
 * A family's sums and the order of the families do not depend on the
 * query: they are computed once per lineage, on the first ranking (the
 * sums in one pass over the preorder layout, a walk only for the families
 * a merge joins to another, on two threads; then two stable radix sorts),
 * and kept in rank order. A ranking is then one pass over that order that
 * keeps the families whose root passes the filter.
 *
 * An intermediary's sums are one pass over the layout, which marks every
 * model derived from another author's model (DERIVES_FROM_OTHER).
 */

typedef struct {
  guint64 key;
  guint32 item;
} RadixPair;

/* Sorts @pairs by key, ascending and stable (16-bit digits; a digit that
 * every pair shares costs one counting pass). @tmp holds @n pairs.
 * Returns: the sorted pairs, in @pairs or in @tmp */
static RadixPair *
radix_sort_pairs (RadixPair *pairs,
                  RadixPair *tmp,
                  guint      n)
{
  g_autofree guint *counts = g_new (guint, 65536 + 1);
  RadixPair *src = pairs, *dst = tmp;

  for (guint shift = 0; shift < 64 && n > 0; shift += 16)
    {
      memset (counts, 0, sizeof (guint) * (65536 + 1));
      for (guint i = 0; i < n; i++)
        counts[((src[i].key >> shift) & 0xffff) + 1]++;
      if (counts[((src[0].key >> shift) & 0xffff) + 1] == n)
        continue;
      for (guint d = 0; d < 65536; d++)
        counts[d + 1] += counts[d];
      for (guint i = 0; i < n; i++)
        dst[counts[(src[i].key >> shift) & 0xffff]++] = src[i];
      {
        RadixPair *t = src;

        src = dst;
        dst = t;
      }
    }
  return src;
}

/* A sum in descending order as an ascending key (sums are never negative). */
static inline guint64
descending_key (gint64 value)
{
  return (guint64) (G_MAXINT64 - value);
}

/* The order of @n items, @stride bytes apart from @items, by two counts
 * (gint64, never negative) at @first and @second bytes into each, largest
 * first, ties by position: two stable radix sorts, the second key first.
 * Returns: the sorted pairs (item = position), in @pairs or @tmp (n each) */
static RadixPair *
rank_order (gconstpointer  items,
            gsize          stride,
            gsize          first,
            gsize          second,
            guint          n,
            RadixPair     *pairs,
            RadixPair     *tmp)
{
  const guint8 *base = items;
  RadixPair *sorted;

  for (guint k = 0; k < n; k++)
    {
      pairs[k].key = descending_key (*(const gint64 *) (base + k * stride + second));
      pairs[k].item = k;
    }
  sorted = radix_sort_pairs (pairs, tmp, n);
  for (guint i = 0; i < n; i++)
    {
      /* Scattered reads: ask for the ones a few steps ahead. */
      __builtin_prefetch (base + sorted[MIN (i + 16, n - 1)].item * stride + first);
      sorted[i].key = descending_key (*(const gint64 *) (base + sorted[i].item * stride + first));
    }
  return radix_sort_pairs (sorted, sorted == pairs ? tmp : pairs, n);
}

/* The families are summed in chunks of this many, taken in turn by the
 * two threads (the families of the first roots are the largest). */
#define SUM_CHUNK 4096

typedef struct {
  HubLineage       *lineage;
  const guint32    *position;  /* of each family's root, ascending */
  HubLineageFamily *families;  /* out, by family */
  guint             n;
  gint             *next;      /* the next chunk to take (atomic) */
  GCancellable     *cancellable;
} SumJob;

/* The sums of the family whose root is at position @p: the models of its
 * range, unless one of them has a child through a second edge (a merge
 * joins another family's model to it): then the family walk. */
static void
family_sum (HubLineage    *self,
            Scratch       *scratch,
            guint32        p,
            HubLineageSum *sum)
{
  guint32 end = self->pre_end[p];
  guint64 n_known = 0;
  gint64 downloads = 0, all_time = 0;
  guint32 q;

  for (q = p; q < end && !(self->pre_info[q] & HAS_SECONDARY); q++)
    {
      downloads += self->pre_downloads[q];
      all_time += hub_lineage_count_or_zero (self->pre_all_time[q]);
      n_known += self->pre_all_time[q] >= 0;
    }
  if (q == end)
    {
      sum->n_models = end - p;
      sum->downloads = downloads;
      sum->downloads_all_time = all_time;
      sum->n_all_time_known = n_known;
    }
  else
    {
      HubLineageTotals totals = { 0 };

      hub_lineage_scratch_next_generation (self, scratch);
      hub_lineage_include_family (self, scratch, self->order[p], 0, &totals, NULL);
      *sum = totals.all;
    }
}

static gpointer
sum_job_run (gpointer data)
{
  SumJob *job = data;
  HubLineage *self = job->lineage;
  Scratch *scratch = hub_lineage_scratch_acquire (self);
  guint first;

  while ((first = (guint) g_atomic_int_add (job->next, SUM_CHUNK)) < job->n
         && !g_cancellable_is_cancelled (job->cancellable))
    for (guint k = first; k < MIN (first + SUM_CHUNK, job->n); k++)
      {
        guint32 p = job->position[k];
        HubLineageFamily *family = &job->families[k];

        family_sum (self, scratch, p, &family->all);
        family->root = self->order[p];
        family->root_share = family->all.downloads > 0
                             ? (double) self->pre_downloads[p] / (double) family->all.downloads
                             : 0.0;
      }
  hub_lineage_scratch_release (self, scratch);
  return NULL;
}

/* Computes every family's sums and rank order into self->families. FALSE
 * (and nothing kept) when cancelled. Called under families_lock. */
static gboolean
families_build (HubLineage   *self,
                GCancellable *cancellable)
{
  g_autofree guint32 *positions = NULL;
  g_autofree HubLineageFamily *by_root = NULL;
  g_autofree RadixPair *pairs = NULL;
  g_autofree RadixPair *tmp = NULL;
  RadixPair *sorted;
  SumJob job;
  gint next = 0;
  guint n;

  /* Roots head the forest's top-level ranges, in increasing index order. */
  n = 0;
  for (guint32 p = 0; p < self->n_models; p = self->pre_end[p])
    n++;
  positions = hub_memory_new_large (guint32, n);
  n = 0;
  for (guint32 p = 0; p < self->n_models; p = self->pre_end[p])
    positions[n++] = p;

  by_root = hub_memory_new_large (HubLineageFamily, n);
  job = (SumJob) { self, positions, by_root, n, &next, cancellable };
  hub_parallel_run_pair ("hubeco-families", sum_job_run, &job, &job);
  if (g_cancellable_is_cancelled (cancellable))
    return FALSE;

  /* Most downloads first, then most all-time downloads, then by root (the
   * families come by increasing root). */
  pairs = hub_memory_new_large (RadixPair, n);
  tmp = hub_memory_new_large (RadixPair, n);
  sorted = rank_order (by_root, sizeof (HubLineageFamily),
                       G_STRUCT_OFFSET (HubLineageFamily, all.downloads),
                       G_STRUCT_OFFSET (HubLineageFamily, all.downloads_all_time), n, pairs, tmp);

  self->families = hub_memory_new_large (HubLineageFamily, n);
  for (guint i = 0; i < n; i++)
    {
      /* Scattered reads: ask for the ones a few steps ahead. */
      __builtin_prefetch (&by_root[sorted[MIN (i + 16, n - 1)].item]);
      self->families[i] = by_root[sorted[i].item];
    }
  self->n_families = n;
  return TRUE;
}

/* Frees what the rankings keep; for hub_lineage_unref(). */
void
hub_lineage_rank_clear (HubLineage *self)
{
  g_clear_pointer (&self->families, g_free);
  g_mutex_clear (&self->families_lock);
}

/**
 * hub_lineage_rank_families:
 * @filter: (nullable): keeps only families whose root passes it (task,
 *   library, country, org type, ... as in the trending list)
 * @min_size: the fewest models (root included) a family needs to be listed
 * @limit: how many families to return at most (the first ones); 0 = all
 * @cancellable: (nullable): checked while the families are summed and
 *   while they are filtered
 *
 * Every root (a model that is its own root, see hub_lineage_compute_roots())
 * with its family: itself and all its descendants, each counted once. A
 * merge of two families counts in both. Most 30-day downloads first, then
 * most all-time downloads, then by root index. The first call on a lineage
 * sums every family (about 0.16 s at 2.2 million models, on two cores);
 * later calls read those sums.
 *
 * Returns: (transfer full) (element-type HubLineageFamily) (nullable): the
 *   families, NULL only when cancelled
 */
GArray *
hub_lineage_rank_families (HubLineage         *self,
                           const HubListQuery *filter,
                           guint               min_size,
                           guint               limit,
                           GCancellable       *cancellable)
{
  g_autofree guint8 *keep = NULL;
  GArray *result;
  gboolean ready;
  guint reserved;

  g_return_val_if_fail (self != NULL, NULL);

  /* The roots the filter lets through. */
  if (filter != NULL && (keep = hub_list_query_mask (filter, self->dataset, cancellable)) == NULL)
    return NULL;

  g_mutex_lock (&self->families_lock);
  ready = self->families != NULL || families_build (self, cancellable);
  g_mutex_unlock (&self->families_lock);
  if (!ready)
    return NULL;

  /* A filter that keeps every root filters nothing. */
  if (keep != NULL && memchr (keep, 0, self->n_models) == NULL)
    g_clear_pointer (&keep, g_free);

  reserved = limit != 0 ? MIN (limit, self->n_families) : self->n_families;
  result = g_array_sized_new (FALSE, FALSE, sizeof (HubLineageFamily), reserved);
  hub_memory_advise_large (result->data, sizeof (HubLineageFamily) * reserved);
  if (keep == NULL && min_size <= 1)
    g_array_append_vals (result, self->families,
                         limit != 0 ? MIN (limit, self->n_families) : self->n_families);
  else
    for (guint i = 0; i < self->n_families && (limit == 0 || result->len < limit); i++)
      {
        const HubLineageFamily *family = &self->families[i];

        if ((i & 0xffff) == 0 && g_cancellable_is_cancelled (cancellable))
          break;
        if ((keep == NULL || keep[family->root]) && family->all.n_models >= min_size)
          g_array_append_val (result, *family);
      }

  if (g_cancellable_is_cancelled (cancellable))
    g_clear_pointer (&result, g_array_unref);
  return result;
}

/**
 * hub_lineage_rank_intermediaries:
 * @root: the root of the family to look in, or -1 for the whole dataset
 * @relation: count only derivatives of this relation, or %HUB_N_RELATIONS
 *   for all
 *
 * Authors ranked by the 30-day downloads of their derivatives of other
 * authors' models: a model counts for its author when at least one of its
 * parents in the data belongs to someone else. Parents missing from the
 * data are not counted (their author is not known).
 *
 * Returns: (transfer full) (element-type HubLineageIntermediary): authors
 *   with at least one such derivative, most downloads first
 */
GArray *
hub_lineage_rank_intermediaries (HubLineage  *self,
                                 gint32       root,
                                 HubRelation  relation)
{
  g_autoptr(GArray) members = NULL;
  g_autofree HubLineageIntermediary *rows = NULL;
  g_autofree guint32 *slot = NULL;
  g_autofree RadixPair *pairs = NULL;
  g_autofree RadixPair *tmp = NULL;
  RadixPair *sorted;
  guint n_authors, n_members, n;
  GArray *result;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (root < 0 || (guint) root < self->n_models, NULL);
  g_return_val_if_fail ((guint) relation <= HUB_N_RELATIONS, NULL);

  if (root >= 0)
    {
      Scratch *scratch = hub_lineage_scratch_acquire (self);

      members = g_array_new (FALSE, FALSE, sizeof (guint32));
      hub_lineage_include_family (self, scratch, root, 0, NULL, members);
      hub_lineage_scratch_release (self, scratch);
      n_members = members->len;
    }
  else
    n_members = self->n_models;

  /* Each author's row: the authors with a derivative found in a first
   * pass, their rows numbered in author order, summed in a second (the
   * rows are ~260 bytes and a hundred thousand authors may have some). */
  n_authors = self->dataset->n_authors;
  slot = g_new0 (guint32, MAX (n_authors, 1));
  for (guint pass = 0; pass < 2; pass++)
    {
      if (pass == 1)
        {
          n = 0;
          for (guint32 a = 0; a < n_authors; a++)
            slot[a] = slot[a] != 0 ? n++ : G_MAXUINT32;
          rows = hub_memory_new0_large (HubLineageIntermediary, n);
        }
      for (guint i = 0; i < n_members; i++)
        {
          guint32 p = members != NULL ? self->tin[g_array_index (members, guint32, i)] : i;
          guint8 info = self->pre_info[p];
          HubRelation r = (HubRelation) (info & RELATION_MASK);
          guint32 a = self->pre_author[p];

          if (!(info & DERIVES_FROM_OTHER) || (relation != HUB_N_RELATIONS && r != relation))
            continue;
          if (pass == 0)
            slot[a] = 1;
          else
            {
              rows[slot[a]].author = a;
              hub_lineage_totals_add_position (self, &rows[slot[a]].derivatives, p, r);
            }
        }
    }

  /* Most downloads first, then most models, then by author (the rows are
   * in author order). */
  pairs = hub_memory_new_large (RadixPair, n);
  tmp = hub_memory_new_large (RadixPair, n);
  sorted = rank_order (rows, sizeof (HubLineageIntermediary),
                       G_STRUCT_OFFSET (HubLineageIntermediary, derivatives.all.downloads),
                       G_STRUCT_OFFSET (HubLineageIntermediary, derivatives.all.n_models), n, pairs, tmp);

  result = g_array_sized_new (FALSE, FALSE, sizeof (HubLineageIntermediary), n);
  hub_memory_advise_large (result->data, sizeof (HubLineageIntermediary) * n);
  for (guint i = 0; i < n; i++)
    g_array_append_val (result, rows[sorted[i].item]);
  return result;
}
