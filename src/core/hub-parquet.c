/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-ingest"

#include "config.h"

#include "hub-parquet.h"
#include "hub-model-entry.h"

#include <duckdb.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <time.h>

/* DuckDB's working memory for one file; the rest of the import (SQLite,
 * the parser) is small beside it. */
#define DUCKDB_MEMORY_LIMIT "512MB"
#define DUCKDB_THREADS      "2"
#define PARQUET_MAGIC       "PAR1"

/* How one result column (or a nested child) becomes JSON; built once per
 * result from its logical types. */
typedef struct _Plan Plan;
struct _Plan {
  duckdb_type  type;
  duckdb_type  internal;   /* DECIMAL's storage type, ENUM's index type */
  guint8       scale;      /* DECIMAL */
  char        *name;       /* STRUCT member name */
  char       **dictionary; /* ENUM values */
  guint        n_children;
  Plan        *children;   /* LIST/ARRAY: 1; MAP: key, value; STRUCT: members */
  idx_t        array_size; /* ARRAY */
};

struct _HubParquetFile {
  char               *path;
  char               *name;
  duckdb_database     db;
  duckdb_connection   conn;
  GPtrArray          *column_names;
  GPtrArray          *column_types;
  guint64             n_rows;
};

static void
plan_clear (Plan *plan)
{
  for (guint i = 0; i < plan->n_children; i++)
    plan_clear (&plan->children[i]);
  g_free (plan->children);
  g_free (plan->name);
  g_strfreev (plan->dictionary);
}

static void
plan_init (Plan                *plan,
           duckdb_logical_type  type)
{
  memset (plan, 0, sizeof *plan);
  plan->type = duckdb_get_type_id (type);

  switch (plan->type)
    {
    case DUCKDB_TYPE_DECIMAL:
      plan->internal = duckdb_decimal_internal_type (type);
      plan->scale = duckdb_decimal_scale (type);
      break;
    case DUCKDB_TYPE_ENUM:
      {
        guint32 n = duckdb_enum_dictionary_size (type);

        plan->internal = duckdb_enum_internal_type (type);
        plan->dictionary = g_new0 (char *, n + 1);
        for (guint32 i = 0; i < n; i++)
          {
            char *value = duckdb_enum_dictionary_value (type, i);

            plan->dictionary[i] = g_strdup (value);
            duckdb_free (value);
          }
      }
      break;
    case DUCKDB_TYPE_LIST:
    case DUCKDB_TYPE_ARRAY:
      {
        duckdb_logical_type child = plan->type == DUCKDB_TYPE_LIST
                                    ? duckdb_list_type_child_type (type)
                                    : duckdb_array_type_child_type (type);

        if (plan->type == DUCKDB_TYPE_ARRAY)
          plan->array_size = duckdb_array_type_array_size (type);
        plan->n_children = 1;
        plan->children = g_new0 (Plan, 1);
        plan_init (&plan->children[0], child);
        duckdb_destroy_logical_type (&child);
      }
      break;
    case DUCKDB_TYPE_MAP:
      {
        duckdb_logical_type key = duckdb_map_type_key_type (type);
        duckdb_logical_type value = duckdb_map_type_value_type (type);

        plan->n_children = 2;
        plan->children = g_new0 (Plan, 2);
        plan_init (&plan->children[0], key);
        plan_init (&plan->children[1], value);
        duckdb_destroy_logical_type (&key);
        duckdb_destroy_logical_type (&value);
      }
      break;
    case DUCKDB_TYPE_STRUCT:
      {
        idx_t n = duckdb_struct_type_child_count (type);

        plan->n_children = (guint) n;
        plan->children = g_new0 (Plan, n);
        for (idx_t i = 0; i < n; i++)
          {
            duckdb_logical_type child = duckdb_struct_type_child_type (type, i);
            char *name = duckdb_struct_type_child_name (type, i);

            plan_init (&plan->children[i], child);
            plan->children[i].name = g_strdup (name);
            duckdb_free (name);
            duckdb_destroy_logical_type (&child);
          }
      }
      break;
    default:
      break;
    }
}

