/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-cli"

#include "config.h"

#include "hub-cli-quality.h"
#include "hub-cli-export.h"
#include "hub-cli-private.h"
#include "hub-data-export.h"
#include "hub-quality-chart.h"
#include "hub-scores.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

void
hub_cli_quality_args_clear (HubCliQualityArgs *args)
{
  g_clear_pointer (&args->scores, g_free);
  g_clear_pointer (&args->benchmark, g_free);
  g_clear_pointer (&args->adoption, g_free);
  g_clear_pointer (&args->score_line, g_free);
  g_clear_pointer (&args->adoption_line, g_free);
  g_clear_pointer (&args->at, g_free);
}

static gboolean
parse_number (const char *text,
              double     *out)
{
  char *end;

  *out = g_ascii_strtod (text, &end);
  return *text != '\0' && *end == '\0' && isfinite (*out);
}

int
hub_cli_quality_options (const char          *command,
                         HubCliQualityArgs   *args,
                         HubCliQueryOptions  *o,
                         HubQuery            *query,
                         HubQualityOptions   *options,
                         char              ***out_benchmarks)
{
  g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;

  hub_quality_options_init (options);
  *out_benchmarks = NULL;
  if (args->scores == NULL)
    return hub_cli_fail (command, HUB_CLI_EXIT_USAGE, _("Which scores? Give --scores SET (see “hubeco score-sets”)"));
  if (args->benchmark == NULL)
    return hub_cli_fail (command, HUB_CLI_EXIT_USAGE,
                         _("Which benchmark? Give --benchmark B (see “hubeco score-sets”)"));
  options->score_set = args->scores;
  names = g_strsplit (args->benchmark, ",", -1);
  for (guint i = 0; names[i] != NULL; i++)
    if (*g_strstrip (names[i]) != '\0')
      g_strv_builder_add (kept, names[i]);
  *out_benchmarks = g_strv_builder_end (kept);
  if (**out_benchmarks == NULL)
    return hub_cli_fail (command, HUB_CLI_EXIT_USAGE, _("--benchmark names no benchmark"));
  options->benchmarks = (const char * const *) *out_benchmarks;
  options->inherit = args->inherit;

  if (args->adoption != NULL)
    {
      const char *valid[] = { "downloads", "family", "relative", NULL };
      HubQueryAttribution wanted;

      options->relative = strcmp (args->adoption, "relative") == 0;
      if (strcmp (args->adoption, "downloads") == 0 || options->relative)
        wanted = HUB_QUERY_ATTRIBUTION_SELF;
      else if (strcmp (args->adoption, "family") == 0)
        wanted = HUB_QUERY_ATTRIBUTION_ROOT;
      else
        return hub_cli_fail_value (command, "--adoption", args->adoption, valid);
      if (hub_cli_query_options_is_set (o, "attribution") && query->attribution != wanted)
        return hub_cli_fail (command, HUB_CLI_EXIT_USAGE,
                             _("--adoption %s contradicts the attribution given"), args->adoption);
      query->attribution = wanted;
    }
  if (args->score_line != NULL && !parse_number (args->score_line, &options->score_line))
    return hub_cli_fail (command, HUB_CLI_EXIT_USAGE, _("--score-line: “%s” is not a number"), args->score_line);
  if (args->adoption_line != NULL &&
      (!parse_number (args->adoption_line, &options->adoption_line) || options->adoption_line < 0))
    return hub_cli_fail (command, HUB_CLI_EXIT_USAGE, _("--adoption-line: “%s” is not a count"),
                         args->adoption_line);
  if (args->at != NULL)
    {
      options->at = hub_time_parse_iso8601 (args->at);
      if (options->at == HUB_TIME_NONE)
        return hub_cli_fail (command, HUB_CLI_EXIT_USAGE,
                             _("--at: “%s” is not an ISO 8601 date or time (e.g. 2025-06-01)"), args->at);
      /* A date means its whole day. */
      if (strlen (args->at) == 10)
        options->at += 86400 - 1;
    }
  return HUB_CLI_EXIT_OK;
}

/* ---- hubeco quality ------------------------------------------------------- */

/* "LABEL (N): a, b, c" when @ids holds any. */
static void
print_ids (FILE       *out,
           const char *label,
           GPtrArray  *ids)
{
  if (ids->len == 0)
    return;
  /* Translators: "Not in the data (81):", then the ids. */
  fprintf (out, _("%s (%u):"), label, ids->len);
  for (guint i = 0; i < ids->len; i++)
    fprintf (out, "%s%s", i == 0 ? " " : ", ", (char *) g_ptr_array_index (ids, i));
  fputc ('\n', out);
}

