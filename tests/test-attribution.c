/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hub-attribution.h"

#include "hub-test-util.h"

static void
check_roots (const gint32  *parents,
             guint          n,
             const guint32 *expected)
{
  g_autofree guint32 *roots = g_new (guint32, n);

  hub_attribution_compute_roots (parents, n, roots);
  for (guint i = 0; i < n; i++)
    if (roots[i] != expected[i])
      g_error ("root of %u is %u, expected %u", i, roots[i], expected[i]);
}

/* 0 <- 1 <- 2 <- 3 (3's first parent is 2, ...), 4 alone, 5's parent missing
 * from the data (-1 after loading), 6 points past the end (missing too). */
static void
test_chains (void)
{
  const gint32 parents[] = { -1, 0, 1, 2, -1, -1, 99, 6 };
  const guint32 expected[] = { 0, 0, 0, 0, 4, 5, 6, 6 };

  check_roots (parents, G_N_ELEMENTS (parents), expected);
}

/* A cycle 2 -> 3 -> 4 -> 2 fed by 1 -> 2 and 5 -> 4; a self-loop at 6 with
 * 7 -> 6; a two-cycle 9 <-> 8 entered from 10. Every model leading into a
 * cycle gets the cycle's smallest member, wherever the walk starts. */
static void
test_cycles (void)
{
  const gint32 parents[] = { -1, 2, 3, 4, 2, 4, 6, 6, 9, 8, 9 };
  const guint32 expected[] = { 0, 2, 2, 2, 2, 2, 6, 6, 8, 8, 8 };

  check_roots (parents, G_N_ELEMENTS (parents), expected);
}

/* Same graph, models listed so the walk meets the cycle from its far end
 * first: the answer must not depend on the order of the walks. */
static void
test_cycle_order (void)
{
  /* 0 -> 1 -> 2 -> 0 and 3 -> 2 */
  const gint32 parents[] = { 1, 2, 0, 2 };
  const guint32 expected[] = { 0, 0, 0, 0 };
  /* 3 first in index order: 0 -> 3, 1 -> 0, 2 -> 1, 3 -> 2 is a 4-cycle */
  const gint32 parents2[] = { 3, 0, 1, 2, 1 };
  const guint32 expected2[] = { 0, 0, 0, 0, 0 };

  check_roots (parents, G_N_ELEMENTS (parents), expected);
  check_roots (parents2, G_N_ELEMENTS (parents2), expected2);
}

/* The slow definition: walk from each model, remembering the path. */
static guint32
naive_root (const gint32 *parents,
            guint         n,
            guint32       m)
{
  g_autofree guint32 *seen_at = g_new0 (guint32, n);
  guint32 x = m;
  guint step = 1;

  for (;;)
    {
      gint32 p;

      if (seen_at[x] != 0)
        {
          /* A cycle: its members are those seen at or after seen_at[x]. */
          guint32 root = x;
          for (guint i = 0; i < n; i++)
            if (seen_at[i] >= seen_at[x])
              root = MIN (root, i);
          return root;
        }
      seen_at[x] = step++;
      p = parents[x];
      if (p < 0 || (guint) p >= n)
        return x;
      x = p;
    }
}

static void
test_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (4);

  for (guint round = 0; round < 200; round++)
    {
      guint n = g_rand_int_range (rand, 1, 60);
      g_autofree gint32 *parents = g_new (gint32, n);
      g_autofree guint32 *roots = g_new (guint32, n);

      for (guint i = 0; i < n; i++)
        {
          double u = g_rand_double (rand);
          /* Mostly acyclic (parent has a lower index), some missing, some
           * arbitrary edges that make cycles. */
          if (u < 0.25 || i == 0)
            parents[i] = -1;
          else if (u < 0.3)
            parents[i] = n + 5;
          else if (u < 0.85)
            parents[i] = g_rand_int_range (rand, 0, i);
          else
            parents[i] = g_rand_int_range (rand, 0, n);
        }
      hub_attribution_compute_roots (parents, n, roots);
      for (guint i = 0; i < n; i++)
        g_assert_cmpuint (roots[i], ==, naive_root (parents, n, i));
    }
}

/* A deep chain (no recursion limit) and the empty case. */
static void
test_deep (void)
{
  guint n = 1000000;
  g_autofree gint32 *parents = g_new (gint32, n);
  g_autofree guint32 *roots = g_new (guint32, n);

  /* Each model's parent is the next one: walks are long, still O(n). */
  for (guint i = 0; i < n; i++)
    parents[i] = i + 1 < n ? (gint32) (i + 1) : -1;
  hub_attribution_compute_roots (parents, n, roots);
  for (guint i = 0; i < n; i++)
    g_assert_cmpuint (roots[i], ==, n - 1);

  hub_attribution_compute_roots (NULL, 0, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/attribution/chains", test_chains);
  g_test_add_func ("/attribution/cycles", test_cycles);
  g_test_add_func ("/attribution/cycle-order", test_cycle_order);
  g_test_add_func ("/attribution/random", test_random);
  g_test_add_func ("/attribution/deep", test_deep);

  return g_test_run ();
}