static const char *
scalar_type_name (duckdb_type type)
{
  switch (type)
    {
    case DUCKDB_TYPE_BOOLEAN: return "BOOLEAN";
    case DUCKDB_TYPE_TINYINT: return "TINYINT";
    case DUCKDB_TYPE_SMALLINT: return "SMALLINT";
    case DUCKDB_TYPE_INTEGER: return "INTEGER";
    case DUCKDB_TYPE_BIGINT: return "BIGINT";
    case DUCKDB_TYPE_UTINYINT: return "UTINYINT";
    case DUCKDB_TYPE_USMALLINT: return "USMALLINT";
    case DUCKDB_TYPE_UINTEGER: return "UINTEGER";
    case DUCKDB_TYPE_UBIGINT: return "UBIGINT";
    case DUCKDB_TYPE_HUGEINT: return "HUGEINT";
    case DUCKDB_TYPE_UHUGEINT: return "UHUGEINT";
    case DUCKDB_TYPE_FLOAT: return "FLOAT";
    case DUCKDB_TYPE_DOUBLE: return "DOUBLE";
    case DUCKDB_TYPE_DECIMAL: return "DECIMAL";
    case DUCKDB_TYPE_VARCHAR: return "VARCHAR";
    case DUCKDB_TYPE_BLOB: return "BLOB";
    case DUCKDB_TYPE_DATE: return "DATE";
    case DUCKDB_TYPE_TIME: return "TIME";
    case DUCKDB_TYPE_TIMESTAMP: return "TIMESTAMP";
    case DUCKDB_TYPE_TIMESTAMP_S: return "TIMESTAMP_S";
    case DUCKDB_TYPE_TIMESTAMP_MS: return "TIMESTAMP_MS";
    case DUCKDB_TYPE_TIMESTAMP_NS: return "TIMESTAMP_NS";
    case DUCKDB_TYPE_TIMESTAMP_TZ: return "TIMESTAMP WITH TIME ZONE";
    case DUCKDB_TYPE_INTERVAL: return "INTERVAL";
    case DUCKDB_TYPE_UUID: return "UUID";
    case DUCKDB_TYPE_ENUM: return "ENUM";
    case DUCKDB_TYPE_SQLNULL: return "NULL";
    default: return "OTHER";
    }
}

static void
plan_type_name (const Plan *plan,
                GString    *out)
{
  switch (plan->type)
    {
    case DUCKDB_TYPE_LIST:
      plan_type_name (&plan->children[0], out);
      g_string_append (out, "[]");
      break;
    case DUCKDB_TYPE_ARRAY:
      plan_type_name (&plan->children[0], out);
      g_string_append_printf (out, "[%" G_GUINT64_FORMAT "]", (guint64) plan->array_size);
      break;
    case DUCKDB_TYPE_MAP:
      g_string_append (out, "MAP(");
      plan_type_name (&plan->children[0], out);
      g_string_append (out, ", ");
      plan_type_name (&plan->children[1], out);
      g_string_append_c (out, ')');
      break;
    case DUCKDB_TYPE_STRUCT:
      g_string_append (out, "STRUCT(");
      for (guint i = 0; i < plan->n_children; i++)
        {
          g_string_append_printf (out, "%s%s ", i > 0 ? ", " : "", plan->children[i].name);
          plan_type_name (&plan->children[i], out);
        }
      g_string_append_c (out, ')');
      break;
    default:
      g_string_append (out, scalar_type_name (plan->type));
      break;
    }
}

/* json-glib 1.6 has no json_node_take_string(). */
static void
node_take_string (JsonNode *node,
                  char     *text)
{
  json_node_set_string (node, text);
  g_free (text);
}

/* A timestamp in @per_second units since 1970 as ISO 8601 in UTC; null
 * when it is out of the range a date can show. */
