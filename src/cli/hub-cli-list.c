/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-cli"

#include "config.h"

#include "hub-cli-filter.h"
#include "hub-cli-private.h"
#include "hub-cli-output.h"
#include "hub-format.h"
#include "hub-list-query.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#define COMMAND "list"

static const char * const cli_formats[] = { "table", "csv", "json", NULL };

/* Machine names are the stable contract of csv/json; titles the table's. */
static const HubCliColumn list_columns[] = {
  { "id",                 N_("Model"),     HUB_CLI_VALUE_TEXT },
  { "author",             N_("Author"),    HUB_CLI_VALUE_TEXT },
  { "pipeline_tag",       N_("Task"),      HUB_CLI_VALUE_TEXT },
  { "library_name",       N_("Library"),   HUB_CLI_VALUE_TEXT },
  { "downloads",          N_("Downloads"), HUB_CLI_VALUE_COUNT },
  { "downloads_all_time", N_("All-time"),  HUB_CLI_VALUE_COUNT },
  { "likes",              N_("Likes"),     HUB_CLI_VALUE_COUNT },
  { "trending_score",     N_("Trending"),  HUB_CLI_VALUE_COUNT },
  { "parameters",         N_("Params"),    HUB_CLI_VALUE_PARAMS },
  { "created_at",         N_("Created"),   HUB_CLI_VALUE_TIME },
  { "country",            N_("Country"),   HUB_CLI_VALUE_TEXT },
  { "org_type",           NULL,            HUB_CLI_VALUE_TEXT },
  { "relation",           NULL,            HUB_CLI_VALUE_TEXT },
};

static gboolean
parse_params_option (const char *option,
                     const char *value,
                     gint64     *out)
{
  if (value == NULL)
    return TRUE;
  if (hub_parse_params (value, out))
    return TRUE;
  hub_cli_fail (COMMAND, HUB_CLI_EXIT_USAGE,
                _("Invalid parameter count “%s” for %s: use a number such as 7B, 500M, 1.5T or 125000000"),
                value, option);
  return FALSE;
}

static gboolean
parse_date_option (const char *option,
                   const char *value,
                   gint64     *out)
{
  if (value == NULL)
    return TRUE;
  *out = hub_time_parse_iso8601 (value);
  if (*out != HUB_TIME_NONE)
    return TRUE;
  hub_cli_fail (COMMAND, HUB_CLI_EXIT_USAGE, _("Invalid date “%s” for %s: use a date such as 2025-01-31"),
                value, option);
  return FALSE;
}

static void
write_rows (HubCliWriter *writer,
            HubDataset   *dataset,
            GArray       *rows)
{
  for (guint i = 0; i < rows->len; i++)
    {
      const HubModelRecord *record = hub_dataset_get_model (dataset, g_array_index (rows, guint32, i));
      const HubAuthorInfo *author = hub_dataset_get_author (dataset, record->author);

      hub_cli_writer_add_text (writer, record->id);
      hub_cli_writer_add_text (writer, author->author);
      hub_cli_writer_add_text (writer, record->task != 0 ? hub_dataset_get_task (dataset, record->task)->id : NULL);
      hub_cli_writer_add_text (writer, record->library != 0 ? hub_dataset_get_library (dataset, record->library)->id : NULL);
      hub_cli_writer_add_int (writer, record->downloads);
      hub_cli_writer_add_int (writer, record->downloads_all_time);
      hub_cli_writer_add_int (writer, record->likes);
      hub_cli_writer_add_int (writer, record->trending_score);
      hub_cli_writer_add_int (writer, record->parameters);
      hub_cli_writer_add_int (writer, record->created_at);
      hub_cli_writer_add_text (writer, author->country);
      hub_cli_writer_add_text (writer, author->org_type);
      hub_cli_writer_add_text (writer, hub_relation_to_string (record->relation));
      hub_cli_writer_end_row (writer);
    }
}

/**
 * hub_cli_cmd_list:
 * `hubeco list`: the Trending view's rows for the same filters, through the
 * same HubListQuery.
 */
