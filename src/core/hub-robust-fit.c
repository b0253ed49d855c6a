/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-sizes"

#include "config.h"

#include "hub-robust-fit.h"

#include <math.h>

#define MAX_CANDIDATES 1000
#define INLIER_CUTOFF  2.5

/* The k-th smallest of @v (0-based), reordering @v (Hoare's selection). */
static double
select_kth (double *v,
            guint   n,
            guint   k)
{
  gssize lo = 0, hi = (gssize) n - 1;

  while (lo < hi)
    {
      double pivot = v[lo + (hi - lo) / 2];
      gssize i = lo, j = hi;

      while (i <= j)
        {
          while (v[i] < pivot)
            i++;
          while (v[j] > pivot)
            j--;
          if (i <= j)
            {
              double t = v[i];
              v[i] = v[j];
              v[j] = t;
              i++;
              j--;
            }
        }
      if ((gssize) k <= j)
        hi = j;
      else if ((gssize) k >= i)
        lo = i;
      else
        break;
    }
  return v[k];
}

gboolean
hub_ols_fit_line (const double *x,
                  const double *y,
                  guint         n,
                  double       *out_slope,
                  double       *out_intercept)
{
  double mx = 0, my = 0, sxx = 0, sxy = 0;

  g_return_val_if_fail (n == 0 || (x != NULL && y != NULL), FALSE);

  if (n < 2)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      mx += x[i];
      my += y[i];
    }
  mx /= n;
  my /= n;
  for (guint i = 0; i < n; i++)
    {
      sxx += (x[i] - mx) * (x[i] - mx);
      sxy += (x[i] - mx) * (y[i] - my);
    }
  if (!(sxx > 0))
    return FALSE;
  if (out_slope)
    *out_slope = sxy / sxx;
  if (out_intercept)
    *out_intercept = my - sxy / sxx * mx;
  return TRUE;
}

double
hub_robust_fit_predict (const HubRobustFit *fit,
                        double              x)
{
  g_return_val_if_fail (fit != NULL, NAN);
  return fit->intercept + fit->slope * x;
}

double
hub_robust_fit_r2 (const HubRobustFit *fit,
                   const double       *x,
                   const double       *y,
                   guint               n)
{
  double my = 0, ss_tot = 0, ss_res = 0;

  g_return_val_if_fail (fit != NULL, NAN);

  if (n < 2)
    return NAN;
  for (guint i = 0; i < n; i++)
    my += y[i];
  my /= n;
  for (guint i = 0; i < n; i++)
    {
      double r = y[i] - hub_robust_fit_predict (fit, x[i]);
      ss_res += r * r;
      ss_tot += (y[i] - my) * (y[i] - my);
    }
  if (!(ss_tot > 0))
    return NAN;
  return 1.0 - ss_res / ss_tot;
}

/* Median of the squared residuals of the line (a, b), using @scratch. */
static double
median_sq_residual (const double *x,
                    const double *y,
                    guint         n,
                    double        slope,
                    double        intercept,
                    double       *scratch)
{
  for (guint i = 0; i < n; i++)
    {
      double r = y[i] - (intercept + slope * x[i]);
      scratch[i] = r * r;
    }
  return select_kth (scratch, n, n / 2);
}

static void
try_pair (const double *x,
          const double *y,
          guint         n,
          guint         i,
          guint         j,
          double       *scratch,
          double       *best_score,
          double       *best_slope,
          double       *best_intercept)
{
  double slope, intercept, score;

  if (x[i] == x[j])
    return;
  slope = (y[j] - y[i]) / (x[j] - x[i]);
  intercept = y[i] - slope * x[i];
  score = median_sq_residual (x, y, n, slope, intercept, scratch);
  if (score < *best_score)
    {
      *best_score = score;
      *best_slope = slope;
      *best_intercept = intercept;
    }
}

