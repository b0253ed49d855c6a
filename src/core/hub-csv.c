/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-ingest"

#include "config.h"

#include "hub-csv.h"
#include "hub-input-limits.h"
#include "hub-model-entry.h"

#include <string.h>

/* A quoted field longer than this is taken for an unclosed quote. */
#define MAX_RECORD_BYTES (1024 * 1024)

struct _HubCsvReader
{
  GDataInputStream *data;
  guint             line;
};

HubCsvReader *
hub_csv_reader_new (GInputStream *stream)
{
  HubCsvReader *reader;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);

  reader = g_new0 (HubCsvReader, 1);
  if (G_IS_DATA_INPUT_STREAM (stream))
    reader->data = g_object_ref (G_DATA_INPUT_STREAM (stream));
  else
    reader->data = g_data_input_stream_new (stream);
  g_data_input_stream_set_newline_type (reader->data, G_DATA_STREAM_NEWLINE_TYPE_LF);

  return reader;
}

void
hub_csv_reader_free (HubCsvReader *reader)
{
  if (reader == NULL)
    return;

  g_clear_object (&reader->data);
  g_free (reader);
}

/* Reads one physical line without its LF or CRLF; NULL at the end. A line
 * longer than a record may be is skipped, with an error. */
static char *
read_line (HubCsvReader  *reader,
           GCancellable  *cancellable,
           GError       **error)
{
  gboolean too_long = FALSE;
  gsize len = 0;
  char *line = hub_read_line_capped (reader->data, MAX_RECORD_BYTES, &len, &too_long,
                                     NULL, cancellable, error);

  if (line == NULL)
    return NULL;

  reader->line++;
  if (too_long)
    {
      g_free (line);
      g_set_error (error, HUB_INGEST_ERROR, HUB_INGEST_ERROR_MALFORMED,
                   "line %u is longer than %u MB", reader->line, MAX_RECORD_BYTES / (1024 * 1024));
      return NULL;
    }

  return line;
}

GStrv
hub_csv_reader_next (HubCsvReader  *reader,
                     guint         *out_line,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GStrvBuilder) fields = NULL;
  g_autoptr(GString) field = NULL;
  g_autofree char *line = NULL;
  GError *local_error = NULL;
  guint start_line;
  const char *p;

  g_return_val_if_fail (reader != NULL, NULL);

  /* Skip blank lines. */
  do
    {
      g_free (line);
      line = read_line (reader, cancellable, &local_error);
      if (line == NULL)
        {
          if (local_error != NULL)
            g_propagate_error (error, local_error);
          return NULL;
        }
    }
  while (line[0] == '\0');

  start_line = reader->line;
  if (out_line != NULL)
    *out_line = start_line;

  fields = g_strv_builder_new ();
  field = g_string_new (NULL);
  p = line;

  for (;;)
    {
      if (*p == '"')
        {
          /* A quoted field, possibly over several lines. */
          p++;
          for (;;)
            {
              const char *quote = strchr (p, '"');

              if (quote == NULL)
                {
                  g_string_append (field, p);
                  g_string_append_c (field, '\n');
                  g_free (line);
                  line = read_line (reader, cancellable, &local_error);
                  if (line == NULL)
                    {
                      if (local_error != NULL)
                        g_propagate_error (error, local_error);
                      else
                        g_set_error (error, HUB_INGEST_ERROR, HUB_INGEST_ERROR_MALFORMED,
                                     "a quoted field opened on line %u is never closed",
                                     start_line);
                      return NULL;
                    }
                  if (field->len > MAX_RECORD_BYTES)
                    {
                      g_set_error (error, HUB_INGEST_ERROR, HUB_INGEST_ERROR_MALFORMED,
                                   "a quoted field opened on line %u is never closed",
                                   start_line);
                      return NULL;
                    }
                  p = line;
                  continue;
                }

              g_string_append_len (field, p, quote - p);
              if (quote[1] == '"')
                {
                  g_string_append_c (field, '"');
                  p = quote + 2;
                  continue;
                }

              p = quote + 1;
              break;
            }

          if (*p != ',' && *p != '\0')
            {
              g_set_error (error, HUB_INGEST_ERROR, HUB_INGEST_ERROR_MALFORMED,
                           "text after a closing quote on line %u", reader->line);
              return NULL;
            }
        }
      else
        {
          const char *comma = strchr (p, ',');
          gsize len = comma != NULL ? (gsize) (comma - p) : strlen (p);

          if (memchr (p, '"', len) != NULL)
            {
              g_set_error (error, HUB_INGEST_ERROR, HUB_INGEST_ERROR_MALFORMED,
                           "a quote inside an unquoted field on line %u", reader->line);
              return NULL;
            }
          g_string_append_len (field, p, len);
          p += len;
        }

      g_strv_builder_add (fields, field->str);
      g_string_truncate (field, 0);

      if (*p == '\0')
        break;
      p++;  /* the comma */
    }

  return g_strv_builder_end (fields);
}
