/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-ingest"

#include "config.h"

#include "hub-input-limits.h"

#include <glib/gi18n.h>
#include <string.h>

static gsize document_cap = HUB_MAX_JSON_DOCUMENT_BYTES;
static gsize line_cap = HUB_MAX_JSON_LINE_BYTES;

void
hub_input_limits_set_for_testing (gsize document_bytes,
                                  gsize line_bytes)
{
  document_cap = document_bytes > 0 ? document_bytes : HUB_MAX_JSON_DOCUMENT_BYTES;
  line_cap = line_bytes > 0 ? line_bytes : HUB_MAX_JSON_LINE_BYTES;
}

gsize
hub_input_limits_get_document_bytes (void)
{
  return document_cap;
}

gsize
hub_input_limits_get_line_bytes (void)
{
  return line_cap;
}

/* The index of the quote that ends the JSON string opening at @data[@i]
 * (a quote), or @len when the text ends inside it. */
static gsize
skip_string (const char *data,
             gsize       len,
             gsize       i)
{
  for (i++; i < len; i++)
    {
      if (data[i] == '\\')
        i++;
      else if (data[i] == '"')
        return i;
    }
  return len;
}

/* Whether a comment starts at @data[@i]: json-glib 1.6 reads any slash
 * between tokens as the start of a comment (slash-star, but also a lone
 * slash and "//"; found by fuzz-model-entry: `"a"/x/{...}` is two values
 * for json-glib, which leaks one). */
static inline gboolean
is_comment_start (const char *data,
                  gsize       len,
                  gsize       i)
{
  return data[i] == '/';
}

/* The index of the slash that ends the comment opening at @data[@i], or
 * @len. json-glib 1.6 ends a comment at the first slash after the opening
 * one, with or without a star before it (found by fuzz-model-entry: a
 * comment read differently here let two top-level values through, which
 * json-glib leaks). All the checks below read comments this one way. */
static gsize
skip_comment (const char *data,
              gsize       len,
              gsize       i)
{
  const char *end = i + 1 < len ? memchr (data + i + 1, '/', len - i - 1) : NULL;

  return end != NULL ? (gsize) (end - data) : len;
}

static gboolean
escape_error (GError     **error,
              const char  *message)
{
  g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_BAREWORD, message);
  return FALSE;
}

/* The escapes of the string body @data[@start, @end): every \u has four
 * hex digits, and UTF-16 surrogates come in pairs (a high one right
 * before a low one): json-glib 1.6 leaks on "\ud800\ud800" and on a low
 * surrogate first (found by fuzz-model-entry; seen with valgrind). */
static gboolean
check_escapes (const char  *data,
               gsize        len,
               gsize        start,
               gsize        end,
               GError     **error)
{
  gboolean high = FALSE;   /* a high surrogate waits for its low one */

  for (gsize j = start; j < end; j++)
    {
      guint v = 0;

      if (data[j] != '\\' || j + 1 >= len || data[j + 1] != 'u')
        {
          if (high)
            return escape_error (error, _("a UTF-16 surrogate escape without its pair"));
          j += data[j] == '\\';
          continue;
        }
      for (gsize k = j + 2; k < j + 6; k++)
        {
          if (k >= len || !g_ascii_isxdigit (data[k]))
            return escape_error (error, _("a \\u escape without four hex digits"));
          v = v * 16 + g_ascii_xdigit_value (data[k]);
        }
      if (v >= 0xd800 && v <= 0xdbff && !high)
        high = TRUE;
      else if (v >= 0xdc00 && v <= 0xdfff && high)
        high = FALSE;
      else if ((v >= 0xd800 && v <= 0xdfff) || high)
        return escape_error (error, _("a UTF-16 surrogate escape without its pair"));
      j += 5;
    }
  if (high)
    return escape_error (error, _("a UTF-16 surrogate escape without its pair"));
  return TRUE;
}

/* Whether the digits @digits (@n of them, no sign) name an integer beyond
 * what a gint64 holds (json-glib wraps those: 99999999999999999999 reads
 * as -1). */
static gboolean
integer_overflows (const char *digits,
                   gsize       n,
                   gboolean    negative)
{
  const char *limit = negative ? "9223372036854775808" : "9223372036854775807";

  while (n > 1 && *digits == '0')
    digits++, n--;
  if (n != 19)
    return n > 19;
  return memcmp (digits, limit, 19) > 0;
}

/* The number token at @data[@i] ('-' or a digit): returns the index of
 * its last character. An integer literal too large for a gint64 gets
 * ".0" appended in *@out (made on first need, with the text up to it from
 * *@copied on) so that json-glib reads it as the (large) double it is and
 * the field checks report the value ("value 1e+20 out of range") instead
 * of a wrapped -1. */
