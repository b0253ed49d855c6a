/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-core"

#include "config.h"

#include "hub-data-export.h"
#include "hub-share-query.h"
#include "hub-types.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <math.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

G_DEFINE_QUARK (hub-data-export-error-quark, hub_data_export_error)

static void
add_time (JsonBuilder *b,
          const char  *name,
          gint64       t)
{
  g_autofree char *iso = hub_time_format_iso8601 (t);

  json_builder_set_member_name (b, name);
  if (iso != NULL)
    json_builder_add_string_value (b, iso);
  else
    json_builder_add_null_value (b);
}

/* The manifest: enough to reproduce the figure. */
static JsonNode *
build_manifest (const HubDataManifest *m)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *text = hub_query_to_string (m->query);
  const HubObservations *obs = m->observations;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, m->kind);
  if (m->argument != NULL)
    {
      json_builder_set_member_name (b, "argument");
      json_builder_add_string_value (b, m->argument);
    }
  json_builder_set_member_name (b, "query");
  json_builder_add_string_value (b, text);
  /* How "top N" was ranked (hub_share_top_by_last()): the last snapshot
   * of a stock, the sum over the range of a flow. */
  if (m->query->top > 0 || m->ranked)
    {
      json_builder_set_member_name (b, "top_ranked_by");
      json_builder_add_string_value (b, hub_share_top_rule_name (m->query));
    }
  if (m->level != NULL)
    {
      json_builder_set_member_name (b, "level");
      json_builder_add_string_value (b, m->level);
      json_builder_set_member_name (b, "since_created_days");
      json_builder_add_int_value (b, m->since_days);
    }
  if (obs != NULL)
    {
      json_builder_set_member_name (b, "series");
      json_builder_add_string_value (b, obs->series);
      json_builder_set_member_name (b, "data_range");
      json_builder_begin_object (b);
      add_time (b, "first", obs->n_groups > 0 ? obs->group_time[0] : HUB_TIME_NONE);
      add_time (b, "last", obs->n_groups > 0 ? obs->group_time[obs->n_groups - 1] : HUB_TIME_NONE);
      json_builder_end_object (b);
      json_builder_set_member_name (b, "snapshot_ids");
      json_builder_begin_array (b);
      for (guint g = 0; obs->snapshot_ids != NULL && g < obs->n_groups; g++)
        if (obs->snapshot_ids[g] != 0)
          json_builder_add_int_value (b, obs->snapshot_ids[g]);
      json_builder_end_array (b);
    }
  if (m->settings != NULL)
    {
      json_builder_set_member_name (b, "settings");
      json_builder_add_string_value (b, m->settings);
    }
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, m->title);
  json_builder_set_member_name (b, "caption");
  json_builder_add_string_value (b, m->caption);
  json_builder_set_member_name (b, "app_version");
  json_builder_add_string_value (b, PACKAGE_VERSION);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/**
 * hub_data_manifest_to_text:
 * Returns: (transfer full): @manifest as JSON indented by two spaces
 */
char *
hub_data_manifest_to_text (const HubDataManifest *manifest)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) gen = json_generator_new ();

  g_return_val_if_fail (manifest != NULL && manifest->query != NULL, NULL);

  root = build_manifest (manifest);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  json_generator_set_indent (gen, 2);
  return json_generator_to_data (gen, NULL);
}

char *
hub_data_manifest_path (const char *path)
{
  const char *dot;
  g_autofree char *stem = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  dot = strrchr (path, '.');
  stem = g_strndup (path, dot != NULL ? (gsize) (dot - path) : strlen (path));
  return g_strconcat (stem, ".manifest.json", NULL);
}

