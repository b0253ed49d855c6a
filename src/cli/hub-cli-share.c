/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-cli"

#include "config.h"

#include "hub-cli-private.h"
#include "hub-cli-output.h"
#include "hub-cli-query.h"
#include "hub-data-export.h"
#include "hub-leaderboard.h"
#include "hub-lorenz-chart.h"
#include "hub-observations.h"
#include "hub-share-query.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

static int
finish (const char   *command,
        HubCliWriter *writer)
{
  if (!hub_cli_writer_finish (writer))
    return hub_cli_fail (command, HUB_CLI_EXIT_FAILED, _("Could not write the output"));
  return HUB_CLI_EXIT_OK;
}

/* k(X %) of the kept period in words, with the names of those k. */
static void
print_cover (FILE                 *out,
             const HubShareResult *res)
{
  const HubShareParticipants *kept = hub_share_result_get_participants (res, res->detail_period);
  guint named;
  double hhi = res->hhi[res->detail_period];

  if (kept == NULL)
    return;
  named = kept->names != NULL ? g_strv_length (kept->names) : 0;
  fprintf (out, _("%s: %u participants\n"), res->period_labels[res->detail_period], kept->n);
  for (guint i = 0; i < HUB_LORENZ_N_MARKS; i++)
    {
      guint k = hub_share_cover_count (kept->values, kept->n, FALSE, hub_lorenz_marks[i]);
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint j = 0; j < MIN (k, MIN (named, 10)); j++)
        g_string_append_printf (names, "%s%s", j > 0 ? ", " : "", kept->names[j]);
      if (k > 10)
        g_string_append (names, ", …");
      /* Translators: "3 participants cover 90%: Google, Meta, OpenAI" */
      fprintf (out, ngettext ("%u participant covers %.0f%%: %s\n", "%u participants cover %.0f%%: %s\n", k),
               k, 100 * hub_lorenz_marks[i], names->str);
    }
  if (hhi > 0)
    /* Translators: 1/HHI, "as concentrated as 6.8 equal participants" */
    fprintf (out, _("HHI %.4f: as concentrated as %.1f equal participants\n"), hhi, 1 / hhi);
}

