/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-cli"

#include "config.h"

#include "hub-cli-private.h"
#include "hub-cli-query.h"
#include "hub-cli-output.h"
#include "hub-attributes.h"
#include "hub-observations.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* Options that map to one key of the query's text form. */
static const struct {
  const char *option;
  const char *key;
  const char *help;
  const char *arg;
} attribute_query_options[] = {
  { "series",   "series",   N_("Snapshot series (default: the one whose snapshots covering the filters span the longest time)"), N_("NAME") },
  { "measure",  "measure",  N_("downloads30d (default), interval, period, likes"), N_("MEASURE") },
  { "window",   "window",   N_("Count only models created within none, 6m, 1y or Nd before each observation"), N_("WINDOW") },
  { "task",     "task",     N_("Only models of this task"), N_("TASK") },
  { "library",  "library",  N_("Only models of this library"), N_("LIBRARY") },
  { "country",  "country",  N_("Only models whose author is in this country"), N_("CC") },
  { "org-type", "org_type", N_("Only models whose author is of this organization type"), N_("TYPE") },
};

/**
 * hub_cli_cmd_attributes:
 * `hubeco attributes [--pivot DATE] [--format table|csv|json]`: per
 * attribute category its share of each year's downloads, before and from
 * the pivot, and the change multiplier.
 */