gboolean
hub_data_export_write (const char            *path,
                       HubTableFormat         format,
                       const HubDataManifest *manifest,
                       HubDataRowsFunc        rows,
                       gpointer               user_data,
                       GError               **error)
{
  g_autoptr(HubTableWriter) writer = NULL;
  g_autofree char *text = NULL;
  char *buffer = NULL;
  size_t size = 0;
  FILE *mem;
  gboolean ok;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (format == HUB_TABLE_FORMAT_CSV || format == HUB_TABLE_FORMAT_JSON, FALSE);
  g_return_val_if_fail (manifest != NULL, FALSE);
  g_return_val_if_fail (rows != NULL, FALSE);

  text = hub_data_manifest_to_text (manifest);
  mem = open_memstream (&buffer, &size);
  if (mem == NULL)
    {
      int saved = errno;

      g_set_error_literal (error, HUB_DATA_EXPORT_ERROR, HUB_DATA_EXPORT_ERROR_OUTPUT, g_strerror (saved));
      return FALSE;
    }
  if (format == HUB_TABLE_FORMAT_JSON)
    {
      g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
      g_autofree char *indented = g_strjoinv ("\n  ", lines);

      fprintf (mem, "{\n  \"manifest\": %s,\n  \"rows\": ", indented);
    }
  writer = rows (mem, format, user_data);
  ok = writer != NULL && hub_table_writer_finish (writer);
  if (format == HUB_TABLE_FORMAT_JSON)
    fputs ("}\n", mem);
  fclose (mem);
  if (!ok)
    {
      free (buffer);
      g_set_error_literal (error, HUB_DATA_EXPORT_ERROR, HUB_DATA_EXPORT_ERROR_OUTPUT, _("Could not write the output"));
      return FALSE;
    }

  /* Each file is written beside its target, synced and renamed over it: a
   * full disk leaves no part of a file; a CSV whose manifest cannot be
   * written is removed again, so that no export stands without it. */
  ok = g_file_set_contents_full (path, buffer, size,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE, 0666, error);
  free (buffer);
  if (ok && format == HUB_TABLE_FORMAT_CSV)
    {
      g_autofree char *mpath = hub_data_manifest_path (path);
      g_autofree char *with_newline = g_strconcat (text, "\n", NULL);

      ok = g_file_set_contents_full (mpath, with_newline, -1,
                                     G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE, 0666, error);
      if (!ok)
        g_unlink (path);
    }
  return ok;
}

static const HubTableColumn share_columns[] = {
  { "period",   N_("Period"),    HUB_TABLE_VALUE_TEXT },
  { "category", N_("Category"),  HUB_TABLE_VALUE_TEXT },
  { "value",    N_("Downloads"), HUB_TABLE_VALUE_COUNT },
  { "share",    N_("Share"),     HUB_TABLE_VALUE_REAL },
};

static const HubTableColumn share_within_columns[] = {
  { "period",   N_("Period"),    HUB_TABLE_VALUE_TEXT },
  { "category", N_("Category"),  HUB_TABLE_VALUE_TEXT },
  { "within",   N_("Within"),    HUB_TABLE_VALUE_TEXT },
  { "value",    N_("Downloads"), HUB_TABLE_VALUE_COUNT },
  { "share",    N_("Share"),     HUB_TABLE_VALUE_REAL },
};

static const HubTableColumn concentration_columns[] = {
  { "period",       N_("Period"),       HUB_TABLE_VALUE_TEXT },
  { "hhi",          N_("HHI"),          HUB_TABLE_VALUE_REAL },
  { "gini",         N_("Gini"),         HUB_TABLE_VALUE_REAL },
  { "top1",         N_("Top 1"),        HUB_TABLE_VALUE_REAL },
  { "top10",        N_("Top 10"),       HUB_TABLE_VALUE_REAL },
  { "top100",       N_("Top 100"),      HUB_TABLE_VALUE_REAL },
  { "participants", N_("Participants"), HUB_TABLE_VALUE_COUNT },
  { "k90",          N_("k (90 %)"),     HUB_TABLE_VALUE_COUNT },
  { "equivalent",   N_("1/HHI"),        HUB_TABLE_VALUE_REAL },
  /* With a bootstrap: the 90 % interval of each measure. */
  { "hhi_lo",       N_("HHI low"),      HUB_TABLE_VALUE_REAL },
  { "hhi_hi",       N_("HHI high"),     HUB_TABLE_VALUE_REAL },
  { "gini_lo",      N_("Gini low"),     HUB_TABLE_VALUE_REAL },
  { "gini_hi",      N_("Gini high"),    HUB_TABLE_VALUE_REAL },
  { "top1_lo",      N_("Top 1 low"),    HUB_TABLE_VALUE_REAL },
  { "top1_hi",      N_("Top 1 high"),   HUB_TABLE_VALUE_REAL },
  { "top10_lo",     N_("Top 10 low"),   HUB_TABLE_VALUE_REAL },
  { "top10_hi",     N_("Top 10 high"),  HUB_TABLE_VALUE_REAL },
  { "top100_lo",    N_("Top 100 low"),  HUB_TABLE_VALUE_REAL },
  { "top100_hi",    N_("Top 100 high"), HUB_TABLE_VALUE_REAL },
  { "k90_lo",       N_("k (90 %) low"), HUB_TABLE_VALUE_REAL },
  { "k90_hi",       N_("k (90 %) high"), HUB_TABLE_VALUE_REAL },
};

