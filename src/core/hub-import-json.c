/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The JSON formats: an /api/models page or one object, JSONL, the daily
 * top-300 lists, the trending captures and the taxonomy files. */
#define G_LOG_DOMAIN "hubeco-ingest"

#include "config.h"

#include "hub-import-private.h"
#include "hub-input-limits.h"
#include "hub-model-entry-private.h"

#include <glib/gi18n.h>
#include <string.h>

static gboolean
import_daily_top (HubImportContext  *ctx,
                  JsonObject        *root,
                  GError           **error)
{
  JsonNode *models = json_object_get_member (root, "models");
  const char *when = NULL;
  JsonArray *array;
  gint64 captured_at = HUB_TIME_NONE;
  gint64 snapshot_id;
  gboolean skip = FALSE;
  guint n;

  if (models == NULL || !JSON_NODE_HOLDS_ARRAY (models))
    {
      g_set_error (error, HUB_INGEST_ERROR, HUB_INGEST_ERROR_WRONG_SHAPE,
                   _("%s: field 'models': expected an array of models"), ctx->name);
      return FALSE;
    }

  /* When it was fetched; the day alone will do. */
  if (json_object_has_member (root, "fetched_at"))
    when = json_object_get_string_member_with_default (root, "fetched_at", NULL);
  captured_at = hub_time_parse_iso8601 (when);
  if (captured_at == HUB_TIME_NONE && json_object_has_member (root, "date"))
    captured_at = hub_time_parse_iso8601 (json_object_get_string_member_with_default (root, "date", NULL));
  if (captured_at == HUB_TIME_NONE)
    {
      g_set_error (error, HUB_INGEST_ERROR, HUB_INGEST_ERROR_WRONG_SHAPE,
                   _("%s: field 'fetched_at': missing or not an ISO 8601 date"), ctx->name);
      return FALSE;
    }

  snapshot_id = hub_import_context_snapshot (ctx, HUB_SERIES_DAILY_TOP, captured_at, FALSE,
                                             &skip, error);
  if (skip)
    return TRUE;
  if (snapshot_id == 0)
    return FALSE;

  array = json_node_get_array (models);
  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *where = g_strdup_printf (":models[%u]", i);
      g_autoptr(HubModelEntry) entry = NULL;

      entry = hub_import_context_parse_entry (ctx, json_array_get_element (array, i), where);
      if (entry == NULL)
        continue;

      if (!hub_import_context_upsert (ctx, entry, error) ||
          !hub_import_context_snapshot_add (ctx, snapshot_id, entry->id, entry->downloads,
                                            entry->downloads_all_time, entry->likes,
                                            entry->trending_score, i + 1, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
hub_import_json_document (HubImportContext  *ctx,
                          GInputStream      *stream,
                          HubImportFormat    format,
                          GError           **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  HubImportDump state = HUB_IMPORT_DUMP_INIT;
  JsonNode *root;

  /* A JSON document is read whole before anything is stored: a malformed
   * one stores nothing. Whole means in memory, hence a cap on its size. */
  bytes = hub_read_all_capped (stream, hub_input_limits_get_document_bytes (), ctx->cancellable,
                               &local_error);
  if (bytes == NULL && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE))
    {
      g_set_error (error, HUB_INGEST_ERROR, HUB_INGEST_ERROR_UNSUPPORTED,
                   _("%s: a JSON document %s is not read (it would be held in memory whole); "
                     "convert it to JSONL, one entry a line, which is read as a stream; "
                     "nothing was imported"), ctx->name, local_error->message);
      return FALSE;
    }
  if (bytes == NULL ||
      !hub_json_load_bounded (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                              &local_error))
    {
      if (local_error->domain == JSON_PARSER_ERROR)
        {
          g_set_error (error, HUB_INGEST_ERROR, HUB_INGEST_ERROR_MALFORMED,
                       _("%s: not valid JSON (%s); nothing was imported"),
                       ctx->name, local_error->message);
          return FALSE;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  root = json_parser_get_root (parser);

  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root) &&
      (format == HUB_IMPORT_FORMAT_DAILY_TOP ||
       (json_object_has_member (json_node_get_object (root), "models") &&
        json_object_has_member (json_node_get_object (root), "fetched_at"))))
    return import_daily_top (ctx, json_node_get_object (root), error);

  if (format == HUB_IMPORT_FORMAT_DAILY_TOP || root == NULL ||
      !(JSON_NODE_HOLDS_ARRAY (root) || JSON_NODE_HOLDS_OBJECT (root)))
    {
      g_set_error (error, HUB_INGEST_ERROR, HUB_INGEST_ERROR_WRONG_SHAPE,
                   format == HUB_IMPORT_FORMAT_DAILY_TOP
                   ? _("%s: expected an object with 'fetched_at' and 'models'")
                   : _("%s: expected an array of models or one model object"),
                   ctx->name);
      return FALSE;
    }

  if (JSON_NODE_HOLDS_OBJECT (root))
    {
      g_autoptr(HubModelEntry) entry = hub_import_context_parse_entry (ctx, root, "");

      return entry == NULL || hub_import_context_store_entry (ctx, &state, ctx->captured_at, entry, error);
    }

  {
    JsonArray *array = json_node_get_array (root);
    guint n = json_array_get_length (array);

    for (guint i = 0; i < n && !state.skip; i++)
      {
        g_autofree char *where = g_strdup_printf ("[%u]", i);
        g_autoptr(HubModelEntry) entry = NULL;

        entry = hub_import_context_parse_entry (ctx, json_array_get_element (array, i), where);
        if (entry != NULL && !hub_import_context_store_entry (ctx, &state, ctx->captured_at, entry, error))
          return FALSE;
      }
  }

  return TRUE;
}

/* Reads the next non-blank line; NULL at the end or with @error. A line
 * longer than the cap is rejected (counted in @n_rejected) and skipped.
 * @out_unterminated: whether the file ended inside the line. */
static char *
next_line (HubImportContext  *ctx,
           GDataInputStream  *stream,
           guint             *line_no,
           gsize             *out_len,
           gboolean          *out_unterminated,
           guint             *n_rejected,
           GError           **error)
{
  gboolean too_long = FALSE;
  char *line;

  while ((line = hub_read_line_capped (stream, hub_input_limits_get_line_bytes (), out_len,
                                       &too_long, out_unterminated, ctx->cancellable, error)) != NULL)
    {
      (*line_no)++;
      if (too_long)
        {
          g_autofree char *where = g_strdup_printf (":%u", *line_no);
          g_autofree char *message = g_strdup_printf (_("line longer than %zu MB, skipped"),
                                                      (size_t) (hub_input_limits_get_line_bytes () / (1024 * 1024)));

          hub_import_context_reject (ctx, where, message);
          (*n_rejected)++;
          g_free (line);
          continue;
        }
      for (const char *p = line; *p != '\0'; p++)
        if (!g_ascii_isspace (*p))
          return line;
      g_free (line);
    }

  return NULL;
}

/* Why a JSONL line could not be parsed: a last line that the file ends
 * inside is a file cut short, not a bad record. */
static char *
line_error_message (const GError *parse_error,
                    gboolean      unterminated)
{
  if (unterminated)
    return g_strdup (_("the file ends in the middle of this line: it was cut short "
                       "(the lines before it were read)"));
  return g_strdup_printf (_("not valid JSON (%s)"), parse_error->message);
}

/* Parses one JSONL line; on a syntax error the line is reported and
 * rejected (NULL). */
static JsonNode *
parse_line (HubImportContext *ctx,
            JsonParser       *parser,
            const char       *line,
            gsize             len,
            gboolean          unterminated,
            const char       *where)
{
  g_autoptr(GError) error = NULL;

  if (!hub_json_load_bounded (parser, line, len, &error))
    {
      g_autofree char *message = line_error_message (error, unterminated);

      hub_import_context_reject (ctx, where, message);
      ctx->report->models_rejected++;
      return NULL;
    }

  return json_parser_get_root (parser);
}

gboolean
hub_import_jsonl (HubImportContext  *ctx,
                  GDataInputStream  *stream,
                  GError           **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  GError *local_error = NULL;
  HubImportDump state = HUB_IMPORT_DUMP_INIT;
  guint line_no = 0;
  gboolean unterminated = FALSE;
  gsize len;
  char *line;

  while (!state.skip &&
         (line = next_line (ctx, stream, &line_no, &len, &unterminated, &ctx->report->models_rejected,
                            &local_error)) != NULL)
    {
      g_autofree char *owned = line;
      g_autofree char *where = g_strdup_printf (":%u", line_no);
      g_autoptr(HubModelEntry) entry = NULL;
      JsonNode *root;

      if ((root = parse_line (ctx, parser, line, len, unterminated, where)) == NULL)
        continue;

      entry = hub_import_context_parse_entry (ctx, root, where);
      if (entry != NULL && !hub_import_context_store_entry (ctx, &state, ctx->captured_at, entry, error))
        return FALSE;
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  return TRUE;
}

gboolean
hub_import_trending_captures (HubImportContext  *ctx,
                              GDataInputStream  *stream,
                              GError           **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  GError *local_error = NULL;
  guint line_no = 0;
  gboolean unterminated = FALSE;
  gsize len;
  char *line;

  while ((line = next_line (ctx, stream, &line_no, &len, &unterminated, &ctx->report->models_rejected,
                            &local_error)) != NULL)
    {
      g_autofree char *owned = line;
      g_autofree char *where = g_strdup_printf (":%u", line_no);
      g_autoptr(HubModelEntry) entry = NULL;
      JsonObject *obj;
      JsonNode *root;
      const char *when = NULL;
      gint64 captured_at, snapshot_id, rank, params;
      gboolean skip = FALSE;

      if ((root = parse_line (ctx, parser, line, len, unterminated, where)) == NULL)
        continue;

      if (JSON_NODE_HOLDS_OBJECT (root))
        {
          obj = json_node_get_object (root);
          if (json_object_has_member (obj, "captured_utc"))
            when = json_object_get_string_member_with_default (obj, "captured_utc", NULL);
          captured_at = hub_time_parse_iso8601 (when);
          if (captured_at == HUB_TIME_NONE)
            {
              hub_import_context_reject (ctx, where,
                                         _("field 'captured_utc': missing or not an ISO 8601 date"));
              ctx->report->models_rejected++;
              continue;
            }
        }
      else
        {
          obj = NULL;
          captured_at = HUB_TIME_NONE;
        }

      entry = hub_import_context_parse_entry (ctx, root, where);
      if (entry == NULL)
        continue;

      snapshot_id = hub_import_context_snapshot (ctx, HUB_SERIES_TRENDING, captured_at, FALSE,
                                                 &skip, error);
      if (skip)
        continue;
      if (snapshot_id == 0)
        return FALSE;

      /* /api/trending's numParameters is the safetensors count. */
      rank = hub_model_entry_count_from_json (json_object_get_member (obj, "rank"), "rank",
                                              ctx->warnings);
      params = hub_model_entry_count_from_json (json_object_get_member (obj, "numParameters"),
                                                "numParameters", ctx->warnings);
      hub_import_context_flush_warnings (ctx, where);
      if (params != HUB_COUNT_NONE && entry->parameters == HUB_COUNT_NONE)
        {
          entry->parameters = params;
          entry->parameters_source = HUB_PARAM_SOURCE_SAFETENSORS;
        }

      if (!hub_import_context_upsert (ctx, entry, error) ||
          !hub_import_context_snapshot_add (ctx, snapshot_id, entry->id, entry->downloads,
                                            entry->downloads_all_time, entry->likes,
                                            entry->trending_score, rank, error))
        return FALSE;
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  return TRUE;
}

/* Loads a taxonomy file and returns its @member array. */
static JsonArray *
load_taxonomy (HubImportContext  *ctx,
               JsonParser        *parser,
               GInputStream      *stream,
               const char        *member,
               GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonNode *root, *node;

  if (!json_parser_load_from_stream (parser, stream, ctx->cancellable, &local_error))
    {
      g_set_error (error, HUB_INGEST_ERROR, HUB_INGEST_ERROR_MALFORMED,
                   _("%s: not valid JSON (%s)"), ctx->name, local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  node = root != NULL && JSON_NODE_HOLDS_OBJECT (root)
         ? json_object_get_member (json_node_get_object (root), member) : NULL;
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, HUB_INGEST_ERROR, HUB_INGEST_ERROR_WRONG_SHAPE,
                   _("%s: field '%s': expected an array"), ctx->name, member);
      return NULL;
    }

  return json_node_get_array (node);
}

static const char *
string_or_null (JsonObject *obj,
                const char *member)
{
  JsonNode *node = json_object_get_member (obj, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

gboolean
hub_import_pipelines (HubImportContext  *ctx,
                      GInputStream      *stream,
                      GError           **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonArray *tasks = load_taxonomy (ctx, parser, stream, "pipelines", error);
  guint n;

  if (tasks == NULL)
    return FALSE;

  n = json_array_get_length (tasks);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (tasks, i);
      JsonObject *task = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *id = task != NULL ? string_or_null (task, "id") : NULL;

      if (id == NULL)
        {
          g_autofree char *where = g_strdup_printf (":pipelines[%u]", i);

          hub_import_context_reject (ctx, where, _("field 'id': missing"));
          ctx->report->rows_rejected++;
          continue;
        }

      if (!hub_import_context_step (ctx, error) ||
          !hub_store_upsert_task (ctx->store, id, string_or_null (task, "name"),
                                  string_or_null (task, "modality"), error))
        return FALSE;
      ctx->report->tasks_written++;
    }

  return TRUE;
}

/* Rules the Hub applies server-side, absent from the npm taxonomy (see the
 * Hub docs, "Models Download Stats"). */
static const struct {
  const char *key;
  const char *label;
  const char *rule;
} server_side_rules[] = {
  { "diffusers", "Diffusers",
    "path in (model_index.json) or top-level path matches (*.safetensors, *.ckpt, *.bin)" },
  { "gguf", "GGUF", "path matches *.gguf (every GGUF file counts)" },
};

gboolean
hub_import_libraries (HubImportContext  *ctx,
                      GInputStream      *stream,
                      GError           **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GString) default_rule = g_string_new ("path in (");
  JsonArray *libraries = load_taxonomy (ctx, parser, stream, "libraries", error);
  gboolean seen[G_N_ELEMENTS (server_side_rules)] = { FALSE, };
  JsonNode *defaults;
  guint n;

  if (libraries == NULL)
    return FALSE;

  /* Libraries without a rule count downloads of the default files. */
  defaults = json_object_get_member (json_node_get_object (json_parser_get_root (parser)),
                                     "default_countDownloads_files");
  if (defaults != NULL && JSON_NODE_HOLDS_ARRAY (defaults))
    {
      JsonArray *files = json_node_get_array (defaults);

      for (guint i = 0; i < json_array_get_length (files); i++)
        {
          JsonNode *file = json_array_get_element (files, i);

          if (JSON_NODE_HOLDS_VALUE (file) && json_node_get_value_type (file) == G_TYPE_STRING)
            g_string_append_printf (default_rule, "%s%s", i > 0 ? ", " : "",
                                    json_node_get_string (file));
        }
    }
  else
    g_string_append (default_rule, "config.json");
  g_string_append_c (default_rule, ')');

  n = json_array_get_length (libraries);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (libraries, i);
      JsonObject *lib = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *key = lib != NULL ? string_or_null (lib, "key") : NULL;
      const char *rule;
      guint k;

      if (key == NULL)
        {
          g_autofree char *where = g_strdup_printf (":libraries[%u]", i);

          hub_import_context_reject (ctx, where, _("field 'key': missing"));
          ctx->report->rows_rejected++;
          continue;
        }

      rule = string_or_null (lib, "countDownloads");
      for (k = 0; k < G_N_ELEMENTS (server_side_rules); k++)
        if (strcmp (key, server_side_rules[k].key) == 0)
          {
            seen[k] = TRUE;
            if (rule == NULL)
              rule = server_side_rules[k].rule;
          }

      if (!hub_import_context_step (ctx, error) ||
          !hub_store_upsert_library (ctx->store, key, string_or_null (lib, "prettyLabel"),
                                     string_or_null (lib, "repoUrl"),
                                     string_or_null (lib, "docsUrl"),
                                     rule != NULL ? rule : default_rule->str, error))
        return FALSE;
      ctx->report->libraries_written++;
    }

  /* Libraries the taxonomy does not list (library_name "gguf"). */
  for (guint k = 0; k < G_N_ELEMENTS (server_side_rules); k++)
    if (!seen[k])
      {
        if (!hub_import_context_step (ctx, error) ||
            !hub_store_upsert_library (ctx->store, server_side_rules[k].key,
                                       server_side_rules[k].label, NULL, NULL,
                                       server_side_rules[k].rule, error))
          return FALSE;
        ctx->report->libraries_written++;
      }

  return TRUE;
}

/* A member of a period-downloads row as text: strings as they are, numbers
 * printed; NULL when absent or null. Other types give "?", so that the row
 * is rejected as "not a number". */
static char *
period_member (JsonObject *obj,
               const char *name)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node))
    switch (json_node_get_value_type (node))
      {
      case G_TYPE_STRING:
        return g_strdup (json_node_get_string (node));
      case G_TYPE_INT64:
        return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      case G_TYPE_DOUBLE:
        {
          double d = json_node_get_double (node);
          char buf[G_ASCII_DTOSTR_BUF_SIZE];

          if (d == (double) (gint64) d && d > -9.2e18 && d < 9.2e18)
            return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) d);
          return g_strdup (g_ascii_dtostr (buf, sizeof buf, d));
        }
      default:
        break;
      }
  /* true, an object, an array: the value is not a number or a text. */
  return g_strdup ("?");
}