int
hub_cli_cmd_list (int    argc,
                  char **argv)
{
  g_autofree char *db_path = NULL;
  g_autofree char *sort = NULL;
  g_autofree char *query_text = NULL;
  g_autofree char *relation = NULL;
  g_autofree char *min_params = NULL;
  g_autofree char *created_from = NULL;
  g_autofree char *created_to = NULL;
  g_autofree char *max_params = NULL;
  g_autofree char *limit = NULL;
  g_autofree char *format = NULL;
  g_autoptr(HubDataset) dataset = NULL;
  g_autoptr(HubCliWriter) writer = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  HubListQuery query;
  HubCliFormat out_format = HUB_CLI_FORMAT_TABLE;
  HubListSort list_sort = HUB_LIST_SORT_TRENDING;
  gboolean reverse = FALSE;
  int rc;
  const GOptionEntry entries[] = {
    { "sort", 0, 0, G_OPTION_ARG_STRING, &sort,
      N_("Order, as the window’s columns: trending (default), downloads, downloads-all-time, likes, created, "
         "parameters, recent-ratio (largest or newest first), id, author, task, library, country (A to Z)"),
      N_("KEY") },
    { "reverse", 0, 0, G_OPTION_ARG_NONE, &reverse, N_("Reverse the order"), NULL },
    { "task", 0, 0, G_OPTION_ARG_STRING, &query.task, N_("Only models of this task (pipeline tag)"), N_("TASK") },
    { "library", 0, 0, G_OPTION_ARG_STRING, &query.library, N_("Only models of this library"), N_("LIBRARY") },
    { "country", 0, 0, G_OPTION_ARG_STRING, &query.country, N_("Only models whose author is in this country"), N_("CC") },
    { "org-type", 0, 0, G_OPTION_ARG_STRING, &query.org_type,
      N_("Only models whose author is of this organization type"), N_("TYPE") },
    { "relation", 0, 0, G_OPTION_ARG_STRING, &relation,
      N_("Only base models or models with this relation to their parent: base, finetune, adapter, quantized, merge"),
      N_("RELATION") },
    { "search", 0, 0, G_OPTION_ARG_STRING, &query.search,
      N_("Only models whose id or author contains TEXT (any case)"), N_("TEXT") },
    { "created-from", 0, 0, G_OPTION_ARG_STRING, &created_from, N_("Only models created on or after DATE"), N_("DATE") },
    { "created-to", 0, 0, G_OPTION_ARG_STRING, &created_to, N_("Only models created before DATE"), N_("DATE") },
    { "min-params", 0, 0, G_OPTION_ARG_STRING, &min_params, N_("At least N parameters (7B, 500M, 1.5T)"), N_("N") },
    { "max-params", 0, 0, G_OPTION_ARG_STRING, &max_params, N_("At most N parameters (7B, 500M, 1.5T)"), N_("N") },
    { "limit", 0, 0, G_OPTION_ARG_STRING, &limit, N_("Print at most N rows (default: all)"), N_("N") },
    { "query", 0, 0, G_OPTION_ARG_STRING, &query_text,
      N_("The filters of a query in its text form, as Share keeps it (task=text-generation;country=US); "
         "an option given on its own wins"), N_("TEXT") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output: table (default), csv, json"), N_("FORMAT") },
    { NULL }
  };

  hub_list_query_init (&query);

  rc = hub_cli_parse_options (COMMAND, NULL, _("List models, filtered and sorted like the Trending view."),
                              entries, &db_path, &argc, &argv);
  if (rc != HUB_CLI_EXIT_OK)
    goto out;
  if (argc > 1)
    {
      rc = hub_cli_fail (COMMAND, HUB_CLI_EXIT_USAGE, _("Unexpected argument “%s”"), argv[1]);
      goto out;
    }

  /* Everything that needs no data is checked before loading it. */
  if (sort != NULL && !hub_list_sort_from_string (sort, &list_sort))
    {
      rc = hub_cli_fail_value (COMMAND, "--sort", sort, hub_list_sort_names ());
      goto out;
    }
  query.sort = list_sort;
  /* The window's first click on a column: numbers largest first, text A to Z. */
  query.descending = hub_list_sort_is_numeric (list_sort) != reverse;

  if (format != NULL && !hub_cli_format_from_string (format, &out_format))
    {
      rc = hub_cli_fail_value (COMMAND, "--format", format, cli_formats);
      goto out;
    }

  if ((rc = hub_cli_filter_set_relation (COMMAND, &query, relation)) != HUB_CLI_EXIT_OK)
    goto out;
  if ((rc = hub_cli_filter_apply_query (COMMAND, query_text, &query)) != HUB_CLI_EXIT_OK)
    goto out;

  if (!parse_params_option ("--min-params", min_params, &query.min_params) ||
      !parse_params_option ("--max-params", max_params, &query.max_params))
    {
      rc = HUB_CLI_EXIT_USAGE;
      goto out;
    }
  if (!parse_date_option ("--created-from", created_from, &query.created_from) ||
      !parse_date_option ("--created-to", created_to, &query.created_to))
    {
      rc = HUB_CLI_EXIT_USAGE;
      goto out;
    }
  if (query.min_params != HUB_COUNT_NONE && query.max_params != HUB_COUNT_NONE &&
      query.min_params > query.max_params)
    {
      rc = hub_cli_fail (COMMAND, HUB_CLI_EXIT_USAGE, _("--min-params is larger than --max-params"));
      goto out;
    }

  if (limit != NULL)
    {
      guint64 n;

      if (!g_ascii_string_to_unsigned (limit, 10, 0, G_MAXUINT, &n, NULL))
        {
          rc = hub_cli_fail (COMMAND, HUB_CLI_EXIT_USAGE,
                             _("Invalid value “%s” for --limit: use a whole number (0 = all)"), limit);
          goto out;
        }
      query.limit = n;
    }

  dataset = hub_cli_load_dataset (db_path, &error);
  if (dataset == NULL)
    {
      rc = hub_cli_fail (COMMAND, HUB_CLI_EXIT_FAILED, "%s", error->message);
      goto out;
    }

  if ((rc = hub_cli_filter_check (COMMAND, &query, dataset)) != HUB_CLI_EXIT_OK)
    goto out;

  rows = hub_list_query_run (&query, dataset, NULL);

  {
    HubCliColumn columns[G_N_ELEMENTS (list_columns)];

    for (guint i = 0; i < G_N_ELEMENTS (list_columns); i++)
      {
        columns[i] = list_columns[i];
        columns[i].title = list_columns[i].title != NULL ? _(list_columns[i].title) : NULL;
      }
    writer = hub_cli_writer_new (stdout, out_format, columns, G_N_ELEMENTS (columns));
    write_rows (writer, dataset, rows);
    if (!hub_cli_writer_finish (writer))
      {
        rc = hub_cli_fail (COMMAND, HUB_CLI_EXIT_FAILED, _("Could not write the output"));
        goto out;
      }
  }

  rc = HUB_CLI_EXIT_OK;

out:
  hub_list_query_clear (&query);
  return rc;
}
