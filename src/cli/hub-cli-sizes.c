/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-cli"

#include "config.h"

#include "hub-cli-private.h"
#include "hub-cli-filter.h"
#include "hub-cli-output.h"
#include "hub-format.h"
#include "hub-size-estimator.h"
#include "hub-sizes.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

static const char * const cli_formats[] = { "table", "csv", "json", NULL };
static const char * const cli_periods[] = { "year", "quarter", NULL };
static const char * const cli_cohorts[] = { "downloaded", "created", NULL };
static const char * const cli_weights[] = { "downloads", "count", NULL };

/* Opens the store and loads the dataset and its size table. */
static int
load (const char    *command,
      const char    *db_path,
      HubStore     **out_store,
      HubDataset   **out_dataset,
      HubSizeTable **out_table)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HubStore) store = hub_cli_open_store (db_path, &error);
  g_autoptr(HubDataset) dataset = NULL;
  g_autoptr(HubSizeTable) table = NULL;

  if (store == NULL ||
      (dataset = hub_dataset_load (store, NULL, &error)) == NULL ||
      (table = hub_size_table_new (dataset, store, NULL, &error)) == NULL)
    return hub_cli_fail (command, HUB_CLI_EXIT_FAILED, "%s", error->message);

  *out_store = g_steal_pointer (&store);
  *out_dataset = g_steal_pointer (&dataset);
  *out_table = g_steal_pointer (&table);
  return HUB_CLI_EXIT_OK;
}

static gint64
params_or_none (double value)
{
  return isfinite (value) ? (gint64) llround (value) : HUB_COUNT_NONE;
}

/* "7,964 of 15,904 models (52%) and 81% of downloads have a size: 7,712
 * reported, 252 from base model, 0 estimated." */
static char *
describe_coverage (const HubSizeCoverage *coverage,
                   gboolean               include_estimated,
                   const char            *weight_noun)
{
  g_autofree char *sized = hub_format_count (hub_size_coverage_n_sized (coverage, include_estimated));
  g_autofree char *total = hub_format_count (hub_size_coverage_n_total (coverage));
  g_autofree char *reported = hub_format_count (coverage->n_models[HUB_SIZE_SOURCE_REPORTED]);
  g_autofree char *base = hub_format_count (coverage->n_models[HUB_SIZE_SOURCE_BASE_MODEL]);
  g_autofree char *estimated = hub_format_count (coverage->n_models[HUB_SIZE_SOURCE_ESTIMATED]);
  guint n_total = hub_size_coverage_n_total (coverage);
  double share = hub_size_coverage_weight_share (coverage, include_estimated);

  return g_strdup_printf (_("%s of %s models (%.0f%%) and %.0f%% of %s have a size: "
                            "%s reported, %s from base model, %s estimated%s."),
                          sized, total,
                          n_total > 0 ? 100.0 * hub_size_coverage_n_sized (coverage, include_estimated) / n_total : 0.0,
                          isnan (share) ? 0.0 : 100.0 * share, weight_noun,
                          reported, base, estimated,
                          include_estimated ? "" : _(" (not used)"));
}

/* ---- hubeco sizes ---------------------------------------------------------- */

#define SIZES_COMMAND "sizes"

enum {
  COL_PERIOD, COL_START, COL_INCLUDES_EARLIER, COL_N, COL_WEIGHT,
  COL_P10, COL_P25, COL_P50, COL_P75, COL_P90, COL_MEAN,
  COL_BUCKETS,
  COL_MODELS = COL_BUCKETS + HUB_N_SIZE_BUCKETS,
  COL_SOURCES,
  COL_COVERAGE = COL_SOURCES + 2 * HUB_N_SIZE_SOURCES,
  N_SIZES_COLUMNS
};

/* The columns of the size table, built once (their names are made from
 * the bucket and source names). */