/**
 * hub_cli_cmd_quality:
 * `hubeco quality --scores SET --benchmark B [--adoption downloads|family|relative]
 * [--inherit] [--score-line X] [--adoption-line N] [--at DATE]
 * QUERY-OPTIONS`: every scored model with adoption data, with its quadrant,
 * then the caption and who is missing (to stderr for csv and json).
 */
int
hub_cli_cmd_quality (int    argc,
                     char **argv)
{
  const char *command = "quality";
  g_autofree char *db_path = NULL;
  g_auto(GStrv) benchmarks = NULL;
  g_autofree GOptionEntry *entries = NULL;
  g_autoptr(HubCliWriter) writer = NULL;
  g_autoptr(HubQualityResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *caption = NULL;
  HubCliQualityArgs args = { 0 };
  HubCliQueryOptions o = { 0 };
  HubCliLoaded l = { 0 };
  HubQualityOptions options;
  HubCliFormat format = HUB_CLI_FORMAT_TABLE;
  HubQuery query;
  FILE *notes;
  int rc;
  const GOptionEntry extra[] = { HUB_CLI_QUALITY_ENTRIES (args), { NULL } };

  hub_query_init (&query);
  entries = hub_cli_query_option_entries (&o, extra, TRUE, TRUE);
  rc = hub_cli_parse_options (command, NULL,
                              _("Set measured scores against adoption: each scored model with its score, its "
                                "downloads and its quadrant (popular and good, popular but weaker, good but "
                                "under-adopted, neither; lines at the medians unless given). Adoption is read "
                                "from the series that holds the most scored models unless --series names one."),
                              entries, &db_path, &argc, &argv);
  if (rc == HUB_CLI_EXIT_OK && argc > 1)
    rc = hub_cli_fail (command, HUB_CLI_EXIT_USAGE, _("Unexpected argument “%s”"), argv[1]);
  if (rc == HUB_CLI_EXIT_OK)
    rc = hub_cli_query_options_build (command, &o, &query, &format);
  if (rc == HUB_CLI_EXIT_OK)
    rc = hub_cli_quality_options (command, &args, &o, &query, &options, &benchmarks);
  if (rc == HUB_CLI_EXIT_OK)
    rc = hub_cli_loaded_load (command, db_path, &l);
  if (rc != HUB_CLI_EXIT_OK)
    goto out;

  result = hub_analysis_quality (l.analysis, &query, &options, NULL, &error);
  if (result == NULL)
    {
      rc = hub_cli_fail_error (command, error);
      goto out;
    }
  writer = hub_data_export_quality_rows (stdout, format, result);
  if (!hub_cli_writer_finish (writer))
    {
      rc = hub_cli_fail (command, HUB_CLI_EXIT_FAILED, _("Could not write the output"));
      goto out;
    }
  notes = format == HUB_CLI_FORMAT_TABLE ? stdout : stderr;
  caption = hub_quality_chart_caption (result);
  fprintf (notes, "%s\n", caption);
  /* Who is missing: the ids the data does not know, and those without
   * adoption in the snapshot. */
  print_ids (notes, _("Not in the data"), result->unmatched);
  print_ids (notes, _("No adoption data in this snapshot"), result->no_adoption);
  rc = HUB_CLI_EXIT_OK;

out:
  hub_cli_loaded_clear (&l);
  hub_query_clear (&query);
  hub_cli_query_options_clear (&o);
  hub_cli_quality_args_clear (&args);
  return rc;
}

/* ---- hubeco import-scores / score-sets ------------------------------------ */

/* "score=main_score,benchmark=task" into @options->columns (pointing into
 * @pairs). */
static int
parse_map (const char            *command,
           char                 **pairs,
           HubScoreImportOptions *options)
{
  for (guint i = 0; pairs != NULL && pairs[i] != NULL; i++)
    {
      char *eq = strchr (pairs[i], '=');
      HubScoreField field;

      if (eq == NULL || eq[1] == '\0')
        return hub_cli_fail (command, HUB_CLI_EXIT_USAGE, _("--map: “%s” is not FIELD=COLUMN"), pairs[i]);
      *eq = '\0';
      if (!hub_score_field_from_string (g_strstrip (pairs[i]), &field))
        {
          const char *valid[HUB_N_SCORE_FIELDS + 1] = { NULL };

          for (guint f = 0; f < HUB_N_SCORE_FIELDS; f++)
            valid[f] = hub_score_field_to_string (f);
          return hub_cli_fail_value (command, "--map", pairs[i], valid);
        }
      options->columns[field] = g_strstrip (eq + 1);
    }
  return HUB_CLI_EXIT_OK;
}

/**
 * hub_cli_cmd_import_scores:
 * `hubeco import-scores FILE.csv [--name SET] [--source TEXT]
 * [--map FIELD=COLUMN,…]`: stores a long score table as a named set,
 * replacing a set of that name. A bad file stores nothing.
 */
int
hub_cli_cmd_import_scores (int    argc,
                           char **argv)
{
  const char *command = "import-scores";
  g_autofree char *db_path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *source = NULL;
  g_auto(GStrv) map = NULL;
  g_autofree char *missing = NULL;
  g_auto(GStrv) missing_values = NULL;
  g_autoptr(GPtrArray) split = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(HubStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree char *set = NULL;
  HubScoreImportOptions options = { 0 };
  HubScoreImportReport report = { 0 };
  int rc;
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The set's name (default: the file's name)"), N_("SET") },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source, N_("Where the scores come from (a URL, a paper)"), N_("TEXT") },
    { "map", 0, 0, G_OPTION_ARG_STRING_ARRAY, &map,
      N_("The column holding a field: model_id, benchmark, score, better, variant, setting, source "
         "(e.g. --map score=main_score)"), N_("FIELD=COLUMN") },
    { "missing", 0, 0, G_OPTION_ARG_STRING, &missing,
      N_("Score texts that mean “not measured” in this table, comma-separated (e.g. --missing -1.0)"),
      N_("TEXT,…") },
    { NULL }
  };

  rc = hub_cli_parse_options (command, _("FILE.csv"),
                              _("Import measured scores: a CSV table with a header and a row per score "
                                "(model_id, benchmark, score; optional better = higher or lower, variant, "
                                "setting, source). The set replaces one of the same name; a file with a bad "
                                "row stores nothing."),
                              entries, &db_path, &argc, &argv);
  if (rc != HUB_CLI_EXIT_OK)
    return rc;
  if (argc != 2)
    return hub_cli_fail (command, HUB_CLI_EXIT_USAGE,
                         _("Give one file. Usage: hubeco import-scores FILE.csv [--name SET]"));
  /* The pairs' text must outlive the options: @split keeps it. */
  for (guint i = 0; map != NULL && map[i] != NULL && rc == HUB_CLI_EXIT_OK; i++)
    {
      char **pairs = g_strsplit (map[i], ",", -1);

      g_ptr_array_add (split, pairs);
      rc = parse_map (command, pairs, &options);
    }
  if (rc != HUB_CLI_EXIT_OK)
    return rc;

  if (missing != NULL)
    {
      missing_values = g_strsplit (missing, ",", -1);
      options.missing = (const char * const *) missing_values;
    }
  set = name != NULL ? g_strdup (name) : hub_score_set_name_for_file (argv[1]);
  options.name = set;
  options.source = source;
  file = g_file_new_for_commandline_arg (argv[1]);
  stream = g_file_read (file, NULL, &error);
  if (stream == NULL)
    return hub_cli_fail (command, HUB_CLI_EXIT_FAILED, "%s", error->message);
  store = hub_cli_open_store (db_path, &error);
  if (store == NULL)
    return hub_cli_fail (command, HUB_CLI_EXIT_FAILED, "%s", error->message);
  if (!hub_scores_import (store, G_INPUT_STREAM (stream), &options, &report, NULL, &error))
    return hub_cli_fail (command, HUB_CLI_EXIT_FAILED, _("%s: %s (nothing was stored)"), argv[1], error->message);

  printf (report.replaced ? _("Replaced the score set “%s”: %u scores of %u models on %u benchmarks\n")
                          : _("Stored the score set “%s”: %u scores of %u models on %u benchmarks\n"),
          set, report.n_scores, report.n_models, report.n_benchmarks);
  if (report.n_missing > 0)
    printf (_("Rows not measured (left out): %u\n"), report.n_missing);
  if (report.ignored_columns != NULL && report.ignored_columns[0] != NULL)
    {
      g_autofree char *ignored = g_strjoinv (", ", report.ignored_columns);

      printf (_("Columns not read: %s\n"), ignored);
    }
  hub_score_import_report_clear (&report);
  return HUB_CLI_EXIT_OK;
}

