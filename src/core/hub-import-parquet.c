/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Parquet files, read through DuckDB (hub-parquet.c): a models snapshot in
 * the shape of the hub-stats dataset's models.parquet (one row a model, the
 * fields of an /api/models entry), or a per-model series of period
 * downloads (a model, a day, a count a row). */
#define G_LOG_DOMAIN "hubeco-ingest"

#include "config.h"

#include "hub-import-private.h"
#include "hub-input-limits.h"
#include "hub-parquet.h"

#include <glib/gi18n.h>
#include <string.h>

typedef enum {
  KIND_STRING,
  KIND_COUNT,
  KIND_TIME,
  KIND_LIST,    /* of strings */
  KIND_OBJECT,  /* a STRUCT or MAP, or VARCHAR holding JSON */
  KIND_GATED,   /* a boolean or a string */
} ColumnKind;

typedef struct {
  const char *name;     /* as the entry parser spells it */
  ColumnKind  kind;
  gboolean    expected; /* part of the hub-stats shape: said when lacking */
} ModelColumn;

/* The columns a models file may hold that the entry parser reads, and the
 * capture-time columns. Anything else is listed as not used. */
static const ModelColumn model_columns[] = {
  { "id", KIND_STRING, TRUE },
  { "modelId", KIND_STRING, FALSE },
  { "author", KIND_STRING, TRUE },
  { "createdAt", KIND_TIME, TRUE },
  { "lastModified", KIND_TIME, FALSE },
  { "pipeline_tag", KIND_STRING, TRUE },
  { "library_name", KIND_STRING, TRUE },
  { "gated", KIND_GATED, FALSE },
  { "downloads", KIND_COUNT, TRUE },
  { "downloadsAllTime", KIND_COUNT, TRUE },
  { "likes", KIND_COUNT, TRUE },
  { "trendingScore", KIND_COUNT, TRUE },
  { "usedStorage", KIND_COUNT, FALSE },
  { "childrenModelCount", KIND_COUNT, FALSE },
  { "tags", KIND_LIST, TRUE },
  { "baseModels", KIND_OBJECT, TRUE },
  { "safetensors", KIND_OBJECT, TRUE },
  { "gguf", KIND_OBJECT, FALSE },
  { "cardData", KIND_OBJECT, FALSE },
  { "captured_at", KIND_TIME, FALSE },
  { "snapshot_date", KIND_TIME, FALSE },
  { "fetched_at", KIND_TIME, FALSE },
};

/* The same names, for the reader to spell result columns so. */
static const char * const model_names[] = {
  "id", "modelId", "author", "createdAt", "lastModified", "pipeline_tag", "library_name",
  "gated", "downloads", "downloadsAllTime", "likes", "trendingScore", "usedStorage",
  "childrenModelCount", "tags", "baseModels", "safetensors", "gguf", "cardData",
  "captured_at", "snapshot_date", "fetched_at", NULL
};

/* Only the columns above are read (Parquet reads columns, so the others
 * cost nothing); compared in lower case, as DuckDB's own names are. */
static const char models_sql[] =
  "SELECT COLUMNS(c -> list_contains(['id', 'modelid', 'author', 'createdat', 'lastmodified',"
  " 'pipeline_tag', 'library_name', 'gated', 'downloads', 'downloadsalltime', 'likes',"
  " 'trendingscore', 'usedstorage', 'childrenmodelcount', 'tags', 'basemodels', 'safetensors',"
  " 'gguf', 'carddata', 'captured_at', 'snapshot_date', 'fetched_at'], lower(c)))"
  " FROM read_parquet(?1)";

/* A series row: its model, day and count, whatever the file calls them. */
static const char * const series_id_names[] = { "model_id", "id", "model", "repo_id", "modelId", NULL };
static const char * const series_date_names[] = { "date", "period_start", "week", "week_start", "day", NULL };
static const char * const series_count_names[] = { "downloads", "downloads_30d", NULL };

static const char series_sql[] =
  "SELECT COLUMNS(c -> list_contains(['model_id', 'id', 'model', 'repo_id', 'modelid',"
  " 'organization', 'name', 'date', 'period_start', 'week', 'week_start', 'day', 'downloads',"
  " 'downloads_30d', 'repo_type'], lower(c)))"
  " FROM read_parquet(?1)";