/**
 * hub_import_period_jsonl:
 * Period downloads as JSONL: one object a line with the members of the
 * CSV columns (see hub-import.h).
 */
gboolean
hub_import_period_jsonl (HubImportContext  *ctx,
                         GDataInputStream  *stream,
                         GError           **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GHashTable) unknown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GError *local_error = NULL;
  guint line_no = 0;
  gboolean unterminated = FALSE;
  gsize len;
  char *line;

  while ((line = next_line (ctx, stream, &line_no, &len, &unterminated, &ctx->report->rows_rejected,
                            &local_error)) != NULL)
    {
      g_autofree char *owned = line;
      g_autofree char *where = g_strdup_printf (":%u", line_no);
      g_autoptr(GError) parse_error = NULL;
      g_autofree char *id = NULL;
      g_autofree char *date = NULL;
      g_autofree char *downloads = NULL;
      g_autofree char *repo_type = NULL;
      JsonObject *obj;
      JsonNode *root;
      gint64 shift = 0;

      if (!hub_json_load_bounded (parser, line, len, &parse_error))
        {
          g_autofree char *message = line_error_message (parse_error, unterminated);

          hub_import_context_reject (ctx, where, message);
          ctx->report->rows_rejected++;
          continue;
        }
      root = json_parser_get_root (parser);
      if (!JSON_NODE_HOLDS_OBJECT (root))
        {
          hub_import_context_reject (ctx, where, _("expected an object"));
          ctx->report->rows_rejected++;
          continue;
        }
      obj = json_node_get_object (root);

      repo_type = period_member (obj, "repo_type");
      if (json_object_has_member (obj, "repo_type") && g_strcmp0 (repo_type, "model") != 0)
        {
          ctx->report->rows_skipped++;
          continue;
        }

      id = period_member (obj, "model_id");
      if (id == NULL)
        id = period_member (obj, "id");
      if (id == NULL)
        {
          g_autofree char *org = period_member (obj, "organization");
          g_autofree char *name = period_member (obj, "name");

          if (org != NULL && name != NULL)
            id = g_strconcat (org, "/", name, NULL);
        }
      date = period_member (obj, "date");
      if (date == NULL)
        date = period_member (obj, "period_start");
      downloads = period_member (obj, "downloads");
      if (downloads == NULL && (downloads = period_member (obj, "downloads_30d")) != NULL)
        shift = 30 * (gint64) 86400;

      if (!hub_import_context_period_add (ctx, where, id, date, downloads, shift, unknown, error))
        return FALSE;
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  return TRUE;
}
