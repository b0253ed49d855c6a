/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-cli"

#include "config.h"

#include "hub-cli-export-figures.h"
#include "hub-cli-private.h"
#include "hub-family-chart.h"
#include "hub-model-suggest.h"
#include "hub-size-chart.h"
#include "hub-sizes.h"

#include <glib/gi18n.h>
#include <math.h>

#define COMMAND "export-chart"

/* ---- sizes ---------------------------------------------------------------- */

typedef struct {
  HubSizeResult    *result;
  HubSizeChartData  chart;
} SizesFigure;

static void
sizes_figure_free (gpointer data)
{
  SizesFigure *figure = data;

  g_clear_pointer (&figure->result, hub_size_result_free);
  g_free (figure);
}

static HubCliWriter *
sizes_rows (HubCliExportJob *job,
            FILE            *out,
            HubCliFormat     format)
{
  const SizesFigure *figure = job->data;

  return hub_cli_sizes_writer_new (out, format, figure->result, job->include_estimated);
}

/**
 * hub_cli_export_sizes:
 * @job: the export
 *
 * The size chart for the job's query: quarters when its axis is quarter,
 * years otherwise; the models created in each period unless `--cohort
 * downloaded` (the "created" cohort too when its axis is cohort); its
 * task, library, country, organization type, relation and parameter
 * filters. Weighted and with estimated sizes or not as `--weight` and
 * `--include-estimated` say (by default as `hubeco sizes` without options:
 * models created in each year, by downloads, reported and base-model sizes
 * only).
 */
int
hub_cli_export_sizes (HubCliExportJob *job)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HubStore) store = NULL;
  g_autoptr(HubDataset) dataset = NULL;
  g_autoptr(HubSizeTable) table = NULL;
  HubListQuery filter;
  HubSizeOptions options;
  SizesFigure *figure;
  const HubQuery *q = job->query;

  store = hub_cli_open_store (job->db_path, &error);
  if (store == NULL ||
      (dataset = hub_dataset_load (store, NULL, &error)) == NULL ||
      (table = hub_size_table_new (dataset, store, NULL, &error)) == NULL)
    return hub_cli_fail (COMMAND, HUB_CLI_EXIT_FAILED, "%s", error->message);

  /* The query's filters, as the list and `hubeco sizes` apply them. */
  hub_list_query_init (&filter);
  hub_query_get_filter (q, &filter);

  hub_size_options_init (&options);
  options.period = q->axis == HUB_QUERY_AXIS_QUARTER ? HUB_SIZE_PERIOD_QUARTER : HUB_SIZE_PERIOD_YEAR;
  /* The cohort axis asks for the models created in each period, as it did
   * before --cohort; otherwise --cohort, whose default is hubeco sizes'. */
  options.cohort = q->axis == HUB_QUERY_AXIS_COHORT ? HUB_SIZE_COHORT_CREATED : job->size_cohort;
  options.weight = job->size_weight;
  options.include_estimated = job->include_estimated;
  options.filter = &filter;

  figure = g_new0 (SizesFigure, 1);
  figure->result = hub_sizes_compute (table, &options, NULL);
  figure->chart.result = figure->result;
  figure->chart.violin = job->size_violin;
  job->data = figure;
  job->data_free = sizes_figure_free;
  job->render = hub_size_chart_draw_func;
  job->render_data = &figure->chart;
  job->write_rows = sizes_rows;
  job->settings = g_strdup_printf ("weight=%s;cohort=%s;include_estimated=%s%s",
                                   hub_size_weight_to_string (options.weight), hub_size_cohort_to_string (options.cohort),
                                   options.include_estimated ? "true" : "false", job->size_violin ? ";shape=violin" : "");
  job->title = hub_size_chart_default_title (figure->result);
  job->caption = hub_size_chart_describe_coverage (figure->result);
  return HUB_CLI_EXIT_OK;
}

/* ---- lineage ---------------------------------------------------------------- */