static JsonNode *
time_node (gint64 value,
           gint64 per_second)
{
  g_autoptr(GDateTime) dt = NULL;
  gint64 seconds = value / per_second;
  gint64 rest = value % per_second;
  gint64 micros;
  JsonNode *node;

  if (rest < 0)
    {
      seconds--;
      rest += per_second;
    }
  micros = per_second >= G_USEC_PER_SEC ? rest / (per_second / G_USEC_PER_SEC)
                                        : rest * (G_USEC_PER_SEC / per_second);
  dt = g_date_time_new_from_unix_utc (seconds);
  if (dt == NULL)
    return json_node_new (JSON_NODE_NULL);

  node = json_node_new (JSON_NODE_VALUE);
  if (micros == 0)
    node_take_string (node, g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ"));
  else
    {
      g_autofree char *base = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");

      node_take_string (node, g_strdup_printf ("%s.%06" G_GINT64_FORMAT "Z", base, micros));
    }
  return node;
}

static JsonNode *
int_node (gint64 value)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_int (node, value);
  return node;
}

static JsonNode *
double_node (double value)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_double (node, value);
  return node;
}

static JsonNode *
string_node (const char *data,
             gsize       len)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  node_take_string (node, g_strndup (data, len));
  return node;
}

static guint64
enum_index (const Plan *plan,
            const void *data,
            idx_t       row)
{
  switch (plan->internal)
    {
    case DUCKDB_TYPE_UTINYINT: return ((const guint8 *) data)[row];
    case DUCKDB_TYPE_USMALLINT: return ((const guint16 *) data)[row];
    default: return ((const guint32 *) data)[row];
    }
}

static JsonNode *value_node (const Plan *plan, duckdb_vector vector, idx_t row);

static JsonNode *
list_node (const Plan    *plan,
           duckdb_vector  child,
           idx_t          offset,
           idx_t          length)
{
  JsonArray *array = json_array_sized_new ((guint) length);
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (idx_t i = 0; i < length; i++)
    json_array_add_element (array, value_node (&plan->children[0], child, offset + i));
  json_node_take_array (node, array);
  return node;
}

/* A MAP's key as an object member name. */
static char *
key_text (const Plan    *plan,
          duckdb_vector  vector,
          idx_t          row)
{
  g_autoptr(JsonNode) key = value_node (plan, vector, row);

  if (JSON_NODE_HOLDS_VALUE (key))
    {
      if (json_node_get_value_type (key) == G_TYPE_STRING)
        return g_strdup (json_node_get_string (key));
      if (json_node_get_value_type (key) == G_TYPE_INT64)
        return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (key));
    }
  return NULL;
}

