/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-core"

#include "config.h"

#include "hub-parallel.h"

void
hub_parallel_run_pair (const char  *name,
                       GThreadFunc  func,
                       gpointer     first,
                       gpointer     second)
{
  GThread *thread = g_thread_new (name, func, first);

  func (second);
  g_thread_join (thread);
}
