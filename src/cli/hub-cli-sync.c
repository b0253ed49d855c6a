/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-cli"

#include "config.h"

#include "hub-cli-private.h"
#include "hub-format.h"
#include "hub-sync.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <stdio.h>

#define COMMAND "sync"

typedef struct {
  GMainLoop    *loop;
  GCancellable *cancellable;
  HubCliInterrupt interrupt;
  gboolean      ok;
  GError       *error;
} SyncCli;

static void
page_stored_cb (HubSync *sync,
                guint    page,
                guint    models_on_page,
                gpointer data)
{
  g_autofree char *total = hub_format_count (hub_sync_get_models_stored (sync));
  gint64 left = hub_sync_get_requests_left (sync);

  if (left >= 0)
    {
      g_autofree char *left_text = hub_format_count (left);

      fprintf (stderr, _("Page %u: %u models, %s stored, %s requests left\n"),
               page, models_on_page, total, left_text);
    }
  else
    fprintf (stderr, _("Page %u: %u models, %s stored\n"), page, models_on_page, total);
}

static void
retrying_cb (HubClient  *client,
             guint       attempt,
             guint       delay_ms,
             const char *reason,
             gpointer    data)
{
  fprintf (stderr, _("%s; attempt %u in %.1f s\n"), reason, attempt, delay_ms / 1000.0);
}

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  SyncCli *cli = data;

  cli->ok = hub_sync_run_finish (HUB_SYNC (source), result, &cli->error);
  g_main_loop_quit (cli->loop);
}

/**
 * hub_cli_cmd_sync:
 * `hubeco sync [--scope S] [--limit N] [--endpoint URL] [--timeout SECONDS]
 * [--sync-timeout SECONDS]`: fetches models
 * from the Hub API (or $HF_ENDPOINT) into the database as one snapshot.
 * Progress goes to stderr, the summary to stdout. Exit 0, 1 on a failed
 * sync, 130 when interrupted (the next sync of the scope resumes).
 */
