/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-cli"

#include "config.h"

#include "hub-cli-private.h"
#include "hub-import.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#define COMMAND "import"

/**
 * hub_cli_cmd_import:
 * `hubeco import FILE...`: stores JSON arrays, JSONL (optionally .gz) and
 * history CSV files, then prints what was added, updated and rejected.
 * Exits 1 when a file could not be read at all (the others are imported).
 */
int
hub_cli_cmd_import (int    argc,
                    char **argv)
{
  g_autofree char *db_path = NULL;
  g_autoptr(HubStore) store = NULL;
  g_autoptr(HubImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *captured_at = NULL;
  g_autofree char *series = NULL;
  HubImportOptions options = HUB_IMPORT_OPTIONS_INIT;
  guint n_failed = 0;
  int rc;
  const GOptionEntry entries[] = {
    { "captured-at", 0, 0, G_OPTION_ARG_STRING, &captured_at,
      N_("When a dump's snapshot was taken (ISO 8601 date or time; default: from the file)"), N_("DATE") },
    { "series", 0, 0, G_OPTION_ARG_STRING, &series,
      N_("The series of a dump's snapshot (default: import:FILE-NAME)"), N_("SERIES") },
    { NULL }
  };

  rc = hub_cli_parse_options (COMMAND, _("FILE…"),
                              _("Import Hub model entries (JSON array, JSONL, optionally .gz), "
                                "history CSV files, period downloads (model_id,date,downloads "
                                "as CSV or JSONL) and Parquet files (a models snapshot shaped "
                                "like hub-stats' models.parquet, or a per-model series of period "
                                "downloads) into the database."),
                              entries, &db_path, &argc, &argv);
  if (rc != HUB_CLI_EXIT_OK)
    return rc;
  if (captured_at != NULL)
    {
      options.captured_at = hub_time_parse_iso8601 (captured_at);
      if (options.captured_at == HUB_TIME_NONE)
        return hub_cli_fail (COMMAND, HUB_CLI_EXIT_USAGE,
                             _("--captured-at: “%s” is not an ISO 8601 date or time (e.g. 2025-01-07)"),
                             captured_at);
    }
  if (series != NULL)
    {
      if (*series == '\0' || strlen (series) > 200)
        return hub_cli_fail (COMMAND, HUB_CLI_EXIT_USAGE, _("--series: give a name of 1 to 200 characters"));
      options.series = series;
    }
  if (argc < 2)
    return hub_cli_fail (COMMAND, HUB_CLI_EXIT_USAGE, _("No file given. Usage: hubeco import FILE… [--db PATH]"));

  store = hub_cli_open_store (db_path, &error);
  if (store == NULL)
    return hub_cli_fail (COMMAND, HUB_CLI_EXIT_FAILED, "%s", error->message);

  report = hub_import_report_new ();
  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (argv[i]);
      g_autoptr(GError) file_error = NULL;

      if (!hub_import_file_full (store, file, HUB_IMPORT_FORMAT_AUTO, &options, report, NULL, &file_error))
        {
          /* The importer's messages start with the file's name. */
          hub_cli_fail (COMMAND, HUB_CLI_EXIT_FAILED, "%s", file_error->message);
          n_failed++;
        }
    }

  {
    g_autofree char *summary = hub_import_report_summary (report);

    fputs (summary, stdout);
  }
  if (n_failed > 0)
    printf (_("Files not read: %u\n"), n_failed);
  fflush (stdout);

  if (n_failed > 0)
    return HUB_CLI_EXIT_FAILED;
  /* Every entry or row refused: the import did nothing, say so in the
   * exit code too (scripts). */
  if ((report->models_rejected > 0 || report->rows_rejected > 0) &&
      report->models_added == 0 && report->models_updated == 0 && report->snapshot_rows == 0 &&
      report->period_rows == 0 && report->authors_written == 0 && report->scores_written == 0)
    return hub_cli_fail (COMMAND, HUB_CLI_EXIT_FAILED, _("Nothing was imported: every entry was rejected."));
  return HUB_CLI_EXIT_OK;
}
