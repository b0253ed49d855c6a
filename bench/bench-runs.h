/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <stdlib.h>

/* Timed runs, in milliseconds: sorted in place, so that runs[0] is the
 * fastest, runs[n / 2] the median and runs[n - 1] the slowest. */

static int
bench_compare_runs (const void *a,
                    const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static inline double
bench_median (double *runs,
              guint   n)
{
  qsort (runs, n, sizeof (double), bench_compare_runs);
  return runs[n / 2];
}