static const char * const series_names[] = {
  "model_id", "id", "model", "repo_id", "modelId", "organization", "name", "date",
  "period_start", "week", "week_start", "day", "downloads", "downloads_30d", "repo_type", NULL
};

static gboolean
type_is_integer (const char *type)
{
  static const char * const names[] = {
    "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER",
    "UBIGINT", "HUGEINT", "UHUGEINT", "FLOAT", "DOUBLE", "DECIMAL", NULL
  };

  return g_strv_contains (names, type);
}

static gboolean
type_is_time (const char *type)
{
  return g_str_has_prefix (type, "TIMESTAMP") || strcmp (type, "DATE") == 0 ||
         strcmp (type, "VARCHAR") == 0;
}

static gboolean
type_fits (ColumnKind  kind,
           const char *type)
{
  switch (kind)
    {
    case KIND_STRING: return strcmp (type, "VARCHAR") == 0 || strcmp (type, "ENUM") == 0;
    case KIND_COUNT: return type_is_integer (type);
    case KIND_TIME: return type_is_time (type);
    case KIND_LIST: return strcmp (type, "VARCHAR[]") == 0 || strcmp (type, "ENUM[]") == 0;
    case KIND_OBJECT:
      return g_str_has_prefix (type, "STRUCT(") || g_str_has_prefix (type, "MAP(") ||
             strcmp (type, "VARCHAR") == 0;
    case KIND_GATED: return strcmp (type, "BOOLEAN") == 0 || strcmp (type, "VARCHAR") == 0;
    default: g_assert_not_reached ();
    }
}

static const char *
kind_description (ColumnKind kind)
{
  switch (kind)
    {
    case KIND_STRING: return _("text");
    case KIND_COUNT: return _("a number");
    case KIND_TIME: return _("a date or timestamp");
    case KIND_LIST: return _("a list of text");
    case KIND_OBJECT: return _("a struct, a map or JSON text");
    case KIND_GATED: return _("a boolean or text");
    default: g_assert_not_reached ();
    }
}

static const ModelColumn *
find_model_column (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (model_columns); i++)
    if (g_ascii_strcasecmp (model_columns[i].name, name) == 0)
      return &model_columns[i];
  return NULL;
}

static int
find_any (HubParquetFile     *file,
          const char * const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    {
      int c = hub_parquet_file_find_column (file, names[i]);

      if (c >= 0)
        return c;
    }
  return -1;
}

/* "a, b, c" of the names in @names. */
static char *
join_names (GPtrArray *names)
{
  g_ptr_array_add (names, NULL);
  return g_strjoinv (", ", (char **) names->pdata);
}

/* The report's note on what the file holds. */
static void
note_columns (HubImportContext *ctx,
              HubParquetFile   *file,
              const char       *shape,
              GPtrArray        *used,
              GPtrArray        *lacking,
              GPtrArray        *unused)
{
  g_autofree char *used_text = join_names (used);
  g_autoptr(GString) note = g_string_new (NULL);

  g_string_printf (note, _("%s: Parquet, %llu rows, read as %s; columns used: %s"),
                   ctx->name, (unsigned long long) hub_parquet_file_n_rows (file), shape, used_text);
  if (lacking->len > 0)
    {
      g_autofree char *text = join_names (lacking);

      g_string_append_printf (note, _("; lacking: %s"), text);
    }
  if (unused->len > 0)
    {
      g_autofree char *text = join_names (unused);

      g_string_append_printf (note, _("; not used: %s"), text);
    }
  g_ptr_array_add (ctx->report->notes, g_string_free (g_steal_pointer (&note), FALSE));
}

/* ---- models snapshot ---------------------------------------------------- */

typedef struct {
  HubImportContext *ctx;
  HubImportDump     dump;
  const char       *capture_column;  /* per-row capture time, or NULL */
  GPtrArray        *json_columns;    /* object columns held as JSON text */
  JsonParser       *parser;
  guint64           row;
} ModelsRead;

/* An object column held as JSON text becomes the object it spells; text
 * that is not JSON is left for the parser to report as a wrong type. */
static void
expand_json_text (ModelsRead *read,
                  JsonObject *row,
                  const char *member)
{
  JsonNode *node = json_object_get_member (row, member);
  const char *text;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return;
  text = json_node_get_string (node);
  if (text == NULL || *text == '\0')
    {
      json_object_set_null_member (row, member);
      return;
    }
  if (hub_json_load_bounded (read->parser, text, strlen (text), NULL) &&
      json_parser_get_root (read->parser) != NULL)
    json_object_set_member (row, member, json_node_copy (json_parser_get_root (read->parser)));
}