static gsize
scan_number (const char  *data,
             gsize        len,
             gsize        i,
             GString    **out,
             gsize       *copied)
{
  gboolean negative = data[i] == '-';
  gsize start = i + (negative ? 1 : 0);
  gsize end = start;

  while (end < len && g_ascii_isdigit (data[end]))
    end++;
  if (end > start && (end == len || (data[end] != '.' && data[end] != 'e' && data[end] != 'E')) &&
      integer_overflows (data + start, end - start, negative))
    {
      if (*out == NULL)
        *out = g_string_sized_new (len + 16);
      g_string_append_len (*out, data + *copied, end - *copied);
      g_string_append (*out, ".0");
      *copied = end;
    }
  /* The rest of the token (fraction, exponent). */
  while (end < len && (g_ascii_isalnum (data[end]) || data[end] == '.' ||
                       data[end] == '+' || data[end] == '-'))
    end++;
  return end - 1;
}

static gboolean
parse_error (GError     **error,
             const char  *message)
{
  g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE, message);
  return FALSE;
}

/* One pass over untrusted JSON text, reading strings and comments as
 * json-glib 1.6 does, before json-glib sees it. Refuses:
 * - arrays and objects nested deeper than @max_depth (json-glib recurses
 *   per level and would overflow the stack);
 * - a value followed by an object or an array at the top level
 *   (`{"a":1}{"b":2}`, `"x"[1]`): json-glib reads both as one document,
 *   keeps one and leaks the other (found by fuzz-model-entry and fuzz-csv);
 *   a leading UTF-8 byte order mark and comments, which json-glib skips,
 *   do not count as values;
 * - a single-quoted string, which json-glib accepts and this scan would
 *   read as text holding double quotes (it leaks on `{...}['":"b"}']`);
 * - a \u escape with fewer than four hex digits (json-glib reads past the
 *   closing quote; it leaks on `"\ud80"\ud80"Q`) and an unpaired
 *   surrogate (check_escapes()).
 * All found by fuzz-model-entry unless said; none is JSON. With @out_widened
 * non-NULL, it receives the text with huge integers widened (scan_number()),
 * or NULL when there is none. */
static gboolean
scan_json (const char  *data,
           gsize        len,
           guint        max_depth,
           GString    **out_widened,
           GError     **error)
{
  g_autoptr(GString) widened = NULL;
  gsize copied = 0;
  gboolean seen = FALSE;
  guint depth = 0;
  gsize i = 0;

  if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    i = 3;
  for (; i < len; i++)
    {
      gsize end;

      if (is_comment_start (data, len, i))
        {
          i = skip_comment (data, len, i);
          continue;
        }
      switch (data[i])
        {
        case '\'':
          g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_BAREWORD,
                       _("a single-quoted string (JSON strings take double quotes)"));
          return FALSE;
        case '"':
          end = skip_string (data, len, i);
          if (!check_escapes (data, len, i + 1, end, error))
            return FALSE;
          i = end;
          seen = TRUE;
          break;
        case '[':
        case '{':
          if (depth == 0 && seen)
            return parse_error (error, _("more than one value at the top level"));
          if (++depth > max_depth)
            {
              g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE,
                           _("arrays and objects nested deeper than %u levels"), max_depth);
              return FALSE;
            }
          seen = TRUE;
          break;
        case ']':
        case '}':
          if (depth > 0)
            depth--;
          break;
        case ' ':
        case '\t':
        case '\n':
        case '\r':
          break;
        case '-':
        case '0': case '1': case '2': case '3': case '4':
        case '5': case '6': case '7': case '8': case '9':
          i = scan_number (data, len, i, &widened, &copied);
          seen = TRUE;
          break;
        default:
          seen = TRUE;
          break;
        }
    }
  if (widened != NULL)
    g_string_append_len (widened, data + copied, len - copied);
  if (out_widened != NULL)
    *out_widened = g_steal_pointer (&widened);
  return TRUE;
}

/**
 * hub_json_check:
 * @data: JSON text (need not be valid)
 * @max_depth: the deepest nesting of arrays and objects allowed
 *
 * The checks hub_json_load_bounded() makes before json-glib reads @data
 * (see scan_json()). Returns %FALSE with a %JSON_PARSER_ERROR, so that
 * callers report it as they report any invalid JSON.
 */
gboolean
hub_json_check (const char  *data,
                gsize        len,
                guint        max_depth,
                GError     **error)
{
  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  return scan_json (data, len, max_depth, NULL, error);
}

/**
 * hub_json_load_bounded:
 * json_parser_load_from_data() for untrusted text: refuses nesting deeper
 * than %HUB_MAX_JSON_DEPTH first (json-glib would overflow the stack),
 * more than one value at the top level (json-glib would keep one of them),
 * \u escapes without four hex digits (json-glib would misread where the
 * string ends), single-quoted strings (json-glib reads them, the checks
 * would not), and text with no value at all (only a byte order mark, spaces or
 * comments: json-glib succeeds with no root). On success the parser's root
 * is never NULL. Integers too large for a gint64 are read as doubles (see
 * scan_number()).
 */
