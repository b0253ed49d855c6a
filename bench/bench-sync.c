/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Sync throughput against the local fixture Hub server, storage included:
 *   ninja -C build bench/bench-sync && build/bench/bench-sync [--models N] [--page-size N]
 * Runs scope "all" into a fresh database (every model new), then again into
 * the same database (every model updated, a second snapshot), and prints
 * models per second for each. The server runs in this process on its own
 * thread, so the figure includes building the JSON pages. */
#include "config.h"

#include "hub-sync.h"
#include "hub-test-server.h"

#include <glib/gstdio.h>
#include <stdio.h>

static double
run_once (HubClient  *client,
          HubStore   *store,
          guint       page_size,
          gint64      captured_at,
          guint      *out_models,
          guint      *out_pages)
{
  g_autoptr(HubSync) sync = hub_sync_new (client, store, "all");
  g_autoptr(GError) error = NULL;
  gint64 t0;

  hub_sync_set_page_size (sync, page_size);
  g_object_set (sync, "captured-at", captured_at, NULL);
  t0 = g_get_monotonic_time ();
  if (!hub_sync_run (sync, NULL, &error))
    {
      g_printerr ("bench-sync: %s\n", error->message);
      exit (1);
    }
  *out_models = hub_sync_get_models_stored (sync);
  *out_pages = hub_sync_get_pages (sync);
  return (g_get_monotonic_time () - t0) / 1e6;
}

int
main (int   argc,
      char *argv[])
{
  int n_models = 0;
  int page_size = 1000;
  g_autofree char *dataset = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new ("— sync throughput");
  g_autoptr(GError) error = NULL;
  g_autoptr(HubTestServer) server = NULL;
  g_autoptr(HubClient) client = NULL;
  g_autoptr(HubStore) store = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  const GOptionEntry entries[] = {
    { "models", 'n', 0, G_OPTION_ARG_INT, &n_models, "Catalogue size (default: the dataset, 15,904)", "N" },
    { "page-size", 0, 0, G_OPTION_ARG_INT, &page_size, "Models per page (default: 1000)", "N" },
    { NULL }
  };
  guint models;
  guint pages;
  double s;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || n_models < 0 || page_size < 1)
    {
      g_printerr ("bench-sync: %s\n", error != NULL ? error->message : "bad value");
      return 2;
    }

  dataset = g_build_filename (g_getenv ("HUBECO_DATASET_DIR") != NULL ? g_getenv ("HUBECO_DATASET_DIR") : DATASET_DIR,
                              "hub-models.jsonl.gz", NULL);
  server = hub_test_server_new (dataset, n_models, 0, &error);
  if (server == NULL)
    {
      g_printerr ("bench-sync: %s\n", error->message);
      return 1;
    }
  hub_test_server_set_page_cap (server, page_size);

  dir = g_dir_make_tmp ("hubeco-bench-sync-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (dir, "bench.db", NULL);
  store = hub_store_open (db, &error);
  g_assert_no_error (error);
  client = hub_client_new (hub_test_server_get_uri (server));
  hub_client_set_token (client, NULL);
  hub_client_set_timeout (client, 120);

  printf ("catalogue: %u models, page size %d\n", hub_test_server_get_n_models (server), page_size);

  s = run_once (client, store, page_size, 1000000000, &models, &pages);
  printf ("fresh database:   %u models, %u pages in %.2f s = %.0f models/s\n", models, pages, s, models / s);

  hub_test_server_advance (server, 1);
  s = run_once (client, store, page_size, 1000086400, &models, &pages);
  printf ("second snapshot:  %u models, %u pages in %.2f s = %.0f models/s\n", models, pages, s, models / s);

  g_clear_object (&store);
  {
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
    g_unlink (db);
    g_rmdir (dir);
  }
  return 0;
}