static gboolean
read_model_row (JsonObject  *row,
                gpointer     user_data,
                GError     **error)
{
  ModelsRead *read = user_data;
  HubImportContext *ctx = read->ctx;
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(HubModelEntry) entry = NULL;
  g_autofree char *where = NULL;
  gint64 captured_at = ctx->captured_at;

  read->row++;
  where = g_strdup_printf (_(":row %llu"), (unsigned long long) read->row);

  for (guint i = 0; i < read->json_columns->len; i++)
    expand_json_text (read, row, g_ptr_array_index (read->json_columns, i));

  if (read->capture_column != NULL && !ctx->captured_at_given)
    {
      JsonNode *when = json_object_get_member (row, read->capture_column);
      const char *text = when != NULL && JSON_NODE_HOLDS_VALUE (when) &&
                         json_node_get_value_type (when) == G_TYPE_STRING
                         ? json_node_get_string (when) : NULL;

      captured_at = hub_time_parse_iso8601 (text);
      if (captured_at == HUB_TIME_NONE)
        {
          g_autofree char *message = g_strdup_printf (_("field '%s': missing or not a date"),
                                                      read->capture_column);

          hub_import_context_reject (ctx, where, message);
          ctx->report->models_rejected++;
          return TRUE;
        }
    }

  json_node_set_object (node, row);
  entry = hub_import_context_parse_entry (ctx, node, where);
  if (entry == NULL)
    return TRUE;

  return hub_import_context_store_entry (ctx, &read->dump, captured_at, entry, error);
}

/* A date in the file's name ("models-2025-01-07.parquet", "20250107"), at
 * midnight UTC; HUB_TIME_NONE when it has none. */
static gint64
date_from_name (const char *name)
{
  g_autoptr(GRegex) regex = g_regex_new ("(20[0-9]{2})-?([01][0-9])-?([0-3][0-9])", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  if (g_regex_match (regex, name, 0, &match))
    {
      g_autofree char *y = g_match_info_fetch (match, 1);
      g_autofree char *m = g_match_info_fetch (match, 2);
      g_autofree char *d = g_match_info_fetch (match, 3);
      g_autofree char *iso = g_strdup_printf ("%s-%s-%s", y, m, d);

      return hub_time_parse_iso8601 (iso);
    }
  return HUB_TIME_NONE;
}

static gboolean
import_models (HubImportContext  *ctx,
               HubParquetFile    *file,
               GError           **error)
{
  g_autoptr(GPtrArray) used = g_ptr_array_new ();
  g_autoptr(GPtrArray) lacking = g_ptr_array_new ();
  g_autoptr(GPtrArray) unused = g_ptr_array_new ();
  g_autoptr(GPtrArray) wrong = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) json_columns = g_ptr_array_new ();
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  ModelsRead read = { ctx, HUB_IMPORT_DUMP_INIT, NULL, json_columns, parser, 0 };
  gboolean counts = FALSE;

  for (guint c = 0; c < hub_parquet_file_n_columns (file); c++)
    {
      const char *name = hub_parquet_file_column_name (file, c);
      const char *type = hub_parquet_file_column_type (file, c);
      const ModelColumn *column = find_model_column (name);

      if (column == NULL)
        {
          g_ptr_array_add (unused, (gpointer) name);
          continue;
        }
      if (!type_fits (column->kind, type))
        {
          g_ptr_array_add (wrong, g_strdup_printf (_("'%s' is %s, expected %s"), name, type,
                                                   kind_description (column->kind)));
          continue;
        }
      g_ptr_array_add (used, (gpointer) column->name);
      if (column->kind == KIND_OBJECT && strcmp (type, "VARCHAR") == 0)
        g_ptr_array_add (json_columns, (gpointer) column->name);
      if (column->kind == KIND_COUNT && (strcmp (column->name, "downloads") == 0 ||
                                         strcmp (column->name, "downloadsAllTime") == 0 ||
                                         strcmp (column->name, "likes") == 0))
        counts = TRUE;
      if (column->kind == KIND_TIME && read.capture_column == NULL &&
          (strcmp (column->name, "captured_at") == 0 || strcmp (column->name, "snapshot_date") == 0 ||
           strcmp (column->name, "fetched_at") == 0))
        read.capture_column = column->name;
    }

  if (wrong->len > 0)
    {
      g_autofree char *text = join_names (wrong);

      g_set_error (error, HUB_INGEST_ERROR, HUB_INGEST_ERROR_WRONG_SHAPE,
                   _("%s: columns of the wrong type: %s; nothing was imported"), ctx->name, text);
      return FALSE;
    }
  if (!counts)
    {
      g_set_error (error, HUB_INGEST_ERROR, HUB_INGEST_ERROR_WRONG_SHAPE,
                   _("%s: a models file needs at least one of the columns downloads, "
                     "downloadsAllTime or likes; nothing was imported"), ctx->name);
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (model_columns); i++)
    if (model_columns[i].expected && hub_parquet_file_find_column (file, model_columns[i].name) < 0)
      g_ptr_array_add (lacking, (gpointer) model_columns[i].name);

  if (read.capture_column == NULL && !ctx->captured_at_given)
    {
      gint64 from_name = date_from_name (ctx->name);

      if (from_name != HUB_TIME_NONE)
        ctx->captured_at = from_name;
      else
        {
          g_autofree char *when = hub_time_format_iso8601 (ctx->captured_at);

          g_ptr_array_add (ctx->report->warnings,
                           g_strdup_printf (_("%s: no capture date in the file or its name: the snapshot "
                                              "is dated %s, the file's modification time (give "
                                              "--captured-at to set it)"), ctx->name, when));
        }
    }

  note_columns (ctx, file, _("a models snapshot"), used, lacking, unused);

  return hub_parquet_file_read (file, models_sql, model_names, read_model_row, &read,
                                ctx->cancellable, error);
}