static const HubCliColumn *
sizes_columns (void)
{
  static const char * const quantile_names[] = { "p10", "p25", "p50", "p75", "p90" };
  static gsize columns = 0;

  if (g_once_init_enter (&columns))
    {
      HubCliColumn *c = g_new0 (HubCliColumn, N_SIZES_COLUMNS);

      c[COL_PERIOD] = (HubCliColumn) { "period", _("Period"), HUB_CLI_VALUE_TEXT };
      c[COL_START] = (HubCliColumn) { "start", NULL, HUB_CLI_VALUE_TIME };
      c[COL_INCLUDES_EARLIER] = (HubCliColumn) { "includes_earlier", NULL, HUB_CLI_VALUE_TEXT };
      c[COL_N] = (HubCliColumn) { "n", _("Models"), HUB_CLI_VALUE_COUNT };
      c[COL_WEIGHT] = (HubCliColumn) { "weight", NULL, HUB_CLI_VALUE_COUNT };
      for (guint q = 0; q < HUB_SIZE_N_QUANTILES; q++)
        c[COL_P10 + q] = (HubCliColumn) { quantile_names[q], quantile_names[q], HUB_CLI_VALUE_PARAMS };
      c[COL_P50].title = _("Median");
      c[COL_MEAN] = (HubCliColumn) { "mean", _("Mean"), HUB_CLI_VALUE_PARAMS };
      for (guint b = 0; b < HUB_N_SIZE_BUCKETS; b++)
        c[COL_BUCKETS + b] = (HubCliColumn) { g_strdup_printf ("share_%s", hub_size_bucket_to_string (b)),
                                              hub_size_bucket_label (b), HUB_CLI_VALUE_REAL };
      c[COL_MODELS] = (HubCliColumn) { "models", NULL, HUB_CLI_VALUE_COUNT };
      for (guint src = 0; src < HUB_N_SIZE_SOURCES; src++)
        {
          c[COL_SOURCES + 2 * src] = (HubCliColumn) { g_strdup_printf ("models_%s", hub_size_source_to_string (src)),
                                                      NULL, HUB_CLI_VALUE_COUNT };
          c[COL_SOURCES + 2 * src + 1] = (HubCliColumn) { g_strdup_printf ("weight_%s", hub_size_source_to_string (src)),
                                                          NULL, HUB_CLI_VALUE_COUNT };
        }
      c[COL_COVERAGE] = (HubCliColumn) { "coverage", _("Coverage"), HUB_CLI_VALUE_REAL };
      g_once_init_leave (&columns, (gsize) c);
    }
  return (const HubCliColumn *) columns;
}

static void
write_period (HubCliWriter        *writer,
              const HubSizePeriod *p,
              gboolean             include_estimated)
{
  hub_cli_writer_add_text (writer, p->label);
  hub_cli_writer_add_int (writer, p->start);
  hub_cli_writer_add_text (writer, p->includes_earlier ? "true" : "false");
  hub_cli_writer_add_int (writer, p->n);
  hub_cli_writer_add_int (writer, (gint64) llround (p->weight));
  for (guint q = 0; q < HUB_SIZE_N_QUANTILES; q++)
    hub_cli_writer_add_int (writer, params_or_none (p->quantiles[q]));
  hub_cli_writer_add_int (writer, params_or_none (p->mean));
  for (guint b = 0; b < HUB_N_SIZE_BUCKETS; b++)
    hub_cli_writer_add_real (writer, p->weight > 0 ? p->bucket_shares[b] : NAN);
  hub_cli_writer_add_int (writer, hub_size_coverage_n_total (&p->coverage));
  for (guint s = 0; s < HUB_N_SIZE_SOURCES; s++)
    {
      hub_cli_writer_add_int (writer, p->coverage.n_models[s]);
      hub_cli_writer_add_int (writer, (gint64) llround (p->coverage.weight[s]));
    }
  hub_cli_writer_add_real (writer, hub_size_coverage_weight_share (&p->coverage, include_estimated));
  hub_cli_writer_end_row (writer);
}

/**
 * hub_cli_sizes_writer_new:
 * The size table of @result (a row per period), shared by `hubeco sizes`
 * and `export-chart sizes --output x.csv`. The caller finishes it.
 */
HubCliWriter *
hub_cli_sizes_writer_new (FILE                *out,
                          HubCliFormat         format,
                          const HubSizeResult *result,
                          gboolean             include_estimated)
{
  HubCliWriter *writer = hub_cli_writer_new (out, format, sizes_columns (), N_SIZES_COLUMNS);

  for (guint i = 0; i < result->n_periods; i++)
    write_period (writer, &result->periods[i], include_estimated);
  return writer;
}

/**
 * hub_cli_cmd_sizes:
 * `hubeco sizes`: the size distribution per period (n, weighted p10..p90,
 * mean, bucket shares, coverage), the numbers the Size view draws.
 */
