/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-core"

#include "config.h"

#include "hub-table-writer.h"
#include "hub-format.h"
#include "hub-types.h"

#include <math.h>
#include <string.h>

/* Text wider than this is cut in the table (CSV/JSON keep it whole). */
#define TABLE_MAX_TEXT_WIDTH 60
/* What the table shows for an unknown value. */
#define TABLE_UNKNOWN "—"

static const char * const format_names[] = {
  [HUB_TABLE_FORMAT_TABLE] = "table",
  [HUB_TABLE_FORMAT_CSV]   = "csv",
  [HUB_TABLE_FORMAT_JSON]  = "json",
};

struct _HubTableWriter
{
  FILE               *out;
  HubTableFormat        format;
  const HubTableColumn *columns;
  guint               n_columns;
  guint               column;      /* next column of the current row */
  guint64             n_rows;
  GString            *line;        /* CSV/JSON: the row being built */
  GPtrArray          *cells;       /* table: char* per cell, row after row */
};

const char *
hub_table_format_to_string (HubTableFormat format)
{
  g_return_val_if_fail (format <= HUB_TABLE_FORMAT_JSON, NULL);
  return format_names[format];
}

gboolean
hub_table_format_from_string (const char   *str,
                            HubTableFormat *out_format)
{
  if (str == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (g_ascii_strcasecmp (str, format_names[i]) == 0)
      {
        if (out_format != NULL)
          *out_format = i;
        return TRUE;
      }
  return FALSE;
}

const char *
hub_table_format_valid_values (void)
{
  return "table, csv, json";
}

/**
 * hub_table_writer_new:
 * Returns: (transfer full): a writer printing @columns to @out in @format
 */
HubTableWriter *
hub_table_writer_new (FILE               *out,
                    HubTableFormat        format,
                    const HubTableColumn *columns,
                    guint               n_columns)
{
  HubTableWriter *self;

  g_return_val_if_fail (out != NULL, NULL);
  g_return_val_if_fail (columns != NULL && n_columns > 0, NULL);

  self = g_new0 (HubTableWriter, 1);
  self->out = out;
  self->format = format;
  self->columns = columns;
  self->n_columns = n_columns;
  self->line = g_string_new (NULL);
  if (format == HUB_TABLE_FORMAT_TABLE)
    self->cells = g_ptr_array_new_with_free_func (g_free);

  if (format == HUB_TABLE_FORMAT_CSV)
    {
      for (guint i = 0; i < n_columns; i++)
        {
          if (i > 0)
            fputc (',', out);
          fputs (columns[i].name, out);
        }
      fputc ('\n', out);
    }
  else if (format == HUB_TABLE_FORMAT_JSON)
    fputc ('[', out);

  return self;
}

void
hub_table_writer_free (HubTableWriter *self)
{
  if (self == NULL)
    return;
  g_string_free (self->line, TRUE);
  g_clear_pointer (&self->cells, g_ptr_array_unref);
  g_free (self);
}

static void
csv_append_text (GString    *line,
                 const char *text)
{
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (line, text);
      return;
    }
  g_string_append_c (line, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *p);
    }
  g_string_append_c (line, '"');
}

static void
json_append_string (GString    *line,
                    const char *text)
{
  g_string_append_c (line, '"');
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"':  g_string_append (line, "\\\""); break;
        case '\\': g_string_append (line, "\\\\"); break;
        case '\n': g_string_append (line, "\\n"); break;
        case '\r': g_string_append (line, "\\r"); break;
        case '\t': g_string_append (line, "\\t"); break;
        default:
          if (*p < 0x20)
            g_string_append_printf (line, "\\u%04x", *p);
          else
            g_string_append_c (line, *p);
        }
    }
  g_string_append_c (line, '"');
}

