/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-analytics"

#include "config.h"

#include "hub-share.h"

#include "hub-types.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

/* Key spaces up to this size are scanned whole after each period instead of
 * tracking which keys were touched. */
#define SCAN_KEYS_MAX 4096
/* Key spaces up to this size keep every period's (key, value) list after the
 * first pass, so the matrix is filled without a second pass over the rows. */
#define KEEP_LISTS_KEYS_MAX 65536
/* Window arithmetic is done in int32 seconds relative to this time
 * (2022-01-01T00:00:00Z), exact for 1954..2090. */
#define TIME_BASE ((gint64) 1640995200)

typedef struct {
  gint32  created;   /* seconds since TIME_BASE, clamped */
  guint32 key;       /* accumulation key; n_keys = the discard slot */
} PackedModel;

typedef struct {
  guint32 key;
  gint64  value;
} KeyValue;

typedef struct {
  const HubShareInput *in;
  GCancellable        *cancellable;
  HubShareResult      *res;

  PackedModel         *packed;
  guint                n_inner;       /* 1 without a second level */
  guint                n_keys;        /* n_categories × n_inner */
  guint               *period_offsets; /* groups of period p: period_groups[po[p]..po[p+1]) */
  guint32             *period_groups;
  gboolean             keep_lists;
  GArray             **lists;         /* per period, KeyValue, when keep_lists */

  guint                n_threads;
  gint64             **thread_totals; /* per thread, per key */
  gint64              *rank_totals;   /* per key, the last period's (rank_by_last) */
  gint32              *outer_col;     /* per category: column */
  gint32              *inner_col;     /* per inner category: column */

  int                  pass;
  gint                 next_period;
  gint                 cancelled;
} ShareJob;

typedef struct {
  ShareJob *job;
  guint     index;
} ShareWorker;

static gint32
clamp_rel (gint64 t)
{
  gint64 r;

  if (t == HUB_TIME_NONE)
    return G_MININT32;
  r = t - TIME_BASE;
  return (gint32) CLAMP (r, (gint64) G_MININT32 + 1, (gint64) G_MAXINT32 - 1);
}