int
hub_cli_cmd_sizes (int    argc,
                   char **argv)
{
  g_autofree char *db_path = NULL;
  g_autofree char *period = NULL;
  g_autofree char *cohort = NULL;
  g_autofree char *weight = NULL;
  g_autofree char *query_text = NULL;
  g_autofree char *relation = NULL;
  g_autofree char *format = NULL;
  g_autoptr(HubStore) store = NULL;
  g_autoptr(HubDataset) dataset = NULL;
  g_autoptr(HubSizeTable) table = NULL;
  g_autoptr(HubSizeResult) result = NULL;
  g_autoptr(HubCliWriter) writer = NULL;
  gboolean include_estimated = FALSE;
  HubListQuery query;
  HubSizeOptions options;
  HubCliFormat out_format = HUB_CLI_FORMAT_TABLE;
  int rc;
  const GOptionEntry entries[] = {
    { "period", 0, 0, G_OPTION_ARG_STRING, &period, N_("Periods: year (default) or quarter"), N_("PERIOD") },
    { "cohort", 0, 0, G_OPTION_ARG_STRING, &cohort,
      N_("Models created in the period (default, as in the window) or downloaded in it: created, downloaded"),
      N_("COHORT") },
    { "weight", 0, 0, G_OPTION_ARG_STRING, &weight,
      N_("Weigh each model by its downloads (default) or count it once: downloads, count"), N_("WEIGHT") },
    { "include-estimated", 0, 0, G_OPTION_ARG_NONE, &include_estimated,
      N_("Use sizes estimated from storage too (see estimate-params)"), NULL },
    { "task", 0, 0, G_OPTION_ARG_STRING, &query.task, N_("Only models of this task (pipeline tag)"), N_("TASK") },
    { "library", 0, 0, G_OPTION_ARG_STRING, &query.library, N_("Only models of this library"), N_("LIBRARY") },
    { "country", 0, 0, G_OPTION_ARG_STRING, &query.country, N_("Only models whose author is in this country"), N_("CC") },
    { "org-type", 0, 0, G_OPTION_ARG_STRING, &query.org_type,
      N_("Only models whose author is of this organization type"), N_("TYPE") },
    { "relation", 0, 0, G_OPTION_ARG_STRING, &relation,
      N_("Only base models or models with this relation to their parent: base, finetune, adapter, quantized, merge"),
      N_("RELATION") },
    { "query", 0, 0, G_OPTION_ARG_STRING, &query_text,
      N_("The filters of a query in its text form, as Share keeps it (task=text-generation;country=US); "
         "an option given on its own wins"), N_("TEXT") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output: table (default), csv, json"), N_("FORMAT") },
    { NULL }
  };

  hub_list_query_init (&query);
  hub_size_options_init (&options);

  rc = hub_cli_parse_options (SIZES_COMMAND, NULL,
                              _("How big are the models the field downloads: weighted size quantiles, "
                                "mean and size-bucket shares per period."),
                              entries, &db_path, &argc, &argv);
  if (rc != HUB_CLI_EXIT_OK)
    goto out;
  if (argc > 1)
    {
      rc = hub_cli_fail (SIZES_COMMAND, HUB_CLI_EXIT_USAGE, _("Unexpected argument “%s”"), argv[1]);
      goto out;
    }
  if (period != NULL && !hub_size_period_kind_from_string (period, &options.period))
    {
      rc = hub_cli_fail_value (SIZES_COMMAND, "--period", period, cli_periods);
      goto out;
    }
  if (cohort != NULL && !hub_size_cohort_from_string (cohort, &options.cohort))
    {
      rc = hub_cli_fail_value (SIZES_COMMAND, "--cohort", cohort, cli_cohorts);
      goto out;
    }
  if (weight != NULL && !hub_size_weight_from_string (weight, &options.weight))
    {
      rc = hub_cli_fail_value (SIZES_COMMAND, "--weight", weight, cli_weights);
      goto out;
    }
  if (format != NULL && !hub_cli_format_from_string (format, &out_format))
    {
      rc = hub_cli_fail_value (SIZES_COMMAND, "--format", format, cli_formats);
      goto out;
    }
  if ((rc = hub_cli_filter_set_relation (SIZES_COMMAND, &query, relation)) != HUB_CLI_EXIT_OK)
    goto out;
  if ((rc = hub_cli_filter_apply_query (SIZES_COMMAND, query_text, &query)) != HUB_CLI_EXIT_OK)
    goto out;
  options.include_estimated = include_estimated;

  if ((rc = load (SIZES_COMMAND, db_path, &store, &dataset, &table)) != HUB_CLI_EXIT_OK)
    goto out;
  if ((rc = hub_cli_filter_check (SIZES_COMMAND, &query, dataset)) != HUB_CLI_EXIT_OK)
    goto out;
  options.filter = &query;

  result = hub_sizes_compute (table, &options, NULL);

  writer = hub_cli_sizes_writer_new (stdout, out_format, result, include_estimated);
  if (!hub_cli_writer_finish (writer))
    {
      rc = hub_cli_fail (SIZES_COMMAND, HUB_CLI_EXIT_FAILED, _("Could not write the output"));
      goto out;
    }

  /* The caption: people read it under the table; programs have the
   * coverage columns, so it goes to stderr for them. */
  {
    g_autofree char *caption = describe_coverage (&result->coverage, include_estimated,
                                                  options.weight == HUB_SIZE_WEIGHT_COUNT
                                                  ? _("the models") : _("downloads"));

    fprintf (out_format == HUB_CLI_FORMAT_TABLE ? stdout : stderr, "%s\n", caption);
  }
  rc = HUB_CLI_EXIT_OK;

out:
  hub_list_query_clear (&query);
  return rc;
}

/* ---- hubeco estimate-params ---------------------------------------------- */

#define ESTIMATE_COMMAND "estimate-params"

static const HubCliColumn fit_columns[] = {
  { "family",     N_("Format"),       HUB_CLI_VALUE_TEXT },
  { "models",     N_("Models"),       HUB_CLI_VALUE_COUNT },
  { "line",       N_("Line"),         HUB_CLI_VALUE_TEXT },
  { "slope",      N_("Slope"),        HUB_CLI_VALUE_REAL },
  { "params_at_1gb", N_("At 1 GB"),  HUB_CLI_VALUE_PARAMS },
  { "fit_models", N_("Fitted on"),    HUB_CLI_VALUE_COUNT },
  { "inliers",    N_("Inliers"),      HUB_CLI_VALUE_COUNT },
  { "held_out",   N_("Held out"),     HUB_CLI_VALUE_COUNT },
  { "r2_held_out", N_("Held-out R²"), HUB_CLI_VALUE_REAL },
  { "estimates",  N_("Estimates"),    HUB_CLI_VALUE_COUNT },
};

static void
write_fit (HubCliWriter       *writer,
           const char         *family,
           guint               n_models,
           const char         *line,
           const HubRobustFit *fit,
           guint               n_estimates)
{
  hub_cli_writer_add_text (writer, family);
  hub_cli_writer_add_int (writer, n_models);
  hub_cli_writer_add_text (writer, line);
  hub_cli_writer_add_real (writer, fit->slope);
  /* The line at 1 GB of storage reads better than its intercept. */
  hub_cli_writer_add_int (writer, params_or_none (exp (hub_robust_fit_predict (fit, log (1e9)))));
  hub_cli_writer_add_int (writer, fit->n_fit);
  hub_cli_writer_add_int (writer, fit->n_inliers);
  hub_cli_writer_add_int (writer, fit->n_holdout);
  hub_cli_writer_add_real (writer, fit->r2_holdout);
  hub_cli_writer_add_int (writer, n_estimates);
  hub_cli_writer_end_row (writer);
}

/**
 * hub_cli_cmd_estimate_params:
 * `hubeco estimate-params`: fits log(parameters) on log(storage) per format
 * family and prints the fit, the coverage it would give and the models whose
 * storage implies more than the largest reported model (left without an
 * estimate); stores nothing. `--write` stores the estimates in one
 * transaction and prints the coverage before and after.
 */
int
hub_cli_cmd_estimate_params (int    argc,
                             char **argv)
{
  g_autofree char *db_path = NULL;
  g_autofree char *format = NULL;
  g_autoptr(HubStore) store = NULL;
  g_autoptr(HubDataset) dataset = NULL;
  g_autoptr(HubSizeTable) table = NULL;
  g_autoptr(HubSizeEstimatorRun) run = NULL;
  g_autoptr(HubCliWriter) writer = NULL;
  g_autoptr(GError) error = NULL;
  gboolean write = FALSE;
  HubCliFormat out_format = HUB_CLI_FORMAT_TABLE;
  const HubSizeEstimation *est;
  guint n_models = 0;
  FILE *text_out;
  int rc;
  const GOptionEntry entries[] = {
    { "write", 0, 0, G_OPTION_ARG_NONE, &write,
      N_("Store the estimates in the database (without it, only the report is printed)"), NULL },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output: table (default), csv, json"), N_("FORMAT") },
    { NULL }
  };

  rc = hub_cli_parse_options (ESTIMATE_COMMAND, NULL,
                              _("Estimate parameter counts from storage size for models that report none, "
                                "with a robust fit per format family, and print the report; --write stores "
                                "them. Reported counts are never changed."),
                              entries, &db_path, &argc, &argv);
  if (rc != HUB_CLI_EXIT_OK)
    return rc;
  if (argc > 1)
    return hub_cli_fail (ESTIMATE_COMMAND, HUB_CLI_EXIT_USAGE, _("Unexpected argument “%s”"), argv[1]);
  if (format != NULL && !hub_cli_format_from_string (format, &out_format))
    return hub_cli_fail_value (ESTIMATE_COMMAND, "--format", format, cli_formats);
  text_out = out_format == HUB_CLI_FORMAT_TABLE ? stdout : stderr;

  if ((rc = load (ESTIMATE_COMMAND, db_path, &store, &dataset, &table)) != HUB_CLI_EXIT_OK)
    return rc;
  run = hub_size_estimator_run (store, dataset, table, !write, NULL, &error);
  if (run == NULL)
    return hub_cli_fail (ESTIMATE_COMMAND, HUB_CLI_EXIT_FAILED, "%s", error->message);
  est = run->estimation;

  {
    HubCliColumn columns[G_N_ELEMENTS (fit_columns)];

    for (guint i = 0; i < G_N_ELEMENTS (fit_columns); i++)
      {
        columns[i] = fit_columns[i];
        columns[i].title = _(fit_columns[i].title);
      }
    writer = hub_cli_writer_new (stdout, out_format, columns, G_N_ELEMENTS (columns));
    for (guint f = 0; f < HUB_N_FORMAT_FAMILIES; f++)
      {
        write_fit (writer, hub_format_family_to_string (f), est->n_family[f],
                   est->fits[f].pooled ? "pooled" : "own", &est->fits[f], run->n_estimates[f]);
        n_models += est->n_family[f];
      }
    write_fit (writer, "all", n_models, "pooled", &est->pooled, est->estimates->len);
    if (!hub_cli_writer_finish (writer))
      return hub_cli_fail (ESTIMATE_COMMAND, HUB_CLI_EXIT_FAILED, _("Could not write the output"));
  }

  fprintf (text_out, _("Fit of log(parameters) on log(storage bytes): RANSAC with a least-median score, "
                       "then least squares on the inliers. "
                       "Held-out R² %.3f over %u models not used for fitting.\n"),
           est->pooled.r2_holdout, est->pooled.n_holdout);
  {
    g_autofree char *cov = describe_coverage (&run->before, TRUE, _("downloads"));

    fprintf (text_out, _("Before: %s\n"), cov);
  }
  if (est->n_without_task > 0)
    fprintf (text_out,
             g_dngettext (GETTEXT_PACKAGE,
                          "Left without an estimate: %u model without a task (its storage may hold checkpoints, "
                          "caches or assets rather than one model's weights).\n",
                          "Left without an estimate: %u models without a task (their storage may hold checkpoints, "
                          "caches or assets rather than one model's weights).\n",
                          est->n_without_task),
             est->n_without_task);
  if (est->implausible->len > 0)
    {
      fprintf (text_out,
               g_dngettext (GETTEXT_PACKAGE,
                            "Left without an estimate: %u model whose storage implies more parameters than "
                            "99.5%% of the models of its format or task report:\n",
                            "Left without an estimate: %u models whose storage implies more parameters than "
                            "99.5%% of the models of their format or task report:\n",
                            est->implausible->len),
               est->implausible->len);
      for (guint i = 0; i < MIN (est->implausible->len, 10); i++)
        {
          const HubSizeEstimate *e = &g_array_index (est->implausible, HubSizeEstimate, i);
          g_autofree char *params = hub_format_params (e->parameters);
          g_autofree char *largest = hub_format_params (e->bound);

          /* Translators: "  some/repo: the line gives 2.4T, above 1.0T (safetensors)" */
          fprintf (text_out, _("  %s: the line gives %s, above %s (%s)\n"),
                   hub_dataset_get_model (dataset, e->model)->id, params, largest,
                   hub_format_family_to_string (e->family));
        }
      if (est->implausible->len > 10)
        fprintf (text_out, _("  and %u more\n"), est->implausible->len - 10);
    }
  if (!write)
    fprintf (text_out, _("Nothing stored: %u models would get an estimate (--write stores them).\n"),
             est->estimates->len);
  else
    {
      g_autofree char *cov = describe_coverage (&run->after, TRUE, _("downloads"));

      fprintf (text_out, _("After:  %s\n"), cov);
      fprintf (text_out, _("Stored %u estimates.\n"), run->n_written);
    }
  return HUB_CLI_EXIT_OK;
}
