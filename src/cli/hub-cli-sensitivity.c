/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-cli"

#include "config.h"

#include "hub-cli-export.h"
#include "hub-cli-private.h"
#include "hub-chart-caption.h"
#include "hub-data-export.h"
#include "hub-sensitivity-chart.h"

#include <glib/gi18n.h>
#include <stdio.h>

/* The default grid: attribution × the three windows (six panels). */
#define DEFAULT_VARY "attribution,window"

int
hub_cli_sensitivity_vary (const char *command,
                          const char *text,
                          guint      *out_vary)
{
  g_autoptr(GError) error = NULL;

  if (!hub_sensitivity_vary_from_string (text != NULL ? text : DEFAULT_VARY, out_vary, &error))
    return hub_cli_fail (command, HUB_CLI_EXIT_USAGE, "--vary: %s", error->message);
  return HUB_CLI_EXIT_OK;
}

/**
 * hub_cli_cmd_sensitivity:
 * `hubeco sensitivity QUERY-OPTIONS [--vary attribution,window,exclude]`:
 * a line per method with its latest period's top three, HHI and Gini, then
 * the largest change in words.
 */
int
hub_cli_cmd_sensitivity (int    argc,
                         char **argv)
{
  const char *command = "sensitivity";
  g_autofree char *db_path = NULL;
  g_autofree char *vary_str = NULL;
  g_autofree GOptionEntry *entries = NULL;
  g_autoptr(HubCliWriter) writer = NULL;
  g_autoptr(HubSensitivityResult) result = NULL;
  g_autoptr(GError) error = NULL;
  HubCliQueryOptions o = { 0 };
  HubCliLoaded l = { 0 };
  HubCliFormat format = HUB_CLI_FORMAT_TABLE;
  HubQuery query;
  guint vary = 0;
  int rc;
  const GOptionEntry extra[] = {
    HUB_CLI_SENSITIVITY_ENTRIES (vary_str),
    { NULL }
  };

  hub_query_init (&query);
  entries = hub_cli_query_option_entries (&o, extra, TRUE, TRUE);
  rc = hub_cli_parse_options (command, NULL,
                              _("Answer the query under each counting choice --vary names (self or root "
                                "attribution; no window, 6 months, 1 year; every model or without the excluded "
                                "kinds) and print each one's latest top three, HHI and Gini, and the largest "
                                "change."),
                              entries, &db_path, &argc, &argv);
  if (rc == HUB_CLI_EXIT_OK && argc > 1)
    rc = hub_cli_fail (command, HUB_CLI_EXIT_USAGE, _("Unexpected argument “%s”"), argv[1]);
  if (rc == HUB_CLI_EXIT_OK)
    rc = hub_cli_sensitivity_vary (command, vary_str, &vary);
  if (rc == HUB_CLI_EXIT_OK)
    rc = hub_cli_query_options_build (command, &o, &query, &format);
  if (rc == HUB_CLI_EXIT_OK)
    rc = hub_cli_loaded_load (command, db_path, &l);
  if (rc != HUB_CLI_EXIT_OK)
    goto out;

  result = hub_analysis_sensitivity (l.analysis, &query, vary, NULL, &error);
  if (result == NULL)
    {
      rc = hub_cli_fail_error (command, error);
      goto out;
    }
  writer = hub_data_export_sensitivity_rows (stdout, format, result);
  if (!hub_cli_writer_finish (writer))
    rc = hub_cli_fail (command, HUB_CLI_EXIT_FAILED, _("Could not write the output"));
  else if (format == HUB_CLI_FORMAT_TABLE)
    {
      g_autofree char *change = hub_sensitivity_change_text (result);

      printf ("%s\n", change != NULL ? change : _("No category’s share moves between these methods."));
    }

out:
  hub_cli_loaded_clear (&l);
  hub_query_clear (&query);
  hub_cli_query_options_clear (&o);
  return rc;
}

static void
sensitivity_figure_free (gpointer data)
{
  HubSensitivityChartData *chart = data;

  hub_sensitivity_result_unref ((HubSensitivityResult *) chart->result);
  g_free (chart);
}

static HubCliWriter *
sensitivity_rows (HubCliExportJob *job,
                  FILE            *out,
                  HubCliFormat     format)
{
  const HubSensitivityChartData *chart = job->data;

  return hub_data_export_sensitivity_rows (out, format, chart->result);
}

/**
 * hub_cli_export_sensitivity:
 * The small multiples of the job's query under each method of
 * @job->vary, with their figures as the data.
 */
int
hub_cli_export_sensitivity (HubCliExportJob *job)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *varied = NULL;
  HubSensitivityChartData *chart;
  HubSensitivityResult *result;
  int rc = hub_cli_export_job_load (job);

  if (rc != HUB_CLI_EXIT_OK)
    return rc;
  result = hub_analysis_sensitivity (job->loaded.analysis, job->query, job->vary, NULL, &error);
  if (result == NULL)
    return hub_cli_fail_error ("export-chart", error);
  chart = g_new0 (HubSensitivityChartData, 1);
  chart->result = result;
  chart->time_label = hub_chart_axis_label (job->query->axis);
  chart->time_unit = hub_chart_axis_time_unit (job->query->axis);
  job->data = chart;
  job->data_free = sensitivity_figure_free;
  job->render = hub_sensitivity_chart_draw_func;
  job->render_data = chart;
  job->write_rows = sensitivity_rows;
  job->title = hub_chart_title ("share", job->query, HUB_QUERY_BY_NONE);
  job->caption = hub_sensitivity_chart_describe (result);
  varied = hub_sensitivity_vary_to_string (job->vary);
  job->settings = g_strdup_printf ("vary=%s", varied);
  return HUB_CLI_EXIT_OK;
}
