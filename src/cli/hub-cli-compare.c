/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-cli"

#include "config.h"

#include "hub-cli-compare.h"
#include "hub-cli-export.h"
#include "hub-cli-private.h"
#include "hub-attention-chart.h"
#include "hub-compare-chart.h"
#include "hub-data-export.h"
#include "hub-format.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

void
hub_cli_compare_args_init (HubCliCompareArgs *args)
{
  *args = (HubCliCompareArgs) { .rank = HUB_COMPARE_BASELINE_TOP, .day = -1 };
}

void
hub_cli_compare_args_clear (HubCliCompareArgs *args)
{
  g_clear_pointer (&args->families, g_strfreev);
  g_clear_pointer (&args->measure, g_free);
  g_clear_pointer (&args->align, g_free);
  g_clear_pointer (&args->baseline, g_free);
}

int
hub_cli_compare_take_measure (const char         *command,
                              HubCliCompareArgs  *args,
                              HubCliQueryOptions *o)
{
  g_free (args->measure);
  args->measure = hub_cli_query_options_take (o, "measure");
  if (hub_cli_query_options_is_set (o, "measure"))
    return hub_cli_fail (command, HUB_CLI_EXIT_USAGE,
                         _("Give the measure as --measure cumulative|downloads|likes, not in --query"));
  return HUB_CLI_EXIT_OK;
}

int
hub_cli_compare_options (const char          *command,
                         HubCliCompareArgs   *args,
                         char               **ids,
                         HubCompareOptions   *options,
                         char              ***out_subjects)
{
  g_autoptr(GStrvBuilder) subjects = g_strv_builder_new ();
  g_autoptr(GError) error = NULL;

  hub_compare_options_init (options);
  *out_subjects = NULL;
  if (args->measure != NULL && !hub_compare_measure_from_string (args->measure, &options->measure))
    {
      const char *valid[] = { "cumulative", "downloads", "likes", NULL };
      return hub_cli_fail_value (command, "--measure", args->measure, valid);
    }
  if (args->align != NULL && !hub_compare_align_from_string (args->align, &options->align))
    {
      const char *valid[] = { "release", "calendar", NULL };
      return hub_cli_fail_value (command, "--align", args->align, valid);
    }
  if (args->baseline != NULL && !hub_compare_baseline_from_string (args->baseline, &options->baseline))
    {
      const char *valid[] = { "median", "rank", NULL };
      return hub_cli_fail_value (command, "--baseline", args->baseline, valid);
    }
  if (args->rank < 1)
    return hub_cli_fail (command, HUB_CLI_EXIT_USAGE, _("--rank must be 1 or more"));
  if (args->rank != HUB_COMPARE_BASELINE_TOP && options->baseline != HUB_COMPARE_BASELINE_RANK)
    return hub_cli_fail (command, HUB_CLI_EXIT_USAGE, _("--rank goes with --baseline rank"));
  if (args->day < -1)
    return hub_cli_fail (command, HUB_CLI_EXIT_USAGE, _("--day must be 0 or more"));
  options->rank = (guint) args->rank;
  options->all_tasks = args->all_tasks;
  options->day = args->day;

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    g_strv_builder_add (subjects, ids[i]);
  for (guint i = 0; args->families != NULL && args->families[i] != NULL; i++)
    {
      g_autofree char *family = g_strconcat (HUB_COMPARE_FAMILY_PREFIX, args->families[i], NULL);

      g_strv_builder_add (subjects, family);
    }
  *out_subjects = g_strv_builder_end (subjects);
  options->subjects = (const char * const *) *out_subjects;
  if (!hub_compare_subjects_check (options->subjects, &error))
    return hub_cli_fail (command, HUB_CLI_EXIT_USAGE, "%s", error->message);
  return HUB_CLI_EXIT_OK;
}

/* A family's split in words: the share going to derivatives, by part, and
 * the first intermediaries. */
