/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-cli"

#include "config.h"

#include "hub-cli-export.h"
#include "hub-cli-export-figures.h"
#include "hub-cli-breakdown.h"
#include "hub-cli-quality.h"
#include "hub-cli-compare.h"
#include "hub-bar-chart.h"
#include "hub-chart-caption.h"
#include "hub-cli-private.h"
#include "hub-concentration-chart.h"
#include "hub-lorenz-chart.h"
#include "hub-data-export.h"
#include "hub-share-charts.h"
#include "hub-share-query.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <unistd.h>

#define COMMAND "export-chart"

/* Adding a kind: one line here and its prepare function. */
static const HubCliExportKind kinds[] = {
  { "share", NULL, N_("Stacked area of each category’s downloads per period"), hub_cli_export_share },
  { "concentration", NULL, N_("HHI, Gini and top-10 share per period"), hub_cli_export_concentration },
  { "leaderboard", NULL, N_("Ranked bars of the largest countries, developers or models"), hub_cli_export_leaderboard },
  { "sizes", NULL, N_("Parameter-count distribution per year or quarter, with size-bucket shares"), hub_cli_export_sizes },
  { "lineage", "ID", N_("Family icicle of a model weighted by downloads"), hub_cli_export_lineage },
  { "breakdown", NULL, N_("The top developers’ downloads as a heat map or bars of two dimensions"), hub_cli_export_breakdown },
  { "quality", NULL, N_("Measured scores against adoption, in four quadrants (as hubeco quality)"), hub_cli_export_quality },
  { "compare", "ID…", N_("Models or families side by side by days since release (as hubeco compare)"),
    hub_cli_export_compare },
  { "attention", NULL, N_("Likes or trending score against downloads, log–log, by age (as hubeco attention)"),
    hub_cli_export_attention },
  { "sensitivity", NULL, N_("The share chart under each counting choice side by side (as hubeco sensitivity)"),
    hub_cli_export_sensitivity },
  { "lorenz", NULL, N_("The Lorenz curve of one period’s participants, with how few make up 50 to 99 percent"),
    hub_cli_export_lorenz },
};

int
hub_cli_export_job_load (HubCliExportJob *job)
{
  return hub_cli_loaded_load (COMMAND, job->db_path, &job->loaded);
}

/* The job's share figure with its caption's facts (and a leaderboard). */
static int
job_share (HubCliExportJob *job,
           gboolean         leaderboard)
{
  HubShareFigureOptions options = HUB_SHARE_FIGURE_OPTIONS_INIT;
  int rc = hub_cli_export_job_load (job);

  if (rc != HUB_CLI_EXIT_OK)
    return rc;
  options.info = TRUE;
  options.extras = job->extras;
  if (leaderboard)
    {
      options.leaderboard = TRUE;
      options.level = job->level;
      options.recent_days = job->since_days;
      options.leaderboard_rows = job->leaderboard_rows;
    }
  return hub_cli_loaded_share (COMMAND, &job->loaded, job->query, &options);
}

/* share and concentration */

static void
share_charts_free (gpointer data)
{
  hub_share_charts_clear (data);
  g_free (data);
}

static HubCliWriter *
share_rows (HubCliExportJob *job,
            FILE            *out,
            HubCliFormat     format)
{
  HubShareCharts *charts = job->data;

  return hub_cli_share_writer_new (out, format, charts->result, g_str_equal (job->kind, "concentration"));
}

static int
prepare_share_like (HubCliExportJob *job,
                    gboolean         concentration)
{
  HubShareCharts *charts;
  int rc;

  rc = job_share (job, FALSE);
  if (rc != HUB_CLI_EXIT_OK)
    return rc;

  charts = g_new0 (HubShareCharts, 1);
  hub_share_charts_init (charts, job->loaded.figure->result, job->query, job->mode);
  job->data = charts;
  job->data_free = share_charts_free;
  if (concentration)
    {
      job->render = hub_concentration_chart_draw_func;
      job->render_data = &charts->concentration;
    }
  else if (charts->bars != NULL)
    {
      /* Two levels: stacked bars of the latest period, as the Share view. */
      job->render = hub_bar_chart_draw_func;
      job->render_data = charts->bars;
    }
  else
    {
      job->render = hub_stacked_area_draw_func;
      job->render_data = &charts->area;
    }
  job->write_rows = share_rows;
  job->title = hub_chart_title (concentration ? "concentration" : "share", job->query, HUB_QUERY_BY_NONE);
  job->caption = hub_chart_caption (job->query, &job->loaded.figure->info);
  if (job->loaded.figure->result->bootstrap != NULL)
    job->settings = g_strdup_printf ("bootstrap_draws=%u;bootstrap_seed=%" G_GUINT64_FORMAT,
                                     job->extras.bootstrap_draws, job->extras.bootstrap_seed);
  return HUB_CLI_EXIT_OK;
}