/**
 * hub_cli_cmd_score_sets:
 * `hubeco score-sets [--remove SET]`: the stored sets with their size,
 * benchmarks, source and import date; or removes one.
 */
int
hub_cli_cmd_score_sets (int    argc,
                        char **argv)
{
  const char *command = "score-sets";
  static const HubCliColumn columns[] = {
    { "name",        N_("Set"),        HUB_CLI_VALUE_TEXT },
    { "scores",      N_("Scores"),     HUB_CLI_VALUE_COUNT },
    { "models",      N_("Models"),     HUB_CLI_VALUE_COUNT },
    { "imported_at", N_("Imported"),   HUB_CLI_VALUE_TIME },
    { "benchmarks",  N_("Benchmarks"), HUB_CLI_VALUE_TEXT },
    { "source",      NULL,             HUB_CLI_VALUE_TEXT },
  };
  g_autofree char *db_path = NULL;
  g_autofree char *format_str = NULL;
  g_autofree char *remove = NULL;
  g_autoptr(HubStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sets = NULL;
  g_autoptr(HubCliWriter) writer = NULL;
  HubCliFormat format = HUB_CLI_FORMAT_TABLE;
  int rc;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_str, N_("table (default), csv, json"), N_("FORMAT") },
    { "remove", 0, 0, G_OPTION_ARG_STRING, &remove, N_("Remove this score set and its scores"), N_("SET") },
    { NULL }
  };

  rc = hub_cli_parse_options (command, NULL, _("List the stored score sets and their benchmarks, or remove one."),
                              entries, &db_path, &argc, &argv);
  if (rc != HUB_CLI_EXIT_OK)
    return rc;
  if (argc > 1)
    return hub_cli_fail (command, HUB_CLI_EXIT_USAGE, _("Unexpected argument “%s”"), argv[1]);
  if (format_str != NULL && !hub_cli_format_from_string (format_str, &format))
    {
      const char *valid[] = { "table", "csv", "json", NULL };
      return hub_cli_fail_value (command, "--format", format_str, valid);
    }
  store = hub_cli_open_store (db_path, &error);
  if (store == NULL)
    return hub_cli_fail (command, HUB_CLI_EXIT_FAILED, "%s", error->message);
  if (remove != NULL)
    {
      if (!hub_scores_delete_set (store, remove, &error))
        return hub_cli_fail_error (command, error);
      printf (_("Removed the score set “%s”\n"), remove);
      return HUB_CLI_EXIT_OK;
    }
  if ((sets = hub_scores_list_sets (store, &error)) == NULL)
    return hub_cli_fail (command, HUB_CLI_EXIT_FAILED, "%s", error->message);

  writer = hub_cli_writer_new (stdout, format, columns, G_N_ELEMENTS (columns));
  for (guint i = 0; i < sets->len; i++)
    {
      HubScoreSetInfo *info = g_ptr_array_index (sets, i);
      g_autofree char *benchmarks = g_strjoinv (",", info->benchmarks);

      hub_cli_writer_add_text (writer, info->name);
      hub_cli_writer_add_int (writer, info->n_scores);
      hub_cli_writer_add_int (writer, info->n_models);
      hub_cli_writer_add_int (writer, info->imported_at);
      hub_cli_writer_add_text (writer, benchmarks);
      hub_cli_writer_add_text (writer, info->source);
      hub_cli_writer_end_row (writer);
    }
  if (!hub_cli_writer_finish (writer))
    return hub_cli_fail (command, HUB_CLI_EXIT_FAILED, _("Could not write the output"));
  return HUB_CLI_EXIT_OK;
}