gboolean
hub_json_load_bounded (JsonParser  *parser,
                       const char  *data,
                       gsize        len,
                       GError     **error)
{
  g_autoptr(GString) widened = NULL;

  g_return_val_if_fail (JSON_IS_PARSER (parser), FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  if (!scan_json (data, len, HUB_MAX_JSON_DEPTH, &widened, error))
    return FALSE;
  if (widened != NULL)
    {
      data = widened->str;
      len = widened->len;
    }
  if (!json_parser_load_from_data (parser, data, len, error))
    return FALSE;
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE, _("no JSON value"));
      return FALSE;
    }
  return TRUE;
}

/**
 * hub_read_all_capped:
 * Reads @stream to its end, failing with %G_IO_ERROR_MESSAGE_TOO_LARGE once
 * it holds more than @max_bytes (what was read is dropped).
 *
 * Returns: (transfer full): the bytes, or %NULL with @error set
 */
GBytes *
hub_read_all_capped (GInputStream  *stream,
                     gsize          max_bytes,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GByteArray) buf = g_byte_array_new ();
  const gsize chunk = 256 * 1024;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);

  for (;;)
    {
      gssize n;

      g_byte_array_set_size (buf, buf->len + chunk);
      n = g_input_stream_read (stream, buf->data + buf->len - chunk, chunk, cancellable, error);
      if (n < 0)
        return NULL;
      g_byte_array_set_size (buf, buf->len - chunk + n);
      if (n == 0)
        break;
      if (buf->len > max_bytes)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                       _("larger than %zu MB"), (size_t) (max_bytes / (1024 * 1024)));
          return NULL;
        }
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&buf));
}

/**
 * hub_read_line_capped:
 * @stream: the stream, read through its buffer
 * @max_bytes: the longest line kept
 * @out_len: (out): the length of the line returned
 * @out_too_long: (out): %TRUE when the line was longer than @max_bytes: it
 *   is consumed up to its end and returned empty, so that the caller can
 *   report it and go on with the next line
 * @out_unterminated: (out) (optional): %TRUE when the stream ended inside
 *   the line (no LF after it): the last line of a file that was cut short,
 *   or of one that simply lacks a final line end
 *
 * Like g_data_input_stream_read_line() (LF or CRLF ends a line), but never
 * holds more than @max_bytes of a line in memory.
 *
 * Returns: (transfer full) (nullable): the line without its end, or %NULL at
 *   the end of the stream or with @error set
 */
char *
hub_read_line_capped (GDataInputStream  *stream,
                      gsize              max_bytes,
                      gsize             *out_len,
                      gboolean          *out_too_long,
                      gboolean          *out_unterminated,
                      GCancellable      *cancellable,
                      GError           **error)
{
  GBufferedInputStream *buffered = G_BUFFERED_INPUT_STREAM (stream);
  g_autoptr(GString) line = NULL;
  gboolean too_long = FALSE;
  gboolean terminated = FALSE;

  g_return_val_if_fail (G_IS_DATA_INPUT_STREAM (stream), NULL);

  *out_len = 0;
  *out_too_long = FALSE;
  if (out_unterminated != NULL)
    *out_unterminated = FALSE;

  for (;;)
    {
      gsize available = 0;
      const char *buf = g_buffered_input_stream_peek_buffer (buffered, &available);
      const char *newline;
      gsize take;

      if (available == 0)
        {
          gssize n = g_buffered_input_stream_fill (buffered, -1, cancellable, error);

          if (n < 0)
            return NULL;
          if (n == 0)
            break;
          continue;
        }

      newline = memchr (buf, '\n', available);
      take = newline != NULL ? (gsize) (newline - buf) : available;
      if (line == NULL)
        line = g_string_sized_new (MIN (take + 1, 4096));
      if (!too_long && line->len + take > max_bytes)
        {
          too_long = TRUE;
          g_string_truncate (line, 0);
        }
      if (!too_long)
        g_string_append_len (line, buf, take);
      if (g_input_stream_skip (G_INPUT_STREAM (stream), take + (newline != NULL), cancellable, error) < 0)
        return NULL;
      if (newline != NULL)
        {
          terminated = TRUE;
          break;
        }
    }

  if (line == NULL)
    return NULL;
  if (out_unterminated != NULL)
    *out_unterminated = !terminated;
  if (line->len > 0 && line->str[line->len - 1] == '\r')
    g_string_truncate (line, line->len - 1);
  *out_len = line->len;
  *out_too_long = too_long;
  return g_string_free (g_steal_pointer (&line), FALSE);
}