static void
print_split (FILE                 *out,
             HubDataset           *dataset,
             const HubFamilySplit *split)
{
  guint n_created = 0;

  for (guint w = 0; w < split->n_weeks; w++)
    n_created += split->created[w];
  if (!isfinite (split->derivative_share))
    {
      fprintf (out, _("Family %s: no downloads in the last snapshot\n"), split->root_id);
      return;
    }
  {
    g_autofree char *members = hub_format_count (split->n_members);
    g_autofree char *dated = hub_format_count (n_created);

    /* Translators: "Family Qwen/Qwen3-8B: 62.1% of its downloads go to derivatives (1 234 models; 1 233
     * derivatives with a release date)". */
    fprintf (out, _("Family %s: %.1f%% of its downloads go to derivatives (%s models; %s derivatives with a "
                    "release date)\n"), split->root_id, 100 * split->derivative_share, members, dated);
  }
  for (guint p = 0; p < HUB_N_FAMILY_PARTS; p++)
    if (split->part_share[p] > 0)
      fprintf (out, "  %s: %.1f%%\n", hub_family_part_label (p), 100 * split->part_share[p]);
  for (guint i = 0; i < split->intermediaries->len; i++)
    {
      const HubFamilyIntermediary *in = &g_array_index (split->intermediaries, HubFamilyIntermediary, i);
      g_autofree char *downloads = hub_format_count ((gint64) in->downloads);

      if (i == 0)
        fprintf (out, "%s\n", _("Intermediaries in the family (by their derivatives’ downloads):"));
      fprintf (out, ngettext ("  %s: %s downloads, %u model\n", "  %s: %s downloads, %u models\n", in->n_models),
               hub_dataset_get_author (dataset, in->author)->author, downloads, in->n_models);
    }
}

/**
 * hub_cli_cmd_compare:
 * `hubeco compare ID… [--family ID] [--measure cumulative|downloads|likes]
 * [--align release|calendar] [--baseline median|rank] [--rank K]
 * [--all-tasks] [--day N] QUERY-OPTIONS`: every point of every subject,
 * then each subject's score and each family's split.
 */
int
hub_cli_cmd_compare (int    argc,
                     char **argv)
{
  const char *command = "compare";
  g_autofree char *db_path = NULL;
  g_auto(GStrv) subjects = NULL;
  g_autofree GOptionEntry *entries = NULL;
  g_autoptr(HubCliWriter) writer = NULL;
  g_autoptr(HubCompareResult) result = NULL;
  g_autoptr(GError) error = NULL;
  HubCliCompareArgs args;
  HubCliQueryOptions o = { 0 };
  HubCliLoaded l = { 0 };
  HubCompareOptions options;
  HubCliFormat format = HUB_CLI_FORMAT_TABLE;
  HubQuery query;
  FILE *notes;
  int rc;
  GOptionEntry extra[] = { HUB_CLI_COMPARE_ENTRIES (args), { NULL } };

  hub_cli_compare_args_init (&args);
  hub_query_init (&query);
  entries = hub_cli_query_option_entries (&o, extra, TRUE, TRUE);
  /* Here --measure names a compare measure. */
  for (GOptionEntry *e = entries; e->long_name != NULL; e++)
    if (g_str_equal (e->long_name, "measure"))
      e->description = N_("downloads (default: for the last 30 days), cumulative (since release) or likes");
  rc = hub_cli_parse_options (command, _("ID…"),
                              _("Put models or families side by side: their downloads (--measure cumulative, "
                                "downloads for the last 30 days, or likes) by days since release or by date, "
                                "and each one's relative adoption: its value over the median of the top 10 "
                                "models of its size class and task at the same day after release. "
                                "The query's filters choose the peers; its series is read (default: the "
                                "series that holds the most of the models)."),
                              entries, &db_path, &argc, &argv);
  if (rc == HUB_CLI_EXIT_OK)
    rc = hub_cli_compare_take_measure (command, &args, &o);
  if (rc == HUB_CLI_EXIT_OK)
    rc = hub_cli_query_options_build (command, &o, &query, &format);
  if (rc == HUB_CLI_EXIT_OK)
    rc = hub_cli_compare_options (command, &args, argv + 1, &options, &subjects);
  if (rc == HUB_CLI_EXIT_OK)
    rc = hub_cli_loaded_load (command, db_path, &l);
  if (rc != HUB_CLI_EXIT_OK)
    goto out;

  result = hub_analysis_compare (l.analysis, &query, &options, NULL, &error);
  if (result == NULL)
    {
      rc = hub_cli_fail_error (command, error);
      goto out;
    }
  if (result->unknown->len == result->curves->len)
    {
      g_autoptr(GString) ids = g_string_new (NULL);

      for (guint i = 0; i < result->unknown->len; i++)
        g_string_append_printf (ids, "%s%s", i > 0 ? ", " : "", (char *) g_ptr_array_index (result->unknown, i));
      rc = hub_cli_fail (command, HUB_CLI_EXIT_FAILED, _("Not in the data: %s"), ids->str);
      goto out;
    }
  writer = hub_data_export_compare_rows (stdout, format, result);
  if (!hub_cli_writer_finish (writer))
    {
      rc = hub_cli_fail (command, HUB_CLI_EXIT_FAILED, _("Could not write the output"));
      goto out;
    }
  notes = format == HUB_CLI_FORMAT_TABLE ? stdout : stderr;
  {
    g_autofree char *caption = hub_compare_chart_caption (result);

    fprintf (notes, "%s\n", caption);
  }
  for (guint i = 0; i < result->curves->len; i++)
    {
      const HubCompareCurve *curve = g_ptr_array_index (result->curves, i);
      g_autofree char *score = hub_compare_curve_score_text (result, curve);

      fprintf (notes, "%s: %s\n", curve->subject, score);
    }
  for (guint i = 0; i < result->curves->len; i++)
    {
      const HubCompareCurve *curve = g_ptr_array_index (result->curves, i);
      g_autoptr(HubFamilySplit) split = NULL;

      if (!curve->family || curve->model < 0)
        continue;
      split = hub_analysis_family_split (l.analysis, &query, curve->id, NULL, &error);
      if (split == NULL)
        {
          rc = hub_cli_fail_error (command, error);
          goto out;
        }
      print_split (notes, l.dataset, split);
    }
  rc = HUB_CLI_EXIT_OK;

out:
  hub_cli_loaded_clear (&l);
  hub_query_clear (&query);
  hub_cli_query_options_clear (&o);
  hub_cli_compare_args_clear (&args);
  return rc;
}