int
hub_cli_export_share (HubCliExportJob *job)
{
  return prepare_share_like (job, FALSE);
}

int
hub_cli_export_concentration (HubCliExportJob *job)
{
  return prepare_share_like (job, TRUE);
}

/* lorenz: one period's participants */

static HubCliWriter *
participant_rows (HubCliExportJob *job,
                  FILE            *out,
                  HubCliFormat     format)
{
  return hub_data_export_participant_rows (out, format, job->loaded.figure->result);
}

int
hub_cli_export_lorenz (HubCliExportJob *job)
{
  HubShareFigureOptions options = HUB_SHARE_FIGURE_OPTIONS_INIT;
  const HubShareResult *result;
  HubLorenzData *data;
  int rc = hub_cli_export_job_load (job);

  if (rc != HUB_CLI_EXIT_OK)
    return rc;
  /* The participants of the period asked; no bootstrap (the curve has
   * no interval). */
  options.extras = job->extras;
  options.extras.detail = TRUE;
  options.extras.bootstrap_draws = 0;
  rc = hub_cli_loaded_share (COMMAND, &job->loaded, job->query, &options);
  if (rc != HUB_CLI_EXIT_OK)
    return rc;
  result = job->loaded.figure->result;
  data = g_new0 (HubLorenzData, 1);
  data->result = result;
  data->period = result->detail_period;
  job->data = data;
  job->data_free = g_free;
  job->render = hub_lorenz_chart_draw_func;
  job->render_data = data;
  job->write_rows = participant_rows;
  job->title = hub_chart_title ("concentration", job->query, HUB_QUERY_BY_NONE);
  job->caption = hub_lorenz_chart_describe (data);
  if (result->n_periods > 0 && result->period_labels != NULL)
    job->settings = g_strdup_printf ("period=%s", result->period_labels[result->detail_period]);
  return HUB_CLI_EXIT_OK;
}

/* leaderboard */

typedef struct {
  const GArray    *rows;   /* the job's figure's */
  HubBarChartData *bars;
} LeaderboardChart;

static void
leaderboard_chart_free (gpointer data)
{
  LeaderboardChart *chart = data;

  hub_bar_chart_data_free (chart->bars);
  g_free (chart);
}

static HubCliWriter *
leaderboard_rows (HubCliExportJob *job,
                  FILE            *out,
                  HubCliFormat     format)
{
  LeaderboardChart *chart = job->data;

  return hub_cli_leaderboard_writer_new (out, format, chart->rows);
}

int
hub_cli_export_leaderboard (HubCliExportJob *job)
{
  g_autofree char *recent = NULL;
  LeaderboardChart *chart;
  const GArray *rows;
  HubQuery caption_query;
  int rc;

  rc = job_share (job, TRUE);
  if (rc != HUB_CLI_EXIT_OK)
    return rc;
  rows = job->loaded.figure->leaderboard;

  if (job->since_days == HUB_QUERY_WINDOW_1Y)
    recent = g_strdup (_("Models created within 12 months before the observation"));
  else
    recent = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Models created within %u day before the observation",
                                           "Models created within %u days before the observation", job->since_days),
                              job->since_days);
  chart = g_new0 (LeaderboardChart, 1);
  chart->rows = rows;
  chart->bars = hub_bar_chart_data_new_leaderboard (rows, recent);
  hub_bar_chart_data_explain_unknown (chart->bars, job->level, job->loaded.figure->result);
  g_free (chart->bars->value_label);
  chart->bars->value_label = g_strdup (hub_chart_measure_label (job->query->measure));
  job->data = chart;
  job->data_free = leaderboard_chart_free;
  job->render = hub_bar_chart_draw_func;
  job->render_data = chart->bars;
  job->write_rows = leaderboard_rows;
  job->title = hub_chart_title ("leaderboard", job->query, hub_leaderboard_level_query_by (job->level));

  /* The caption describes the ranking, not a top-N with Other. */
  hub_query_init (&caption_query);
  hub_query_copy (&caption_query, job->query);
  caption_query.by = hub_leaderboard_level_query_by (job->level);
  caption_query.top = 0;
  job->caption = hub_chart_caption (&caption_query, &job->loaded.figure->info);
  hub_query_clear (&caption_query);
  return HUB_CLI_EXIT_OK;
}