static int
run_share_like (int      argc,
                char   **argv,
                gboolean concentration)
{
  const char *command = concentration ? "concentration" : "share";
  g_autofree char *db_path = NULL;
  g_autofree char *period = NULL;
  g_autofree char *seed_str = NULL;
  g_autofree GOptionEntry *entries = NULL;
  g_autoptr(HubCliWriter) writer = NULL;
  HubCliQueryOptions o = { 0 };
  HubCliLoaded l = { 0 };
  HubShareFigureOptions options = HUB_SHARE_FIGURE_OPTIONS_INIT;
  HubQuery query;
  HubCliFormat format = HUB_CLI_FORMAT_TABLE;
  gboolean participants = FALSE;
  int draws = 0;
  int rc;
  const GOptionEntry extra[] = {
    { "bootstrap", 0, 0, G_OPTION_ARG_INT, &draws,
      N_("Resample the models N times (200 is usual) and add each measure’s interval (90 %)"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed_str, N_("The bootstrap’s seed (default 20261207)"), N_("S") },
    { "participants", 0, 0, G_OPTION_ARG_NONE, &participants,
      N_("List the participants of one period, largest first, with the cumulative share (the Lorenz curve), "
         "and say how many cover 50, 80, 90 and 99 %"), NULL },
    { "period", 0, 0, G_OPTION_ARG_STRING, &period,
      N_("The period of --participants and of the bootstrap on large data: its label (default: the last)"),
      N_("LABEL") },
    { NULL }
  };

  hub_query_init (&query);
  entries = hub_cli_query_option_entries (&o, concentration ? extra : NULL, TRUE, TRUE);
  rc = hub_cli_parse_options (command, NULL,
                              concentration
                                ? _("Print per period HHI, Gini, top-1/10/100 share, participants, the fewest "
                                    "participants that cover 90 % and 1/HHI (as many equal participants would "
                                    "be as concentrated).")
                                : _("Print per period each category’s downloads and share."),
                              entries, &db_path, &argc, &argv);
  if (rc == HUB_CLI_EXIT_OK && argc > 1)
    rc = hub_cli_fail (command, HUB_CLI_EXIT_USAGE, _("Unexpected argument “%s”"), argv[1]);
  if (rc == HUB_CLI_EXIT_OK)
    rc = hub_cli_share_extras_build (command, draws, seed_str, period, &options.extras);
  if (rc == HUB_CLI_EXIT_OK)
    rc = hub_cli_query_options_build (command, &o, &query, &format);
  if (rc == HUB_CLI_EXIT_OK)
    rc = hub_cli_loaded_load (command, db_path, &l);
  if (rc == HUB_CLI_EXIT_OK)
    {
      options.extras.detail = participants;
      rc = hub_cli_loaded_share (command, &l, &query, &options);
    }
  if (rc != HUB_CLI_EXIT_OK)
    goto out;

  if (participants)
    {
      writer = hub_data_export_participant_rows (stdout, format, l.figure->result);
      rc = finish (command, writer);
      if (rc == HUB_CLI_EXIT_OK && format == HUB_CLI_FORMAT_TABLE && l.figure->result->has_detail)
        print_cover (stdout, l.figure->result);
    }
  else
    {
      writer = hub_cli_share_writer_new (stdout, format, l.figure->result, concentration);
      rc = finish (command, writer);
    }

out:
  hub_cli_loaded_clear (&l);
  hub_query_clear (&query);
  hub_cli_query_options_clear (&o);
  return rc;
}

/**
 * hub_cli_cmd_share:
 * `hubeco share QUERY-OPTIONS`: period, category, value, share.
 */
int
hub_cli_cmd_share (int    argc,
                   char **argv)
{
  return run_share_like (argc, argv, FALSE);
}

/**
 * hub_cli_cmd_concentration:
 * `hubeco concentration QUERY-OPTIONS [--bootstrap N] [--seed S]
 * [--participants] [--period LABEL]`: period, hhi, gini, top1, top10,
 * top100, participants, k90, equivalent (1/HHI) and with a bootstrap each
 * one's interval; or the participants of one period.
 */
int
hub_cli_cmd_concentration (int    argc,
                           char **argv)
{
  return run_share_like (argc, argv, TRUE);
}

/**
 * hub_cli_cmd_leaderboard:
 * `hubeco leaderboard --level country|developer|model [--since-created 12m]
 * QUERY-OPTIONS`; --top is the number of rows (default 20).
 */
int
hub_cli_cmd_leaderboard (int    argc,
                         char **argv)
{
  const char *command = "leaderboard";
  g_autofree char *db_path = NULL;
  g_autofree char *level_str = NULL;
  g_autofree char *since_str = NULL;
  g_autofree GOptionEntry *entries = NULL;
  g_autoptr(HubCliWriter) writer = NULL;
  HubCliQueryOptions o = { 0 };
  HubCliLoaded l = { 0 };
  HubQuery query;
  HubCliFormat format = HUB_CLI_FORMAT_TABLE;
  HubLeaderboardLevel level = HUB_LEADERBOARD_COUNTRY;
  guint since = HUB_QUERY_WINDOW_1Y;
  int rc;
  const GOptionEntry extra[] = {
    { "level", 0, 0, G_OPTION_ARG_STRING, &level_str, N_("country (default), developer, model"), N_("LEVEL") },
    { "since-created", 0, 0, G_OPTION_ARG_STRING, &since_str,
      N_("“Recent” means created within this window before the observation: 6m, 12m (default), 1y, Nd"), N_("WINDOW") },
    { NULL }
  };

  hub_query_init (&query);
  entries = hub_cli_query_option_entries (&o, extra, TRUE, TRUE);
  rc = hub_cli_parse_options (command, NULL, _("Print the largest countries, developers or models with their share."),
                              entries, &db_path, &argc, &argv);
  if (rc == HUB_CLI_EXIT_OK && argc > 1)
    rc = hub_cli_fail (command, HUB_CLI_EXIT_USAGE, _("Unexpected argument “%s”"), argv[1]);
  if (rc == HUB_CLI_EXIT_OK && level_str != NULL && !hub_leaderboard_level_from_string (level_str, &level))
    {
      const char *valid[] = { "country", "developer", "model", NULL };
      rc = hub_cli_fail_value (command, "--level", level_str, valid);
    }
  if (rc == HUB_CLI_EXIT_OK && since_str != NULL &&
      (!hub_query_window_from_string (since_str, &since) || since == 0))
    rc = hub_cli_fail (command, HUB_CLI_EXIT_USAGE,
                       _("Bad value “%s” for --since-created (expected 6m, 12m, 1y or a number of days like 90d)"),
                       since_str);
  if (rc == HUB_CLI_EXIT_OK)
    rc = hub_cli_query_options_build (command, &o, &query, &format);
  if (rc == HUB_CLI_EXIT_OK)
    rc = hub_cli_loaded_load (command, db_path, &l);
  if (rc == HUB_CLI_EXIT_OK)
    {
      HubShareFigureOptions options = HUB_SHARE_FIGURE_OPTIONS_INIT;

      options.leaderboard = TRUE;
      options.level = level;
      options.recent_days = since;
      options.leaderboard_rows = hub_cli_query_options_leaderboard_rows (&o, &query);
      rc = hub_cli_loaded_share (command, &l, &query, &options);
    }
  if (rc != HUB_CLI_EXIT_OK)
    goto out;

  writer = hub_cli_leaderboard_writer_new (stdout, format, l.figure->leaderboard);
  rc = finish (command, writer);

out:
  hub_cli_loaded_clear (&l);
  hub_query_clear (&query);
  hub_cli_query_options_clear (&o);
  return rc;
}

static const HubCliColumn snapshot_columns[] = {
  { "series",        N_("Series"),   HUB_CLI_VALUE_TEXT },
  { "source",        N_("Source"),   HUB_CLI_VALUE_TEXT },
  { "captured_at",   N_("Captured"), HUB_CLI_VALUE_TIME },
  { "models",        N_("Models"),   HUB_CLI_VALUE_COUNT },
  { "complete",      N_("Complete"), HUB_CLI_VALUE_TEXT },
  { "carry_forward", NULL,           HUB_CLI_VALUE_TEXT },
};

/**
 * hub_cli_cmd_snapshots:
 * `hubeco snapshots [--format csv|json]`: series, captured_at, models,
 * complete.
 */
int
hub_cli_cmd_snapshots (int    argc,
                       char **argv)
{
  const char *command = "snapshots";
  g_autofree char *db_path = NULL;
  g_autofree GOptionEntry *entries = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(HubStore) store = NULL;
  g_autoptr(HubCliWriter) writer = NULL;
  g_autoptr(GError) error = NULL;
  HubCliQueryOptions o = { 0 };
  HubCliFormat format = HUB_CLI_FORMAT_TABLE;
  int rc;

  entries = hub_cli_query_option_entries (&o, NULL, FALSE, TRUE);
  rc = hub_cli_parse_options (command, NULL, _("List the stored snapshots, by series."),
                              entries, &db_path, &argc, &argv);
  if (rc == HUB_CLI_EXIT_OK && argc > 1)
    rc = hub_cli_fail (command, HUB_CLI_EXIT_USAGE, _("Unexpected argument “%s”"), argv[1]);
  if (rc == HUB_CLI_EXIT_OK && o.format != NULL && !hub_cli_format_from_string (o.format, &format))
    rc = hub_cli_fail (command, HUB_CLI_EXIT_USAGE, _("Unknown value “%s” for --format. Valid values: %s"),
                       o.format, hub_cli_format_valid_values ());
  if (rc != HUB_CLI_EXIT_OK)
    goto out;

  store = hub_cli_open_store (db_path, &error);
  if (store != NULL)
    list = hub_observations_list_snapshots (store, &error);
  if (list == NULL)
    {
      rc = hub_cli_fail (command, HUB_CLI_EXIT_FAILED, "%s", error->message);
      goto out;
    }
  writer = hub_cli_writer_new (stdout, format, snapshot_columns, G_N_ELEMENTS (snapshot_columns));
  for (guint i = 0; i < list->len; i++)
    {
      const HubSnapshotInfo *s = g_ptr_array_index (list, i);

      hub_cli_writer_add_text (writer, s->series);
      hub_cli_writer_add_text (writer, s->source);
      hub_cli_writer_add_int (writer, s->captured_at);
      hub_cli_writer_add_int (writer, s->n_models);
      hub_cli_writer_add_text (writer, s->complete ? "yes" : "no");
      hub_cli_writer_add_text (writer, s->carry_forward ? "yes" : "no");
      hub_cli_writer_end_row (writer);
    }
  rc = finish (command, writer);

out:
  hub_cli_query_options_clear (&o);
  return rc;
}
