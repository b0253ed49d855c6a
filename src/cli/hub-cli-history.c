/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-cli"

#include "config.h"

#include "hub-cli-output.h"
#include "hub-cli-private.h"
#include "hub-history.h"

#include <glib/gi18n.h>
#include <stdio.h>

#define COMMAND "history"

/**
 * hub_cli_cmd_history:
 * `hubeco history ID [--series S] [--format table|csv|json]`: every snapshot
 * that saw the model, with the downloads between consecutive snapshots of a
 * series (the difference of the all-time totals; a decrease is flagged and
 * not used). Exit 1 when the model was never observed.
 */
int
hub_cli_cmd_history (int    argc,
                     char **argv)
{
  g_autofree char *db_path = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *series = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HubStore) store = NULL;
  g_autoptr(HubModelEntry) model = NULL;
  g_autoptr(GArray) points = NULL;
  g_autoptr(HubCliWriter) writer = NULL;
  HubCliFormat format = HUB_CLI_FORMAT_TABLE;
  const char *id;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name, N_("table, csv or json (default: table)"), N_("FORMAT") },
    { "series", 0, 0, G_OPTION_ARG_STRING, &series, N_("Only this snapshot series (e.g. sync:trending)"), N_("SERIES") },
    { NULL }
  };
  const HubCliColumn columns[] = {
    { "captured_at", N_("Captured"), HUB_CLI_VALUE_TIME },
    { "series", N_("Series"), HUB_CLI_VALUE_TEXT },
    { "downloads", N_("Downloads (30 d)"), HUB_CLI_VALUE_COUNT },
    { "downloads_all_time", N_("All time"), HUB_CLI_VALUE_COUNT },
    { "likes", N_("Likes"), HUB_CLI_VALUE_COUNT },
    { "trending_score", N_("Trending"), HUB_CLI_VALUE_COUNT },
    { "interval_downloads", N_("Since previous"), HUB_CLI_VALUE_COUNT },
    { "note", N_("Note"), HUB_CLI_VALUE_TEXT },
  };
  HubCliColumn translated[G_N_ELEMENTS (columns)];
  int rc;

  rc = hub_cli_parse_options (COMMAND, _("MODEL-ID"),
                              _("Show every stored observation of a model and the downloads "
                                "between consecutive snapshots."),
                              entries, &db_path, &argc, &argv);
  if (rc != HUB_CLI_EXIT_OK)
    return rc;
  if (argc != 2)
    return hub_cli_fail (COMMAND, HUB_CLI_EXIT_USAGE,
                         _("Give one model id. Usage: hubeco history MODEL-ID [--format csv|json] [--db PATH]"));
  id = argv[1];
  if (format_name != NULL && !hub_cli_format_from_string (format_name, &format))
    {
      const char * const valid[] = { "table", "csv", "json", NULL };

      return hub_cli_fail_value (COMMAND, "--format", format_name, valid);
    }

  store = hub_cli_open_store (db_path, &error);
  if (store == NULL)
    return hub_cli_fail (COMMAND, HUB_CLI_EXIT_FAILED, "%s", error->message);

  points = hub_history_load (store, id, series, &error);
  if (points == NULL)
    return hub_cli_fail (COMMAND, HUB_CLI_EXIT_FAILED, "%s", error->message);
  if (points->len == 0)
    {
      model = hub_store_get_model (store, id, &error);
      if (error != NULL)
        return hub_cli_fail (COMMAND, HUB_CLI_EXIT_FAILED, "%s", error->message);
      if (model == NULL)
        return hub_cli_fail (COMMAND, HUB_CLI_EXIT_FAILED, _("No model “%s” in the database"), id);
      if (series != NULL)
        return hub_cli_fail (COMMAND, HUB_CLI_EXIT_FAILED,
                             _("“%s” was never observed in series %s"), id, series);
      return hub_cli_fail (COMMAND, HUB_CLI_EXIT_FAILED, _("“%s” was never observed in a snapshot"), id);
    }

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      translated[i] = columns[i];
      translated[i].title = _(columns[i].title);
    }

  writer = hub_cli_writer_new (stdout, format, translated, G_N_ELEMENTS (translated));
  for (guint i = 0; i < points->len; i++)
    {
      const HubHistoryPoint *p = &g_array_index (points, HubHistoryPoint, i);
      const char *note = NULL;

      if (p->decreased)
        note = _("all-time total decreased");
      else if (!p->complete)
        note = _("incomplete snapshot");

      hub_cli_writer_add_int (writer, p->captured_at);
      hub_cli_writer_add_text (writer, p->series);
      hub_cli_writer_add_int (writer, p->downloads);
      hub_cli_writer_add_int (writer, p->downloads_all_time);
      hub_cli_writer_add_int (writer, p->likes);
      hub_cli_writer_add_int (writer, p->trending_score);
      hub_cli_writer_add_int (writer, p->interval_downloads);
      hub_cli_writer_add_text (writer, note);
      hub_cli_writer_end_row (writer);
    }
  if (!hub_cli_writer_finish (writer))
    return hub_cli_fail (COMMAND, HUB_CLI_EXIT_FAILED, _("Could not write the output"));

  return HUB_CLI_EXIT_OK;
}