/* Starts the next cell of a CSV/JSON row; returns the column. */
static const HubTableColumn *
begin_cell (HubTableWriter *self)
{
  const HubTableColumn *column;

  g_return_val_if_fail (self->column < self->n_columns, NULL);
  column = &self->columns[self->column];

  if (self->format == HUB_TABLE_FORMAT_CSV)
    {
      if (self->column > 0)
        g_string_append_c (self->line, ',');
    }
  else if (self->format == HUB_TABLE_FORMAT_JSON)
    {
      g_string_append (self->line, self->column == 0 ? "{" : ", ");
      json_append_string (self->line, column->name);
      g_string_append (self->line, ": ");
    }
  self->column++;
  return column;
}

/* A machine value (already formatted) or unknown (NULL). */
static void
put_machine (HubTableWriter *self,
             const char   *value,
             gboolean      quote_in_json)
{
  if (self->format == HUB_TABLE_FORMAT_CSV)
    {
      if (value != NULL)
        csv_append_text (self->line, value);
    }
  else if (value == NULL)
    g_string_append (self->line, "null");
  else if (quote_in_json)
    json_append_string (self->line, value);
  else
    g_string_append (self->line, value);
}

static char *
table_text (const char *text)
{
  glong len;

  if (text == NULL || *text == '\0')
    return g_strdup (TABLE_UNKNOWN);
  len = g_utf8_strlen (text, -1);
  if (len <= TABLE_MAX_TEXT_WIDTH)
    return g_strdup (text);
  {
    const char *cut = g_utf8_offset_to_pointer (text, TABLE_MAX_TEXT_WIDTH - 1);

    return g_strdup_printf ("%.*s…", (int) (cut - text), text);
  }
}

void
hub_table_writer_add_text (HubTableWriter *self,
                         const char   *value)
{
  const HubTableColumn *column;

  g_return_if_fail (self != NULL);

  if (self->format == HUB_TABLE_FORMAT_TABLE)
    {
      g_return_if_fail (self->column < self->n_columns);
      self->column++;
      g_ptr_array_add (self->cells, table_text (value));
      return;
    }
  column = begin_cell (self);
  if (column != NULL)
    put_machine (self, value, TRUE);
}

void
hub_table_writer_add_int (HubTableWriter *self,
                        gint64        value)
{
  const HubTableColumn *column;
  g_autofree char *text = NULL;
  gboolean unknown;

  g_return_if_fail (self != NULL);
  g_return_if_fail (self->column < self->n_columns);

  column = &self->columns[self->column];
  switch (column->kind)
    {
    case HUB_TABLE_VALUE_TIME:
    case HUB_TABLE_VALUE_SIGNED:
      unknown = value == G_MININT64;
      break;
    default:
      unknown = value < 0;
    }

  if (self->format == HUB_TABLE_FORMAT_TABLE)
    {
      char *cell = NULL;

      if (!unknown)
        switch (column->kind)
          {
          case HUB_TABLE_VALUE_PARAMS:
            cell = hub_format_params (value);
            break;
          case HUB_TABLE_VALUE_TIME:
            {
              g_autofree char *iso = hub_time_format_iso8601 (value);
              cell = iso != NULL ? g_strndup (iso, 10) : NULL;
            }
            break;
          case HUB_TABLE_VALUE_SIGNED:
            cell = g_strdup_printf ("%'" G_GINT64_FORMAT, value);
            break;
          default:
            cell = hub_format_count (value);
          }
      self->column++;
      g_ptr_array_add (self->cells, cell != NULL ? cell : g_strdup (TABLE_UNKNOWN));
      return;
    }

  begin_cell (self);
  if (unknown)
    put_machine (self, NULL, FALSE);
  else if (column->kind == HUB_TABLE_VALUE_TIME)
    {
      text = hub_time_format_iso8601 (value);
      put_machine (self, text, TRUE);
    }
  else
    {
      text = g_strdup_printf ("%" G_GINT64_FORMAT, value);
      put_machine (self, text, FALSE);
    }
}

