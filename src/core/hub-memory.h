/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Large columns (hundreds of MB at full-Hub scale) backed by transparent
 * huge pages where the kernel offers them on request (madvise mode): one
 * page fault per 2 MB instead of per 4 KB, which in a virtual machine
 * costs seconds at that size. Free with g_free(). NULL when out of memory.
 * Small sizes are a plain g_try_malloc(). */
gpointer hub_memory_try_alloc_large (gsize bytes);

/* As hub_memory_try_alloc_large(), but aborts when out of memory, as
 * g_malloc() does; hub_memory_alloc_large0() also zeroes it. */
gpointer hub_memory_alloc_large     (gsize bytes);
gpointer hub_memory_alloc_large0    (gsize bytes);

#define hub_memory_new_large(type, n)  ((type *) hub_memory_alloc_large (sizeof (type) * MAX ((gsize) (n), 1)))
#define hub_memory_new0_large(type, n) ((type *) hub_memory_alloc_large0 (sizeof (type) * MAX ((gsize) (n), 1)))

/* Asks for huge pages for a large block that another allocator made (a
 * GArray's storage) before it is first written: the part of [@p, @p +
 * @bytes) between 2 MB boundaries. */
void     hub_memory_advise_large    (gpointer p,
                                     gsize    bytes);

G_END_DECLS
