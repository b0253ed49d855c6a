/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-bench"

#include "config.h"

#include "hub-memory.h"

#include <stdio.h>
#include <stdlib.h>

/*
 * What fresh memory costs on this machine:
 *   bench-memory [MB]   (default 100)
 * Writes one byte per cache line of a block just allocated (every page is
 * faulted in by the kernel on first touch), then again (no fault): with
 * g_malloc() (4 KB pages) and with hub_memory_alloc_large() (2 MB huge
 * pages where the kernel grants them). The difference is the kernel's.
 */

static double
touch (volatile char *p,
       gsize          bytes)
{
  gint64 start = g_get_monotonic_time ();

  for (gsize i = 0; i < bytes; i += 64)
    p[i] = (char) i;
  return (g_get_monotonic_time () - start) / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  gsize mb = argc > 1 ? strtoul (argv[1], NULL, 10) : 100;
  gsize bytes = mb << 20;

  for (guint run = 0; run < 3; run++)
    for (guint large = 0; large < 2; large++)
      {
        char *p = large ? hub_memory_alloc_large (bytes) : g_malloc (bytes);
        double first = touch (p, bytes);
        double again = touch (p, bytes);

        printf ("%-24s %zu MB: first touch %7.1f ms, again %5.1f ms: %.2f us per 4 KB page faulted\n",
                large ? "hub_memory_alloc_large" : "g_malloc", mb, first, again,
                (first - again) * 1000.0 / (double) (bytes / 4096));
        g_free (p);
      }
  return 0;
}
