/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-cli"

#include "config.h"

#include "hub-cli-private.h"
#include "hub-import.h"

#include <glib/gi18n.h>
#include <stdio.h>

#define COMMAND "import"

/* Rejection messages printed in full; the rest are counted. */
#define MAX_LISTED_MESSAGES 20

static void
print_messages (GPtrArray *messages)
{
  guint n = messages != NULL ? messages->len : 0;

  for (guint i = 0; i < MIN (n, MAX_LISTED_MESSAGES); i++)
    printf ("  %s\n", (const char *) g_ptr_array_index (messages, i));
  if (n > MAX_LISTED_MESSAGES)
    printf (_("  … and %u more\n"), n - MAX_LISTED_MESSAGES);
}

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
  guint n_failed = 0;
  int rc;

  rc = hub_cli_parse_options (COMMAND, _("FILE…"),
                              _("Import Hub model entries (JSON array, JSONL, optionally .gz), "
                                "history CSV files and period downloads (model_id,date,downloads "
                                "as CSV or JSONL) into the database."),
                              NULL, &db_path, &argc, &argv);
  if (rc != HUB_CLI_EXIT_OK)
    return rc;
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

      if (!hub_import_file (store, file, HUB_IMPORT_FORMAT_AUTO, report, NULL, &file_error))
        {
          /* The importer's messages start with the file's name. */
          hub_cli_fail (COMMAND, HUB_CLI_EXIT_FAILED, "%s", file_error->message);
          n_failed++;
        }
    }

  printf (_("Models added: %u\n"), report->models_added);
  printf (_("Models updated: %u\n"), report->models_updated);
  printf (_("Models rejected: %u\n"), report->models_rejected);
  if (report->rows_rejected > 0)
    printf (_("Rows rejected: %u\n"), report->rows_rejected);
  print_messages (report->rejections);
  if (report->fields_dropped > 0)
    {
      printf (_("Fields dropped: %u\n"), report->fields_dropped);
      print_messages (report->warnings);
    }
  printf (_("Snapshots written: %u (%u rows)\n"), report->snapshots_written, report->snapshot_rows);
  if (report->period_rows > 0 || report->rows_skipped > 0)
    {
      printf (_("Period downloads: %u rows (%u for models not in the database, kept)\n"),
              report->period_rows, report->period_unknown_rows);
      if (report->unknown_models->len > 0)
        {
          g_autoptr(GString) ids = g_string_new (NULL);

          for (guint i = 0; i < report->unknown_models->len && i < 10; i++)
            g_string_append_printf (ids, "%s%s", i > 0 ? ", " : "",
                                    (char *) g_ptr_array_index (report->unknown_models, i));
          if (report->unknown_models->len > 10)
            g_string_append_printf (ids, _(" and %u more"), report->unknown_models->len - 10);
          printf (_("Models not in the database: %s\n"), ids->str);
        }
      if (report->rows_skipped > 0)
        printf (_("Rows of other repository types skipped: %u\n"), report->rows_skipped);
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
      report->period_rows == 0 && report->authors_written == 0)
    return hub_cli_fail (COMMAND, HUB_CLI_EXIT_FAILED, _("Nothing was imported: every entry was rejected."));
  return HUB_CLI_EXIT_OK;
}