/* The command */

static const HubCliExportKind *
find_kind (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kinds[i].name, name) == 0)
      return &kinds[i];
  return NULL;
}

static char *
kind_names (void)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    g_string_append_printf (s, "%s%s", i > 0 ? ", " : "", kinds[i].name);
  return g_string_free (s, FALSE);
}

static char *
kinds_help (void)
{
  GString *s = g_string_new (_("Chart kinds:"));

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    g_string_append_printf (s, "\n  %-14s %s", kinds[i].name, _(kinds[i].summary));
  g_string_append (s, _("\n\nWrites FILE.png, .svg or .pdf (the chart with its title and caption), or\n"
                        "FILE.csv or .json (the numbers behind it, with a manifest to reproduce it)."));
  return g_string_free (s, FALSE);
}

typedef enum {
  OUTPUT_CHART,
  OUTPUT_CSV,
  OUTPUT_JSON,
} OutputKind;

/* Checks, before any work, that @path names a known format in a folder
 * that can be written. */
static int
check_output (const char     *path,
              OutputKind     *out_kind,
              HubChartFormat *out_format)
{
  g_autofree char *dir = NULL;
  g_autofree char *lower = NULL;
  g_autoptr(GError) error = NULL;

  if (path == NULL || *path == '\0')
    return hub_cli_fail (COMMAND, HUB_CLI_EXIT_USAGE, _("--output FILE is required (.png, .svg, .pdf, .csv or .json)"));
  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".csv"))
    *out_kind = OUTPUT_CSV;
  else if (g_str_has_suffix (lower, ".json"))
    *out_kind = OUTPUT_JSON;
  else if (hub_chart_format_from_path (path, out_format, &error))
    *out_kind = OUTPUT_CHART;
  else
    return hub_cli_fail (COMMAND, HUB_CLI_EXIT_USAGE,
                         _("Unknown file type “%s”: the name must end in .png, .svg, .pdf, .csv or .json"), path);

  dir = g_path_get_dirname (path);
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    return hub_cli_fail (COMMAND, HUB_CLI_EXIT_USAGE, _("Cannot write “%s”: it is a folder"), path);
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    return hub_cli_fail (COMMAND, HUB_CLI_EXIT_USAGE, _("Cannot write “%s”: the folder “%s” does not exist"), path, dir);
  if (access (dir, W_OK) != 0)
    return hub_cli_fail (COMMAND, HUB_CLI_EXIT_USAGE, _("Cannot write “%s”: %s"), path, g_strerror (errno));
  if (g_file_test (path, G_FILE_TEST_EXISTS) && access (path, W_OK) != 0)
    return hub_cli_fail (COMMAND, HUB_CLI_EXIT_USAGE, _("Cannot write “%s”: %s"), path, g_strerror (errno));
  return HUB_CLI_EXIT_OK;
}

static HubTableWriter *
job_rows (FILE           *out,
          HubTableFormat  format,
          gpointer        user_data)
{
  HubCliExportJob *job = user_data;

  return job->write_rows (job, out, format);
}

/* The numbers and the manifest (hub-data-export.h, shared with the
 * window's Export Data). */
