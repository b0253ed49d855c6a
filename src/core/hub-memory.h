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

G_END_DECLS