/* ---- export-chart compare ------------------------------------------------- */

typedef struct {
  HubCompareResult    *result;
  HubCompareChartData  chart;
} CompareFigure;

static void
compare_figure_free (gpointer data)
{
  CompareFigure *figure = data;

  g_clear_pointer (&figure->result, hub_compare_result_free);
  g_free (figure);
}

static HubCliWriter *
compare_rows (HubCliExportJob *job,
              FILE            *out,
              HubCliFormat     format)
{
  const CompareFigure *figure = job->data;

  return hub_data_export_compare_rows (out, format, figure->result);
}

/**
 * hub_cli_export_compare:
 * The curves of `hubeco compare` with the same options (`--view curves`
 * or `relative`, `--log`), or their points with a manifest.
 */
int
hub_cli_export_compare (HubCliExportJob *job)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *settings = NULL;
  CompareFigure *figure;
  int rc = hub_cli_export_job_load (job);

  if (rc != HUB_CLI_EXIT_OK)
    return rc;
  figure = g_new0 (CompareFigure, 1);
  job->data = figure;
  job->data_free = compare_figure_free;
  figure->result = hub_analysis_compare (job->loaded.analysis, job->query, &job->compare, NULL, &error);
  if (figure->result == NULL)
    return hub_cli_fail_error ("export-chart", error);
  figure->chart = (HubCompareChartData) { figure->result, job->compare_view, job->compare_log, -1, -1 };
  /* The manifest names the series read, so that its query gives the same points. */
  if (job->query->series == NULL)
    job->query->series = g_strdup (figure->result->series);
  job->render = hub_compare_chart_draw_func;
  job->render_data = &figure->chart;
  job->write_rows = compare_rows;
  job->title = hub_compare_chart_title (figure->result, job->compare_view);
  job->caption = hub_compare_chart_caption (figure->result);
  settings = hub_compare_result_settings (figure->result);
  {
    g_autofree char *subjects = g_strjoinv (",", (char **) job->compare.subjects);

    job->settings = g_strdup_printf ("subjects=%s;%s;view=%s;scale=%s", subjects, settings,
                                     hub_compare_chart_view_to_string (job->compare_view),
                                     job->compare_log ? "log" : "linear");
  }
  return HUB_CLI_EXIT_OK;
}

/* ---- hubeco attention ----------------------------------------------------- */

int
hub_cli_attention_options (const char          *command,
                           const char          *measure,
                           int                  max_points,
                           HubAttentionMeasure *out_measure,
                           guint               *out_points)
{
  *out_measure = HUB_ATTENTION_LIKES;
  if (measure != NULL && !hub_attention_measure_from_string (measure, out_measure))
    {
      const char *valid[] = { "likes", "trending", NULL };
      return hub_cli_fail_value (command, "--attention", measure, valid);
    }
  if (max_points < 0)
    return hub_cli_fail (command, HUB_CLI_EXIT_USAGE, _("--max-points must be 0 or more"));
  *out_points = (guint) max_points;
  return HUB_CLI_EXIT_OK;
}

/**
 * hub_cli_cmd_attention:
 * `hubeco attention [--attention likes|trending] [--max-points N]
 * QUERY-OPTIONS`: every model passing the filters with downloads and
 * attention, most downloaded first, with its quadrant; then the caption.
 */