static int
write_data (HubCliExportJob *job,
            const char      *path,
            OutputKind       kind)
{
  g_autoptr(GError) error = NULL;
  HubDataManifest manifest = { 0 };
  HubQuery manifest_query;
  gboolean leaderboard = g_str_equal (job->kind, "leaderboard");
  gboolean ok;

  if (job->write_rows == NULL)
    return hub_cli_fail (COMMAND, HUB_CLI_EXIT_USAGE, _("The %s chart has no data export"), job->kind);

  /* A leaderboard ranks its level, its rows are its top: the manifest's
   * query says so, and gives the same rows when run again. */
  hub_query_init (&manifest_query);
  hub_query_copy (&manifest_query, job->query);
  if (leaderboard)
    {
      manifest_query.by = hub_leaderboard_level_query_by (job->level);
      manifest_query.within = HUB_QUERY_BY_NONE;
      manifest_query.top = job->leaderboard_rows;
    }
  manifest.kind = job->kind;
  manifest.argument = job->argument;
  manifest.query = &manifest_query;
  manifest.ranked = leaderboard;
  manifest.level = leaderboard ? hub_leaderboard_level_to_string (job->level) : NULL;
  manifest.since_days = job->since_days;
  manifest.observations = job->loaded.observations;
  manifest.title = job->title;
  manifest.caption = job->caption;
  manifest.settings = job->settings;
  ok = hub_data_export_write (path, kind == OUTPUT_JSON ? HUB_TABLE_FORMAT_JSON : HUB_TABLE_FORMAT_CSV,
                              &manifest, job_rows, job, &error);
  hub_query_clear (&manifest_query);
  if (!ok)
    return hub_cli_fail (COMMAND, HUB_CLI_EXIT_FAILED, "%s", error->message);
  return HUB_CLI_EXIT_OK;
}

/**
 * hub_cli_cmd_export_chart:
 * `hubeco export-chart KIND [ARG] QUERY-OPTIONS --output FILE [--width W]
 * [--height H] [--scale S] [--title TEXT]`: draws the chart the Share view
 * shows to PNG, SVG or PDF with no display, or writes its numbers and a
 * manifest to CSV or JSON.
 */
