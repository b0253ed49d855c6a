/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-cli"

#include "config.h"

#include "hub-cli-breakdown.h"
#include "hub-cli-export.h"
#include "hub-data-export.h"
#include "hub-cli-private.h"
#include "hub-cli-query.h"

#include <glib/gi18n.h>
#include <stdio.h>

#define COMMAND "breakdown"

int
hub_cli_breakdown_options (const char          *command,
                           const char          *rows,
                           const char          *cols,
                           const char          *developers,
                           HubCliQueryOptions  *o,
                           const HubQuery      *query,
                           HubBreakdownOptions *options,
                           char              ***out_developers)
{
  const char * const *valid = hub_breakdown_dim_names ();

  options->rows = HUB_BREAKDOWN_DEVELOPER;
  options->cols = HUB_BREAKDOWN_MODALITY;
  if (rows != NULL && !hub_breakdown_dim_from_string (rows, &options->rows))
    return hub_cli_fail_value (command, "--rows", rows, valid);
  if (cols != NULL && !hub_breakdown_dim_from_string (cols, &options->cols))
    return hub_cli_fail_value (command, "--cols", cols, valid);
  /* --top (or top= in --query) counts developers; 50 by default. */
  options->top = hub_cli_query_options_is_set (o, "top") ? query->top : HUB_CLI_BREAKDOWN_TOP;
  *out_developers = NULL;
  options->developers = NULL;
  if (developers != NULL)
    {
      g_auto(GStrv) names = g_strsplit (developers, ",", -1);
      g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();

      for (guint i = 0; names[i] != NULL; i++)
        if (*g_strstrip (names[i]) != '\0')
          g_strv_builder_add (kept, names[i]);
      *out_developers = g_strv_builder_end (kept);
      if (**out_developers == NULL)
        return hub_cli_fail (command, HUB_CLI_EXIT_USAGE, _("--developers names no developer"));
      options->developers = (const char * const *) *out_developers;
    }
  return HUB_CLI_EXIT_OK;
}

/**
 * hub_cli_cmd_breakdown:
 * `hubeco breakdown [--rows DIM] [--cols DIM] [--developers A,B] QUERY-OPTIONS`:
 * the downloads of the top developers (`--top`, 50 by default) or of named
 * ones, cross-tabulated: a line per cell, then each row's and column's
 * total and the set's. The coverage goes under the table (to stderr for
 * csv and json).
 */