gboolean
hub_robust_fit_line (const double *x,
                     const double *y,
                     guint         n,
                     guint32       seed,
                     HubRobustFit *out)
{
  g_autofree double *scratch = NULL;
  g_autofree double *ix = NULL;
  g_autofree double *iy = NULL;
  double best_score = INFINITY, best_slope = 0, best_intercept = 0;
  double threshold;
  guint n_in = 0;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (n == 0 || (x != NULL && y != NULL), FALSE);

  *out = (HubRobustFit) { .r2_holdout = NAN };
  if (n < 2)
    return FALSE;

  scratch = g_new (double, n);
  if ((guint64) n * (n - 1) / 2 <= MAX_CANDIDATES)
    {
      for (guint i = 0; i < n; i++)
        for (guint j = i + 1; j < n; j++)
          try_pair (x, y, n, i, j, scratch, &best_score, &best_slope, &best_intercept);
    }
  else
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

      for (guint k = 0; k < MAX_CANDIDATES; k++)
        {
          guint i = g_rand_int_range (rand, 0, n);
          guint j = g_rand_int_range (rand, 0, n);

          try_pair (x, y, n, i, j, scratch, &best_score, &best_slope, &best_intercept);
        }
    }
  if (!isfinite (best_score))
    return FALSE;

  /* Rousseeuw's robust scale of the LMedS residuals, with its small-sample
   * correction; a tiny floor keeps exact fits from rejecting rounding. */
  out->scale = 1.4826 * (1.0 + 5.0 / MAX (1.0, (double) n - 2.0)) * sqrt (best_score);
  threshold = MAX (INLIER_CUTOFF * out->scale, 1e-9);

  ix = g_new (double, n);
  iy = g_new (double, n);
  for (guint i = 0; i < n; i++)
    {
      double r = y[i] - (best_intercept + best_slope * x[i]);

      if (fabs (r) <= threshold)
        {
          ix[n_in] = x[i];
          iy[n_in] = y[i];
          n_in++;
        }
    }

  out->n_fit = n;
  out->n_inliers = n_in;
  if (!hub_ols_fit_line (ix, iy, n_in, &out->slope, &out->intercept))
    {
      out->slope = best_slope;
      out->intercept = best_intercept;
    }
  return TRUE;
}

gboolean
hub_robust_fit_is_holdout (const char *key)
{
  guint32 h = 2166136261u;

  g_return_val_if_fail (key != NULL, FALSE);

  for (const guchar *p = (const guchar *) key; *p; p++)
    {
      h ^= *p;
      h *= 16777619u;
    }
  return h % 5 == 0;
}

gboolean
hub_robust_fit_groups (const double   *x,
                       const double   *y,
                       const guint    *group,
                       const gboolean *holdout,
                       guint           n,
                       guint           n_groups,
                       guint           min_points,
                       double          min_slope,
                       guint32         seed,
                       HubRobustFit   *out_groups,
                       HubRobustFit   *out_pooled)
{
  g_autofree double *tx = NULL;
  g_autofree double *ty = NULL;
  g_autofree double *hx = NULL;
  g_autofree double *hy = NULL;
  g_autofree double *hp = NULL;
  guint n_train = 0;

  g_return_val_if_fail (n == 0 || (x != NULL && y != NULL && group != NULL && holdout != NULL), FALSE);
  g_return_val_if_fail (n_groups == 0 || out_groups != NULL, FALSE);
  g_return_val_if_fail (out_pooled != NULL, FALSE);

  tx = g_new (double, MAX (n, 1));
  ty = g_new (double, MAX (n, 1));
  hx = g_new (double, MAX (n, 1));
  hy = g_new (double, MAX (n, 1));
  hp = g_new (double, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      g_assert (group[i] < n_groups);
      if (!holdout[i])
        {
          tx[n_train] = x[i];
          ty[n_train] = y[i];
          n_train++;
        }
    }
  if (!hub_robust_fit_line (tx, ty, n_train, seed, out_pooled))
    return FALSE;

  for (guint g = 0; g < n_groups; g++)
    {
      guint m = 0, h = 0;

      for (guint i = 0; i < n; i++)
        {
          if (group[i] != g)
            continue;
          if (holdout[i])
            {
              hx[h] = x[i];
              hy[h] = y[i];
              h++;
            }
          else
            {
              tx[m] = x[i];
              ty[m] = y[i];
              m++;
            }
        }

      if (m < min_points || !hub_robust_fit_line (tx, ty, m, seed + g + 1, &out_groups[g]) ||
          out_groups[g].slope < min_slope)
        {
          out_groups[g] = *out_pooled;
          out_groups[g].pooled = TRUE;
        }
      out_groups[g].n_holdout = h;
      out_groups[g].r2_holdout = hub_robust_fit_r2 (&out_groups[g], hx, hy, h);
    }

  /* The overall R²: every held-out point predicted by its own group's line. */
  {
    guint h = 0;
    double my = 0, ss_tot = 0, ss_res = 0;

    for (guint i = 0; i < n; i++)
      if (holdout[i])
        {
          hy[h] = y[i];
          hp[h] = hub_robust_fit_predict (&out_groups[group[i]], x[i]);
          my += y[i];
          h++;
        }
    out_pooled->n_holdout = h;
    out_pooled->r2_holdout = NAN;
    if (h >= 2)
      {
        my /= h;
        for (guint i = 0; i < h; i++)
          {
            ss_res += (hy[i] - hp[i]) * (hy[i] - hp[i]);
            ss_tot += (hy[i] - my) * (hy[i] - my);
          }
        if (ss_tot > 0)
          out_pooled->r2_holdout = 1.0 - ss_res / ss_tot;
      }
  }
  return TRUE;
}