/* The columns without the bootstrap's. */
#define CONCENTRATION_POINT_COLUMNS 9

static void
add_interval (HubTableWriter    *writer,
              const HubInterval *interval,
              gboolean           drawn)
{
  hub_table_writer_add_real (writer, drawn ? interval->lo : NAN);
  hub_table_writer_add_real (writer, drawn ? interval->hi : NAN);
}

static const HubTableColumn participant_columns[] = {
  { "rank",             N_("Rank"),             HUB_TABLE_VALUE_COUNT },
  { "participant",      N_("Participant"),      HUB_TABLE_VALUE_TEXT },
  { "value",            N_("Downloads"),        HUB_TABLE_VALUE_COUNT },
  { "share",            N_("Share"),            HUB_TABLE_VALUE_REAL },
  { "cumulative_share", N_("Cumulative share"), HUB_TABLE_VALUE_REAL },
};

HubTableWriter *
hub_data_export_participant_rows (FILE                 *out,
                                  HubTableFormat        format,
                                  const HubShareResult *res)
{
  HubTableWriter *writer = hub_table_writer_new (out, format, participant_columns,
                                                 G_N_ELEMENTS (participant_columns));
  const HubShareParticipants *kept = res->has_detail ? hub_share_result_get_participants (res, res->detail_period)
                                                     : NULL;
  double total = 0, cumulative = 0;
  guint named;

  if (kept == NULL)
    return writer;
  named = kept->names != NULL ? g_strv_length (kept->names) : 0;
  for (guint i = 0; i < kept->n; i++)
    total += (double) kept->values[i];
  for (guint i = 0; i < kept->n; i++)
    {
      g_autofree char *unnamed = NULL;

      cumulative += (double) kept->values[i];
      hub_table_writer_add_int (writer, i + 1);
      if (i < named)
        hub_table_writer_add_text (writer, kept->names[i]);
      else
        hub_table_writer_add_text (writer, (unnamed = g_strdup_printf ("#%u", i + 1)));
      hub_table_writer_add_int (writer, kept->values[i]);
      hub_table_writer_add_real (writer, total > 0 ? kept->values[i] / total : 0);
      hub_table_writer_add_real (writer, total > 0 ? cumulative / total : 0);
      hub_table_writer_end_row (writer);
    }
  return writer;
}

HubTableWriter *
hub_data_export_share_rows (FILE                 *out,
                            HubTableFormat        format,
                            const HubShareResult *res,
                            gboolean              concentration)
{
  HubTableWriter *writer;

  if (concentration)
    {
      writer = hub_table_writer_new (out, format, concentration_columns,
                                     res->bootstrap != NULL ? G_N_ELEMENTS (concentration_columns)
                                                            : CONCENTRATION_POINT_COLUMNS);
      for (guint p = 0; p < res->n_periods; p++)
        {
          hub_table_writer_add_text (writer, res->period_labels[p]);
          hub_table_writer_add_real (writer, res->hhi[p]);
          hub_table_writer_add_real (writer, res->gini[p]);
          hub_table_writer_add_real (writer, res->top1[p]);
          hub_table_writer_add_real (writer, res->top10[p]);
          hub_table_writer_add_real (writer, res->top100[p]);
          hub_table_writer_add_int (writer, res->participants[p]);
          hub_table_writer_add_int (writer, res->k90[p]);
          hub_table_writer_add_real (writer, res->hhi[p] > 0 ? 1 / res->hhi[p] : NAN);
          if (res->bootstrap != NULL)
            {
              const HubShareBootstrap *b = &res->bootstrap[p];

              add_interval (writer, &b->hhi, b->drawn);
              add_interval (writer, &b->gini, b->drawn);
              add_interval (writer, &b->top1, b->drawn);
              add_interval (writer, &b->top10, b->drawn);
              add_interval (writer, &b->top100, b->drawn);
              add_interval (writer, &b->k90, b->drawn);
            }
          hub_table_writer_end_row (writer);
        }
    }
  else if (res->inner_values != NULL)
    {
      writer = hub_table_writer_new (out, format, share_within_columns, G_N_ELEMENTS (share_within_columns));
      for (guint p = 0; p < res->n_periods; p++)
        for (guint c = 0; c < res->n_columns; c++)
          for (guint i = 0; i < res->n_inner_columns; i++)
            {
              gint64 v = res->inner_values[((gsize) p * res->n_columns + c) * res->n_inner_columns + i];

              if (v == 0)
                continue;
              hub_table_writer_add_text (writer, res->period_labels[p]);
              hub_table_writer_add_text (writer, res->column_labels[c]);
              hub_table_writer_add_text (writer, res->inner_column_labels[i]);
              hub_table_writer_add_int (writer, v);
              hub_table_writer_add_real (writer, res->totals[p] > 0 ? (double) v / res->totals[p] : 0);
              hub_table_writer_end_row (writer);
            }
    }
  else
    {
      writer = hub_table_writer_new (out, format, share_columns, G_N_ELEMENTS (share_columns));
      for (guint p = 0; p < res->n_periods; p++)
        for (guint c = 0; c < res->n_columns; c++)
          {
            hub_table_writer_add_text (writer, res->period_labels[p]);
            hub_table_writer_add_text (writer, res->column_labels[c]);
            hub_table_writer_add_int (writer, res->values[(gsize) p * res->n_columns + c]);
            hub_table_writer_add_real (writer, hub_share_result_get_share (res, p, c));
            hub_table_writer_end_row (writer);
          }
    }
  return writer;
}