int
hub_cli_cmd_breakdown (int    argc,
                       char **argv)
{
  g_autofree char *db_path = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *cols = NULL;
  g_autofree char *developers = NULL;
  g_auto(GStrv) named = NULL;
  g_autofree GOptionEntry *entries = NULL;
  g_autoptr(HubCliWriter) writer = NULL;
  g_autoptr(HubBreakdownResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *caption = NULL;
  HubCliQueryOptions o = { 0 };
  HubCliLoaded l = { 0 };
  HubBreakdownOptions options = { 0 };
  HubCliFormat format = HUB_CLI_FORMAT_TABLE;
  HubQuery query;
  int rc;
  const GOptionEntry extra[] = {
    { "rows", 0, 0, G_OPTION_ARG_STRING, &rows,
      N_("Rows: developer (default), country, org-type, modality, task, library, architecture, language, "
         "size-threshold, size-bucket"), N_("DIM") },
    { "cols", 0, 0, G_OPTION_ARG_STRING, &cols, N_("Columns, as --rows (default: modality)"), N_("DIM") },
    { "developers", 0, 0, G_OPTION_ARG_STRING, &developers,
      N_("These developers (groups or accounts, comma-separated) instead of the --top largest"), N_("A,B,…") },
    { NULL }
  };

  hub_query_init (&query);
  entries = hub_cli_query_option_entries (&o, extra, TRUE, TRUE);
  rc = hub_cli_parse_options (COMMAND, NULL,
                              _("Break the downloads of the largest developers (--top, 50 by default) down by "
                                "any two of developer, country, organization type, modality, task, library, "
                                "architecture kind, language, size threshold and size class."),
                              entries, &db_path, &argc, &argv);
  if (rc == HUB_CLI_EXIT_OK && argc > 1)
    rc = hub_cli_fail (COMMAND, HUB_CLI_EXIT_USAGE, _("Unexpected argument “%s”"), argv[1]);
  if (rc == HUB_CLI_EXIT_OK)
    rc = hub_cli_query_options_build (COMMAND, &o, &query, &format);
  if (rc == HUB_CLI_EXIT_OK)
    rc = hub_cli_breakdown_options (COMMAND, rows, cols, developers, &o, &query, &options, &named);
  if (rc == HUB_CLI_EXIT_OK)
    rc = hub_cli_loaded_load (COMMAND, db_path, &l);
  if (rc != HUB_CLI_EXIT_OK)
    goto out;

  result = hub_analysis_breakdown (l.analysis, &query, &options, NULL, &error);
  if (result == NULL)
    {
      rc = hub_cli_fail_error (COMMAND, error);
      goto out;
    }
  writer = hub_data_export_breakdown_rows (stdout, format, result);
  if (!hub_cli_writer_finish (writer))
    {
      rc = hub_cli_fail (COMMAND, HUB_CLI_EXIT_FAILED, _("Could not write the output"));
      goto out;
    }
  caption = hub_breakdown_chart_caption (result);
  fprintf (format == HUB_CLI_FORMAT_TABLE ? stdout : stderr, "%s\n", caption);
  rc = HUB_CLI_EXIT_OK;

out:
  hub_cli_loaded_clear (&l);
  hub_query_clear (&query);
  hub_cli_query_options_clear (&o);
  return rc;
}

/* ---- export-chart breakdown ------------------------------------------------ */

typedef struct {
  HubBreakdownResult    *result;
  HubBreakdownChartData  chart;
} BreakdownFigure;

static void
breakdown_figure_free (gpointer data)
{
  BreakdownFigure *figure = data;

  g_clear_pointer (&figure->result, hub_breakdown_result_free);
  g_free (figure);
}

static HubCliWriter *
breakdown_rows (HubCliExportJob *job,
                FILE            *out,
                HubCliFormat     format)
{
  const BreakdownFigure *figure = job->data;

  return hub_data_export_breakdown_rows (out, format, figure->result);
}

/**
 * hub_cli_export_breakdown:
 * The breakdown of `hubeco breakdown` with the same options, drawn as a
 * heat map or bars (`--view`), or its table with a manifest.
 */
int
hub_cli_export_breakdown (HubCliExportJob *job)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *developers = NULL;
  BreakdownFigure *figure;
  int rc = hub_cli_export_job_load (job);

  if (rc != HUB_CLI_EXIT_OK)
    return rc;
  figure = g_new0 (BreakdownFigure, 1);
  job->data = figure;
  job->data_free = breakdown_figure_free;
  figure->result = hub_analysis_breakdown (job->loaded.analysis, job->query, &job->breakdown, NULL, &error);
  if (figure->result == NULL)
    return hub_cli_fail_error ("export-chart", error);
  figure->chart = (HubBreakdownChartData) { figure->result, job->breakdown_view, -1, -1 };
  job->render = hub_breakdown_chart_draw_func;
  job->render_data = &figure->chart;
  job->write_rows = breakdown_rows;
  job->title = hub_breakdown_chart_title (figure->result);
  job->caption = hub_breakdown_chart_caption (figure->result);
  developers = g_strjoinv (",", figure->result->developers);
  job->settings = g_strdup_printf ("rows=%s;cols=%s;developers=%s",
                                   hub_breakdown_dim_to_string (job->breakdown.rows),
                                   hub_breakdown_dim_to_string (job->breakdown.cols), developers);
  return HUB_CLI_EXIT_OK;
}
