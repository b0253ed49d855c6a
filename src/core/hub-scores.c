/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-ingest"

#include "config.h"

#include "hub-scores.h"
#include "hub-csv.h"
#include "hub-format.h"
#include "hub-model-entry.h"
#include "hub-types.h"

#include <glib/gi18n.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

/* A score table is read whole before anything is stored: bounded. */
#define MAX_SCORE_ROWS 2000000
#define MAX_FIELD_CHARS 256
#define MAX_SET_NAME_CHARS 64

static const char * const field_names[HUB_N_SCORE_FIELDS] = {
  "model_id", "benchmark", "score", "better", "variant", "setting", "source",
};

/* The column names each field is found under when not mapped, in order. */
static const char * const field_aliases[HUB_N_SCORE_FIELDS][4] = {
  [HUB_SCORE_FIELD_MODEL]     = { "model_id", "model", "id", NULL },
  [HUB_SCORE_FIELD_BENCHMARK] = { "benchmark", "task", NULL },
  [HUB_SCORE_FIELD_SCORE]     = { "score", "main_score", "value", NULL },
  [HUB_SCORE_FIELD_BETTER]    = { "better", NULL },
  [HUB_SCORE_FIELD_VARIANT]   = { "variant", NULL },
  [HUB_SCORE_FIELD_SETTING]   = { "setting", NULL },
  [HUB_SCORE_FIELD_SOURCE]    = { "source", NULL },
};

const char *
hub_score_field_to_string (HubScoreField field)
{
  g_return_val_if_fail ((guint) field < HUB_N_SCORE_FIELDS, NULL);
  return field_names[field];
}

gboolean
hub_score_field_from_string (const char    *str,
                             HubScoreField *out_field)
{
  guint i;

  if (!hub_name_lookup (field_names, HUB_N_SCORE_FIELDS, str, &i))
    return FALSE;
  *out_field = i;
  return TRUE;
}

static gboolean
text_is_plain (const char *text,
               guint       max_chars)
{
  if (text == NULL || !g_utf8_validate (text, -1, NULL) || g_utf8_strlen (text, -1) > max_chars)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      return FALSE;
  return TRUE;
}

gboolean
hub_scores_header_matches (const char *header)
{
  g_auto(GStrv) names = g_strsplit (header, ",", -1);
  gboolean found[HUB_SCORE_FIELD_SCORE + 1] = { FALSE };

  for (guint i = 0; names[i] != NULL; i++)
    for (guint f = HUB_SCORE_FIELD_MODEL; f <= HUB_SCORE_FIELD_SCORE; f++)
      for (guint a = 0; field_aliases[f][a] != NULL; a++)
        found[f] |= g_ascii_strcasecmp (g_strstrip (names[i]), field_aliases[f][a]) == 0;
  return found[HUB_SCORE_FIELD_MODEL] && found[HUB_SCORE_FIELD_BENCHMARK] && found[HUB_SCORE_FIELD_SCORE];
}

char *
hub_score_set_name_for_file (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_steal_pointer (&base);
}

gboolean
hub_score_set_name_is_valid (const char *name)
{
  return name != NULL && text_is_plain (name, MAX_SET_NAME_CHARS) && strchr (name, '/') == NULL &&
         *name != ' ' && *name != '\0' && !g_str_has_suffix (name, " ");
}

void
hub_score_import_report_clear (HubScoreImportReport *report)
{
  g_clear_pointer (&report->ignored_columns, g_strfreev);
}

/* ---- reading -------------------------------------------------------------- */

typedef struct {
  char   *fields[HUB_N_SCORE_FIELDS];   /* NULL when the column is absent */
  double  score;
  gboolean lower_better;
  guint   line;
} Row;

static void
row_clear (gpointer data)
{
  Row *row = data;

  for (guint i = 0; i < HUB_N_SCORE_FIELDS; i++)
    g_free (row->fields[i]);
}

static gboolean
fail (GError     **error,
      int          code,
      const char  *format,
      ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail (GError     **error,
      int          code,
      const char  *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, HUB_INGEST_ERROR, code, message);
  return FALSE;
}

/* The column of each field in @header (-1: absent); FALSE when a required
 * one is missing or a mapped one is not in the header. */
