/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-core"

#include "config.h"

#include "hub-memory.h"

#include <stdlib.h>
#include <sys/mman.h>

#define HUGE_PAGE (2 * 1024 * 1024)

gpointer
hub_memory_try_alloc_large (gsize bytes)
{
  void *p = NULL;

  if (bytes < 4 * HUGE_PAGE)
    return g_try_malloc (MAX (bytes, 1));
  /* g_free() is free(), which takes posix_memalign()'s memory. */
  if (posix_memalign (&p, HUGE_PAGE, bytes) != 0)
    return NULL;
#ifdef MADV_HUGEPAGE
  /* Advice only: without huge pages the memory works the same. */
  madvise (p, bytes, MADV_HUGEPAGE);
#endif
  return p;
}
