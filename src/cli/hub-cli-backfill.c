/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-cli"

#include "config.h"

#include "hub-backfill.h"
#include "hub-cli-private.h"
#include "hub-format.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#define COMMAND "backfill"

typedef struct {
  HubStore                 *store;
  HubClient                *client;
  const HubBackfillOptions *options;
  HubImportReport          *report;
  GMainLoop                *loop;
  GCancellable             *cancellable;
  HubCliInterrupt           interrupt;
  gboolean                  ok;
  GError                   *error;
  guint                     last_percent;
} BackfillCli;

/* On the worker thread: progress lines to stderr. */
static void
progress_cb (const HubBackfillStatus *s,
             gpointer                 data)
{
  BackfillCli *cli = data;

  switch (s->stage)
    {
    case HUB_BACKFILL_LISTING:
      fprintf (stderr, _("Listing the revisions of %s…\n"), cli->options->repo);
      break;
    case HUB_BACKFILL_PLANNED:
      {
        g_autofree char *total = g_format_size (s->bytes_total);
        g_autofree char *peak = g_format_size (s->bytes_peak);

        fprintf (stderr, _("%u revisions chosen, %u imported before, %u to fetch: %s to download, "
                           "at most %s on disk at once in %s (the database grows too)\n"),
                 s->n_chosen, s->n_skipped, s->n_todo, total, peak, cli->options->download_dir);
      }
      break;
    case HUB_BACKFILL_DOWNLOADING:
      {
        guint percent = s->bytes_file > 0 ? (guint) (100 * s->bytes_done / s->bytes_file) : 0;

        if (s->bytes_done == 0 || percent / 25 != cli->last_percent / 25)
          {
            g_autofree char *date = hub_cli_format_day (s->revision->date);
            g_autofree char *size = g_format_size (s->bytes_file);

            fprintf (stderr, _("Revision %.8s (%s): downloading %s, %u %%\n"),
                     s->revision->id, date, size, percent);
          }
        cli->last_percent = percent;
      }
      break;
    case HUB_BACKFILL_IMPORTING:
      {
        g_autofree char *date = hub_cli_format_day (s->revision->date);

        fprintf (stderr, _("Revision %.8s (%s): importing\n"), s->revision->id, date);
      }
      break;
    case HUB_BACKFILL_IMPORTED:
      fprintf (stderr, _("%u of %u revisions imported\n"), s->n_done, s->n_todo);
      break;
    default:
      break;
    }
}

