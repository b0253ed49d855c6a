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

gpointer
hub_memory_alloc_large (gsize bytes)
{
  gpointer p = hub_memory_try_alloc_large (bytes);

  if (p == NULL)
    g_error ("%s: failed to allocate %" G_GSIZE_FORMAT " bytes", G_STRLOC, bytes);
  return p;
}

gpointer
hub_memory_alloc_large0 (gsize bytes)
{
  /* calloc() maps a large block fresh, zeroed by the kernel and not yet
   * touched: advice then still applies, and nothing is written here. */
  gpointer p = g_malloc0 (MAX (bytes, 1));

  hub_memory_advise_large (p, bytes);
  return p;
}

void
hub_memory_advise_large (gpointer p,
                         gsize    bytes)
{
#ifdef MADV_HUGEPAGE
  guintptr start = ((guintptr) p + HUGE_PAGE - 1) & ~(guintptr) (HUGE_PAGE - 1);
  guintptr end = ((guintptr) p + bytes) & ~(guintptr) (HUGE_PAGE - 1);

  if (p != NULL && end > start)
    madvise ((void *) start, end - start, MADV_HUGEPAGE);
#endif
}