/* ---- per-model series ------------------------------------------------- */

typedef struct {
  HubImportContext *ctx;
  const char       *id_name;       /* NULL: organization + name */
  const char       *date_name;
  const char       *count_name;
  gint64            shift;         /* 30 days for downloads_30d */
  gboolean          repo_type;
  GHashTable       *unknown;
  guint64           row;
} SeriesRead;

/* A member as the text the period reader checks; NULL when null. */
static char *
member_text (JsonObject *row,
             const char *member)
{
  JsonNode *node = json_object_get_member (row, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING: return g_strdup (json_node_get_string (node));
    case G_TYPE_INT64: return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];

        return g_strdup (g_ascii_dtostr (buf, sizeof buf, json_node_get_double (node)));
      }
    case G_TYPE_BOOLEAN: return g_strdup (json_node_get_boolean (node) ? "true" : "false");
    default: return NULL;
    }
}

static gboolean
read_series_row (JsonObject  *row,
                 gpointer     user_data,
                 GError     **error)
{
  SeriesRead *read = user_data;
  g_autofree char *where = NULL;
  g_autofree char *id = NULL;
  g_autofree char *date = NULL;
  g_autofree char *count = NULL;

  read->row++;
  where = g_strdup_printf (_(":row %llu"), (unsigned long long) read->row);

  if (read->repo_type)
    {
      g_autofree char *type = member_text (row, "repo_type");

      if (type != NULL && strcmp (type, "model") != 0)
        {
          read->ctx->report->rows_skipped++;
          return TRUE;
        }
    }

  if (read->id_name != NULL)
    id = member_text (row, read->id_name);
  else
    {
      g_autofree char *org = member_text (row, "organization");
      g_autofree char *name = member_text (row, "name");

      if (org != NULL && name != NULL)
        id = g_strconcat (org, "/", name, NULL);
    }
  date = member_text (row, read->date_name);
  count = member_text (row, read->count_name);

  return hub_import_context_period_add (read->ctx, where, id, date, count, read->shift,
                                        read->unknown, error);
}