static const HubTableColumn sensitivity_columns[] = {
  { "method",      N_("Method"),      HUB_TABLE_VALUE_TEXT },
  { "attribution", N_("Attribution"), HUB_TABLE_VALUE_TEXT },
  { "window",      N_("Window"),      HUB_TABLE_VALUE_TEXT },
  { "exclude",     N_("Left out"),    HUB_TABLE_VALUE_TEXT },
  { "period",      N_("Period"),      HUB_TABLE_VALUE_TEXT },
  { "top1",        N_("Leader"),      HUB_TABLE_VALUE_TEXT },
  { "top1_share",  N_("Its share"),   HUB_TABLE_VALUE_REAL },
  { "top2",        N_("Second"),      HUB_TABLE_VALUE_TEXT },
  { "top2_share",  N_("Its share"),   HUB_TABLE_VALUE_REAL },
  { "top3",        N_("Third"),       HUB_TABLE_VALUE_TEXT },
  { "top3_share",  N_("Its share"),   HUB_TABLE_VALUE_REAL },
  { "hhi",         N_("HHI"),         HUB_TABLE_VALUE_REAL },
  { "gini",        N_("Gini"),        HUB_TABLE_VALUE_REAL },
};

HubTableWriter *
hub_data_export_sensitivity_rows (FILE                       *out,
                                  HubTableFormat              format,
                                  const HubSensitivityResult *result)
{
  HubTableWriter *writer = hub_table_writer_new (out, format, sensitivity_columns,
                                                 G_N_ELEMENTS (sensitivity_columns));

  for (guint i = 0; i < result->n_methods; i++)
    {
      const HubSensitivityMethod *m = &result->methods[i];
      const HubShareResult *r = m->result;
      g_autofree char *window = hub_query_window_to_string (m->query.window_days);
      g_autofree char *exclude = hub_model_kinds_to_string (m->query.exclude);

      hub_table_writer_add_text (writer, m->label);
      hub_table_writer_add_text (writer, hub_query_attribution_to_string (m->query.attribution));
      hub_table_writer_add_text (writer, window);
      hub_table_writer_add_text (writer, exclude);
      hub_table_writer_add_text (writer, r->n_periods > 0 && r->period_labels != NULL
                                         ? r->period_labels[r->n_periods - 1] : NULL);
      for (guint k = 0; k < HUB_SENSITIVITY_TOP; k++)
        {
          hub_table_writer_add_text (writer, k < m->n_top ? m->top_names[k] : NULL);
          hub_table_writer_add_real (writer, k < m->n_top ? m->top_shares[k] : NAN);
        }
      hub_table_writer_add_real (writer, m->empty ? NAN : m->hhi);
      hub_table_writer_add_real (writer, m->empty ? NAN : m->gini);
      hub_table_writer_end_row (writer);
    }
  return writer;
}

static const HubTableColumn breakdown_columns[] = {
  { "row",       N_("Row"),        HUB_TABLE_VALUE_TEXT },
  { "col",       N_("Column"),     HUB_TABLE_VALUE_TEXT },
  { "value",     N_("Downloads"),  HUB_TABLE_VALUE_COUNT },
  { "share",     N_("Share"),      HUB_TABLE_VALUE_REAL },
  { "row_share", N_("Of row"),     HUB_TABLE_VALUE_REAL },
  { "col_share", N_("Of column"),  HUB_TABLE_VALUE_REAL },
};