static gboolean
find_columns (const char * const          *header,
              const HubScoreImportOptions *options,
              int                         *columns,
              char                      ***out_ignored,
              GError                     **error)
{
  guint n = g_strv_length ((char **) header);
  g_autofree gboolean *used = g_new0 (gboolean, n);
  g_autoptr(GStrvBuilder) ignored = g_strv_builder_new ();

  for (guint f = 0; f < HUB_N_SCORE_FIELDS; f++)
    {
      columns[f] = -1;
      if (options->columns[f] != NULL)
        {
          for (guint c = 0; c < n && columns[f] < 0; c++)
            if (strcmp (header[c], options->columns[f]) == 0)
              columns[f] = c;
          if (columns[f] < 0)
            return fail (error, HUB_INGEST_ERROR_WRONG_SHAPE,
                         _("No column “%s” (for %s) in the header"), options->columns[f], field_names[f]);
        }
      for (guint a = 0; columns[f] < 0 && field_aliases[f][a] != NULL; a++)
        for (guint c = 0; c < n && columns[f] < 0; c++)
          if (!used[c] && g_ascii_strcasecmp (header[c], field_aliases[f][a]) == 0)
            columns[f] = c;
      if (columns[f] >= 0)
        used[columns[f]] = TRUE;
    }
  for (guint f = HUB_SCORE_FIELD_MODEL; f <= HUB_SCORE_FIELD_SCORE; f++)
    if (columns[f] < 0)
      {
        g_autofree char *aliases = g_strjoinv (", ", (char **) field_aliases[f]);

        return fail (error, HUB_INGEST_ERROR_WRONG_SHAPE,
                     /* Translators: the first %s is a field (score), the second the column names it is
                      * found under (score, main_score, value). */
                     _("No %s column: the header names none of %s (name it with --map %s=COLUMN)"),
                     field_names[f], aliases, field_names[f]);
      }
  for (guint c = 0; c < n; c++)
    if (!used[c])
      g_strv_builder_add (ignored, header[c]);
  *out_ignored = g_strv_builder_end (ignored);
  return TRUE;
}

static gboolean
parse_row (GStrv         record,
           guint         line,
           const int    *columns,
           Row          *row,
           GError      **error)
{
  guint n = g_strv_length (record);
  const char *text;
  char *end;

  row->line = line;
  for (guint f = 0; f < HUB_N_SCORE_FIELDS; f++)
    {
      if (columns[f] < 0)
        continue;
      if ((guint) columns[f] >= n)
        return fail (error, HUB_INGEST_ERROR_MALFORMED,
                     _("Line %u has %u fields: no %s"), line, n, field_names[f]);
      text = g_strstrip (record[columns[f]]);
      if (!text_is_plain (text, MAX_FIELD_CHARS))
        return fail (error, HUB_INGEST_ERROR_INVALID_ENTRY,
                     _("Line %u: the %s is not plain text of at most %u characters"),
                     line, field_names[f], MAX_FIELD_CHARS);
      row->fields[f] = g_strdup (text);
    }
  if (*row->fields[HUB_SCORE_FIELD_MODEL] == '\0')
    return fail (error, HUB_INGEST_ERROR_INVALID_ENTRY, _("Line %u has no model id"), line);
  if (*row->fields[HUB_SCORE_FIELD_BENCHMARK] == '\0')
    return fail (error, HUB_INGEST_ERROR_INVALID_ENTRY, _("Line %u has no benchmark"), line);

  text = row->fields[HUB_SCORE_FIELD_SCORE];
  row->score = g_ascii_strtod (text, &end);
  if (*text == '\0' || *end != '\0' || !isfinite (row->score))
    return fail (error, HUB_INGEST_ERROR_INVALID_ENTRY,
                 _("Line %u: the score of %s on %s is “%s”, not a number"),
                 line, row->fields[HUB_SCORE_FIELD_MODEL], row->fields[HUB_SCORE_FIELD_BENCHMARK], text);

  text = row->fields[HUB_SCORE_FIELD_BETTER];
  if (text == NULL || *text == '\0' || g_ascii_strcasecmp (text, "higher") == 0)
    row->lower_better = FALSE;
  else if (g_ascii_strcasecmp (text, "lower") == 0)
    row->lower_better = TRUE;
  else
    return fail (error, HUB_INGEST_ERROR_INVALID_ENTRY,
                 _("Line %u: “better” is “%s”; it takes “higher” or “lower”"), line, text);
  return TRUE;
}