static void
run_thread (GTask        *task,
            gpointer      source,
            gpointer      data,
            GCancellable *cancellable)
{
  BackfillCli *cli = data;
  GError *error = NULL;

  if (hub_backfill_run (cli->store, cli->client, cli->options, progress_cb, cli, cli->report,
                        cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  BackfillCli *cli = data;

  cli->ok = g_task_propagate_boolean (G_TASK (result), &cli->error);
  g_main_loop_quit (cli->loop);
}

/* "7d", "2w" or "7" (days). */
static gboolean
parse_every (const char *text,
             guint      *out_days)
{
  char *end = NULL;
  guint64 n;

  if (text == NULL || !g_ascii_isdigit (text[0]))
    return FALSE;
  n = g_ascii_strtoull (text, &end, 10);
  if (*end == 'w' && end[1] == '\0')
    n *= 7;
  else if (!(*end == '\0' || (*end == 'd' && end[1] == '\0')))
    return FALSE;
  if (n > 36500)
    return FALSE;
  *out_days = (guint) n;
  return TRUE;
}

static gboolean
parse_date_option (const char  *option,
                   const char  *text,
                   gint64      *out,
                   int         *rc)
{
  if (text == NULL)
    return TRUE;
  *out = hub_time_parse_iso8601 (text);
  if (*out != HUB_TIME_NONE)
    return TRUE;
  *rc = hub_cli_fail (COMMAND, HUB_CLI_EXIT_USAGE, _("%s: “%s” is not an ISO 8601 date (e.g. 2025-01-01)"),
                      option, text);
  return FALSE;
}

/**
 * hub_cli_cmd_backfill:
 * `hubeco backfill [hub-stats | OWNER/NAME --file PATH] [--since DATE]
 * [--until DATE] [--every 7d] [--series NAME] [--keep-downloads]
 * [--download-dir DIR] [--endpoint URL]`: imports dated revisions of a
 * dataset's Parquet file as snapshots (hub-backfill.h). Progress goes to
 * stderr, the summary to stdout. Exit 0, 1 failed, 2 bad usage, 130
 * interrupted (a rerun resumes).
 */
int
hub_cli_cmd_backfill (int    argc,
                      char **argv)
{
  g_autofree char *db_path = NULL;
  g_autofree char *since = NULL;
  g_autofree char *until = NULL;
  g_autofree char *every = NULL;
  g_autofree char *series = NULL;
  g_autofree char *file = NULL;
  g_autofree char *download_dir = NULL;
  g_auto(HubCliNetwork) net = { NULL, 0 };
  gboolean keep = FALSE;
  g_autoptr(GError) error = NULL;
  g_autoptr(HubStore) store = NULL;
  g_autoptr(HubClient) client = NULL;
  g_autoptr(HubImportReport) report = hub_import_report_new ();
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GTask) task = NULL;
  HubBackfillOptions options = {
    HUB_BACKFILL_HUB_STATS_REPO, HUB_BACKFILL_HUB_STATS_PATH, HUB_BACKFILL_HUB_STATS_SERIES,
    HUB_TIME_NONE, HUB_TIME_NONE, 7, NULL, FALSE,
  };
  BackfillCli cli = { 0 };
  const GOptionEntry entries[] = {
    { "since", 0, 0, G_OPTION_ARG_STRING, &since, N_("Only revisions committed on or after DATE"), N_("DATE") },
    { "until", 0, 0, G_OPTION_ARG_STRING, &until, N_("Only revisions committed on or before DATE"), N_("DATE") },
    { "every", 0, 0, G_OPTION_ARG_STRING, &every,
      N_("At least this long between revisions: Nd or Nw (default: 7d; 0 = every revision)"), N_("SPAN") },
    { "file", 0, 0, G_OPTION_ARG_STRING, &file,
      N_("The Parquet file in the dataset (default for hub-stats: models.parquet)"), N_("PATH") },
    { "series", 0, 0, G_OPTION_ARG_STRING, &series,
      N_("The series of the snapshots (default: hub-stats, or backfill:OWNER/NAME)"), N_("NAME") },
    { "download-dir", 0, 0, G_OPTION_ARG_FILENAME, &download_dir,
      N_("Where downloads go (default: the cache folder, hubeco/backfill)"), N_("DIR") },
    { "keep-downloads", 0, 0, G_OPTION_ARG_NONE, &keep, N_("Keep each downloaded file after its import"), NULL },
    HUB_CLI_NETWORK_ENTRIES (net),
    { NULL }
  };
  int rc = HUB_CLI_EXIT_OK;

  rc = hub_cli_parse_options (COMMAND, _("[hub-stats | OWNER/NAME]"),
                              _("Import dated revisions of a dataset's Parquet file from the Hub as "
                                "snapshots: each daily commit of hub-stats is a snapshot of every "
                                "model, so a backfill builds months of history. Revisions already "
                                "imported are skipped; an interrupted backfill resumes. HF_TOKEN, "
                                "when set, is sent to the Hub (never to its storage hosts)."),
                              entries, &db_path, &argc, &argv);
  if (rc != HUB_CLI_EXIT_OK)
    return rc;
  if (argc > 2)
    return hub_cli_fail (COMMAND, HUB_CLI_EXIT_USAGE, _("Unexpected argument “%s”"), argv[2]);
  if (argc == 2 && strcmp (argv[1], "hub-stats") != 0)
    {
      if (file == NULL)
        return hub_cli_fail (COMMAND, HUB_CLI_EXIT_USAGE,
                             _("For a dataset other than hub-stats, name its Parquet file with --file"));
      options.repo = argv[1];
      options.series = NULL;
    }
  if (file != NULL)
    options.path = file;
  if (series != NULL)
    options.series = series;
  else if (options.series == NULL)
    options.series = series = g_strconcat ("backfill:", options.repo, NULL);
  if (every != NULL && !parse_every (every, &options.every_days))
    return hub_cli_fail (COMMAND, HUB_CLI_EXIT_USAGE, _("--every: “%s” is not a span like 7d or 2w"), every);
  if (!parse_date_option ("--since", since, &options.since, &rc) ||
      !parse_date_option ("--until", until, &options.until, &rc))
    return rc;
  if (download_dir == NULL)
    download_dir = g_build_filename (g_get_user_cache_dir (), "hubeco", "backfill", NULL);
  options.download_dir = download_dir;
  options.keep_downloads = keep;

  store = hub_cli_open_store (db_path, &error);
  if (store == NULL)
    return hub_cli_fail (COMMAND, HUB_CLI_EXIT_FAILED, "%s", error->message);
  client = hub_cli_network_client (COMMAND, &net, &rc);
  if (client == NULL)
    return rc;

  loop = g_main_loop_new (NULL, FALSE);
  cancellable = g_cancellable_new ();
  cli = (BackfillCli) { store, client, &options, report, loop, cancellable, { 0 }, FALSE, NULL, 0 };
  hub_cli_interrupt_begin (&cli.interrupt, cancellable, _("Interrupted: stopping; the next backfill resumes from here…"));

  task = g_task_new (NULL, cancellable, run_done_cb, &cli);
  g_task_set_task_data (task, &cli, NULL);
  g_task_run_in_thread (task, run_thread);
  g_main_loop_run (loop);

  hub_cli_interrupt_end (&cli.interrupt);

  if (!cli.ok)
    {
      g_autoptr(GError) run_error = cli.error;

      if (cli.interrupt.interrupted || g_error_matches (run_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return hub_cli_fail (COMMAND, HUB_CLI_EXIT_INTERRUPTED, _("Interrupted"));
      return hub_cli_fail (COMMAND, HUB_CLI_EXIT_FAILED, "%s", run_error->message);
    }

  printf (_("Series: %s\n"), options.series);
  printf (_("Snapshots written: %u (%u rows)\n"), report->snapshots_written, report->snapshot_rows);
  printf (_("Models added: %u, updated: %u, rejected: %u\n"),
          report->models_added, report->models_updated, report->models_rejected);
  fflush (stdout);
  return HUB_CLI_EXIT_OK;
}
