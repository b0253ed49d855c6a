/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-analytics"

#include "config.h"

#include "hub-share-bootstrap.h"

#include "hub-share.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The measures a draw gives, in the order of the columns of a draw table. */
enum { M_HHI, M_GINI, M_TOP1, M_TOP10, M_TOP100, M_K90, N_MEASURES };

/* Poisson(1) counts indexed by a 16-bit uniform number: P(k) to within
 * 2^-16, one table read per unit. */
static guint8 poisson_table[65536];

static gpointer
init_poisson_table (gpointer data)
{
  double p = exp (-1.0), cdf = p;
  guint k = 0;

  for (guint u = 0; u < G_N_ELEMENTS (poisson_table); u++)
    {
      double x = (u + 0.5) / 65536.0;

      while (x > cdf && k < 255)
        {
          k++;
          p /= k;
          cdf += p;
        }
      poisson_table[u] = (guint8) k;
    }
  return NULL;
}

static inline guint64
splitmix64 (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

guint
hub_share_cover_count (const gint64 *values,
                       guint         n,
                       gboolean      ascending,
                       double        fraction)
{
  double total = 0, sum = 0;
  guint k = 0;

  for (guint i = 0; i < n; i++)
    total += (double) values[i];
  if (n == 0 || total <= 0)
    return 0;
  /* The tolerance keeps 9 of 10 equal participants at exactly 90 %. */
  while (k < n && sum < fraction * total * (1 - 1e-12))
    {
      sum += (double) values[ascending ? n - 1 - k : k];
      k++;
    }
  return MAX (k, 1);
}

/* The units grouped by participant (a counting sort, once per period):
 * participant p's units are value[start[p] .. start[p + 1]). A draw then
 * reads them in one sequential pass and sums each participant in a
 * register, with no scattered writes. */
typedef struct {
  guint          n_units;
  guint          n_groups;
  guint         *start;       /* n_groups + 1 */
  gint64        *value;       /* n_units, grouped */
  gboolean       singletons;  /* every participant one unit: value sorted increasingly */
  guint          draws;
  guint64        seed;
  gint           next_draw;
  double        *table;       /* draws × N_MEASURES */
} BootJob;

/* The largest Poisson(1) count the table gives (P(9 or more) < 2^-17). */
#define MAX_WEIGHT 8

/* A draw's scratch: per unit its weight, the drawn values by weight class
 * (singletons), and two buffers for the participants' values. */
typedef struct {
  guint8  *weight;
  gint64  *classes;
  gint64  *vals;
  gint64  *tmp;
} DrawScratch;

/* Merges sorted @a and @b into @out, without a branch on their order. */
static void
merge_sorted (const gint64 *a,
              guint         na,
              const gint64 *b,
              guint         nb,
              gint64       *out)
{
  guint i = 0, j = 0, k = 0;

  while (i < na && j < nb)
    {
      gint64 x = a[i], y = b[j];
      gboolean take_b = y < x;

      out[k++] = take_b ? y : x;
      j += take_b;
      i += !take_b;
    }
  memcpy (out + k, a + i, sizeof (gint64) * (na - i));
  memcpy (out + k + (na - i), b + j, sizeof (gint64) * (nb - j));
}

/* A draw where every participant is one unit, its values sorted once:
 * w × v is sorted within each weight class w, so the draw's values come
 * out sorted from merging the (at most eight) classes, the rarest first,
 * instead of a sort. Returns the sorted values (a scratch buffer) and
 * their count in @out_n. */
static const gint64 *
draw_singletons (const BootJob *job,
                 guint64       *state,
                 DrawScratch   *scratch,
                 guint         *out_n)
{
  const gint64 *value = job->value;
  guint count[MAX_WEIGHT + 1] = { 0 }, head[MAX_WEIGHT + 2];
  gint64 *merged = scratch->vals, *spare = scratch->tmp;
  guint n_merged = 0;
  guint64 r = 0;

  for (guint i = 0; i < job->n_units; i++)
    {
      guint w;

      if ((i & 3) == 0)
        r = splitmix64 (state);
      w = MIN (poisson_table[(r >> ((i & 3) * 16)) & 0xffff], MAX_WEIGHT);
      scratch->weight[i] = (guint8) w;
      count[w]++;
    }
  head[1] = 0;
  for (guint w = 1; w <= MAX_WEIGHT; w++)
    head[w + 1] = head[w] + count[w];
  {
    guint fill[MAX_WEIGHT + 2];

    memcpy (fill, head, sizeof fill);
    for (guint i = 0; i < job->n_units; i++)
      {
        guint w = scratch->weight[i];

        if (w != 0)
          scratch->classes[fill[w]++] = (gint64) w * value[i];
      }
  }
  for (guint w = MAX_WEIGHT; w >= 1; w--)
    {
      gint64 *t;

      if (count[w] == 0)
        continue;
      merge_sorted (scratch->classes + head[w], count[w], merged, n_merged, spare);
      n_merged += count[w];
      t = merged;
      merged = spare;
      spare = t;
    }
  *out_n = n_merged;
  return merged;
}

/* One draw into @row; FALSE when every weight was 0 (draw again). */
static gboolean
one_draw (const BootJob *job,
          guint64       *state,
          DrawScratch   *scratch,
          double        *row)
{
  const gint64 *value = job->value;
  gint64 *vals = scratch->vals;
  guint n = 0, m, i = 0;
  guint64 r = 0;

  if (job->singletons)
    {
      const gint64 *sorted = draw_singletons (job, state, scratch, &n);

      if (n == 0)
        return FALSE;
      hub_share_concentration_sorted (sorted, n, &row[M_HHI], &row[M_GINI], &row[M_TOP1],
                                      &row[M_TOP10], &row[M_TOP100]);
      row[M_K90] = hub_share_cover_count (sorted, n, TRUE, 0.9);
      return TRUE;
    }
  for (guint g = 0; g < job->n_groups; g++)
    {
      gint64 sum = 0;

      for (guint end = job->start[g + 1]; i < end; i++)
        {
          if ((i & 3) == 0)
            r = splitmix64 (state);
          sum += (gint64) poisson_table[(r >> ((i & 3) * 16)) & 0xffff] * value[i];
        }
      if (sum > 0)
        vals[n++] = sum;
    }
  if (n == 0)
    return FALSE;
  hub_share_concentration (vals, n, &row[M_HHI], &row[M_GINI], &row[M_TOP1],
                           &row[M_TOP10], &row[M_TOP100], &m);
  row[M_K90] = hub_share_cover_count (vals, m, TRUE, 0.9);
  return TRUE;
}

static gpointer
boot_worker (gpointer data)
{
  BootJob *job = data;
  g_autofree gint64 *vals = g_new (gint64, MAX (job->n_groups, 1));
  g_autofree guint8 *weight = job->singletons ? g_new (guint8, job->n_units) : NULL;
  g_autofree gint64 *classes = job->singletons ? g_new (gint64, job->n_units) : NULL;
  g_autofree gint64 *tmp = job->singletons ? g_new (gint64, MAX (job->n_units, 1)) : NULL;
  DrawScratch scratch = { weight, classes, vals, tmp };

  for (;;)
    {
      guint d = (guint) g_atomic_int_add (&job->next_draw, 1);
      guint64 state;

      if (d >= job->draws)
        break;
      /* A stream per draw: the same numbers on any number of threads. */
      state = job->seed ^ (G_GUINT64_CONSTANT (0xD1B54A32D192ED03) * (d + 1));
      while (!one_draw (job, &state, &scratch, &job->table[(gsize) d * N_MEASURES]))
        ;
    }
  return NULL;
}

static int
cmp_double (gconstpointer a,
            gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The @q quantile of @sorted (R's type 7). */
static double
quantile (const double *sorted,
          guint         n,
          double        q)
{
  double h = (n - 1) * q;
  guint lo = (guint) floor (h);

  if (lo + 1 >= n)
    return sorted[n - 1];
  return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
}

void
hub_share_bootstrap_draw (const guint32     *unit_category,
                          const gint64      *unit_value,
                          guint              n_units,
                          guint              n_categories,
                          guint              draws,
                          guint64            seed,
                          guint              n_threads,
                          HubShareBootstrap *out)
{
  static GOnce once = G_ONCE_INIT;
  g_autofree double *table = NULL;
  g_autofree double *column = NULL;
  g_autofree GThread **threads = NULL;
  HubInterval *intervals[N_MEASURES];
  BootJob job;

  g_return_if_fail (out != NULL);
  g_return_if_fail (n_units == 0 || (unit_category != NULL && unit_value != NULL));

  memset (out, 0, sizeof *out);
  out->units = n_units;
  if (n_units == 0 || draws == 0)
    return;
  g_once (&once, init_poisson_table, NULL);

  table = g_new (double, (gsize) draws * N_MEASURES);
  job = (BootJob) { n_units, 0, NULL, NULL, FALSE, draws, seed, 0, table };
  {
    g_autofree guint *count = g_new0 (guint, (gsize) n_categories + 1);
    g_autofree guint *fill = NULL;

    for (guint i = 0; i < n_units; i++)
      count[unit_category[i] + 1]++;
    job.start = g_new (guint, (gsize) n_categories + 1);
    job.start[0] = 0;
    for (guint c = 0; c < n_categories; c++)
      if (count[c + 1] > 0)
        {
          job.start[job.n_groups + 1] = job.start[job.n_groups] + count[c + 1];
          count[c + 1] = job.n_groups++;
        }
    fill = g_memdup2 (job.start, sizeof (guint) * (job.n_groups + 1));
    job.value = g_new (gint64, MAX (n_units, 1));
    for (guint i = 0; i < n_units; i++)
      job.value[fill[count[unit_category[i] + 1]]++] = unit_value[i];
    /* Each participant one unit (by model): sorted once, merged per draw. */
    job.singletons = job.n_groups == n_units;
    if (job.singletons)
      hub_share_sort_values (job.value, n_units);
  }
  if (n_threads == 0)
    n_threads = MAX (1, g_get_num_processors ());
  n_threads = MIN (n_threads, draws);
  threads = g_new0 (GThread *, n_threads);
  for (guint t = 1; t < n_threads; t++)
    threads[t] = g_thread_new ("hub-bootstrap", boot_worker, &job);
  boot_worker (&job);
  for (guint t = 1; t < n_threads; t++)
    g_thread_join (threads[t]);

  intervals[M_HHI] = &out->hhi;
  intervals[M_GINI] = &out->gini;
  intervals[M_TOP1] = &out->top1;
  intervals[M_TOP10] = &out->top10;
  intervals[M_TOP100] = &out->top100;
  intervals[M_K90] = &out->k90;
  g_free (job.start);
  g_free (job.value);
  column = g_new (double, draws);
  for (guint m = 0; m < N_MEASURES; m++)
    {
      for (guint d = 0; d < draws; d++)
        column[d] = table[(gsize) d * N_MEASURES + m];
      qsort (column, draws, sizeof (double), cmp_double);
      intervals[m]->lo = quantile (column, draws, 0.05);
      intervals[m]->hi = quantile (column, draws, 0.95);
    }
  out->drawn = TRUE;
}