/* ---- export-chart quality ------------------------------------------------- */

typedef struct {
  HubQualityResult    *result;
  HubQualityChartData  chart;
} QualityFigure;

static void
quality_figure_free (gpointer data)
{
  QualityFigure *figure = data;

  g_clear_pointer (&figure->result, hub_quality_result_free);
  g_free (figure);
}

static HubCliWriter *
quality_rows (HubCliExportJob *job,
              FILE            *out,
              HubCliFormat     format)
{
  const QualityFigure *figure = job->data;

  return hub_data_export_quality_rows (out, format, figure->result);
}

/**
 * hub_cli_export_quality:
 * The figure of `hubeco quality` with the same options, drawn as a
 * scatter (`--color size|task`), or its points with a manifest.
 */
int
hub_cli_export_quality (HubCliExportJob *job)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *settings = NULL;
  QualityFigure *figure;
  int rc = hub_cli_export_job_load (job);

  if (rc != HUB_CLI_EXIT_OK)
    return rc;
  figure = g_new0 (QualityFigure, 1);
  job->data = figure;
  job->data_free = quality_figure_free;
  figure->result = hub_analysis_quality (job->loaded.analysis, job->query, &job->quality, NULL, &error);
  if (figure->result == NULL)
    return hub_cli_fail_error ("export-chart", error);
  figure->chart = (HubQualityChartData) { figure->result, job->quality_color, -1 };
  /* The manifest names the series read, so that its query gives the same points. */
  if (job->query->series == NULL)
    job->query->series = g_strdup (figure->result->series);
  job->render = hub_quality_chart_draw_func;
  job->render_data = &figure->chart;
  job->write_rows = quality_rows;
  job->title = hub_quality_chart_title (figure->result);
  job->caption = hub_quality_chart_caption (figure->result);
  settings = hub_quality_result_settings (figure->result);
  job->settings = g_strdup_printf ("%s;color=%s", settings, hub_quality_chart_color_to_string (job->quality_color));
  return HUB_CLI_EXIT_OK;
}
