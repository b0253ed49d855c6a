/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Runs @func on @first in a new thread and on @second in the calling one,
 * and returns when both are done: the two halves of a pass over millions
 * of models on a two-core machine. */
void hub_parallel_run_pair (const char  *name,
                            GThreadFunc  func,
                            gpointer     first,
                            gpointer     second);

G_END_DECLS