static int
cmp_gint64 (gconstpointer a,
            gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* Sorts @n non-negative values in increasing order: qsort() for a few, else
 * an LSD radix sort on 16-bit digits that skips the digits every value
 * shares (downloads rarely pass 2^48): the bootstrap sorts every draw's
 * participants, up to millions 200 times. */
void
hub_share_sort_values (gint64 *values,
                       guint   n)
{
  g_autofree guint64 *tmp = NULL;
  g_autofree guint *counts = NULL;
  guint64 *src = (guint64 *) values, *dst;

  if (n < 512)
    {
      /* qsort() takes no NULL base, even for zero elements. */
      if (n > 1)
        qsort (values, n, sizeof (gint64), cmp_gint64);
      return;
    }
  tmp = g_new (guint64, n);
  counts = g_new (guint, 65536 + 1);
  dst = tmp;
  for (guint shift = 0; shift < 64; shift += 16)
    {
      gboolean one_bucket;

      memset (counts, 0, sizeof (guint) * (65536 + 1));
      for (guint i = 0; i < n; i++)
        counts[((src[i] >> shift) & 0xffff) + 1]++;
      one_bucket = counts[((src[0] >> shift) & 0xffff) + 1] == n;
      if (one_bucket)
        continue;
      for (guint d = 0; d < 65536; d++)
        counts[d + 1] += counts[d];
      for (guint i = 0; i < n; i++)
        dst[counts[(src[i] >> shift) & 0xffff]++] = src[i];
      {
        guint64 *t = src;
        src = dst;
        dst = t;
      }
    }
  if (src != (guint64 *) values)
    memcpy (values, src, sizeof (gint64) * n);
}

void
hub_share_concentration_sorted (const gint64 *values,
                                guint         m,
                                double       *out_hhi,
                                double       *out_gini,
                                double       *out_top1,
                                double       *out_top10,
                                double       *out_top100)
{
  double total = 0, sq = 0, weighted = 0;
  double top1 = 0, top10 = 0, top100 = 0;

  g_return_if_fail (values != NULL || m == 0);

  /* One pass: the sum, the rank-weighted sum (Gini) and the sum of
   * squares (HHI = sum of squares / total²). */
  for (guint i = 0; i < m; i++)
    {
      double x = (double) values[i];

      total += x;
      weighted += (double) (i + 1) * x;
      sq += x * x;
    }
  for (guint i = 0; i < MIN (m, 100u); i++)
    {
      double x = (double) values[m - 1 - i];

      if (i < 1)
        top1 += x;
      if (i < 10)
        top10 += x;
      top100 += x;
    }

  if (out_hhi)
    *out_hhi = m > 0 ? sq / (total * total) : 0;
  if (out_gini)
    *out_gini = m > 0 ? MAX (0.0, 2 * weighted / (m * total) - (double) (m + 1) / m) : 0;
  if (out_top1)
    *out_top1 = m > 0 ? top1 / total : 0;
  if (out_top10)
    *out_top10 = m > 0 ? top10 / total : 0;
  if (out_top100)
    *out_top100 = m > 0 ? top100 / total : 0;
}

void
hub_share_concentration (gint64 *values,
                         guint   n,
                         double *out_hhi,
                         double *out_gini,
                         double *out_top1,
                         double *out_top10,
                         double *out_top100,
                         guint  *out_participants)
{
  guint m = 0;

  g_return_if_fail (values != NULL || n == 0);

  /* Keep the positive values only. */
  for (guint i = 0; i < n; i++)
    if (values[i] > 0)
      values[m++] = values[i];
  hub_share_sort_values (values, m);
  hub_share_concentration_sorted (values, m, out_hhi, out_gini, out_top1, out_top10, out_top100);
  if (out_participants)
    *out_participants = m;
}

/* Adds the rows of group @g into @scratch; with @touched, records each key
 * the first time it becomes non-zero. */
#define ACCUMULATE(VALUES, TRACK)                                             \
  G_STMT_START {                                                              \
    for (guint64 i = start; i < end; i++)                                     \
      {                                                                       \
        PackedModel pm = packed[model[i]];                                    \
        guint32 k = pm.created > cutoff ? pm.key : discard;                   \
        gint64 v = (gint64) (VALUES)[i];                                      \
        if (TRACK && scratch[k] == 0 && v != 0 && k != discard)               \
          touched[(*n_touched)++] = k;                                        \
        scratch[k] += v;                                                      \
      }                                                                       \
  } G_STMT_END

/* The window's rule for group @g: a row counts when its model's packed
 * creation time is after *@out_cutoff (-1, before every model, without a
 * window). FALSE when nothing of the group counts (a window and no time). */
static gboolean
group_cutoff (const HubShareInput *in,
              guint                g,
              gint32              *out_cutoff)
{
  gint64 t;

  *out_cutoff = -1;
  if (in->window_days == 0)
    return TRUE;
  t = in->group_time != NULL ? in->group_time[g] : HUB_TIME_NONE;
  if (t == HUB_TIME_NONE)
    return FALSE;
  *out_cutoff = clamp_rel (t - (gint64) in->window_days * 86400);
  return TRUE;
}

static void
accumulate_group (const ShareJob *job,
                  guint           g,
                  gint64         *scratch,
                  guint32        *touched,
                  guint          *n_touched)
{
  const HubShareInput *in = job->in;
  const PackedModel *packed = job->packed;
  const guint32 *model = in->model;
  const guint64 start = in->offsets[g];
  const guint64 end = in->offsets[g + 1];
  const guint32 discard = job->n_keys;
  gint32 cutoff;

  if (!group_cutoff (in, g, &cutoff))
    return;

  if (touched != NULL)
    {
      if (in->value32 != NULL)
        ACCUMULATE (in->value32, TRUE);
      else
        ACCUMULATE (in->value64, TRUE);
    }
  else
    {
      if (in->value32 != NULL)
        ACCUMULATE (in->value32, FALSE);
      else
        ACCUMULATE (in->value64, FALSE);
    }
}

/* Accumulates period @p into @scratch and returns its non-zero keys in
 * @touched (and their count). */
static guint
accumulate_period (const ShareJob *job,
                   guint           p,
                   gint64         *scratch,
                   guint32        *touched)
{
  guint n_touched = 0;
  gboolean track = job->n_keys > SCAN_KEYS_MAX;

  for (guint j = job->period_offsets[p]; j < job->period_offsets[p + 1]; j++)
    accumulate_group (job, job->period_groups[j], scratch, track ? touched : NULL, &n_touched);

  if (!track)
    for (guint k = 0; k < job->n_keys; k++)
      if (scratch[k] != 0)
        touched[n_touched++] = k;

  return n_touched;
}

static void
fill_row (const ShareJob *job,
          guint           p,
          guint32         key,
          gint64          v)
{
  HubShareResult *res = job->res;
  guint32 cat = key / job->n_inner;
  gint32 col = job->outer_col[cat];

  res->values[(gsize) p * res->n_columns + col] += v;
  if (res->inner_values != NULL)
    {
      gint32 icol = job->inner_col[key % job->n_inner];
      res->inner_values[((gsize) p * res->n_columns + col) * res->n_inner_columns + icol] += v;
    }
}

static int
cmp_key_value_desc (gconstpointer a,
                    gconstpointer b)
{
  const KeyValue *x = a, *y = b;

  if (x->value != y->value)
    return x->value > y->value ? -1 : 1;
  return (x->key > y->key) - (x->key < y->key);
}

/* Keeps the participants of period @p, largest first (ties: lower
 * category). One thread takes a period: no other writes there. */
static void
keep_participants (HubShareResult *res,
                   guint           p,
                   const guint32  *category,
                   const gint64   *values,
                   guint           n)
{
  HubShareParticipants *kept = &res->kept[p];
  g_autofree KeyValue *pairs = g_new (KeyValue, MAX (n, 1));
  guint m = 0;

  for (guint i = 0; i < n; i++)
    if (values[i] > 0)
      pairs[m++] = (KeyValue) { category[i], values[i] };
  if (m > 1)
    qsort (pairs, m, sizeof (KeyValue), cmp_key_value_desc);
  kept->n = m;
  kept->category = g_new (guint32, MAX (m, 1));
  kept->values = g_new (gint64, MAX (m, 1));
  for (guint i = 0; i < m; i++)
    {
      kept->category[i] = pairs[i].key;
      kept->values[i] = pairs[i].value;
    }
}

static void
first_pass_period (ShareJob *job,
                   guint     p,
                   gint64   *scratch,
                   guint32  *touched,
                   gint64   *outer_scratch,
                   guint32  *outer_touched,
                   gint64   *thread_totals)
{
  const HubShareInput *in = job->in;
  HubShareResult *res = job->res;
  guint n_touched = accumulate_period (job, p, scratch, touched);
  guint n_outer = 0;
  gint64 total = 0, known = 0;

  if (job->keep_lists)
    job->lists[p] = g_array_sized_new (FALSE, FALSE, sizeof (KeyValue), n_touched);

  for (guint i = 0; i < n_touched; i++)
    {
      guint32 k = touched[i];
      gint64 v = scratch[k];

      scratch[k] = 0;
      total += v;
      thread_totals[k] += v;
      /* One thread takes the last period: no other writes here. */
      if (job->rank_totals != NULL && p + 1 == res->n_periods)
        job->rank_totals[k] += v;
      if (job->keep_lists)
        {
          KeyValue kv = { k, v };
          g_array_append_val (job->lists[p], kv);
        }
      if (job->n_inner == 1)
        {
          if (k != in->unknown_category)
            outer_touched[n_outer++] = k, outer_scratch[k] = v;
        }
      else
        {
          guint32 c = k / job->n_inner;

          if (c == in->unknown_category)
            continue;
          if (outer_scratch[c] == 0)
            outer_touched[n_outer++] = c;
          outer_scratch[c] += v;
        }
    }

  /* The participants' values, ungrouped (before top-N). */
  {
    g_autofree gint64 *vals = g_new (gint64, MAX (n_outer, 1));
    gboolean detail = res->kept != NULL &&
                      (p == in->detail_period || in->n_categories <= HUB_SHARE_DETAIL_ALL_MAX);

    for (guint i = 0; i < n_outer; i++)
      {
        vals[i] = outer_scratch[outer_touched[i]];
        outer_scratch[outer_touched[i]] = 0;
        known += vals[i];
      }
    /* One thread takes this period: no other writes here. */
    if (detail)
      keep_participants (res, p, outer_touched, vals, n_outer);
    hub_share_concentration (vals, n_outer, &res->hhi[p], &res->gini[p],
                             &res->top1[p], &res->top10[p], &res->top100[p],
                             &res->participants[p]);
    res->k90[p] = hub_share_cover_count (vals, res->participants[p], TRUE, 0.9);
  }
  res->totals[p] = total;
  res->participant_totals[p] = known;
}

/* The models of period @p as bootstrap units: the participant each is
 * credited to (never Unknown) and its downloads in the period (summed over
 * the period's snapshots for a flow). Returns their count. */
static guint
collect_units (const ShareJob *job,
               guint           p,
               guint32        *unit_category,
               gint64         *unit_value,
               gint64         *model_sum,
               guint32        *model_touched)
{
  const HubShareInput *in = job->in;
  guint first = job->period_offsets[p], last = job->period_offsets[p + 1];
  gboolean single = last - first == 1;
  guint n = 0, n_touched = 0;

  for (guint j = first; j < last; j++)
    {
      guint g = job->period_groups[j];
      gint32 cutoff;

      if (!group_cutoff (in, g, &cutoff))
        continue;
      for (guint64 i = in->offsets[g]; i < in->offsets[g + 1]; i++)
        {
          guint32 m = in->model[i];
          PackedModel pm = job->packed[m];
          gint64 v = in->value32 != NULL ? (gint64) in->value32[i] : (gint64) in->value64[i];

          if (pm.created <= cutoff || pm.key == job->n_keys || v <= 0 ||
              pm.key / job->n_inner == in->unknown_category)
            continue;
          if (single)
            {
              unit_category[n] = pm.key / job->n_inner;
              unit_value[n++] = v;
              continue;
            }
          if (model_sum[m] == 0)
            model_touched[n_touched++] = m;
          model_sum[m] += v;
        }
    }
  for (guint i = 0; i < n_touched; i++)
    {
      guint32 m = model_touched[i];

      unit_category[n] = job->packed[m].key / job->n_inner;
      unit_value[n++] = model_sum[m];
      model_sum[m] = 0;
    }
  return n;
}

/* Resamples the detail period, or every period when the budget allows. */
static void
run_bootstrap (ShareJob *job)
{
  const HubShareInput *in = job->in;
  HubShareResult *res = job->res;
  g_autofree guint32 *unit_category = NULL;
  g_autofree gint64 *unit_value = NULL;
  g_autofree gint64 *model_sum = NULL;
  g_autofree guint32 *model_touched = NULL;
  guint64 rows = 0, most = 0;
  gboolean every;

  for (guint p = 0; p < res->n_periods; p++)
    {
      guint64 r = 0;

      for (guint j = job->period_offsets[p]; j < job->period_offsets[p + 1]; j++)
        r += in->offsets[job->period_groups[j] + 1] - in->offsets[job->period_groups[j]];
      rows += r;
      most = MAX (most, r);
    }
  every = rows * in->bootstrap_draws <= HUB_SHARE_BOOTSTRAP_BUDGET;
  if (!every && in->detail_period >= res->n_periods)
    return;

  res->bootstrap = g_new0 (HubShareBootstrap, MAX (res->n_periods, 1));
  res->bootstrap_draws = in->bootstrap_draws;
  res->bootstrap_seed = in->bootstrap_seed;
  unit_category = g_new (guint32, MAX (most, 1));
  unit_value = g_new (gint64, MAX (most, 1));
  model_sum = g_new0 (gint64, MAX (in->n_models, 1));
  model_touched = g_new (guint32, MAX (in->n_models, 1));
  for (guint p = 0; p < res->n_periods; p++)
    {
      guint n;

      if (!every && p != in->detail_period)
        continue;
      if (g_cancellable_is_cancelled (job->cancellable))
        {
          job->cancelled = 1;
          return;
        }
      n = collect_units (job, p, unit_category, unit_value, model_sum, model_touched);
      hub_share_bootstrap_draw (unit_category, unit_value, n, in->n_categories, in->bootstrap_draws,
                                in->bootstrap_seed, in->n_threads, &res->bootstrap[p]);
    }
}

static gpointer
share_worker (gpointer data)
{
  ShareWorker *w = data;
  ShareJob *job = w->job;
  guint n_cats = job->in->n_categories;
  /* One extra slot: the discard key. */
  g_autofree gint64 *scratch = g_new0 (gint64, job->n_keys + 1);
  g_autofree guint32 *touched = g_new (guint32, job->n_keys + 1);
  g_autofree gint64 *outer_scratch = job->pass == 1 ? g_new0 (gint64, n_cats + 1) : NULL;
  g_autofree guint32 *outer_touched = job->pass == 1 ? g_new (guint32, n_cats + 1) : NULL;

  for (;;)
    {
      guint p = (guint) g_atomic_int_add (&job->next_period, 1);

      if (p >= job->res->n_periods || g_atomic_int_get (&job->cancelled))
        break;
      if (g_cancellable_is_cancelled (job->cancellable))
        {
          g_atomic_int_set (&job->cancelled, 1);
          break;
        }

      if (job->pass == 1)
        first_pass_period (job, p, scratch, touched, outer_scratch, outer_touched,
                           job->thread_totals[w->index]);
      else
        {
          guint n = accumulate_period (job, p, scratch, touched);

          for (guint i = 0; i < n; i++)
            {
              fill_row (job, p, touched[i], scratch[touched[i]]);
              scratch[touched[i]] = 0;
            }
        }
    }
  return NULL;
}

static void
run_pass (ShareJob *job,
          int       pass)
{
  g_autofree ShareWorker *workers = g_new0 (ShareWorker, job->n_threads);
  g_autofree GThread **threads = g_new0 (GThread *, job->n_threads);

  job->pass = pass;
  job->next_period = 0;
  for (guint t = 0; t < job->n_threads; t++)
    {
      workers[t].job = job;
      workers[t].index = t;
      if (t > 0)
        threads[t] = g_thread_new ("hub-share", share_worker, &workers[t]);
    }
  share_worker (&workers[0]);
  for (guint t = 1; t < job->n_threads; t++)
    g_thread_join (threads[t]);
}

typedef struct {
  guint32 cat;
  gint64  rank;    /* what orders the categories */
  gint64  total;
} CatTotal;

static int
cmp_cat_total (gconstpointer a,
               gconstpointer b)
{
  const CatTotal *x = a, *y = b;

  if (x->rank != y->rank)
    return x->rank > y->rank ? -1 : 1;
  if (x->total != y->total)
    return x->total > y->total ? -1 : 1;
  return (x->cat > y->cat) - (x->cat < y->cat);
}

/* Picks the columns of one dimension: the @top largest categories (all when
 * 0) by @rank (NULL: by @totals; ties by @totals, then index), then Other,
 * then Unknown. Fills @col_of (per category). */
static guint
choose_columns (const gint64         *totals,
                const gint64         *rank,
                guint                 n_cats,
                guint                 unknown,
                guint                 top,
                gint32               *col_of,
                guint32             **out_category,
                HubShareColumnKind  **out_kind,
                gint64              **out_totals)
{
  g_autofree CatTotal *order = g_new (CatTotal, MAX (n_cats, 1));
  guint n = 0, n_top, n_cols, other_col = 0;
  gint64 other_total = 0;
  gboolean has_other, has_unknown;

  for (guint c = 0; c < n_cats; c++)
    {
      col_of[c] = -1;
      if (c != unknown && totals[c] != 0)
        order[n++] = (CatTotal) { c, rank != NULL ? rank[c] : totals[c], totals[c] };
    }
  qsort (order, n, sizeof (CatTotal), cmp_cat_total);

  n_top = (top == 0 || top >= n) ? n : top;
  has_other = n_top < n;
  has_unknown = unknown < n_cats && totals[unknown] != 0;
  n_cols = n_top + (has_other ? 1 : 0) + (has_unknown ? 1 : 0);

  *out_category = g_new (guint32, MAX (n_cols, 1));
  *out_kind = g_new (HubShareColumnKind, MAX (n_cols, 1));
  *out_totals = g_new0 (gint64, MAX (n_cols, 1));

  for (guint i = 0; i < n_top; i++)
    {
      col_of[order[i].cat] = i;
      (*out_category)[i] = order[i].cat;
      (*out_kind)[i] = HUB_SHARE_COLUMN_CATEGORY;
      (*out_totals)[i] = order[i].total;
    }
  if (has_other)
    {
      other_col = n_top;
      (*out_category)[other_col] = HUB_SHARE_SKIP;
      (*out_kind)[other_col] = HUB_SHARE_COLUMN_OTHER;
      for (guint i = n_top; i < n; i++)
        other_total += order[i].total;
      (*out_totals)[other_col] = other_total;
    }
  if (has_unknown)
    {
      guint u = n_cols - 1;

      col_of[unknown] = u;
      (*out_category)[u] = unknown;
      (*out_kind)[u] = HUB_SHARE_COLUMN_UNKNOWN;
      (*out_totals)[u] = totals[unknown];
    }
  /* Categories without downloads and folded ones go to Other (or nowhere:
   * a zero total contributes zero). */
  for (guint c = 0; c < n_cats; c++)
    if (col_of[c] < 0)
      col_of[c] = has_other ? (gint32) other_col : 0;

  return n_cols;
}

HubShareResult *
hub_share_compute (const HubShareInput *in,
                   GCancellable        *cancellable)
{
  ShareJob job = { 0 };
  g_autoptr(HubShareResult) res = NULL;
  g_autofree gint64 *key_totals = NULL;
  g_autofree gint64 *outer_totals = NULL;
  g_autofree gint64 *inner_totals = NULL;
  g_autofree gint64 *outer_rank = NULL;
  g_autofree gint64 *inner_rank = NULL;
  g_autofree gint64 *rank_totals = NULL;
  guint n_periods;

  g_return_val_if_fail (in != NULL, NULL);
  g_return_val_if_fail (in->n_models == 0 || in->category != NULL, NULL);
  g_return_val_if_fail (in->window_days == 0 || in->n_models == 0 || in->created_at != NULL, NULL);
  g_return_val_if_fail (in->n_groups == 0 || (in->offsets != NULL && in->group_period != NULL), NULL);
  g_return_val_if_fail (in->n_groups == 0 || in->offsets[in->n_groups] == 0 ||
                        (in->model != NULL && (in->value32 != NULL) != (in->value64 != NULL)), NULL);
  g_return_val_if_fail (in->inner_category == NULL || in->n_inner_categories > 0, NULL);

  n_periods = in->n_periods;
  job.in = in;
  job.cancellable = cancellable;
  job.n_inner = in->inner_category != NULL ? in->n_inner_categories : 1;
  g_return_val_if_fail ((guint64) in->n_categories * job.n_inner < G_MAXUINT32 - 1, NULL);
  job.n_keys = in->n_categories * job.n_inner;
  job.keep_lists = job.n_keys <= KEEP_LISTS_KEYS_MAX;
  job.n_threads = in->n_threads > 0 ? in->n_threads : MAX (1, g_get_num_processors ());
  job.n_threads = MIN (job.n_threads, MAX (n_periods, 1));

  res = g_new0 (HubShareResult, 1);
  res->n_periods = n_periods;
  res->totals = g_new0 (gint64, MAX (n_periods, 1));
  res->participant_totals = g_new0 (gint64, MAX (n_periods, 1));
  res->hhi = g_new0 (double, MAX (n_periods, 1));
  res->gini = g_new0 (double, MAX (n_periods, 1));
  res->top1 = g_new0 (double, MAX (n_periods, 1));
  res->top10 = g_new0 (double, MAX (n_periods, 1));
  res->top100 = g_new0 (double, MAX (n_periods, 1));
  res->participants = g_new0 (guint, MAX (n_periods, 1));
  res->k90 = g_new0 (guint, MAX (n_periods, 1));
  if (in->detail && in->detail_period < n_periods)
    {
      res->has_detail = TRUE;
      res->detail_period = in->detail_period;
      res->kept = g_new0 (HubShareParticipants, n_periods);
    }
  job.res = res;

  /* Per model: the key and the creation time, side by side, so the inner
   * loop touches one 8-byte record per row. */
  job.packed = g_new (PackedModel, MAX (in->n_models, 1));
  for (guint m = 0; m < in->n_models; m++)
    {
      guint32 c = in->category[m];
      guint32 key = job.n_keys;

      if (c < in->n_categories)
        {
          if (in->inner_category == NULL)
            key = c;
          else if (in->inner_category[m] < in->n_inner_categories)
            key = c * job.n_inner + in->inner_category[m];
        }
      job.packed[m].key = key;
      if (in->window_days == 0)
        job.packed[m].created = 0;
      else if (in->created_at[m] == HUB_CREATED_AT_FLOOR)
        job.packed[m].created = G_MININT32;
      else
        job.packed[m].created = clamp_rel (in->created_at[m]);
    }

  /* Groups by period (counting sort). */
  job.period_offsets = g_new0 (guint, n_periods + 1);
  job.period_groups = g_new (guint32, MAX (in->n_groups, 1));
  for (guint g = 0; g < in->n_groups; g++)
    if (in->group_period[g] < n_periods)
      job.period_offsets[in->group_period[g] + 1]++;
  for (guint p = 0; p < n_periods; p++)
    job.period_offsets[p + 1] += job.period_offsets[p];
  {
    g_autofree guint *fill = g_memdup2 (job.period_offsets, sizeof (guint) * (n_periods + 1));

    for (guint g = 0; g < in->n_groups; g++)
      if (in->group_period[g] < n_periods)
        job.period_groups[fill[in->group_period[g]]++] = g;
  }

  if (job.keep_lists)
    job.lists = g_new0 (GArray *, MAX (n_periods, 1));
  if (in->rank_by_last && in->top > 0)
    job.rank_totals = rank_totals = g_new0 (gint64, job.n_keys + 1);
  job.thread_totals = g_new0 (gint64 *, job.n_threads);
  for (guint t = 0; t < job.n_threads; t++)
    job.thread_totals[t] = g_new0 (gint64, job.n_keys + 1);

  run_pass (&job, 1);
  if (!job.cancelled && in->bootstrap_draws > 0)
    run_bootstrap (&job);

  if (!job.cancelled)
    {
      /* Totals per key, per category and per inner category. */
      key_totals = job.thread_totals[0];
      job.thread_totals[0] = NULL;
      for (guint t = 1; t < job.n_threads; t++)
        for (guint k = 0; k < job.n_keys; k++)
          key_totals[k] += job.thread_totals[t][k];

      outer_totals = g_new0 (gint64, MAX (in->n_categories, 1));
      inner_totals = g_new0 (gint64, MAX (job.n_inner, 1));
      for (guint k = 0; k < job.n_keys; k++)
        {
          outer_totals[k / job.n_inner] += key_totals[k];
          inner_totals[k % job.n_inner] += key_totals[k];
        }
      if (job.rank_totals != NULL)
        {
          outer_rank = g_new0 (gint64, MAX (in->n_categories, 1));
          inner_rank = g_new0 (gint64, MAX (job.n_inner, 1));
          for (guint k = 0; k < job.n_keys; k++)
            {
              outer_rank[k / job.n_inner] += job.rank_totals[k];
              inner_rank[k % job.n_inner] += job.rank_totals[k];
            }
        }

      job.outer_col = g_new (gint32, MAX (in->n_categories, 1));
      res->n_columns = choose_columns (outer_totals, outer_rank, in->n_categories, in->unknown_category,
                                       in->top, job.outer_col, &res->column_category,
                                       &res->column_kind, &res->column_totals);
      res->values = g_new0 (gint64, MAX ((gsize) n_periods * res->n_columns, 1));
      if (in->inner_category != NULL)
        {
          job.inner_col = g_new (gint32, job.n_inner);
          res->n_inner_columns = choose_columns (inner_totals, inner_rank, job.n_inner,
                                                 in->inner_unknown_category, in->top,
                                                 job.inner_col, &res->inner_column_category,
                                                 &res->inner_column_kind, &res->inner_column_totals);
          res->inner_values = g_new0 (gint64, MAX ((gsize) n_periods * res->n_columns * res->n_inner_columns, 1));
        }

      if (job.keep_lists)
        {
          for (guint p = 0; p < n_periods; p++)
            for (guint i = 0; i < job.lists[p]->len; i++)
              {
                const KeyValue *kv = &g_array_index (job.lists[p], KeyValue, i);
                fill_row (&job, p, kv->key, kv->value);
              }
        }
      else
        run_pass (&job, 2);
    }

  for (guint t = 0; t < job.n_threads; t++)
    g_free (job.thread_totals[t]);
  g_free (job.thread_totals);
  if (job.lists != NULL)
    for (guint p = 0; p < n_periods; p++)
      if (job.lists[p] != NULL)
        g_array_unref (job.lists[p]);
  g_free (job.lists);
  g_free (job.packed);
  g_free (job.period_offsets);
  g_free (job.period_groups);
  g_free (job.outer_col);
  g_free (job.inner_col);

  if (job.cancelled)
    return NULL;
  return g_steal_pointer (&res);
}

static char *
dup_name (char * const             *names,
          char * const             *labels,
          const HubShareColumnKind *kinds,
          guint                     column)
{
  if (names != NULL && names[column] != NULL)
    return g_strdup (names[column]);
  if (labels != NULL && labels[column] != NULL)
    return g_strdup (labels[column]);
  if (kinds[column] == HUB_SHARE_COLUMN_OTHER)
    return g_strdup (_("Other"));
  if (kinds[column] == HUB_SHARE_COLUMN_UNKNOWN)
    return g_strdup (_("Unknown"));
  return g_strdup_printf ("%u", column + 1);
}

/**
 * hub_share_result_dup_column_name:
 * What a person reads for @column (legends, bars, tooltips, what a screen
 * reader says): its name (@column_names: countries and organisation types
 * by name), else its label, else "Other", "Unknown" or its number.
 */
char *
hub_share_result_dup_column_name (const HubShareResult *result,
                                  guint                 column)
{
  g_return_val_if_fail (result != NULL && column < result->n_columns, NULL);
  return dup_name (result->column_names, result->column_labels, result->column_kind, column);
}

/* As hub_share_result_dup_column_name(), for the second level's columns. */
char *
hub_share_result_dup_inner_column_name (const HubShareResult *result,
                                        guint                 column)
{
  g_return_val_if_fail (result != NULL && column < result->n_inner_columns, NULL);
  return dup_name (result->inner_column_names, result->inner_column_labels, result->inner_column_kind, column);
}

double
hub_share_result_get_share (const HubShareResult *result,
                            guint                 period,
                            guint                 column)
{
  g_return_val_if_fail (result != NULL, 0);
  g_return_val_if_fail (period < result->n_periods, 0);
  g_return_val_if_fail (column < result->n_columns, 0);

  if (result->totals[period] == 0)
    return 0;
  return (double) result->values[(gsize) period * result->n_columns + column] /
         (double) result->totals[period];
}

const HubShareParticipants *
hub_share_result_get_participants (const HubShareResult *result,
                                   guint                 period)
{
  g_return_val_if_fail (result != NULL, NULL);

  if (result->kept == NULL || period >= result->n_periods || result->kept[period].category == NULL)
    return NULL;
  return &result->kept[period];
}

void
hub_share_result_get_share_bounds (const HubShareResult *result,
                                   guint                 period,
                                   guint                 column,
                                   double               *out_lo,
                                   double               *out_hi)
{
  double share, unknown = 0;

  g_return_if_fail (result != NULL && period < result->n_periods && column < result->n_columns);

  share = hub_share_result_get_share (result, period, column);
  if (result->column_kind[column] != HUB_SHARE_COLUMN_UNKNOWN)
    for (guint c = 0; c < result->n_columns; c++)
      if (result->column_kind[c] == HUB_SHARE_COLUMN_UNKNOWN)
        unknown = hub_share_result_get_share (result, period, c);
  if (out_lo != NULL)
    *out_lo = share;
  if (out_hi != NULL)
    *out_hi = share + unknown;
}

void
hub_share_result_free (HubShareResult *result)
{
  if (result == NULL)
    return;
  g_free (result->column_category);
  g_free (result->column_kind);
  g_strfreev (result->column_labels);
  g_strfreev (result->column_names);
  g_free (result->column_totals);
  g_free (result->values);
  g_free (result->totals);
  g_free (result->hhi);
  g_free (result->gini);
  g_free (result->top1);
  g_free (result->top10);
  g_free (result->top100);
  g_free (result->period_joins);
  g_free (result->participants);
  g_free (result->participant_totals);
  g_free (result->k90);
  for (guint p = 0; result->kept != NULL && p < result->n_periods; p++)
    {
      g_free (result->kept[p].category);
      g_free (result->kept[p].values);
      g_strfreev (result->kept[p].names);
    }
  g_free (result->kept);
  g_free (result->bootstrap);
  g_free (result->inner_column_category);
  g_free (result->inner_column_kind);
  g_free (result->inner_column_totals);
  g_strfreev (result->inner_column_labels);
  g_strfreev (result->inner_column_names);
  g_free (result->inner_values);
  g_strfreev (result->period_labels);
  g_free (result->period_starts);
  g_free (result);
}