int
hub_cli_cmd_attention (int    argc,
                       char **argv)
{
  const char *command = "attention";
  g_autofree char *db_path = NULL;
  g_autofree char *measure_str = NULL;
  g_autofree GOptionEntry *entries = NULL;
  g_autoptr(HubCliWriter) writer = NULL;
  g_autoptr(HubAttentionResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *caption = NULL;
  HubCliQueryOptions o = { 0 };
  HubCliLoaded l = { 0 };
  HubCliFormat format = HUB_CLI_FORMAT_TABLE;
  HubAttentionMeasure measure;
  HubQuery query;
  int max_points = HUB_ATTENTION_MAX_POINTS;
  guint points = 0;
  int rc;
  GOptionEntry extra[] = { HUB_CLI_ATTENTION_ENTRIES (measure_str, max_points), { NULL } };

  hub_query_init (&query);
  entries = hub_cli_query_option_entries (&o, extra, TRUE, TRUE);
  rc = hub_cli_parse_options (command, NULL,
                              _("Attention against adoption: each model's likes (or trending score) and 30-day "
                                "downloads as last observed, with its quadrant against the two medians (used and "
                                "talked about, talked about but less used, used quietly, neither). The query's "
                                "filters choose the models."),
                              entries, &db_path, &argc, &argv);
  if (rc == HUB_CLI_EXIT_OK && argc > 1)
    rc = hub_cli_fail (command, HUB_CLI_EXIT_USAGE, _("Unexpected argument “%s”"), argv[1]);
  if (rc == HUB_CLI_EXIT_OK)
    rc = hub_cli_query_options_build (command, &o, &query, &format);
  if (rc == HUB_CLI_EXIT_OK)
    rc = hub_cli_attention_options (command, measure_str, max_points, &measure, &points);
  if (rc == HUB_CLI_EXIT_OK)
    rc = hub_cli_loaded_load (command, db_path, &l);
  if (rc != HUB_CLI_EXIT_OK)
    goto out;

  result = hub_analysis_attention (l.analysis, &query, measure, points, NULL, &error);
  if (result == NULL)
    {
      rc = hub_cli_fail_error (command, error);
      goto out;
    }
  writer = hub_data_export_attention_rows (stdout, format, result);
  if (!hub_cli_writer_finish (writer))
    {
      rc = hub_cli_fail (command, HUB_CLI_EXIT_FAILED, _("Could not write the output"));
      goto out;
    }
  caption = hub_attention_chart_caption (result);
  fprintf (format == HUB_CLI_FORMAT_TABLE ? stdout : stderr, "%s\n", caption);
  rc = HUB_CLI_EXIT_OK;

out:
  hub_cli_loaded_clear (&l);
  hub_query_clear (&query);
  hub_cli_query_options_clear (&o);
  return rc;
}

typedef struct {
  HubAttentionResult    *result;
  HubAttentionChartData  chart;
} AttentionFigure;

static void
attention_figure_free (gpointer data)
{
  AttentionFigure *figure = data;

  g_clear_pointer (&figure->result, hub_attention_result_unref);
  g_free (figure);
}

static HubCliWriter *
attention_rows (HubCliExportJob *job,
                FILE            *out,
                HubCliFormat     format)
{
  const AttentionFigure *figure = job->data;

  return hub_data_export_attention_rows (out, format, figure->result);
}

/**
 * hub_cli_export_attention:
 * The scatter of `hubeco attention` with the same options, or its points
 * with a manifest.
 */
int
hub_cli_export_attention (HubCliExportJob *job)
{
  g_autoptr(GError) error = NULL;
  AttentionFigure *figure;
  int rc = hub_cli_export_job_load (job);

  if (rc != HUB_CLI_EXIT_OK)
    return rc;
  figure = g_new0 (AttentionFigure, 1);
  job->data = figure;
  job->data_free = attention_figure_free;
  figure->result = hub_analysis_attention (job->loaded.analysis, job->query, job->attention, job->attention_points,
                                           NULL, &error);
  if (figure->result == NULL)
    return hub_cli_fail_error ("export-chart", error);
  figure->chart = (HubAttentionChartData) { figure->result, NULL, 0, -1 };
  job->render = hub_attention_chart_draw_func;
  job->render_data = &figure->chart;
  job->write_rows = attention_rows;
  job->title = hub_attention_chart_title (figure->result);
  job->caption = hub_attention_chart_caption (figure->result);
  job->settings = g_strdup_printf ("attention=%s;max_points=%u", hub_attention_measure_to_string (job->attention),
                                   job->attention_points);
  return HUB_CLI_EXIT_OK;
}