static const char *
field_or_empty (const Row    *row,
                HubScoreField field)
{
  return row->fields[field] != NULL ? row->fields[field] : "";
}

/* Every row, checked: one score per model, benchmark, variant and setting;
 * one direction per benchmark. */
static GArray *
read_rows (GInputStream                *stream,
           const HubScoreImportOptions *options,
           HubScoreImportReport        *report,
           GCancellable                *cancellable,
           GError                     **error)
{
  g_autoptr(HubCsvReader) reader = hub_csv_reader_new (stream);
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) directions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) header = NULL;
  int columns[HUB_N_SCORE_FIELDS];
  GStrv record;
  guint line = 0;

  g_array_set_clear_func (rows, row_clear);
  header = hub_csv_reader_next (reader, &line, cancellable, error);
  if (header == NULL)
    {
      if (error == NULL || *error == NULL)
        fail (error, HUB_INGEST_ERROR_MALFORMED, _("The file is empty: a score table starts with a header"));
      return NULL;
    }
  for (guint c = 0; header[c] != NULL; c++)
    g_strstrip (header[c]);
  if (!find_columns ((const char * const *) header, options, columns, &report->ignored_columns, error))
    return NULL;

  while ((record = hub_csv_reader_next (reader, &line, cancellable, error)) != NULL)
    {
      g_auto(GStrv) owned = record;
      g_autofree char *key = NULL;
      Row row = { 0 };
      gpointer first, direction;

      if (rows->len >= MAX_SCORE_ROWS)
        {
          fail (error, HUB_INGEST_ERROR_WRONG_SHAPE, _("More than %s scores: split the table"),
                hub_format_count (MAX_SCORE_ROWS));
          return NULL;
        }
      if (!parse_row (owned, line, columns, &row, error))
        {
          row_clear (&row);
          return NULL;
        }
      if (options->missing != NULL &&
          g_strv_contains (options->missing, row.fields[HUB_SCORE_FIELD_SCORE]))
        {
          report->n_missing++;
          row_clear (&row);
          continue;
        }
      key = g_strjoin ("\n", row.fields[HUB_SCORE_FIELD_MODEL], row.fields[HUB_SCORE_FIELD_BENCHMARK],
                       field_or_empty (&row, HUB_SCORE_FIELD_VARIANT),
                       field_or_empty (&row, HUB_SCORE_FIELD_SETTING), NULL);
      if (g_hash_table_lookup_extended (keys, key, NULL, &first))
        {
          fail (error, HUB_INGEST_ERROR_INVALID_ENTRY,
                _("Line %u repeats the score of %s on %s (first on line %u)"), line,
                row.fields[HUB_SCORE_FIELD_MODEL], row.fields[HUB_SCORE_FIELD_BENCHMARK], GPOINTER_TO_UINT (first));
          row_clear (&row);
          return NULL;
        }
      if (g_hash_table_lookup_extended (directions, row.fields[HUB_SCORE_FIELD_BENCHMARK], NULL, &direction) &&
          GPOINTER_TO_INT (direction) != row.lower_better + 1)
        {
          fail (error, HUB_INGEST_ERROR_INVALID_ENTRY,
                _("Line %u: %s is both higher-is-better and lower-is-better"), line,
                row.fields[HUB_SCORE_FIELD_BENCHMARK]);
          row_clear (&row);
          return NULL;
        }
      g_hash_table_insert (keys, g_steal_pointer (&key), GUINT_TO_POINTER (line));
      g_hash_table_insert (directions, g_strdup (row.fields[HUB_SCORE_FIELD_BENCHMARK]),
                           GINT_TO_POINTER (row.lower_better + 1));
      g_array_append_val (rows, row);
    }
  if (error != NULL && *error != NULL)
    {
      if (g_error_matches (*error, HUB_INGEST_ERROR, HUB_INGEST_ERROR_MALFORMED))
        g_prefix_error (error, _("Line %u: "), line);
      return NULL;
    }
  if (rows->len == 0)
    {
      fail (error, HUB_INGEST_ERROR_WRONG_SHAPE, _("The file has a header but no scores"));
      return NULL;
    }
  report->n_benchmarks = g_hash_table_size (directions);
  return g_steal_pointer (&rows);
}