static double
ratio (gint64 part,
       gint64 whole)
{
  return whole > 0 ? (double) part / (double) whole : 0;
}

static void
add_breakdown_line (HubTableWriter *writer,
                    const char     *row,
                    const char     *col,
                    gint64          value,
                    gint64          total,
                    gint64          row_total,
                    gint64          col_total)
{
  hub_table_writer_add_text (writer, row);
  hub_table_writer_add_text (writer, col);
  hub_table_writer_add_int (writer, value);
  hub_table_writer_add_real (writer, ratio (value, total));
  hub_table_writer_add_real (writer, ratio (value, row_total));
  hub_table_writer_add_real (writer, ratio (value, col_total));
  hub_table_writer_end_row (writer);
}

HubTableWriter *
hub_data_export_breakdown_rows (FILE                     *out,
                                HubTableFormat            format,
                                const HubBreakdownResult *result)
{
  HubTableWriter *writer = hub_table_writer_new (out, format, breakdown_columns, G_N_ELEMENTS (breakdown_columns));
  const char *total = _("Total");

  for (guint r = 0; r < result->n_rows; r++)
    {
      for (guint c = 0; c < result->n_cols; c++)
        add_breakdown_line (writer, result->row_labels[r], result->col_labels[c],
                            result->values[(gsize) r * result->n_cols + c], result->total,
                            result->row_totals[r], result->col_totals[c]);
      add_breakdown_line (writer, result->row_labels[r], total, result->row_totals[r], result->total,
                          result->row_totals[r], result->total);
    }
  for (guint c = 0; c < result->n_cols; c++)
    add_breakdown_line (writer, total, result->col_labels[c], result->col_totals[c], result->total,
                        result->total, result->col_totals[c]);
  add_breakdown_line (writer, total, total, result->total, result->total, result->total, result->total);
  return writer;
}

gboolean
hub_data_export_format_for_path (const char      *path,
                                 HubTableFormat  *out_format,
                                 GError         **error)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".csv"))
    *out_format = HUB_TABLE_FORMAT_CSV;
  else if (g_str_has_suffix (lower, ".json"))
    *out_format = HUB_TABLE_FORMAT_JSON;
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                   _("Unknown file type “%s”: the name must end in .csv or .json"), path);
      return FALSE;
    }
  return TRUE;
}

gboolean
hub_data_export_write_figure (const char      *path,
                              const char      *kind,
                              const char      *query_text,
                              const char      *settings,
                              const char      *title,
                              const char      *caption,
                              HubDataRowsFunc  rows,
                              gpointer         user_data,
                              GError         **error)
{
  HubDataManifest manifest = { 0 };
  HubTableFormat format;
  HubQuery query;
  gboolean ok;

  if (!hub_data_export_format_for_path (path, &format, error) || !hub_query_parse (&query, query_text, error))
    return FALSE;
  manifest.kind = kind;
  manifest.query = &query;
  manifest.settings = settings;
  manifest.title = title;
  manifest.caption = caption;
  ok = hub_data_export_write (path, format, &manifest, rows, user_data, error);
  hub_query_clear (&query);
  return ok;
}

static const HubTableColumn quality_columns[] = {
  { "model_id",       N_("Model"),          HUB_TABLE_VALUE_TEXT },
  { "quadrant",       N_("Quadrant"),       HUB_TABLE_VALUE_TEXT },
  { "score",          N_("Score"),          HUB_TABLE_VALUE_MEASURED },
  { "adoption",       N_("Adoption"),       HUB_TABLE_VALUE_COUNT },
  { "relative_adoption", N_("Relative"),    HUB_TABLE_VALUE_MEASURED },
  { "inherited_from", N_("Inherited from"), HUB_TABLE_VALUE_TEXT },
  { "variant",        NULL,                 HUB_TABLE_VALUE_TEXT },
  { "setting",        NULL,                 HUB_TABLE_VALUE_TEXT },
  { "task",           N_("Task"),           HUB_TABLE_VALUE_TEXT },
  { "parameters",     N_("Parameters"),     HUB_TABLE_VALUE_PARAMS },
};

