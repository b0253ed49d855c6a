/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stdio.h>

#include "hub-breakdown-chart.h"
#include "hub-chart-export.h"
#include "hub-cli-output.h"
#include "hub-cli-query.h"
#include "hub-attention-chart.h"
#include "hub-compare-chart.h"
#include "hub-leaderboard.h"
#include "hub-quality-chart.h"
#include "hub-sizes.h"
#include "hub-stacked-area.h"

G_BEGIN_DECLS

/**
 * HubCliExportJob:
 * One `hubeco export-chart KIND ...` run. The command fills the inputs,
 * the kind's prepare function computes its result and fills the outputs.
 *
 * Inputs: @kind, @argument (the kind's positional argument, e.g. a model
 * id, or NULL), @db_path, @query (built from QUERY-OPTIONS),
 * @leaderboard_rows (hub_cli_query_options_leaderboard_rows()), @mode
 * (`--mode`), @level and @since_days (`--level`, `--since-created`), @size_weight, @include_estimated and
 * @size_violin (`--weight`, `--include-estimated`, `--violin`, for the sizes chart), @breakdown and
 * @breakdown_view (`--rows`, `--cols`, `--developers`, `--top`, `--view`), @quality and
 * @quality_color (`--scores`, `--benchmark`, …, `--color`), @compare, @compare_view and
 * @compare_log (the ids, `--family`, `--measure`, `--align`, …, `--view`, `--log`), @attention and
 * @attention_points (`--attention`, `--max-points`), @vary (`--vary`), @extras (`--bootstrap`,
 * `--seed`, `--period`: the concentration and lorenz charts').
 *
 * Outputs: @render draws @render_data (which may point into @data, the
 * kind's own state, freed by @data_free);
 * @title is the default title, @caption the caption; @settings (nullable)
 * what else the figure was drawn with, for the manifest ("weight=count");
 * @write_rows writes the data behind the chart (NULL: no data export);
 * @loaded (hub_cli_export_job_load()) gives the manifest its series,
 * range and snapshot ids.
 */
typedef struct _HubCliExportJob HubCliExportJob;

struct _HubCliExportJob {
  const char          *kind;
  const char          *argument;
  const char          *db_path;
  HubQuery            *query;
  guint                leaderboard_rows;
  HubStackedAreaMode   mode;
  HubLeaderboardLevel  level;
  guint                since_days;
  HubSizeWeight        size_weight;
  HubSizeCohort        size_cohort;
  gboolean             include_estimated;
  gboolean             size_violin;
  HubBreakdownOptions  breakdown;
  HubBreakdownChartMode breakdown_view;
  HubQualityOptions    quality;
  HubQualityChartColor quality_color;
  HubCompareOptions    compare;
  HubCompareChartView  compare_view;
  gboolean             compare_log;
  HubAttentionMeasure  attention;
  guint                attention_points;
  guint                vary;
  HubShareExtras       extras;

  HubCliLoaded         loaded;
  HubChartRenderFunc   render;
  gconstpointer        render_data;
  gpointer             data;
  GDestroyNotify       data_free;
  char                *title;
  char                *caption;
  char                *settings;
  HubCliWriter      *(*write_rows) (HubCliExportJob *job,
                                    FILE            *out,
                                    HubCliFormat     format);
};

/* Computes the job's result; returns an exit code (HUB_CLI_EXIT_*) after
 * printing any error as "hubeco export-chart: ...". */
typedef int (*HubCliExportPrepareFunc) (HubCliExportJob *job);

/**
 * HubCliExportKind:
 * One chart kind of `hubeco export-chart`. The table is in
 * hub-cli-export.c: adding a kind is one line there plus its prepare
 * function (declared below, defined next to its command).
 * @argument: NULL, or the name of a required positional argument ("ID");
 *   one ending in "…" takes one or more (@compare's ids).
 */
typedef struct {
  const char              *name;
  const char              *argument;
  const char              *summary;
  HubCliExportPrepareFunc  prepare;
} HubCliExportKind;

/* hub_cli_loaded_load() for the job's database (the share kinds then ask
 * the analysis for their figure). */
int  hub_cli_export_job_load (HubCliExportJob *job);

/* The kinds. */
int  hub_cli_export_share         (HubCliExportJob *job);
int  hub_cli_export_concentration (HubCliExportJob *job);
int  hub_cli_export_leaderboard   (HubCliExportJob *job);
int  hub_cli_export_breakdown     (HubCliExportJob *job);
int  hub_cli_export_quality       (HubCliExportJob *job);
int  hub_cli_export_compare       (HubCliExportJob *job);
int  hub_cli_export_attention     (HubCliExportJob *job);
int  hub_cli_export_sensitivity   (HubCliExportJob *job);
int  hub_cli_export_lorenz        (HubCliExportJob *job);

#define HUB_CLI_SENSITIVITY_ENTRIES(vary) \
  { "vary", 0, 0, G_OPTION_ARG_STRING, &(vary), \
    N_("sensitivity: the choices to vary, comma-separated: attribution, window, exclude (default " \
       "attribution,window; at most 6 methods)"), N_("WHAT") }

/* Parses `--vary` (NULL: attribution,window). Returns an exit code after
 * printing any error. */
int  hub_cli_sensitivity_vary     (const char *command,
                                   const char *text,
                                   guint      *out_vary);

/* `hubeco export-chart`. */
int  hub_cli_cmd_export_chart     (int    argc,
                                   char **argv);

G_END_DECLS
