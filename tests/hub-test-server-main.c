/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Runs the fixture Hub server standalone, for demos:
 *   hub-test-server --port 8765
 *   HF_ENDPOINT=http://127.0.0.1:8765 hubeco sync --scope trending --limit 500
 *   curl -X POST 'http://127.0.0.1:8765/_test/advance?days=1'   (counts change)
 * SIGUSR1 also advances by one day. Not a test. */
#include "config.h"

#include "hub-test-server.h"

#include <glib-unix.h>
#include <stdio.h>

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static gboolean
advance_cb (gpointer data)
{
  hub_test_server_advance (data, 1);
  g_printerr ("hub-test-server: counts advanced by one day\n");
  return G_SOURCE_CONTINUE;
}

int
main (int   argc,
      char *argv[])
{
  int port = 0;
  int n_models = 0;
  int delay_ms = 0;
  g_autofree char *dataset = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HubTestServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  const GOptionEntry entries[] = {
    { "port", 'p', 0, G_OPTION_ARG_INT, &port, "Port on 127.0.0.1 (0: any free port)", "PORT" },
    { "models", 'n', 0, G_OPTION_ARG_INT, &n_models, "Catalogue size (clones beyond the dataset)", "N" },
    { "delay-ms", 0, 0, G_OPTION_ARG_INT, &delay_ms, "Delay every answer", "MS" },
    { "dataset", 0, 0, G_OPTION_ARG_FILENAME, &dataset, "hub-models.jsonl.gz to serve", "PATH" },
    { NULL }
  };

  context = g_option_context_new ("— a local Hub API for HubEco demos");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) ||
      port < 0 || port > 65535 || n_models < 0 || delay_ms < 0)
    {
      g_printerr ("hub-test-server: %s\n", error != NULL ? error->message : "bad value");
      return 2;
    }
  if (dataset == NULL)
    dataset = g_build_filename (g_getenv ("HUBECO_DATASET_DIR") != NULL ? g_getenv ("HUBECO_DATASET_DIR") : DATASET_DIR,
                                "hub-models.jsonl.gz", NULL);

  server = hub_test_server_new (dataset, n_models, port, &error);
  if (server == NULL)
    {
      g_printerr ("hub-test-server: %s\n", error->message);
      return 1;
    }
  hub_test_server_set_delay (server, delay_ms);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_unix_signal_add (SIGUSR1, advance_cb, server);
  printf ("%s\n", hub_test_server_get_uri (server));
  fflush (stdout);
  g_printerr ("hub-test-server: %u models; POST /_test/advance?days=N or SIGUSR1 to move counts\n",
              hub_test_server_get_n_models (server));
  g_main_loop_run (loop);
  return 0;
}