int
hub_cli_cmd_attributes (int    argc,
                        char **argv)
{
  const char *command = "attributes";
  g_autofree char *db_path = NULL;
  g_autofree char *pivot_str = NULL;
  g_autofree char *format_str = NULL;
  char *values[G_N_ELEMENTS (attribute_query_options)] = { NULL, };
  g_autoptr(GArray) entries = g_array_new (TRUE, TRUE, sizeof (GOptionEntry));
  g_autoptr(GArray) columns = g_array_new (FALSE, TRUE, sizeof (HubCliColumn));
  g_autoptr(GError) error = NULL;
  g_autoptr(HubObservations) obs = NULL;
  g_autoptr(HubModelTraits) traits = NULL;
  g_autoptr(HubAttributeTrends) trends = NULL;
  g_autoptr(HubCliWriter) writer = NULL;
  HubCliLoaded l = { 0 };
  HubCliFormat format = HUB_CLI_FORMAT_TABLE;
  gint64 pivot = HUB_TIME_NONE;
  HubQuery query;
  int rc;

  {
    GOptionEntry e[] = {
      { "pivot", 0, 0, G_OPTION_ARG_STRING, &pivot_str,
        N_("Compare shares before and from DATE (default: the start of the last year with data)"), N_("DATE") },
      { "format", 0, 0, G_OPTION_ARG_STRING, &format_str, N_("Output: table (default), csv, json"), N_("FORMAT") },
    };
    g_array_append_vals (entries, e, G_N_ELEMENTS (e));
    for (guint i = 0; i < G_N_ELEMENTS (attribute_query_options); i++)
      {
        GOptionEntry q = { attribute_query_options[i].option, 0, 0, G_OPTION_ARG_STRING, &values[i],
                           attribute_query_options[i].help, attribute_query_options[i].arg };
        g_array_append_val (entries, q);
      }
  }

  hub_query_init (&query);
  rc = hub_cli_parse_options (command, NULL,
                              _("Print the share of each year’s downloads per license, gated, modality, "
                                "library, relation, quantization, mixture of experts and architecture, "
                                "with the change multiplier between before and from a pivot date."),
                              (GOptionEntry *) entries->data, &db_path, &argc, &argv);
  if (rc == HUB_CLI_EXIT_OK && argc > 1)
    rc = hub_cli_fail (command, HUB_CLI_EXIT_USAGE, _("Unexpected argument “%s”"), argv[1]);
  if (rc == HUB_CLI_EXIT_OK && format_str != NULL && !hub_cli_format_from_string (format_str, &format))
    rc = hub_cli_fail (command, HUB_CLI_EXIT_USAGE, _("Unknown value “%s” for --format. Valid values: %s"),
                       format_str, hub_cli_format_valid_values ());
  if (rc == HUB_CLI_EXIT_OK && pivot_str != NULL &&
      (pivot = hub_time_parse_iso8601 (pivot_str)) == HUB_TIME_NONE)
    rc = hub_cli_fail (command, HUB_CLI_EXIT_USAGE,
                       _("--pivot: “%s” is not a date (expected YYYY-MM-DD)"), pivot_str);
  for (guint i = 0; rc == HUB_CLI_EXIT_OK && i < G_N_ELEMENTS (attribute_query_options); i++)
    if (values[i] != NULL && !hub_query_set (&query, attribute_query_options[i].key, values[i], &error))
      rc = hub_cli_fail (command, HUB_CLI_EXIT_USAGE, "--%s: %s", attribute_query_options[i].option,
                         error->message);
  if (rc != HUB_CLI_EXIT_OK)
    goto out;

  /* The observations come from the analysis, as every figure's do. */
  rc = hub_cli_loaded_load (command, db_path, &l);
  if (rc != HUB_CLI_EXIT_OK)
    goto out;
  obs = hub_analysis_observations (l.analysis, &query, NULL, NULL, &error);
  if (obs == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      rc = hub_cli_fail (command, HUB_CLI_EXIT_USAGE, "%s", error->message);
      goto out;
    }
  if (obs != NULL)
    traits = hub_model_traits_load (l.store, l.dataset, NULL, &error);
  if (traits != NULL)
    trends = hub_attribute_trends_compute (l.dataset, traits, obs, &query, pivot, NULL, &error);
  if (trends == NULL)
    {
      rc = hub_cli_fail (command, HUB_CLI_EXIT_FAILED, "%s", error->message);
      goto out;
    }

  {
    HubCliColumn head[] = {
      { "attribute", N_("Attribute"), HUB_CLI_VALUE_TEXT },
      { "category",  N_("Category"),  HUB_CLI_VALUE_TEXT },
    };
    HubCliColumn tail[] = {
      { "before",     N_("Before"),     HUB_CLI_VALUE_REAL },
      { "after",      N_("From pivot"), HUB_CLI_VALUE_REAL },
      { "multiplier", N_("Change ×"),   HUB_CLI_VALUE_REAL },
    };

    g_array_append_vals (columns, head, G_N_ELEMENTS (head));
    for (guint y = 0; y < trends->n_years; y++)
      {
        HubCliColumn c = { trends->year_labels[y], trends->year_labels[y], HUB_CLI_VALUE_REAL };
        g_array_append_val (columns, c);
      }
    g_array_append_vals (columns, tail, G_N_ELEMENTS (tail));
  }

  {
    g_autofree char *when = hub_time_format_iso8601 (trends->pivot);

    if (format == HUB_CLI_FORMAT_TABLE)
      printf (_("Series: %s, measure: %s, pivot: %s\n"), obs->series != NULL ? obs->series : "-",
              hub_query_measure_to_string (obs->measure), when != NULL ? when : "-");
  }
  writer = hub_cli_writer_new (stdout, format, (HubCliColumn *) columns->data, columns->len);
  for (guint i = 0; i < trends->rows->len; i++)
    {
      const HubAttributeRow *row = g_ptr_array_index (trends->rows, i);

      hub_cli_writer_add_text (writer, hub_attribute_to_string (row->attribute));
      hub_cli_writer_add_text (writer, row->category);
      for (guint y = 0; y < trends->n_years; y++)
        hub_cli_writer_add_real (writer, row->shares[y]);
      hub_cli_writer_add_real (writer, trends->total_before > 0 ? row->before : NAN);
      hub_cli_writer_add_real (writer, trends->total_after > 0 ? row->after : NAN);
      hub_cli_writer_add_real (writer, row->multiplier);
      hub_cli_writer_end_row (writer);
    }
  if (!hub_cli_writer_finish (writer))
    rc = hub_cli_fail (command, HUB_CLI_EXIT_FAILED, _("Could not write the output"));

out:
  hub_cli_loaded_clear (&l);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    g_free (values[i]);
  hub_query_clear (&query);
  return rc;
}