static gboolean
import_series (HubImportContext  *ctx,
               HubParquetFile    *file,
               GError           **error)
{
  g_autoptr(GHashTable) unknown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) used = g_ptr_array_new ();
  g_autoptr(GPtrArray) lacking = g_ptr_array_new ();
  g_autoptr(GPtrArray) unused = g_ptr_array_new ();
  SeriesRead read = { ctx, NULL, NULL, NULL, 0, FALSE, unknown, 0 };
  int id_col = find_any (file, series_id_names);
  int date_col = find_any (file, series_date_names);
  int count_col = find_any (file, series_count_names);

  for (guint i = 0; series_names[i] != NULL; i++)
    {
      int c = hub_parquet_file_find_column (file, series_names[i]);

      if (c == id_col)
        read.id_name = series_names[i];
      if (c == date_col)
        read.date_name = series_names[i];
      if (c == count_col)
        read.count_name = series_names[i];
    }
  read.repo_type = hub_parquet_file_find_column (file, "repo_type") >= 0;
  if (read.count_name != NULL && strcmp (read.count_name, "downloads_30d") == 0)
    read.shift = 30 * 86400;

  for (guint c = 0; c < hub_parquet_file_n_columns (file); c++)
    {
      const char *name = hub_parquet_file_column_name (file, c);

      if (g_strv_contains (series_names, name))
        g_ptr_array_add (used, (gpointer) name);
      else
        g_ptr_array_add (unused, (gpointer) name);
    }
  if (!type_is_integer (hub_parquet_file_column_type (file, count_col)))
    {
      g_set_error (error, HUB_INGEST_ERROR, HUB_INGEST_ERROR_WRONG_SHAPE,
                   _("%s: columns of the wrong type: '%s' is %s, expected %s; nothing was imported"),
                   ctx->name, hub_parquet_file_column_name (file, count_col),
                   hub_parquet_file_column_type (file, count_col), kind_description (KIND_COUNT));
      return FALSE;
    }
  if (!type_is_time (hub_parquet_file_column_type (file, date_col)))
    {
      g_set_error (error, HUB_INGEST_ERROR, HUB_INGEST_ERROR_WRONG_SHAPE,
                   _("%s: columns of the wrong type: '%s' is %s, expected %s; nothing was imported"),
                   ctx->name, hub_parquet_file_column_name (file, date_col),
                   hub_parquet_file_column_type (file, date_col), kind_description (KIND_TIME));
      return FALSE;
    }

  note_columns (ctx, file, _("a per-model series of period downloads"), used, lacking, unused);

  return hub_parquet_file_read (file, series_sql, series_names, read_series_row, &read,
                                ctx->cancellable, error);
}

/* ---- the file ---------------------------------------------------------- */

gboolean
hub_import_parquet (HubImportContext  *ctx,
                    const char        *path,
                    GError           **error)
{
  g_autoptr(HubParquetFile) file = NULL;
  gboolean has_id, has_date, has_count, has_org;

  file = hub_parquet_file_open (path, error);
  if (file == NULL)
    return FALSE;

  if (hub_parquet_file_n_rows (file) == 0)
    {
      g_set_error (error, HUB_INGEST_ERROR, HUB_INGEST_ERROR_WRONG_SHAPE,
                   _("%s: the Parquet file holds no rows; nothing was imported"), ctx->name);
      return FALSE;
    }

  has_id = find_any (file, series_id_names) >= 0;
  has_org = hub_parquet_file_find_column (file, "organization") >= 0 &&
            hub_parquet_file_find_column (file, "name") >= 0;
  has_date = find_any (file, series_date_names) >= 0;
  has_count = find_any (file, series_count_names) >= 0;

  /* A row per model and day is a series; a row per model with the fields
   * of an entry (and no day) is a snapshot. */
  if ((has_id || has_org) && has_date && has_count &&
      hub_parquet_file_find_column (file, "tags") < 0 &&
      hub_parquet_file_find_column (file, "createdAt") < 0)
    return import_series (ctx, file, error);

  if (hub_parquet_file_find_column (file, "id") >= 0 ||
      hub_parquet_file_find_column (file, "modelId") >= 0)
    return import_models (ctx, file, error);

  {
    g_autoptr(GPtrArray) names = g_ptr_array_new ();
    g_autofree char *text = NULL;

    for (guint c = 0; c < hub_parquet_file_n_columns (file); c++)
      g_ptr_array_add (names, (gpointer) hub_parquet_file_column_name (file, c));
    text = join_names (names);
    g_set_error (error, HUB_INGEST_ERROR, HUB_INGEST_ERROR_WRONG_SHAPE,
                 _("%s: a Parquet file of unknown shape (columns: %s); expected a models "
                   "snapshot with an 'id' column (as hub-stats' models.parquet) or a series with "
                   "model_id, date and downloads; nothing was imported"), ctx->name, text);
    return FALSE;
  }
}
