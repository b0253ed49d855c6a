/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "gen-synthetic.h"

#include "hub-types.h"

#include <math.h>

#define WEEK ((gint64) 7 * 86400)
/* The first week: Monday 2021-03-01; 265 weeks reach 2026-03. */
#define FIRST_WEEK ((gint64) 1614556800)

/* splitmix64: a stateless hash, so any (model, week) can be drawn in any
 * order and on any thread with the same result. */
static inline guint64
mix (guint64 x)
{
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

static inline double
unit (guint64 h)
{
  return (h >> 11) * (1.0 / 9007199254740992.0);
}

/* Zipf-like index in 0..n-1: u^a concentrates on small indices. */
static inline guint
skewed (double u, guint n, double a)
{
  guint i = (guint) (pow (u, a) * n);
  return MIN (i, n - 1);
}

typedef struct {
  HubSynthetic *s;
  double       *rate;
  guint32      *first_week;
  guint64       seed;
  guint         w_begin, w_end;
  int           pass;
  guint64      *fill;
} GenJob;

/* A model appears in a week with a probability that grows with its rate;
 * its downloads that week are its rate times a log-normal-ish wobble. */
static inline gboolean
draw (const GenJob *job,
      guint32       m,
      guint         w,
      guint32      *out_value)
{
  guint64 h = mix (job->seed ^ ((guint64) m << 20) ^ w);
  double r = job->rate[m];
  double p = MIN (1.0, 0.22 + r / 2000.0);
  double v;

  if (w < job->first_week[m] || unit (h) >= p)
    return FALSE;
  v = r * (0.5 + unit (mix (h)));
  *out_value = (guint32) MIN (v + 1, 4e9);
  return TRUE;
}

static gpointer
gen_worker (gpointer data)
{
  GenJob *job = data;
  HubSynthetic *s = job->s;

  for (guint w = job->w_begin; w < job->w_end; w++)
    {
      guint64 k = job->pass == 0 ? 0 : s->offsets[w];

      for (guint32 m = 0; m < s->n_models; m++)
        {
          guint32 v;

          if (!draw (job, m, w, &v))
            continue;
          if (job->pass == 1)
            {
              s->model[k] = m;
              s->value[k] = v;
            }
          k++;
        }
      if (job->pass == 0)
        s->offsets[w + 1] = k;
    }
  return NULL;
}

HubSynthetic *
hub_synthetic_generate (guint   n_models,
                        guint   n_weeks,
                        guint64 seed)
{
  HubSynthetic *s = g_new0 (HubSynthetic, 1);
  g_autofree double *rate = g_new (double, n_models);
  g_autofree guint32 *first_week = g_new (guint32, n_models);
  GenJob jobs[2];
  gint64 end = FIRST_WEEK + (gint64) n_weeks * WEEK;

  s->n_models = n_models;
  s->n_weeks = n_weeks;
  s->n_authors = MAX (1, n_models / 8);
  s->n_countries = 60;
  s->author = g_new (guint32, n_models);
  s->created_at = g_new (gint64, n_models);
  s->first_parent = g_new (gint32, n_models);
  s->relation = g_new (guint8, n_models);
  s->depth = g_new (guint8, n_models);
  s->country = g_new (guint32, s->n_authors);
  s->org_type = g_new (guint8, s->n_authors);

  /* Authors: countries skewed (a few dominate), 40% unknown; six org types. */
  for (guint a = 0; a < s->n_authors; a++)
    {
      guint64 h = mix (seed ^ 0xa000000000ULL ^ a);
      s->country[a] = unit (h) < 0.4 ? s->n_countries : skewed (unit (mix (h)), s->n_countries, 2.5);
      s->org_type[a] = (guint8) (mix (h + 1) % 6);
    }

  /* Models in creation order: index i created later than i - 1 (growth is
   * quadratic, so recent years hold most models); the first 12% carry the
   * createdAt floor. Authors are Zipf-distributed. */
  for (guint m = 0; m < n_models; m++)
    {
      guint64 h = mix (seed ^ 0xb000000000ULL ^ m);
      double x = (double) m / n_models;
      gint64 t0 = FIRST_WEEK - 104 * WEEK;

      s->created_at[m] = x < 0.12 ? HUB_CREATED_AT_FLOOR : t0 + (gint64) (sqrt (x) * (end - t0));
      s->author[m] = skewed (unit (h), s->n_authors, 3.0);
      /* Lineage: 55% derive from an earlier model (depth <= 6), relations
       * finetune 40%, adapter 25%, quantized 25%, merge 10%. */
      s->first_parent[m] = -1;
      s->relation[m] = 0;
      s->depth[m] = 0;
      if (m > 100 && unit (mix (h + 2)) < 0.55)
        {
          /* Parents are drawn among popular (low-index-skewed) models. */
          guint32 p = skewed (unit (mix (h + 3)), m, 2.0);
          double u = unit (mix (h + 4));

          if (s->depth[p] < 6)
            {
              s->first_parent[m] = p;
              s->depth[m] = s->depth[p] + 1;
              s->relation[m] = u < 0.4 ? 1 : u < 0.65 ? 2 : u < 0.9 ? 3 : 4;
            }
        }
      /* Power-law popularity (Pareto, alpha 1.2): weekly downloads. */
      rate[m] = 3.0 / pow (1.0 - unit (mix (h + 5)) * 0.999999999, 1 / 1.2);
      first_week[m] = s->created_at[m] <= FIRST_WEEK || s->created_at[m] == HUB_CREATED_AT_FLOOR ? 0 : (guint32) ((s->created_at[m] - FIRST_WEEK) / WEEK);
    }

  s->week_time = g_new (gint64, n_weeks);
  for (guint w = 0; w < n_weeks; w++)
    s->week_time[w] = FIRST_WEEK + (gint64) (w + 1) * WEEK;
  s->offsets = g_new0 (guint64, n_weeks + 1);

  /* Two passes on two threads: count per week, then fill. */
  for (int pass = 0; pass < 2; pass++)
    {
      GThread *t;

      for (int j = 0; j < 2; j++)
        jobs[j] = (GenJob) { s, rate, first_week, seed, j == 0 ? 0 : n_weeks / 2, j == 0 ? n_weeks / 2 : n_weeks, pass, NULL };
      if (pass == 1)
        {
          /* Counts to offsets. */
          g_autofree guint64 *counts = g_memdup2 (s->offsets, sizeof (guint64) * (n_weeks + 1));
          s->offsets[0] = 0;
          for (guint w = 0; w < n_weeks; w++)
            s->offsets[w + 1] = s->offsets[w] + counts[w + 1];
          s->model = g_new (guint32, s->offsets[n_weeks]);
          s->value = g_new (guint32, s->offsets[n_weeks]);
        }
      t = g_thread_new ("gen", gen_worker, &jobs[1]);
      gen_worker (&jobs[0]);
      g_thread_join (t);
    }
  return s;
}

void
hub_synthetic_free (HubSynthetic *self)
{
  if (self == NULL)
    return;
  g_free (self->author);
  g_free (self->created_at);
  g_free (self->first_parent);
  g_free (self->relation);
  g_free (self->depth);
  g_free (self->country);
  g_free (self->org_type);
  g_free (self->week_time);
  g_free (self->offsets);
  g_free (self->model);
  g_free (self->value);
  g_free (self);
}