/* ---- storing -------------------------------------------------------------- */

static gboolean
step_stmt (HubStore      *store,
           sqlite3_stmt  *stmt,
           const char    *what,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    return TRUE;
  hub_store_set_error_from_sqlite (store, rc, what, error);
  return FALSE;
}

static gboolean
store_rows (HubStore                    *store,
            const HubScoreImportOptions *options,
            GArray                      *rows,
            HubScoreImportReport        *report,
            GError                     **error)
{
  const char *what = _("saving the scores");
  sqlite3_stmt *stmt;
  g_autoptr(GHashTable) models = g_hash_table_new (g_str_hash, g_str_equal);

  if ((stmt = hub_store_prepare (store, "SELECT 1 FROM score_sets WHERE name = ?1", error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, options->name, -1, SQLITE_STATIC);
  report->replaced = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);

  if ((stmt = hub_store_prepare (store, "DELETE FROM scores WHERE set_name = ?1", error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, options->name, -1, SQLITE_STATIC);
  if (!step_stmt (store, stmt, what, error))
    return FALSE;
  if ((stmt = hub_store_prepare (store,
                                 "INSERT OR REPLACE INTO score_sets (name, source, imported_at, origin) "
                                 "VALUES (?1, ?2, ?3, ?4)", error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, options->name, -1, SQLITE_STATIC);
  if (options->source != NULL && *options->source != '\0')
    sqlite3_bind_text (stmt, 2, options->source, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time () / G_USEC_PER_SEC);
  sqlite3_bind_text (stmt, 4, options->shipped ? "shipped" : "user", -1, SQLITE_STATIC);
  if (!step_stmt (store, stmt, what, error))
    return FALSE;

  if ((stmt = hub_store_prepare (store,
                                 "INSERT INTO scores (set_name, model_id, benchmark, variant, setting, score, "
                                 "lower_better, source) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error)) == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      const Row *row = &g_array_index (rows, Row, i);
      const char *source = row->fields[HUB_SCORE_FIELD_SOURCE];

      sqlite3_bind_text (stmt, 1, options->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, row->fields[HUB_SCORE_FIELD_MODEL], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, row->fields[HUB_SCORE_FIELD_BENCHMARK], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, field_or_empty (row, HUB_SCORE_FIELD_VARIANT), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, field_or_empty (row, HUB_SCORE_FIELD_SETTING), -1, SQLITE_STATIC);
      sqlite3_bind_double (stmt, 6, row->score);
      sqlite3_bind_int (stmt, 7, row->lower_better);
      if (source != NULL && *source != '\0')
        sqlite3_bind_text (stmt, 8, source, -1, SQLITE_STATIC);
      if (!step_stmt (store, stmt, what, error))
        return FALSE;
      g_hash_table_add (models, row->fields[HUB_SCORE_FIELD_MODEL]);
    }
  report->n_scores = rows->len;
  report->n_models = g_hash_table_size (models);
  return TRUE;
}

gboolean
hub_scores_import (HubStore                    *store,
                   GInputStream                *stream,
                   const HubScoreImportOptions *options,
                   HubScoreImportReport        *report,
                   GCancellable                *cancellable,
                   GError                     **error)
{
  g_autoptr(GArray) rows = NULL;

  g_return_val_if_fail (HUB_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (options != NULL && report != NULL, FALSE);

  memset (report, 0, sizeof *report);
  if (!hub_score_set_name_is_valid (options->name))
    return fail (error, HUB_INGEST_ERROR_INVALID_ENTRY,
                 _("“%s” cannot name a score set: use 1 to %u characters, no “/”"),
                 options->name != NULL ? options->name : "", MAX_SET_NAME_CHARS);
  rows = read_rows (stream, options, report, cancellable, error);
  if (rows == NULL)
    {
      hub_score_import_report_clear (report);
      return FALSE;
    }
  if (!hub_store_begin (store, error))
    return FALSE;
  if (!store_rows (store, options, rows, report, error) || !hub_store_commit (store, error))
    {
      hub_store_rollback (store);
      report->replaced = FALSE;
      report->n_scores = report->n_models = 0;
      return FALSE;
    }
  return TRUE;
}

gboolean
hub_scores_delete_set (HubStore    *store,
                       const char  *name,
                       GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (HUB_IS_STORE (store), FALSE);

  if (!hub_store_begin (store, error))
    return FALSE;
  if ((stmt = hub_store_prepare (store, "DELETE FROM scores WHERE set_name = ?1", error)) == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (!step_stmt (store, stmt, _("removing the scores"), error))
    goto failed;
  if ((stmt = hub_store_prepare (store, "DELETE FROM score_sets WHERE name = ?1", error)) == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (!step_stmt (store, stmt, _("removing the scores"), error))
    goto failed;
  if (sqlite3_changes (hub_store_get_db (store)) == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("No score set “%s”"), name);
      goto failed;
    }
  return hub_store_commit (store, error);

failed:
  hub_store_rollback (store);
  return FALSE;
}

/* ---- reading back --------------------------------------------------------- */

void
hub_score_set_info_free (HubScoreSetInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->name);
  g_free (info->source);
  g_strfreev (info->benchmarks);
  g_free (info->benchmark_models);
  g_free (info->benchmark_lower);
  g_free (info);
}

const char **
hub_score_set_info_higher_benchmarks (const HubScoreSetInfo *info)
{
  GPtrArray *higher = g_ptr_array_new ();

  g_return_val_if_fail (info != NULL, NULL);

  for (guint i = 0; info->benchmarks != NULL && info->benchmarks[i] != NULL; i++)
    if (!info->benchmark_lower[i])
      g_ptr_array_add (higher, info->benchmarks[i]);
  g_ptr_array_add (higher, NULL);
  return (const char **) g_ptr_array_free (higher, FALSE);
}

const char *
hub_score_set_info_default_benchmark (const HubScoreSetInfo *info)
{
  const char *best = NULL;
  guint best_n = 0;

  g_return_val_if_fail (info != NULL, NULL);

  for (guint i = 0; info->benchmarks != NULL && info->benchmarks[i] != NULL; i++)
    {
      if (strcmp (info->benchmarks[i], "rank") == 0)
        return info->benchmarks[i];
      if (best == NULL || info->benchmark_models[i] > best_n)
        {
          best = info->benchmarks[i];
          best_n = info->benchmark_models[i];
        }
    }
  return best;
}

static char *
dup_column (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static char **
list_benchmarks (HubStore    *store,
                 const char  *set,
                 guint      **out_models,
                 gboolean   **out_lower,
                 GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GArray) models = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) lower = g_array_new (FALSE, FALSE, sizeof (gboolean));
  sqlite3_stmt *stmt;
  int rc;

  if ((stmt = hub_store_prepare (store, "SELECT benchmark, count(DISTINCT model_id), max(lower_better) FROM scores "
                                        "WHERE set_name = ?1 GROUP BY benchmark ORDER BY benchmark", error)) == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, set, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint n = sqlite3_column_int (stmt, 1);
      gboolean l = sqlite3_column_int (stmt, 2) != 0;

      g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
      g_array_append_val (models, n);
      g_array_append_val (lower, l);
    }
  sqlite3_reset (stmt);
  if (out_models != NULL)
    *out_models = (guint *) g_array_free (g_steal_pointer (&models), FALSE);
  if (out_lower != NULL)
    *out_lower = (gboolean *) g_array_free (g_steal_pointer (&lower), FALSE);
  if (rc != SQLITE_DONE)
    {
      hub_store_set_error_from_sqlite (store, rc, _("reading the scores"), error);
      return NULL;
    }
  return g_strv_builder_end (builder);
}

GPtrArray *
hub_scores_list_sets (HubStore  *store,
                      GError   **error)
{
  g_autoptr(GPtrArray) sets = g_ptr_array_new_with_free_func ((GDestroyNotify) hub_score_set_info_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HUB_IS_STORE (store), NULL);

  if ((stmt = hub_store_prepare (store,
                                 "SELECT s.name, s.source, s.imported_at, s.origin, "
                                 "  (SELECT count(*) FROM scores WHERE set_name = s.name), "
                                 "  (SELECT count(DISTINCT model_id) FROM scores WHERE set_name = s.name) "
                                 "FROM score_sets s ORDER BY s.name", error)) == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      HubScoreSetInfo *info = g_new0 (HubScoreSetInfo, 1);

      info->name = dup_column (stmt, 0);
      info->source = dup_column (stmt, 1);
      info->imported_at = sqlite3_column_int64 (stmt, 2);
      info->shipped = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 3), "shipped") == 0;
      info->n_scores = sqlite3_column_int (stmt, 4);
      info->n_models = sqlite3_column_int (stmt, 5);
      g_ptr_array_add (sets, info);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      hub_store_set_error_from_sqlite (store, rc, _("reading the score sets"), error);
      return NULL;
    }
  for (guint i = 0; i < sets->len; i++)
    {
      HubScoreSetInfo *info = g_ptr_array_index (sets, i);

      if ((info->benchmarks = list_benchmarks (store, info->name, &info->benchmark_models, &info->benchmark_lower,
                                               error)) == NULL)
        return NULL;
    }
  return g_steal_pointer (&sets);
}

HubScoreSet *
hub_score_set_ref (HubScoreSet *set)
{
  g_return_val_if_fail (set != NULL, NULL);
  g_atomic_ref_count_inc (&set->ref_count);
  return set;
}

void
hub_score_set_unref (HubScoreSet *set)
{
  g_return_if_fail (set != NULL);
  if (!g_atomic_ref_count_dec (&set->ref_count))
    return;
  g_free (set->name);
  g_free (set->source);
  g_array_unref (set->scores);
  g_strfreev (set->benchmarks);
  g_string_chunk_free (set->strings);
  g_free (set);
}

static char *
names_of_sets (HubStore *store)
{
  g_autoptr(GPtrArray) sets = hub_scores_list_sets (store, NULL);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  for (guint i = 0; sets != NULL && i < sets->len; i++)
    g_strv_builder_add (names, ((HubScoreSetInfo *) g_ptr_array_index (sets, i))->name);
  strv = g_strv_builder_end (names);
  return *strv != NULL ? g_strjoinv (", ", strv) : g_strdup (_("none"));
}

HubScoreSet *
hub_scores_load_set (HubStore     *store,
                     const char   *name,
                     GError      **error)
{
  g_autoptr(HubScoreSet) set = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HUB_IS_STORE (store), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if ((stmt = hub_store_prepare (store, "SELECT source, imported_at FROM score_sets WHERE name = ?1", error)) == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        {
          g_autofree char *names = names_of_sets (store);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       _("No score set “%s” (stored: %s)"), name, names);
        }
      else
        hub_store_set_error_from_sqlite (store, rc, _("reading the scores"), error);
      return NULL;
    }
  set = g_new0 (HubScoreSet, 1);
  g_atomic_ref_count_init (&set->ref_count);
  set->name = g_strdup (name);
  set->source = dup_column (stmt, 0);
  set->imported_at = sqlite3_column_int64 (stmt, 1);
  set->scores = g_array_new (FALSE, FALSE, sizeof (HubScore));
  set->strings = g_string_chunk_new (4096);
  sqlite3_reset (stmt);

  if ((stmt = hub_store_prepare (store,
                                 "SELECT model_id, benchmark, variant, setting, source, score, lower_better "
                                 "FROM scores WHERE set_name = ?1 "
                                 "ORDER BY model_id, benchmark, variant, setting", error)) == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *source = (const char *) sqlite3_column_text (stmt, 4);
      HubScore score = {
        g_string_chunk_insert_const (set->strings, (const char *) sqlite3_column_text (stmt, 0)),
        g_string_chunk_insert_const (set->strings, (const char *) sqlite3_column_text (stmt, 1)),
        g_string_chunk_insert_const (set->strings, (const char *) sqlite3_column_text (stmt, 2)),
        g_string_chunk_insert_const (set->strings, (const char *) sqlite3_column_text (stmt, 3)),
        source != NULL ? g_string_chunk_insert_const (set->strings, source) : NULL,
        sqlite3_column_double (stmt, 5),
        sqlite3_column_int (stmt, 6) != 0,
      };

      g_array_append_val (set->scores, score);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      hub_store_set_error_from_sqlite (store, rc, _("reading the scores"), error);
      return NULL;
    }
  if ((set->benchmarks = list_benchmarks (store, name, NULL, NULL, error)) == NULL)
    return NULL;
  return g_steal_pointer (&set);
}

gboolean
hub_score_set_has_benchmark (const HubScoreSet *set,
                             const char        *benchmark,
                             gboolean          *out_lower_better)
{
  for (guint i = 0; i < set->scores->len; i++)
    {
      const HubScore *score = &g_array_index (set->scores, HubScore, i);

      if (strcmp (score->benchmark, benchmark) == 0)
        {
          if (out_lower_better != NULL)
            *out_lower_better = score->lower_better;
          return TRUE;
        }
    }
  return FALSE;
}

void
hub_model_score_free (HubModelScore *score)
{
  if (score == NULL)
    return;
  g_free (score->set);
  g_free (score->set_source);
  g_free (score->benchmark);
  g_free (score->variant);
  g_free (score->setting);
  g_free (score);
}

GPtrArray *
hub_scores_for_model (HubStore    *store,
                      const char  *model_id,
                      GError     **error)
{
  g_autoptr(GPtrArray) scores = g_ptr_array_new_with_free_func ((GDestroyNotify) hub_model_score_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HUB_IS_STORE (store), NULL);
  g_return_val_if_fail (model_id != NULL, NULL);

  if ((stmt = hub_store_prepare (store,
                                 "SELECT s.name, s.source, s.imported_at, c.benchmark, c.variant, c.setting, "
                                 "  c.score, c.lower_better "
                                 "FROM scores c JOIN score_sets s ON s.name = c.set_name "
                                 "WHERE c.model_id = ?1 ORDER BY s.name, c.benchmark, c.variant, c.setting",
                                 error)) == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, model_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      HubModelScore *score = g_new0 (HubModelScore, 1);

      score->set = dup_column (stmt, 0);
      score->set_source = dup_column (stmt, 1);
      score->imported_at = sqlite3_column_int64 (stmt, 2);
      score->benchmark = dup_column (stmt, 3);
      score->variant = dup_column (stmt, 4);
      score->setting = dup_column (stmt, 5);
      score->score = sqlite3_column_double (stmt, 6);
      score->lower_better = sqlite3_column_int (stmt, 7) != 0;
      g_ptr_array_add (scores, score);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      hub_store_set_error_from_sqlite (store, rc, _("reading the scores"), error);
      return NULL;
    }
  return g_steal_pointer (&scores);
}

char *
hub_scores_best_series (HubStore           *store,
                        const char * const *ids,
                        GError            **error)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key, value;
  char *best = NULL;
  guint best_count = 0;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (HUB_IS_STORE (store), NULL);

  if ((stmt = hub_store_prepare (store,
                                 "SELECT DISTINCT s.series FROM snapshot_rows r "
                                 "JOIN snapshots s ON s.id = r.snapshot_id "
                                 "WHERE r.model_id = ?1 AND s.complete", error)) == NULL)
    return NULL;
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      int rc;

      sqlite3_bind_text (stmt, 1, ids[i], -1, SQLITE_STATIC);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          const char *series = (const char *) sqlite3_column_text (stmt, 0);
          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, series));

          g_hash_table_insert (counts, g_strdup (series), GUINT_TO_POINTER (n + 1));
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          hub_store_set_error_from_sqlite (store, rc, _("reading snapshots"), error);
          return NULL;
        }
    }
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_UINT (value) > best_count ||
        (GPOINTER_TO_UINT (value) == best_count && strcmp (key, best) < 0))
      {
        best = key;
        best_count = GPOINTER_TO_UINT (value);
      }
  return g_strdup (best);
}