void
hub_table_writer_add_real (HubTableWriter *self,
                         double        value)
{
  gboolean measured;
  gboolean unknown;
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_if_fail (self != NULL);
  g_return_if_fail (self->column < self->n_columns);

  measured = self->columns[self->column].kind == HUB_TABLE_VALUE_MEASURED;
  unknown = isnan (value) || (value < 0 && !measured);
  if (self->format == HUB_TABLE_FORMAT_TABLE)
    {
      self->column++;
      g_ptr_array_add (self->cells, unknown ? g_strdup (TABLE_UNKNOWN)
                                            : g_strdup_printf (measured ? "%.4g" : "%.3f", value));
      return;
    }
  begin_cell (self);
  put_machine (self, unknown ? NULL : g_ascii_dtostr (buffer, sizeof buffer, value), FALSE);
}

void
hub_table_writer_end_row (HubTableWriter *self)
{
  g_return_if_fail (self != NULL);

  /* A row given fewer cells than columns is completed with unknowns. */
  while (self->column < self->n_columns)
    {
      if (self->columns[self->column].kind == HUB_TABLE_VALUE_TEXT)
        hub_table_writer_add_text (self, NULL);
      else if (self->columns[self->column].kind == HUB_TABLE_VALUE_REAL ||
               self->columns[self->column].kind == HUB_TABLE_VALUE_MEASURED)
        hub_table_writer_add_real (self, NAN);
      else
        hub_table_writer_add_int (self, G_MININT64);
    }
  self->column = 0;

  if (self->format == HUB_TABLE_FORMAT_CSV)
    {
      g_string_append_c (self->line, '\n');
      fwrite (self->line->str, 1, self->line->len, self->out);
    }
  else if (self->format == HUB_TABLE_FORMAT_JSON)
    {
      fputs (self->n_rows == 0 ? "\n  " : ",\n  ", self->out);
      g_string_append_c (self->line, '}');
      fwrite (self->line->str, 1, self->line->len, self->out);
    }
  g_string_truncate (self->line, 0);
  self->n_rows++;
}

static gboolean
is_numeric (HubTableValueKind kind)
{
  return kind != HUB_TABLE_VALUE_TEXT && kind != HUB_TABLE_VALUE_TIME;
}

static void
print_padded (FILE       *out,
              const char *text,
              guint       width,
              gboolean    right)
{
  glong len = g_utf8_strlen (text, -1);

  if (right)
    for (glong i = len; i < (glong) width; i++)
      fputc (' ', out);
  fputs (text, out);
  if (!right)
    for (glong i = len; i < (glong) width; i++)
      fputc (' ', out);
}

static void
print_table (HubTableWriter *self)
{
  g_autofree guint *widths = g_new0 (guint, self->n_columns);
  guint last = 0;

  for (guint c = 0; c < self->n_columns; c++)
    if (self->columns[c].title != NULL)
      {
        widths[c] = g_utf8_strlen (self->columns[c].title, -1);
        last = c;
      }
  for (guint i = 0; i < self->cells->len; i++)
    {
      guint c = i % self->n_columns;
      guint len = g_utf8_strlen (g_ptr_array_index (self->cells, i), -1);

      widths[c] = MAX (widths[c], len);
    }

  for (guint c = 0; c < self->n_columns; c++)
    if (self->columns[c].title != NULL)
      {
        /* The last column is not padded on the right. */
        print_padded (self->out, self->columns[c].title, c == last && !is_numeric (self->columns[c].kind) ? 0 : widths[c],
                      is_numeric (self->columns[c].kind));
        fputs (c == last ? "\n" : "  ", self->out);
      }

  for (guint i = 0; i < self->cells->len; i++)
    {
      guint c = i % self->n_columns;

      if (self->columns[c].title == NULL)
        continue;
      print_padded (self->out, g_ptr_array_index (self->cells, i),
                    c == last && !is_numeric (self->columns[c].kind) ? 0 : widths[c],
                    is_numeric (self->columns[c].kind));
      fputs (c == last ? "\n" : "  ", self->out);
    }
}

gboolean
hub_table_writer_finish (HubTableWriter *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->column != 0)
    hub_table_writer_end_row (self);

  if (self->format == HUB_TABLE_FORMAT_TABLE)
    print_table (self);
  else if (self->format == HUB_TABLE_FORMAT_JSON)
    fputs (self->n_rows == 0 ? "]\n" : "\n]\n", self->out);

  return fflush (self->out) == 0 && !ferror (self->out);
}
