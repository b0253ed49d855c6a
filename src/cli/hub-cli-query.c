/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-cli"

#include "config.h"

#include "hub-cli-query.h"
#include "hub-cli-private.h"
#include "hub-data-export.h"

#include <glib/gi18n.h>
#include <string.h>

static const struct {
  const char *option;   /* also the text-form key, with '-' for '_' */
  const char *help;
  const char *arg;
} query_options[] = {
  { "by", N_("Group by: model, author, group (or developer), country, org-type, modality, task, library, relation"), N_("DIM") },
  { "within", N_("Break each category down by a second dimension"), N_("DIM") },
  { "axis", N_("Periods: snapshot (default), week, month, quarter, year, cohort"), N_("AXIS") },
  { "series", N_("Snapshot series (default: the one whose snapshots covering the filters span the longest time; see “hubeco snapshots”)"), N_("NAME") },
  { "panel", N_("all (default) or constant: only the accounts the series observes in every snapshot"), N_("PANEL") },
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
  { "missing-parent", N_("Root attribution when a lineage reaches a parent missing from the data: ancestor (default, "
                         "the last one reached) or own (the model keeps its credit)"), N_("RULE") },
  { "individuals", N_("Accounts authors.csv does not list: unknown (default) or category (individuals, org type user)"),
    N_("RULE") },
  { "min-downloads", N_("Leave out models whose known 30-day downloads are under N"), N_("N") },
  { "parent-order", N_("Root attribution's first parent: relations (default, the Hub's order) or card (the model "
                       "card's first base model)"), N_("ORDER") },
  { "exclude", N_("Leave out these kinds of model, comma-separated: gguf, mlx, quantized, embeddings, adapters"),
    N_("KINDS") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (query_options) == HUB_CLI_N_QUERY_OPTIONS);

void
hub_cli_query_options_clear (HubCliQueryOptions *o)
{
  g_clear_pointer (&o->query, g_free);
  g_clear_pointer (&o->format, g_free);
  for (guint i = 0; i < G_N_ELEMENTS (o->values); i++)
    g_clear_pointer (&o->values[i], g_free);
}

GOptionEntry *
hub_cli_query_option_entries (HubCliQueryOptions *o,
                              const GOptionEntry *extra,
                              gboolean            with_query,
                              gboolean            with_format)
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
  if (with_format)
    {
      GOptionEntry f = { "format", 0, 0, G_OPTION_ARG_STRING, &o->format,
                         N_("Output: table (default), csv, json"), N_("FORMAT") };
      g_array_append_val (entries, f);
    }
  for (guint i = 0; extra != NULL && extra[i].long_name != NULL; i++)
    g_array_append_val (entries, extra[i]);
  return (GOptionEntry *) g_array_free (entries, FALSE);
}

int
hub_cli_query_options_build (const char         *command,
                             HubCliQueryOptions *o,
                             HubQuery           *query,
                             HubCliFormat       *format)
{
  g_autoptr(GError) error = NULL;

  if (format != NULL && o->format != NULL && !hub_cli_format_from_string (o->format, format))
    return hub_cli_fail (command, HUB_CLI_EXIT_USAGE, _("Unknown value “%s” for --format. Valid values: %s"),
                         o->format, hub_cli_format_valid_values ());

  if (!hub_query_parse (query, o->query != NULL ? o->query : "", &error))
    return hub_cli_fail (command, HUB_CLI_EXIT_USAGE, "--query: %s", error->message);
  for (guint i = 0; i < G_N_ELEMENTS (query_options); i++)
    {
      const char *value = o->values[i];

      if (value == NULL)
        continue;
      if (!hub_query_set (query, query_options[i].option, value, &error))
        return hub_cli_fail (command, HUB_CLI_EXIT_USAGE, "--%s: %s", query_options[i].option, error->message);
    }
  return HUB_CLI_EXIT_OK;
}

/* Whether the text form @text names @key ("org-type" and "org_type" alike). */
static gboolean
text_names_key (const char *text,
                const char *key)
{
  g_auto(GStrv) parts = g_strsplit (text != NULL ? text : "", ";", -1);
  g_autofree char *wanted = g_strdelimit (g_strdup (key), "-", '_');

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *name = g_strstrip (g_strndup (parts[i], strcspn (parts[i], "=")));

      g_strdelimit (name, "-", '_');
      if (strcmp (name, wanted) == 0)
        return TRUE;
    }
  return FALSE;
}

gboolean
hub_cli_query_options_is_set (const HubCliQueryOptions *o,
                              const char               *option)
{
  for (guint i = 0; i < G_N_ELEMENTS (query_options); i++)
    if (strcmp (query_options[i].option, option) == 0 && o->values[i] != NULL)
      return TRUE;
  return text_names_key (o->query, option);
}

char *
hub_cli_query_options_take (HubCliQueryOptions *o,
                            const char         *option)
{
  for (guint i = 0; i < G_N_ELEMENTS (query_options); i++)
    if (strcmp (query_options[i].option, option) == 0)
      return g_steal_pointer (&o->values[i]);
  return NULL;
}