static JsonNode *
value_node (const Plan    *plan,
            duckdb_vector  vector,
            idx_t          row)
{
  uint64_t *validity = duckdb_vector_get_validity (vector);
  void *data;

  if (validity != NULL && !duckdb_validity_row_is_valid (validity, row))
    return json_node_new (JSON_NODE_NULL);

  data = duckdb_vector_get_data (vector);

  switch (plan->type)
    {
    case DUCKDB_TYPE_BOOLEAN:
      {
        JsonNode *node = json_node_new (JSON_NODE_VALUE);

        json_node_set_boolean (node, ((const bool *) data)[row]);
        return node;
      }
    case DUCKDB_TYPE_TINYINT: return int_node (((const gint8 *) data)[row]);
    case DUCKDB_TYPE_SMALLINT: return int_node (((const gint16 *) data)[row]);
    case DUCKDB_TYPE_INTEGER: return int_node (((const gint32 *) data)[row]);
    case DUCKDB_TYPE_BIGINT: return int_node (((const gint64 *) data)[row]);
    case DUCKDB_TYPE_UTINYINT: return int_node (((const guint8 *) data)[row]);
    case DUCKDB_TYPE_USMALLINT: return int_node (((const guint16 *) data)[row]);
    case DUCKDB_TYPE_UINTEGER: return int_node (((const guint32 *) data)[row]);
    case DUCKDB_TYPE_UBIGINT:
      {
        guint64 v = ((const guint64 *) data)[row];

        return v <= (guint64) G_MAXINT64 ? int_node ((gint64) v) : double_node ((double) v);
      }
    case DUCKDB_TYPE_HUGEINT:
      return double_node (duckdb_hugeint_to_double (((const duckdb_hugeint *) data)[row]));
    case DUCKDB_TYPE_FLOAT: return double_node (((const float *) data)[row]);
    case DUCKDB_TYPE_DOUBLE: return double_node (((const double *) data)[row]);
    case DUCKDB_TYPE_DECIMAL:
      {
        double v;

        switch (plan->internal)
          {
          case DUCKDB_TYPE_SMALLINT: v = ((const gint16 *) data)[row]; break;
          case DUCKDB_TYPE_INTEGER: v = ((const gint32 *) data)[row]; break;
          case DUCKDB_TYPE_BIGINT: v = (double) ((const gint64 *) data)[row]; break;
          default: v = duckdb_hugeint_to_double (((const duckdb_hugeint *) data)[row]); break;
          }
        return double_node (v / pow (10, plan->scale));
      }
    case DUCKDB_TYPE_VARCHAR:
      {
        duckdb_string_t *s = &((duckdb_string_t *) data)[row];

        return string_node (duckdb_string_t_data (s), duckdb_string_t_length (*s));
      }
    case DUCKDB_TYPE_ENUM:
      {
        guint64 i = enum_index (plan, data, row);

        if (i < g_strv_length (plan->dictionary))
          return string_node (plan->dictionary[i], strlen (plan->dictionary[i]));
        return json_node_new (JSON_NODE_NULL);
      }
    case DUCKDB_TYPE_DATE:
      {
        gint64 days = ((const gint32 *) data)[row];
        g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (days * 86400);
        JsonNode *node;

        if (dt == NULL)
          return json_node_new (JSON_NODE_NULL);
        node = json_node_new (JSON_NODE_VALUE);
        node_take_string (node, g_date_time_format (dt, "%Y-%m-%d"));
        return node;
      }
    case DUCKDB_TYPE_TIMESTAMP:
    case DUCKDB_TYPE_TIMESTAMP_TZ:
      return time_node (((const gint64 *) data)[row], G_USEC_PER_SEC);
    case DUCKDB_TYPE_TIMESTAMP_S:
      return time_node (((const gint64 *) data)[row], 1);
    case DUCKDB_TYPE_TIMESTAMP_MS:
      return time_node (((const gint64 *) data)[row], 1000);
    case DUCKDB_TYPE_TIMESTAMP_NS:
      return time_node (((const gint64 *) data)[row], G_GINT64_CONSTANT (1000000000));
    case DUCKDB_TYPE_LIST:
      {
        const duckdb_list_entry *entry = &((const duckdb_list_entry *) data)[row];

        return list_node (plan, duckdb_list_vector_get_child (vector), entry->offset, entry->length);
      }
    case DUCKDB_TYPE_ARRAY:
      return list_node (plan, duckdb_array_vector_get_child (vector),
                        row * plan->array_size, plan->array_size);
    case DUCKDB_TYPE_MAP:
      {
        const duckdb_list_entry *entry = &((const duckdb_list_entry *) data)[row];
        duckdb_vector pairs = duckdb_list_vector_get_child (vector);
        duckdb_vector keys = duckdb_struct_vector_get_child (pairs, 0);
        duckdb_vector values = duckdb_struct_vector_get_child (pairs, 1);
        JsonObject *object = json_object_new ();
        JsonNode *node = json_node_new (JSON_NODE_OBJECT);

        for (idx_t i = entry->offset; i < entry->offset + entry->length; i++)
          {
            g_autofree char *key = key_text (&plan->children[0], keys, i);

            if (key != NULL)
              json_object_set_member (object, key, value_node (&plan->children[1], values, i));
          }
        json_node_take_object (node, object);
        return node;
      }
    case DUCKDB_TYPE_STRUCT:
      {
        JsonObject *object = json_object_new ();
        JsonNode *node = json_node_new (JSON_NODE_OBJECT);

        for (guint i = 0; i < plan->n_children; i++)
          json_object_set_member (object, plan->children[i].name,
                                  value_node (&plan->children[i],
                                              duckdb_struct_vector_get_child (vector, i), row));
        json_node_take_object (node, object);
        return node;
      }
    default:
      return json_node_new (JSON_NODE_NULL);
    }
}

