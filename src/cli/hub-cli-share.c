/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-cli"

#include "config.h"

#include "hub-cli-private.h"
#include "hub-cli-output.h"
#include "hub-leaderboard.h"
#include "hub-observations.h"
#include "hub-share-query.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

/* The QUERY-OPTIONS shared by share, concentration and leaderboard: each
 * maps to one key of the query's text form. */
typedef struct {
  char *query;
  char *values[17];
  char *format;
} QueryOptions;

static const struct {
  const char *option;   /* also the text-form key, with '-' for '_' */
  const char *help;
  const char *arg;
} query_options[] = {
  { "by", N_("Group by: model, author, group, country, org-type, modality, task, library, relation"), N_("DIM") },
  { "within", N_("Break each category down by a second dimension"), N_("DIM") },
  { "axis", N_("Periods: snapshot (default), week, month, quarter, year, cohort"), N_("AXIS") },
  { "series", N_("Snapshot series (default: the one with the most snapshots covering the filters; see “hubeco snapshots”)"), N_("NAME") },
  { "measure", N_("downloads30d (default), interval, period, likes"), N_("MEASURE") },
  { "window", N_("Count only models created within none, 6m, 1y or Nd before each observation"), N_("WINDOW") },
  { "attribution", N_("self (default) or root: credit the root of each model’s lineage"), N_("HOW") },
  { "top", N_("Keep the N largest categories, sum the rest as Other (0 = all)"), N_("N") },
  { "task", N_("Only models of this task"), N_("TASK") },
  { "library", N_("Only models of this library"), N_("LIBRARY") },
  { "country", N_("Only models whose author is in this country"), N_("CC") },
  { "org-type", N_("Only models whose author is of this organization type"), N_("TYPE") },
  { "relation", N_("Only base models or models with this relation: base, finetune, adapter, quantized, merge"), N_("RELATION") },
  { "created-from", N_("Only models created on or after DATE"), N_("DATE") },
  { "created-to", N_("Only models created before DATE"), N_("DATE") },
  { "min-params", N_("At least N parameters (7B, 500M)"), N_("N") },
  { "max-params", N_("At most N parameters (7B, 500M)"), N_("N") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (query_options) == G_N_ELEMENTS (((QueryOptions *) 0)->values));

static void
query_options_clear (QueryOptions *o)
{
  g_free (o->query);
  g_free (o->format);
  for (guint i = 0; i < G_N_ELEMENTS (o->values); i++)
    g_free (o->values[i]);
}

/* Entries for @o, plus @extra (NULL-terminated), NULL-terminated. */
static GOptionEntry *
query_option_entries (QueryOptions       *o,
                      const GOptionEntry *extra,
                      gboolean            with_query)
{
  GArray *entries = g_array_new (TRUE, TRUE, sizeof (GOptionEntry));

  if (with_query)
    {
      GOptionEntry e = { "query", 0, 0, G_OPTION_ARG_STRING, &o->query,
                         N_("The whole query in its text form, e.g. 'by=country;axis=week;window=1y'"), N_("TEXT") };
      g_array_append_val (entries, e);
      for (guint i = 0; i < G_N_ELEMENTS (query_options); i++)
        {
          GOptionEntry q = { query_options[i].option, 0, 0, G_OPTION_ARG_STRING, &o->values[i],
                             query_options[i].help, query_options[i].arg };
          g_array_append_val (entries, q);
        }
    }
  {
    GOptionEntry f = { "format", 0, 0, G_OPTION_ARG_STRING, &o->format,
                       N_("Output: table (default), csv, json"), N_("FORMAT") };
    g_array_append_val (entries, f);
  }
  for (guint i = 0; extra != NULL && extra[i].long_name != NULL; i++)
    g_array_append_val (entries, extra[i]);
  return (GOptionEntry *) g_array_free (entries, FALSE);
}

/* Builds the query: --query first, then each option on top of it. */
static int
query_options_build (const char   *command,
                     QueryOptions *o,
                     HubQuery     *query,
                     HubCliFormat *format)
{
  g_autoptr(GError) error = NULL;

  if (o->format != NULL && !hub_cli_format_from_string (o->format, format))
    return hub_cli_fail (command, HUB_CLI_EXIT_USAGE, _("Unknown value “%s” for --format. Valid values: %s"),
                         o->format, hub_cli_format_valid_values ());

  if (!hub_query_parse (query, o->query != NULL ? o->query : "", &error))
    return hub_cli_fail (command, HUB_CLI_EXIT_USAGE, "--query: %s", error->message);
  for (guint i = 0; i < G_N_ELEMENTS (query_options); i++)
    if (o->values[i] != NULL && !hub_query_set (query, query_options[i].option, o->values[i], &error))
      return hub_cli_fail (command, HUB_CLI_EXIT_USAGE, "--%s: %s", query_options[i].option, error->message);
  return HUB_CLI_EXIT_OK;
}

typedef struct {
  HubStore        *store;
  HubDataset      *dataset;
  HubObservations *observations;
} Loaded;

static void
loaded_clear (Loaded *l)
{
  g_clear_pointer (&l->observations, hub_observations_unref);
  g_clear_pointer (&l->dataset, hub_dataset_unref);
  g_clear_object (&l->store);
}

static int
load (const char     *command,
      const char     *db_path,
      const HubQuery *query,
      Loaded         *l)
{
  g_autoptr(GError) error = NULL;

  l->store = hub_cli_open_store (db_path, &error);
  if (l->store != NULL)
    l->dataset = hub_dataset_load (l->store, NULL, &error);
  if (l->dataset != NULL && query != NULL)
    {
      if (query->series != NULL && query->measure != HUB_QUERY_MEASURE_PERIOD)
        {
          g_autoptr(GPtrArray) series = hub_observations_list_series (l->store, &error);
          gboolean found = FALSE;

          for (guint i = 0; series != NULL && i < series->len; i++)
            found |= strcmp (((HubSeriesInfo *) g_ptr_array_index (series, i))->name, query->series) == 0;
          if (series != NULL && !found)
            return hub_cli_fail (command, HUB_CLI_EXIT_USAGE,
                                 _("No snapshot series “%s” (see “hubeco snapshots”)"), query->series);
        }
      g_autofree char *series = NULL;

      /* The default series is the one that best covers the filters. */
      if (query->series == NULL && query->measure != HUB_QUERY_MEASURE_PERIOD)
        series = hub_observations_default_series_for_query (l->store, l->dataset, query, NULL, &error);
      if (error == NULL)
        l->observations = hub_observations_load (l->store, l->dataset,
                                                 query->series != NULL ? query->series : series,
                                                 query->measure, NULL, &error);
    }
  if (error != NULL)
    return hub_cli_fail (command, HUB_CLI_EXIT_FAILED, "%s", error->message);
  return HUB_CLI_EXIT_OK;
}

static int
finish (const char   *command,
        HubCliWriter *writer)
{
  if (!hub_cli_writer_finish (writer))
    return hub_cli_fail (command, HUB_CLI_EXIT_FAILED, _("Could not write the output"));
  return HUB_CLI_EXIT_OK;
}

static const HubCliColumn share_columns[] = {
  { "period",   N_("Period"),    HUB_CLI_VALUE_TEXT },
  { "category", N_("Category"),  HUB_CLI_VALUE_TEXT },
  { "value",    N_("Downloads"), HUB_CLI_VALUE_COUNT },
  { "share",    N_("Share"),     HUB_CLI_VALUE_REAL },
};

static const HubCliColumn share_within_columns[] = {
  { "period",   N_("Period"),    HUB_CLI_VALUE_TEXT },
  { "category", N_("Category"),  HUB_CLI_VALUE_TEXT },
  { "within",   N_("Within"),    HUB_CLI_VALUE_TEXT },
  { "value",    N_("Downloads"), HUB_CLI_VALUE_COUNT },
  { "share",    N_("Share"),     HUB_CLI_VALUE_REAL },
};

static const HubCliColumn concentration_columns[] = {
  { "period",       N_("Period"),       HUB_CLI_VALUE_TEXT },
  { "hhi",          N_("HHI"),          HUB_CLI_VALUE_REAL },
  { "gini",         N_("Gini"),         HUB_CLI_VALUE_REAL },
  { "top1",         N_("Top 1"),        HUB_CLI_VALUE_REAL },
  { "top10",        N_("Top 10"),       HUB_CLI_VALUE_REAL },
  { "top100",       N_("Top 100"),      HUB_CLI_VALUE_REAL },
  { "participants", N_("Participants"), HUB_CLI_VALUE_COUNT },
};

static int
run_share_like (int      argc,
                char   **argv,
                gboolean concentration)
{
  const char *command = concentration ? "concentration" : "share";
  g_autofree char *db_path = NULL;
  g_autofree GOptionEntry *entries = NULL;
  g_autoptr(HubShareResult) res = NULL;
  g_autoptr(HubCliWriter) writer = NULL;
  g_autoptr(GError) error = NULL;
  QueryOptions o = { 0 };
  Loaded l = { 0 };
  HubQuery query;
  HubCliFormat format = HUB_CLI_FORMAT_TABLE;
  int rc;

  hub_query_init (&query);
  entries = query_option_entries (&o, NULL, TRUE);
  rc = hub_cli_parse_options (command, NULL,
                              concentration
                                ? _("Print per period HHI, Gini, top-1/10/100 share and participants.")
                                : _("Print per period each category’s downloads and share."),
                              entries, &db_path, &argc, &argv);
  if (rc == HUB_CLI_EXIT_OK && argc > 1)
    rc = hub_cli_fail (command, HUB_CLI_EXIT_USAGE, _("Unexpected argument “%s”"), argv[1]);
  if (rc == HUB_CLI_EXIT_OK)
    rc = query_options_build (command, &o, &query, &format);
  if (rc == HUB_CLI_EXIT_OK)
    rc = load (command, db_path, &query, &l);
  if (rc != HUB_CLI_EXIT_OK)
    goto out;

  res = hub_share_run (l.dataset, l.observations, &query, NULL, NULL, &error);
  if (res == NULL)
    {
      rc = hub_cli_fail (command, HUB_CLI_EXIT_FAILED, "%s", error->message);
      goto out;
    }

  if (concentration)
    {
      writer = hub_cli_writer_new (stdout, format, concentration_columns, G_N_ELEMENTS (concentration_columns));
      for (guint p = 0; p < res->n_periods; p++)
        {
          hub_cli_writer_add_text (writer, res->period_labels[p]);
          hub_cli_writer_add_real (writer, res->hhi[p]);
          hub_cli_writer_add_real (writer, res->gini[p]);
          hub_cli_writer_add_real (writer, res->top1[p]);
          hub_cli_writer_add_real (writer, res->top10[p]);
          hub_cli_writer_add_real (writer, res->top100[p]);
          hub_cli_writer_add_int (writer, res->participants[p]);
          hub_cli_writer_end_row (writer);
        }
    }
  else if (res->inner_values != NULL)
    {
      writer = hub_cli_writer_new (stdout, format, share_within_columns, G_N_ELEMENTS (share_within_columns));
      for (guint p = 0; p < res->n_periods; p++)
        for (guint c = 0; c < res->n_columns; c++)
          for (guint i = 0; i < res->n_inner_columns; i++)
            {
              gint64 v = res->inner_values[((gsize) p * res->n_columns + c) * res->n_inner_columns + i];

              if (v == 0)
                continue;
              hub_cli_writer_add_text (writer, res->period_labels[p]);
              hub_cli_writer_add_text (writer, res->column_labels[c]);
              hub_cli_writer_add_text (writer, res->inner_column_labels[i]);
              hub_cli_writer_add_int (writer, v);
              hub_cli_writer_add_real (writer, res->totals[p] > 0 ? (double) v / res->totals[p] : 0);
              hub_cli_writer_end_row (writer);
            }
    }
  else
    {
      writer = hub_cli_writer_new (stdout, format, share_columns, G_N_ELEMENTS (share_columns));
      for (guint p = 0; p < res->n_periods; p++)
        for (guint c = 0; c < res->n_columns; c++)
          {
            hub_cli_writer_add_text (writer, res->period_labels[p]);
            hub_cli_writer_add_text (writer, res->column_labels[c]);
            hub_cli_writer_add_int (writer, res->values[(gsize) p * res->n_columns + c]);
            hub_cli_writer_add_real (writer, hub_share_result_get_share (res, p, c));
            hub_cli_writer_end_row (writer);
          }
    }
  rc = finish (command, writer);

out:
  loaded_clear (&l);
  hub_query_clear (&query);
  query_options_clear (&o);
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
 * `hubeco concentration QUERY-OPTIONS`: period, hhi, gini, top1, top10,
 * top100, participants.
 */
int
hub_cli_cmd_concentration (int    argc,
                           char **argv)
{
  return run_share_like (argc, argv, TRUE);
}

static const HubCliColumn leaderboard_columns[] = {
  { "rank",         N_("Rank"),           HUB_CLI_VALUE_COUNT },
  { "name",         N_("Name"),           HUB_CLI_VALUE_TEXT },
  { "value",        N_("Downloads"),      HUB_CLI_VALUE_COUNT },
  { "share",        N_("Share"),          HUB_CLI_VALUE_REAL },
  { "recent_value", N_("Recent models"),  HUB_CLI_VALUE_COUNT },
  { "recent_share", N_("Recent share"),   HUB_CLI_VALUE_REAL },
};

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
  g_autoptr(GArray) rows = NULL;
  g_autoptr(HubCliWriter) writer = NULL;
  g_autoptr(GError) error = NULL;
  QueryOptions o = { 0 };
  Loaded l = { 0 };
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
  entries = query_option_entries (&o, extra, TRUE);
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
    rc = query_options_build (command, &o, &query, &format);
  if (rc == HUB_CLI_EXIT_OK)
    rc = load (command, db_path, &query, &l);
  if (rc != HUB_CLI_EXIT_OK)
    goto out;

  rows = hub_leaderboard_compute (l.dataset, l.observations, &query, level, since,
                                  o.values[7] != NULL ? query.top : 20, NULL, NULL, &error);
  if (rows == NULL)
    {
      rc = hub_cli_fail (command, HUB_CLI_EXIT_FAILED, "%s", error->message);
      goto out;
    }
  writer = hub_cli_writer_new (stdout, format, leaderboard_columns, G_N_ELEMENTS (leaderboard_columns));
  for (guint i = 0; i < rows->len; i++)
    {
      const HubLeaderboardRow *r = &g_array_index (rows, HubLeaderboardRow, i);

      hub_cli_writer_add_int (writer, r->rank);
      hub_cli_writer_add_text (writer, r->label);
      hub_cli_writer_add_int (writer, r->value);
      hub_cli_writer_add_real (writer, r->share);
      hub_cli_writer_add_int (writer, r->recent_value);
      hub_cli_writer_add_real (writer, r->recent_share);
      hub_cli_writer_end_row (writer);
    }
  rc = finish (command, writer);

out:
  loaded_clear (&l);
  hub_query_clear (&query);
  query_options_clear (&o);
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
  QueryOptions o = { 0 };
  HubCliFormat format = HUB_CLI_FORMAT_TABLE;
  int rc;

  entries = query_option_entries (&o, NULL, FALSE);
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
  query_options_clear (&o);
  return rc;
}
