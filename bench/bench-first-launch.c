/* SPDX-License-Identifier: GPL-3.0-or-later */
/* First launch: builds a fresh database from the embedded dataset, as
 * hub_import_ensure_populated() does, and prints the time it took.
 *   ninja -C BUILD bench/bench-first-launch && BUILD/bench/bench-first-launch [RUNS]
 * The budget is 3 s on the reference machine (2 cores). */
#include "config.h"

#include "hub-import.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

static void
remove_db (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("hubeco-bench-XXXXXX", &error);
  g_autofree char *path = NULL;
  int runs = argc > 1 ? atoi (argv[1]) : 3;
  double best = G_MAXDOUBLE, total = 0;

  if (dir == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  path = g_build_filename (dir, "hubeco.db", NULL);

  for (int run = 0; run < runs; run++)
    {
      g_autoptr(HubImportReport) report = hub_import_report_new ();
      g_autoptr(HubStore) store = NULL;
      gint64 start = g_get_monotonic_time ();
      double seconds;

      remove_db (path);
      store = hub_store_open (path, &error);
      if (store == NULL || !hub_import_ensure_populated (store, report, NULL, &error))
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      seconds = (g_get_monotonic_time () - start) / 1e6;
      best = MIN (best, seconds);
      total += seconds;
      printf ("run %d: %.3f s (open + import): %u models added, %u updated, %u rejected, "
              "%u snapshots, %u snapshot rows, %u authors, %u tasks, %u libraries\n",
              run + 1, seconds, report->models_added, report->models_updated,
              report->models_rejected, report->snapshots_written, report->snapshot_rows,
              report->authors_written, report->tasks_written, report->libraries_written);
    }

  printf ("first launch: best %.3f s, mean %.3f s over %d runs\n", best, total / runs, runs);
  remove_db (path);
  g_rmdir (dir);
  return 0;
}