static duckdb_state
open_database (HubParquetFile  *self,
               GError         **error)
{
  duckdb_config config = NULL;
  char *message = NULL;
  static const char * const settings[][2] = {
    { "memory_limit", DUCKDB_MEMORY_LIMIT },
    { "threads", DUCKDB_THREADS },
    { "autoinstall_known_extensions", "false" },
    { "autoload_known_extensions", "false" },
    { "allow_community_extensions", "false" },
    { "enable_external_file_cache", "false" },
    { "lock_configuration", "true" },
  };
  duckdb_state state;

  if (duckdb_create_config (&config) != DuckDBSuccess)
    {
      g_set_error (error, HUB_INGEST_ERROR, HUB_INGEST_ERROR_UNSUPPORTED,
                   _("%s: DuckDB could not be started"), self->name);
      return DuckDBError;
    }
  for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
    if (duckdb_set_config (config, settings[i][0], settings[i][1]) != DuckDBSuccess)
      g_debug ("DuckDB setting %s not known to this version", settings[i][0]);

  state = duckdb_open_ext (NULL, &self->db, config, &message);
  duckdb_destroy_config (&config);
  if (state != DuckDBSuccess)
    {
      g_set_error (error, HUB_INGEST_ERROR, HUB_INGEST_ERROR_UNSUPPORTED,
                   _("%s: DuckDB could not be started: %s"), self->name,
                   message != NULL ? message : "?");
      duckdb_free (message);
      return DuckDBError;
    }
  if (duckdb_connect (self->db, &self->conn) != DuckDBSuccess)
    {
      g_set_error (error, HUB_INGEST_ERROR, HUB_INGEST_ERROR_UNSUPPORTED,
                   _("%s: DuckDB could not be started"), self->name);
      return DuckDBError;
    }
  return DuckDBSuccess;
}

/* The magic bytes at the start and the end: tells "not Parquet" and "cut
 * short" apart before DuckDB reads anything. */
static gboolean
check_magic (HubParquetFile  *self,
             GError         **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (self->path);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  char head[4] = { 0, }, tail[4] = { 0, };
  gsize n = 0;
  goffset size;

  stream = g_file_read (file, NULL, &local_error);
  if (stream == NULL)
    {
      g_set_error (error, HUB_INGEST_ERROR, HUB_INGEST_ERROR_MALFORMED,
                   _("%s: could not be opened: %s"), self->name, local_error->message);
      return FALSE;
    }
  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, NULL, NULL);
  size = info != NULL ? g_file_info_get_size (info) : 0;

  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), head, 4, &n, NULL, &local_error) ||
      n < 4 || memcmp (head, PARQUET_MAGIC, 4) != 0)
    {
      g_set_error (error, HUB_INGEST_ERROR, HUB_INGEST_ERROR_UNSUPPORTED,
                   _("%s: not a Parquet file (it does not start with “PAR1”)"), self->name);
      return FALSE;
    }

  if (size < 12 ||
      !g_seekable_seek (G_SEEKABLE (stream), -4, G_SEEK_END, NULL, NULL) ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), tail, 4, &n, NULL, NULL) ||
      n < 4 || memcmp (tail, PARQUET_MAGIC, 4) != 0)
    {
      g_set_error (error, HUB_INGEST_ERROR, HUB_INGEST_ERROR_MALFORMED,
                   _("%s: the Parquet file is cut short (it has no footer: an interrupted "
                     "download or copy?); nothing was imported"), self->name);
      return FALSE;
    }

  return TRUE;
}