guint
hub_cli_query_options_leaderboard_rows (const HubCliQueryOptions *o,
                                        const HubQuery           *query)
{
  return hub_cli_query_options_is_set (o, "top") ? query->top : HUB_CLI_LEADERBOARD_ROWS;
}

void
hub_cli_loaded_clear (HubCliLoaded *l)
{
  g_clear_pointer (&l->figure, hub_share_figure_unref);
  l->observations = NULL;
  g_clear_pointer (&l->dataset, hub_dataset_unref);
  g_clear_object (&l->analysis);
  g_clear_object (&l->store);
}

int
hub_cli_loaded_load (const char   *command,
                     const char   *db_path,
                     HubCliLoaded *l)
{
  g_autoptr(GError) error = NULL;

  l->store = hub_cli_open_store (db_path, &error);
  if (l->store != NULL)
    {
      l->analysis = hub_analysis_new_for_store (l->store);
      l->dataset = hub_analysis_ref_dataset (l->analysis, NULL, &error);
    }
  if (error != NULL)
    return hub_cli_fail (command, HUB_CLI_EXIT_FAILED, "%s", error->message);
  return HUB_CLI_EXIT_OK;
}

/* Which series answered (issue 19: share and leaderboard did not say), on
 * stderr so that csv and json stay clean. */
static void
say_series (const HubQuery       *query,
            const HubShareFigure *figure)
{
  const HubObservations *obs = figure->observations;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;

  if (figure->series == NULL || obs == NULL || obs->n_groups == 0)
    return;
  first = hub_cli_format_day (obs->group_time[0]);
  last = hub_cli_format_day (obs->group_time[obs->n_groups - 1]);
  if (query->measure == HUB_QUERY_MEASURE_PERIOD)
    g_printerr (g_dngettext (GETTEXT_PACKAGE, "Period downloads of %s: %u period, %s to %s\n",
                             "Period downloads of %s: %u periods, %s to %s\n", obs->n_groups),
                figure->series, obs->n_groups, first, last);
  else
    g_printerr (g_dngettext (GETTEXT_PACKAGE, "Series %s: %u snapshot, %s to %s\n",
                             "Series %s: %u snapshots, %s to %s\n", obs->n_groups),
                figure->series, obs->n_groups, first, last);
}

int
hub_cli_loaded_share (const char                  *command,
                      HubCliLoaded                *l,
                      const HubQuery              *query,
                      const HubShareFigureOptions *options)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&l->figure, hub_share_figure_unref);
  l->figure = hub_analysis_share (l->analysis, query, options, NULL, &error);
  if (l->figure == NULL)
    return hub_cli_fail_error (command, error);
  l->observations = l->figure->observations;
  say_series (query, l->figure);
  return HUB_CLI_EXIT_OK;
}

int
hub_cli_share_extras_build (const char     *command,
                            int             draws,
                            const char     *seed,
                            const char     *period,
                            HubShareExtras *extras)
{
  if (draws < 0 || draws > 100000)
    return hub_cli_fail (command, HUB_CLI_EXIT_USAGE, _("--bootstrap takes 0 to 100000 draws"));
  extras->bootstrap_draws = (guint) draws;
  extras->bootstrap_seed = HUB_SHARE_BOOTSTRAP_SEED;
  if (seed != NULL && !g_ascii_string_to_unsigned (seed, 10, 0, G_MAXUINT64, &extras->bootstrap_seed, NULL))
    return hub_cli_fail (command, HUB_CLI_EXIT_USAGE, _("--seed takes a whole number, not “%s”"), seed);
  /* The period named, else the last. */
  extras->detail_label = period;
  extras->detail_period = -1;
  return HUB_CLI_EXIT_OK;
}

HubCliWriter *
hub_cli_share_writer_new (FILE                 *out,
                          HubCliFormat          format,
                          const HubShareResult *res,
                          gboolean              concentration)
{
  return hub_data_export_share_rows (out, format, res, concentration);
}

static const HubCliColumn leaderboard_columns[] = {
  { "rank",         N_("Rank"),           HUB_CLI_VALUE_COUNT },
  { "name",         N_("Name"),           HUB_CLI_VALUE_TEXT },
  { "value",        N_("Downloads"),      HUB_CLI_VALUE_COUNT },
  { "share",        N_("Share"),          HUB_CLI_VALUE_REAL },
  { "recent_value", N_("Recent models"),  HUB_CLI_VALUE_COUNT },
  { "recent_share", N_("Recent share"),   HUB_CLI_VALUE_REAL },
};

HubCliWriter *
hub_cli_leaderboard_writer_new (FILE         *out,
                                HubCliFormat  format,
                                const GArray *rows)
{
  HubCliWriter *writer = hub_cli_writer_new (out, format, leaderboard_columns, G_N_ELEMENTS (leaderboard_columns));

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
  return writer;
}