static const HubCliColumn family_columns[] = {
  { "id",                 NULL, HUB_CLI_VALUE_TEXT },
  { "parent",             NULL, HUB_CLI_VALUE_TEXT },
  { "relation",           NULL, HUB_CLI_VALUE_TEXT },
  { "generation",         NULL, HUB_CLI_VALUE_COUNT },
  { "downloads",          NULL, HUB_CLI_VALUE_COUNT },
  { "subtree_downloads",  NULL, HUB_CLI_VALUE_COUNT },
  { "share",              NULL, HUB_CLI_VALUE_REAL },
};

/* The numbers behind the icicle: every box with its subtree. */
static HubCliWriter *
lineage_rows (HubCliExportJob *job,
              FILE            *out,
              HubCliFormat     format)
{
  const HubFamilyChartData *data = job->data;
  g_autofree HubFamilyCell *cells = g_new0 (HubFamilyCell, MAX (data->n_nodes, 1));
  cairo_rectangle_t area = { 0, 0, 1, 1 };
  HubCliWriter *writer = hub_cli_writer_new (out, format, family_columns, G_N_ELEMENTS (family_columns));
  gboolean by_weight = hub_family_icicle_layout (data->nodes, data->n_nodes, &area, cells, NULL);

  for (guint i = 0; i < data->n_nodes; i++)
    {
      const HubFamilyNode *node = &data->nodes[i];

      hub_cli_writer_add_text (writer, node->label);
      hub_cli_writer_add_text (writer, i > 0 ? data->nodes[node->parent].label : NULL);
      hub_cli_writer_add_text (writer, hub_relation_to_string (node->relation));
      hub_cli_writer_add_int (writer, cells[i].depth);
      hub_cli_writer_add_int (writer, (gint64) node->weight);
      hub_cli_writer_add_int (writer, by_weight ? (gint64) cells[i].subtree : 0);
      hub_cli_writer_add_real (writer, by_weight ? cells[i].subtree / cells[0].subtree : NAN);
      hub_cli_writer_end_row (writer);
    }
  return writer;
}

static void
family_data_free (gpointer data)
{
  hub_family_chart_data_free (data);
}

/**
 * hub_cli_export_lineage:
 * @job: the export; @job->argument is the model id
 *
 * The family icicle of a model (its descendants, weighted by 30-day
 * downloads). An unknown id fails with the closest ids.
 */
int
hub_cli_export_lineage (HubCliExportJob *job)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HubDataset) dataset = NULL;
  g_autoptr(HubLineage) lineage = NULL;
  HubFamilyChartData *data;
  gint32 model;

  dataset = hub_cli_load_dataset (job->db_path, &error);
  if (dataset == NULL)
    return hub_cli_fail (COMMAND, HUB_CLI_EXIT_FAILED, "%s", error->message);
  model = hub_dataset_find_model (dataset, job->argument);
  if (model < 0)
    {
      g_autoptr(GPtrArray) close = hub_model_suggest (dataset, job->argument, 3);
      g_autofree char *list = NULL;

      if (close->len == 0)
        return hub_cli_fail (COMMAND, HUB_CLI_EXIT_FAILED, _("no model named “%s”"), job->argument);
      g_ptr_array_add (close, NULL);
      list = g_strjoinv (", ", (char **) close->pdata);
      return hub_cli_fail (COMMAND, HUB_CLI_EXIT_FAILED, _("no model named “%s”; closest: %s"), job->argument, list);
    }

  lineage = hub_lineage_new (dataset);
  data = hub_family_chart_data_new (lineage, model, 0);
  job->data = data;
  job->data_free = family_data_free;
  job->render = hub_family_chart_draw_func;
  job->render_data = data;
  job->write_rows = lineage_rows;
  job->title = hub_family_chart_title (data);
  job->caption = hub_family_chart_caption (data);
  return HUB_CLI_EXIT_OK;
}