static const char *
empty_as_null (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

HubTableWriter *
hub_data_export_quality_rows (FILE                   *out,
                              HubTableFormat          format,
                              const HubQualityResult *result)
{
  HubTableWriter *writer = hub_table_writer_new (out, format, quality_columns, G_N_ELEMENTS (quality_columns));

  for (guint i = 0; i < result->points->len; i++)
    {
      const HubQualityPoint *p = &g_array_index (result->points, HubQualityPoint, i);
      const HubModelRecord *record = hub_dataset_get_model (result->dataset, p->model);

      hub_table_writer_add_text (writer, p->id);
      hub_table_writer_add_text (writer, hub_quality_quadrant_to_string (p->quadrant));
      hub_table_writer_add_real (writer, p->score);
      hub_table_writer_add_int (writer, (gint64) MIN (p->adoption, (guint64) G_MAXINT64));
      hub_table_writer_add_real (writer, p->relative);
      hub_table_writer_add_text (writer, p->inherited_from >= 0
                                         ? hub_dataset_get_model (result->dataset, p->inherited_from)->id : NULL);
      hub_table_writer_add_text (writer, empty_as_null (p->variant));
      hub_table_writer_add_text (writer, empty_as_null (p->setting));
      hub_table_writer_add_text (writer, empty_as_null (hub_dataset_get_task (result->dataset, record->task)->id));
      hub_table_writer_add_int (writer, record->parameters);
      hub_table_writer_end_row (writer);
    }
  return writer;
}

static const HubTableColumn compare_columns[] = {
  { "subject",  N_("Subject"),  HUB_TABLE_VALUE_TEXT },
  { "model_id", N_("Model"),    HUB_TABLE_VALUE_TEXT },
  { "time",     N_("Time"),     HUB_TABLE_VALUE_TIME },
  { "day",      N_("Day"),      HUB_TABLE_VALUE_REAL },
  { "value",    N_("Value"),    HUB_TABLE_VALUE_COUNT },
  { "baseline", N_("Baseline"), HUB_TABLE_VALUE_REAL },
  { "relative", N_("Relative"), HUB_TABLE_VALUE_REAL },
};

HubTableWriter *
hub_data_export_compare_rows (FILE                   *out,
                              HubTableFormat          format,
                              const HubCompareResult *result)
{
  HubTableWriter *writer = hub_table_writer_new (out, format, compare_columns, G_N_ELEMENTS (compare_columns));

  for (guint c = 0; c < result->curves->len; c++)
    {
      const HubCompareCurve *curve = g_ptr_array_index (result->curves, c);

      for (guint i = 0; i < curve->points->len; i++)
        {
          const HubComparePoint *p = &g_array_index (curve->points, HubComparePoint, i);

          hub_table_writer_add_text (writer, curve->subject);
          hub_table_writer_add_text (writer, curve->id);
          hub_table_writer_add_int (writer, p->time);
          hub_table_writer_add_real (writer, p->day);
          hub_table_writer_add_int (writer, isfinite (p->value) ? (gint64) p->value : -1);
          hub_table_writer_add_real (writer, p->baseline);
          hub_table_writer_add_real (writer, p->relative);
          hub_table_writer_end_row (writer);
        }
    }
  return writer;
}

static const HubTableColumn attention_columns[] = {
  { "model_id",  N_("Model"),     HUB_TABLE_VALUE_TEXT },
  { "downloads", N_("Downloads"), HUB_TABLE_VALUE_COUNT },
  { "attention", N_("Attention"), HUB_TABLE_VALUE_COUNT },
  { "age_days",  N_("Age (days)"), HUB_TABLE_VALUE_REAL },
  { "quadrant",  N_("Quadrant"),  HUB_TABLE_VALUE_TEXT },
};

HubTableWriter *
hub_data_export_attention_rows (FILE                     *out,
                                HubTableFormat            format,
                                const HubAttentionResult *result)
{
  HubTableWriter *writer = hub_table_writer_new (out, format, attention_columns, G_N_ELEMENTS (attention_columns));

  for (guint i = 0; i < result->points->len; i++)
    {
      const HubAttentionPoint *p = &g_array_index (result->points, HubAttentionPoint, i);

      hub_table_writer_add_text (writer, hub_dataset_get_model (result->dataset, p->model)->id);
      hub_table_writer_add_int (writer, (gint64) p->adoption);
      hub_table_writer_add_int (writer, (gint64) p->attention);
      hub_table_writer_add_real (writer, p->age_days);
      hub_table_writer_add_text (writer, hub_attention_quadrant_to_string (p->quadrant));
      hub_table_writer_end_row (writer);
    }
  return writer;
}