static void
set_duckdb_error (HubParquetFile  *self,
                  const char      *message,
                  GError         **error)
{
  g_set_error (error, HUB_INGEST_ERROR, HUB_INGEST_ERROR_MALFORMED,
               _("%s: DuckDB could not read it as Parquet: %s"), self->name,
               message != NULL ? message : "?");
}

/* Prepares @sql with the file's path bound as ?1. */
static gboolean
prepare (HubParquetFile            *self,
         const char                *sql,
         duckdb_prepared_statement *out,
         GError                   **error)
{
  if (duckdb_prepare (self->conn, sql, out) != DuckDBSuccess)
    {
      set_duckdb_error (self, duckdb_prepare_error (*out), error);
      duckdb_destroy_prepare (out);
      return FALSE;
    }
  if (duckdb_bind_varchar (*out, 1, self->path) != DuckDBSuccess)
    {
      set_duckdb_error (self, "cannot bind the path", error);
      duckdb_destroy_prepare (out);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_schema (HubParquetFile  *self,
             GError         **error)
{
  duckdb_prepared_statement stmt = NULL;
  duckdb_result result;
  gboolean ok = TRUE;

  /* The columns are known once the path is bound: run it with no rows. */
  if (!prepare (self, "SELECT * FROM read_parquet(?1) LIMIT 0", &stmt, error))
    return FALSE;
  if (duckdb_execute_prepared (stmt, &result) != DuckDBSuccess)
    {
      set_duckdb_error (self, duckdb_result_error (&result), error);
      duckdb_destroy_result (&result);
      duckdb_destroy_prepare (&stmt);
      return FALSE;
    }
  for (idx_t i = 0; i < duckdb_column_count (&result); i++)
    {
      duckdb_logical_type type = duckdb_column_logical_type (&result, i);
      g_autoptr(GString) text = g_string_new (NULL);
      Plan plan;

      plan_init (&plan, type);
      plan_type_name (&plan, text);
      plan_clear (&plan);
      duckdb_destroy_logical_type (&type);
      g_ptr_array_add (self->column_names, g_strdup (duckdb_column_name (&result, i)));
      g_ptr_array_add (self->column_types, g_string_free (g_steal_pointer (&text), FALSE));
    }
  duckdb_destroy_result (&result);
  duckdb_destroy_prepare (&stmt);

  /* The row count comes from the footer's metadata: no data is read. */
  if (!prepare (self, "SELECT count(*) FROM read_parquet(?1)", &stmt, error))
    return FALSE;
  if (duckdb_execute_prepared (stmt, &result) != DuckDBSuccess)
    {
      set_duckdb_error (self, duckdb_result_error (&result), error);
      ok = FALSE;
    }
  else
    self->n_rows = (guint64) duckdb_value_int64 (&result, 0, 0);
  duckdb_destroy_result (&result);
  duckdb_destroy_prepare (&stmt);
  return ok;
}

HubParquetFile *
hub_parquet_file_open (const char  *path,
                       GError     **error)
{
  g_autoptr(HubParquetFile) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (HubParquetFile, 1);
  self->path = g_strdup (path);
  self->name = g_path_get_basename (path);
  self->column_names = g_ptr_array_new_with_free_func (g_free);
  self->column_types = g_ptr_array_new_with_free_func (g_free);

  /* DuckDB would expand these as a glob over several files. */
  if (strpbrk (self->name, "*?[{") != NULL)
    {
      g_set_error (error, HUB_INGEST_ERROR, HUB_INGEST_ERROR_UNSUPPORTED,
                   _("%s: a Parquet file name may not contain * ? [ or {; rename the file"),
                   self->name);
      return NULL;
    }

  if (!check_magic (self, error) ||
      open_database (self, error) != DuckDBSuccess ||
      !read_schema (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

void
hub_parquet_file_free (HubParquetFile *self)
{
  if (self == NULL)
    return;

  if (self->conn != NULL)
    duckdb_disconnect (&self->conn);
  if (self->db != NULL)
    duckdb_close (&self->db);
  g_ptr_array_unref (self->column_names);
  g_ptr_array_unref (self->column_types);
  g_free (self->path);
  g_free (self->name);
  g_free (self);
}

guint
hub_parquet_file_n_columns (HubParquetFile *self)
{
  return self->column_names->len;
}

const char *
hub_parquet_file_column_name (HubParquetFile *self,
                              guint           column)
{
  g_return_val_if_fail (column < self->column_names->len, NULL);
  return g_ptr_array_index (self->column_names, column);
}

const char *
hub_parquet_file_column_type (HubParquetFile *self,
                              guint           column)
{
  g_return_val_if_fail (column < self->column_types->len, NULL);
  return g_ptr_array_index (self->column_types, column);
}

int
hub_parquet_file_find_column (HubParquetFile *self,
                              const char     *name)
{
  for (guint i = 0; i < self->column_names->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (self->column_names, i), name) == 0)
      return (int) i;
  return -1;
}

guint64
hub_parquet_file_n_rows (HubParquetFile *self)
{
  return self->n_rows;
}

gboolean
hub_parquet_file_read (HubParquetFile     *self,
                       const char         *select_sql,
                       const char * const *names_as,
                       HubParquetRowFunc   func,
                       gpointer           user_data,
                       GCancellable      *cancellable,
                       GError           **error)
{
  duckdb_prepared_statement stmt = NULL;
  duckdb_pending_result pending = NULL;
  duckdb_result result;
  g_autofree Plan *plans = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  gboolean ok = TRUE;
  idx_t n_columns;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (select_sql != NULL, FALSE);

  if (!prepare (self, select_sql, &stmt, error))
    return FALSE;

  if (duckdb_pending_prepared_streaming (stmt, &pending) != DuckDBSuccess)
    {
      set_duckdb_error (self, duckdb_pending_error (pending), error);
      duckdb_destroy_pending (&pending);
      duckdb_destroy_prepare (&stmt);
      return FALSE;
    }
  if (duckdb_execute_pending (pending, &result) != DuckDBSuccess)
    {
      set_duckdb_error (self, duckdb_result_error (&result), error);
      duckdb_destroy_result (&result);
      duckdb_destroy_pending (&pending);
      duckdb_destroy_prepare (&stmt);
      return FALSE;
    }

  n_columns = duckdb_column_count (&result);
  plans = g_new0 (Plan, n_columns);
  for (idx_t c = 0; c < n_columns; c++)
    {
      duckdb_logical_type type = duckdb_column_logical_type (&result, c);

      const char *name = duckdb_column_name (&result, c);

      plan_init (&plans[c], type);
      duckdb_destroy_logical_type (&type);
      for (guint i = 0; names_as != NULL && names_as[i] != NULL; i++)
        if (g_ascii_strcasecmp (names_as[i], name) == 0)
          name = names_as[i];
      g_ptr_array_add (names, g_strdup (name));
    }

  while (ok)
    {
      duckdb_data_chunk chunk = duckdb_fetch_chunk (result);
      idx_t size;

      if (chunk == NULL)
        {
          const char *message = duckdb_result_error (&result);

          if (message != NULL)
            {
              set_duckdb_error (self, message, error);
              ok = FALSE;
            }
          break;
        }

      size = duckdb_data_chunk_get_size (chunk);
      for (idx_t r = 0; r < size && ok; r++)
        {
          g_autoptr(JsonObject) row = json_object_new ();

          for (idx_t c = 0; c < n_columns; c++)
            json_object_set_member (row, g_ptr_array_index (names, c),
                                    value_node (&plans[c], duckdb_data_chunk_get_vector (chunk, c), r));
          ok = func (row, user_data, error);
        }
      duckdb_destroy_data_chunk (&chunk);

      if (ok && g_cancellable_set_error_if_cancelled (cancellable, error))
        ok = FALSE;
    }

  for (idx_t c = 0; c < n_columns; c++)
    plan_clear (&plans[c]);
  duckdb_destroy_result (&result);
  duckdb_destroy_pending (&pending);
  duckdb_destroy_prepare (&stmt);
  return ok;
}