int
hub_cli_cmd_sync (int    argc,
                  char **argv)
{
  g_autofree char *db_path = NULL;
  g_autofree char *scope = NULL;
  g_auto(HubCliNetwork) net = { NULL, 0 };
  g_autofree char *series = NULL;
  int limit = 0;
  int page_size = 0;
  int sync_timeout = -1;
  g_autoptr(GError) error = NULL;
  g_autoptr(HubStore) store = NULL;
  g_autoptr(HubClient) client = NULL;
  g_autoptr(HubSync) sync = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *added = NULL;
  SyncCli cli = { 0 };
  const GOptionEntry entries[] = {
    { "scope", 's', 0, G_OPTION_ARG_STRING, &scope,
      N_("trending, downloads, likes (top N), author:NAME, task:TASK, children:MODEL-ID or all (default: trending)"),
      N_("SCOPE") },
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit,
      N_("At most N models (default: 1000 for top scopes, all for the others)"), "N" },
    HUB_CLI_NETWORK_ENTRIES (net),
    { "page-size", 0, 0, G_OPTION_ARG_INT, &page_size,
      N_("Models per request (default: 1000)"), "N" },
    { "sync-timeout", 0, 0, G_OPTION_ARG_INT, &sync_timeout,
      N_("The longest the whole sync may take; it stops after the last stored page and the "
         "next sync continues from there (default: 21600, six hours; 0: no limit)"), N_("SECONDS") },
    { NULL }
  };
  int rc;

  rc = hub_cli_parse_options (COMMAND, NULL,
                              _("Fetch models from the Hub API into the database, as one dated "
                                "snapshot. HF_TOKEN, when set, is sent as the access token."),
                              entries, &db_path, &argc, &argv);
  if (rc != HUB_CLI_EXIT_OK)
    return rc;
  if (argc > 1)
    return hub_cli_fail (COMMAND, HUB_CLI_EXIT_USAGE, _("Unexpected argument “%s”"), argv[1]);
  if (scope == NULL)
    scope = g_strdup ("trending");
  if (!hub_sync_scope_validate (scope, &error))
    return hub_cli_fail (COMMAND, HUB_CLI_EXIT_USAGE, "%s", error->message);
  if (limit < 0)
    return hub_cli_fail (COMMAND, HUB_CLI_EXIT_USAGE, _("--limit must be a positive number"));
  if (page_size < 0)
    return hub_cli_fail (COMMAND, HUB_CLI_EXIT_USAGE, _("--page-size must be a positive number"));
  if (sync_timeout < -1)
    return hub_cli_fail (COMMAND, HUB_CLI_EXIT_USAGE, _("--sync-timeout must be a number of seconds, 0 for no limit"));

  store = hub_cli_open_store (db_path, &error);
  if (store == NULL)
    return hub_cli_fail (COMMAND, HUB_CLI_EXIT_FAILED, "%s", error->message);

  client = hub_cli_network_client (COMMAND, &net, &rc);
  if (client == NULL)
    return rc;
  sync = hub_sync_new (client, store, scope);
  hub_sync_set_limit (sync, (guint) limit);
  if (page_size > 0)
    hub_sync_set_page_size (sync, (guint) page_size);
  if (sync_timeout >= 0)
    hub_sync_set_time_limit (sync, (guint) sync_timeout);
  g_signal_connect (sync, "page-stored", G_CALLBACK (page_stored_cb), NULL);
  g_signal_connect (client, "retrying", G_CALLBACK (retrying_cb), NULL);

  {
    g_autofree char *shown = hub_client_redact_uri (hub_client_get_base_uri (client));

    fprintf (stderr, _("Syncing %s from %s…\n"), scope, shown);
  }

  loop = g_main_loop_new (NULL, FALSE);
  cancellable = g_cancellable_new ();
  cli.loop = loop;
  cli.cancellable = cancellable;
  hub_cli_interrupt_begin (&cli.interrupt, cancellable, _("Interrupted: stopping after the current step…"));

  hub_sync_run_async (sync, cancellable, run_done_cb, &cli);
  g_main_loop_run (loop);

  hub_cli_interrupt_end (&cli.interrupt);

  stored = hub_format_count (hub_sync_get_models_stored (sync));
  added = hub_format_count (hub_sync_get_models_new (sync));
  series = hub_sync_scope_series (scope);

  if (!cli.ok)
    {
      g_autoptr(GError) run_error = cli.error;
      gboolean cancelled = g_error_matches (run_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

      if (hub_sync_get_snapshot_id (sync) > 0)
        fprintf (stderr, _("%s models stored in snapshot %lld (incomplete); "
                           "the next sync of %s continues from there.\n"),
                 stored, (long long) hub_sync_get_snapshot_id (sync), scope);
      if (cancelled || cli.interrupt.interrupted)
        return hub_cli_fail (COMMAND, HUB_CLI_EXIT_INTERRUPTED, _("Interrupted"));
      return hub_cli_fail (COMMAND, HUB_CLI_EXIT_FAILED, "%s", run_error->message);
    }

  if (hub_sync_get_not_modified (sync))
    {
      printf (_("Nothing changed on the Hub since the last sync of %s: no snapshot written.\n"), scope);
      fflush (stdout);
      return HUB_CLI_EXIT_OK;
    }

  printf (_("Scope: %s\n"), scope);
  printf (_("Models stored: %s (%s new)\n"), stored, added);
  printf (_("Pages: %u%s\n"), hub_sync_get_pages (sync),
          hub_sync_get_resumed (sync) ? _(" (resumed an interrupted sync)") : "");
  printf (_("Snapshot: %lld in series %s (complete)\n"),
          (long long) hub_sync_get_snapshot_id (sync), series);
  if (hub_sync_get_models_rejected (sync) > 0)
    {
      GPtrArray *rejections = hub_sync_get_rejections (sync);

      printf (_("Entries rejected: %u\n"), hub_sync_get_models_rejected (sync));
      for (guint i = 0; i < MIN (rejections->len, 20); i++)
        {
          g_autofree char *safe = hub_text_sanitize (g_ptr_array_index (rejections, i), FALSE);

          printf ("  %s\n", safe);
        }
    }
  if (hub_sync_get_fields_dropped (sync) > 0)
    printf (_("Fields dropped (wrong type or value): %u\n"), hub_sync_get_fields_dropped (sync));
  if (hub_sync_get_requests_left (sync) >= 0)
    printf (_("Requests left in this rate-limit window: %lld\n"),
            (long long) hub_sync_get_requests_left (sync));
  fflush (stdout);

  return HUB_CLI_EXIT_OK;
}