int
hub_cli_cmd_export_chart (int    argc,
                          char **argv)
{
  g_autofree char *db_path = NULL;
  g_autofree char *output = NULL;
  g_autofree char *title = NULL;
  g_autofree char *mode_str = NULL;
  g_autofree char *highlight = NULL;
  g_autofree char *palette_str = NULL;
  g_autofree char *level_str = NULL;
  g_autofree char *since_str = NULL;
  g_autofree char *weight_str = NULL;
  g_autofree char *cohort_str = NULL;
  g_autofree char *rows_str = NULL;
  g_autofree char *cols_str = NULL;
  g_autofree char *developers_str = NULL;
  g_autofree char *view_str = NULL;
  g_autofree char *color_str = NULL;
  g_auto(GStrv) developers = NULL;
  g_auto(GStrv) benchmarks = NULL;
  HubCliQualityArgs quality_args = { 0 };
  HubCliCompareArgs compare_args;
  g_auto(GStrv) compare_subjects = NULL;
  gboolean log_scale = FALSE;
  g_autofree char *attention_str = NULL;
  int max_points = HUB_ATTENTION_MAX_POINTS;
  g_autofree char *vary_str = NULL;
  g_autofree char *seed_str = NULL;
  g_autofree char *period_str = NULL;
  int draws = 0;
  gboolean variadic;
  g_autofree char *help = kinds_help ();
  g_autofree GOptionEntry *entries = NULL;
  gboolean dark = FALSE;
  gboolean include_estimated = FALSE;
  gboolean violin = FALSE;
  int width = 1000, height = 620;
  double scale = 1.0;
  HubCliQueryOptions o = { 0 };
  HubQuery query;
  HubCliExportJob job = { 0 };
  HubChartExportOptions options;
  HubChartStyle style;
  HubChartPalette palette = HUB_CHART_PALETTE_DEFAULT;
  HubChartFormat format = HUB_CHART_FORMAT_PNG;
  OutputKind output_kind = OUTPUT_CHART;
  const HubCliExportKind *kind = NULL;
  int rc;
  const GOptionEntry extra[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The file to write: .png, .svg, .pdf, .csv or .json"), N_("FILE") },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, N_("Figure width in pixels (default 1000)"), N_("W") },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, N_("Figure height in pixels (default 620)"), N_("H") },
    { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &scale, N_("PNG pixels per figure pixel: 1 (default) or 2"), N_("S") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("The title above the chart (default: what it shows)"), N_("TEXT") },
    { "mode", 0, 0, G_OPTION_ARG_STRING, &mode_str, N_("share: percent (default) or absolute"), N_("MODE") },
    { "highlight", 0, 0, G_OPTION_ARG_STRING, &highlight, N_("share: bring this category forward"), N_("NAME") },
    { "palette", 0, 0, G_OPTION_ARG_STRING, &palette_str, N_("default or colorblind (Okabe–Ito)"), N_("PALETTE") },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, N_("Light text on a dark background"), NULL },
    { "level", 0, 0, G_OPTION_ARG_STRING, &level_str, N_("leaderboard: country (default), developer, model"), N_("LEVEL") },
    { "since-created", 0, 0, G_OPTION_ARG_STRING, &since_str,
      N_("leaderboard: “recent” means created within this window: 6m, 12m (default), 1y, Nd"), N_("WINDOW") },
    { "weight", 0, 0, G_OPTION_ARG_STRING, &weight_str,
      N_("sizes: weigh each model by its downloads (default) or count it once: downloads, count"), N_("WEIGHT") },
    { "cohort", 0, 0, G_OPTION_ARG_STRING, &cohort_str,
      N_("sizes: models created in the period (default, as hubeco sizes) or downloaded in it: created, downloaded"),
      N_("COHORT") },
    { "include-estimated", 0, 0, G_OPTION_ARG_NONE, &include_estimated,
      N_("sizes: use sizes estimated from storage too (see estimate-params)"), NULL },
    { "violin", 0, 0, G_OPTION_ARG_NONE, &violin,
      N_("sizes: draw each period's distribution as a violin around its box"), NULL },
    { "rows", 0, 0, G_OPTION_ARG_STRING, &rows_str, N_("breakdown: the rows (as hubeco breakdown --rows)"), N_("DIM") },
    { "cols", 0, 0, G_OPTION_ARG_STRING, &cols_str, N_("breakdown: the columns"), N_("DIM") },
    { "developers", 0, 0, G_OPTION_ARG_STRING, &developers_str,
      N_("breakdown: these developers instead of the --top largest"), N_("A,B,…") },
    { "view", 0, 0, G_OPTION_ARG_STRING, &view_str, N_("breakdown: heatmap (default) or bars"), N_("VIEW") },
    HUB_CLI_QUALITY_ENTRIES (quality_args),
    { "color", 0, 0, G_OPTION_ARG_STRING, &color_str, N_("quality: colour the points by size (default) or task"),
      N_("BY") },
    HUB_CLI_COMPARE_ENTRIES (compare_args),
    { "log", 0, 0, G_OPTION_ARG_NONE, &log_scale, N_("compare: a log value axis"), NULL },
    HUB_CLI_ATTENTION_ENTRIES (attention_str, max_points),
    HUB_CLI_SENSITIVITY_ENTRIES (vary_str),
    { "bootstrap", 0, 0, G_OPTION_ARG_INT, &draws,
      N_("concentration: resample the models N times and shade each measure’s interval (90 %)"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed_str, N_("concentration: the bootstrap’s seed"), N_("S") },
    { "period", 0, 0, G_OPTION_ARG_STRING, &period_str, N_("lorenz: the period, by its label (default: the last)"),
      N_("LABEL") },
    { NULL }
  };

  hub_cli_compare_args_init (&compare_args);
  hub_query_init (&query);
  entries = hub_cli_query_option_entries (&o, extra, TRUE, FALSE);
  rc = hub_cli_parse_options (COMMAND, _("KIND [ARGUMENT]"), help, entries, &db_path, &argc, &argv);
  if (rc != HUB_CLI_EXIT_OK)
    goto out;

  if (argc < 2)
    {
      g_autofree char *names = kind_names ();
      rc = hub_cli_fail (COMMAND, HUB_CLI_EXIT_USAGE, _("Which chart? Valid kinds: %s"), names);
      goto out;
    }
  kind = find_kind (argv[1]);
  if (kind == NULL)
    {
      g_autofree char *names = kind_names ();
      rc = hub_cli_fail (COMMAND, HUB_CLI_EXIT_USAGE, _("Unknown chart kind “%s”. Valid kinds: %s"), argv[1], names);
      goto out;
    }
  if (kind->argument != NULL && argc < 3)
    {
      rc = hub_cli_fail (COMMAND, HUB_CLI_EXIT_USAGE, _("The %s chart needs %s"), kind->name, kind->argument);
      goto out;
    }
  variadic = kind->argument != NULL && g_str_has_suffix (kind->argument, "…");
  if (!variadic && argc > (kind->argument != NULL ? 3 : 2))
    {
      rc = hub_cli_fail (COMMAND, HUB_CLI_EXIT_USAGE, _("Unexpected argument “%s”"), argv[kind->argument != NULL ? 3 : 2]);
      goto out;
    }

  rc = check_output (output, &output_kind, &format);
  if (rc != HUB_CLI_EXIT_OK)
    goto out;

  hub_chart_export_options_init (&options);
  options.width = width;
  options.height = height;
  options.scale = scale;
  {
    g_autoptr(GError) error = NULL;

    if (!hub_chart_export_options_check (&options, &error))
      {
        rc = hub_cli_fail (COMMAND, HUB_CLI_EXIT_USAGE, "%s", error->message);
        goto out;
      }
  }

  job.kind = kind->name;
  job.argument = kind->argument != NULL ? argv[2] : NULL;
  job.db_path = db_path;
  job.query = &query;
  job.mode = HUB_STACKED_AREA_PERCENT;
  job.level = HUB_LEADERBOARD_COUNTRY;
  job.since_days = HUB_QUERY_WINDOW_1Y;
  job.size_weight = HUB_SIZE_WEIGHT_DOWNLOADS;
  {
    HubSizeOptions defaults;

    hub_size_options_init (&defaults);
    job.size_cohort = defaults.cohort;
  }
  job.include_estimated = include_estimated;
  job.size_violin = violin;

  if (mode_str != NULL)
    {
      const char *valid[] = { "percent", "absolute", NULL };

      if (g_str_equal (mode_str, "absolute"))
        job.mode = HUB_STACKED_AREA_ABSOLUTE;
      else if (!g_str_equal (mode_str, "percent"))
        {
          rc = hub_cli_fail_value (COMMAND, "--mode", mode_str, valid);
          goto out;
        }
    }
  if (cohort_str != NULL && !hub_size_cohort_from_string (cohort_str, &job.size_cohort))
    {
      const char *valid[] = { "created", "downloaded", NULL };
      rc = hub_cli_fail_value (COMMAND, "--cohort", cohort_str, valid);
      goto out;
    }
  if (weight_str != NULL && !hub_size_weight_from_string (weight_str, &job.size_weight))
    {
      const char *valid[] = { "downloads", "count", NULL };
      rc = hub_cli_fail_value (COMMAND, "--weight", weight_str, valid);
      goto out;
    }
  if (palette_str != NULL && !hub_chart_palette_from_string (palette_str, &palette))
    {
      const char *valid[] = { "default", "colorblind", NULL };
      rc = hub_cli_fail_value (COMMAND, "--palette", palette_str, valid);
      goto out;
    }
  if (level_str != NULL && !hub_leaderboard_level_from_string (level_str, &job.level))
    {
      const char *valid[] = { "country", "developer", "model", NULL };
      rc = hub_cli_fail_value (COMMAND, "--level", level_str, valid);
      goto out;
    }
  if (since_str != NULL && (!hub_query_window_from_string (since_str, &job.since_days) || job.since_days == 0))
    {
      rc = hub_cli_fail (COMMAND, HUB_CLI_EXIT_USAGE,
                         _("Bad value “%s” for --since-created (expected 6m, 12m, 1y or a number of days like 90d)"),
                         since_str);
      goto out;
    }

  /* compare reads --measure as a compare measure. */
  if (g_str_equal (kind->name, "compare") &&
      (rc = hub_cli_compare_take_measure (COMMAND, &compare_args, &o)) != HUB_CLI_EXIT_OK)
    goto out;
  rc = hub_cli_query_options_build (COMMAND, &o, &query, NULL);
  if (rc != HUB_CLI_EXIT_OK)
    goto out;
  job.leaderboard_rows = hub_cli_query_options_leaderboard_rows (&o, &query);
  rc = hub_cli_breakdown_options (COMMAND, rows_str, cols_str, developers_str, &o, &query, &job.breakdown, &developers);
  if (rc != HUB_CLI_EXIT_OK)
    goto out;
  if (g_str_equal (kind->name, "compare"))
    {
      rc = hub_cli_compare_options (COMMAND, &compare_args, argv + 2, &job.compare, &compare_subjects);
      if (rc != HUB_CLI_EXIT_OK)
        goto out;
      if (view_str != NULL && !hub_compare_chart_view_from_string (view_str, &job.compare_view))
        {
          const char *valid[] = { "curves", "relative", NULL };

          rc = hub_cli_fail_value (COMMAND, "--view", view_str, valid);
          goto out;
        }
      job.compare_log = log_scale;
    }
  else if (g_str_equal (kind->name, "attention"))
    {
      rc = hub_cli_attention_options (COMMAND, attention_str, max_points, &job.attention, &job.attention_points);
      if (rc != HUB_CLI_EXIT_OK)
        goto out;
    }
  else if (view_str != NULL && !hub_breakdown_chart_mode_from_string (view_str, &job.breakdown_view))
    {
      rc = hub_cli_fail_value (COMMAND, "--view", view_str, hub_breakdown_chart_mode_names ());
      goto out;
    }

  if (g_str_equal (kind->name, "sensitivity") &&
      (rc = hub_cli_sensitivity_vary (COMMAND, vary_str, &job.vary)) != HUB_CLI_EXIT_OK)
    goto out;
  if ((rc = hub_cli_share_extras_build (COMMAND, draws, seed_str, period_str, &job.extras)) != HUB_CLI_EXIT_OK)
    goto out;

  if (g_str_equal (kind->name, "quality"))
    {
      rc = hub_cli_quality_options (COMMAND, &quality_args, &o, &query, &job.quality, &benchmarks);
      if (rc != HUB_CLI_EXIT_OK)
        goto out;
      if (color_str != NULL && !hub_quality_chart_color_from_string (color_str, &job.quality_color))
        {
          rc = hub_cli_fail_value (COMMAND, "--color", color_str, hub_quality_chart_color_names ());
          goto out;
        }
    }

  rc = kind->prepare (&job);
  if (rc != HUB_CLI_EXIT_OK)
    goto out;

  if (highlight != NULL)
    {
      HubShareCharts *chart = job.data;

      if (!g_str_equal (kind->name, "share"))
        {
          rc = hub_cli_fail (COMMAND, HUB_CLI_EXIT_USAGE, _("--highlight applies to the share chart only"));
          goto out;
        }
      for (guint c = 0; chart->result->column_labels != NULL && c < chart->result->n_columns; c++)
        if (g_strcmp0 (chart->result->column_labels[c], highlight) == 0)
          chart->area.highlight = c;
      if (chart->area.highlight < 0)
        {
          rc = hub_cli_fail (COMMAND, HUB_CLI_EXIT_USAGE, _("--highlight: no category “%s” in this chart"), highlight);
          goto out;
        }
    }

  if (output_kind != OUTPUT_CHART)
    {
      rc = write_data (&job, output, output_kind);
      goto out;
    }

  hub_chart_style_init_default (&style, dark);
  hub_chart_style_set_palette (&style, palette);
  options.title = title != NULL ? title : job.title;
  options.caption = job.caption;
  {
    g_autoptr(GError) error = NULL;

    /* The name and folder were checked before any work: a failure now is
     * the disk's (full, read-only), not the command line's. */
    if (!hub_chart_export (output, &options, &style, job.render, job.render_data, &error))
      rc = hub_cli_fail (COMMAND, HUB_CLI_EXIT_FAILED, "%s", error->message);
  }

out:
  if (job.data_free != NULL)
    job.data_free (job.data);
  g_free (job.title);
  g_free (job.caption);
  g_free (job.settings);
  hub_cli_loaded_clear (&job.loaded);
  hub_query_clear (&query);
  hub_cli_query_options_clear (&o);
  hub_cli_quality_args_clear (&quality_args);
  hub_cli_compare_args_clear (&compare_args);
  return rc;
}
