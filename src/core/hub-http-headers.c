/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-http"

#include "config.h"

#include "hub-http-headers.h"

#include <libsoup/soup.h>
#include <string.h>

/* Larger values are clamped: nobody waits longer than a day, and no quota
 * needs more digits. Keeps the arithmetic far from overflow. */
#define HEADER_NUMBER_MAX ((gint64) 1000000000000)

void
hub_rate_limit_init (HubRateLimit *limit)
{
  g_return_if_fail (limit != NULL);

  limit->remaining = -1;
  limit->reset = -1;
  limit->quota = -1;
  limit->window = -1;
}

static inline gboolean
is_ows (char c)
{
  return c == ' ' || c == '\t';
}

static const char *
skip_ows (const char *p)
{
  while (is_ows (*p))
    p++;
  return p;
}

/* Skips a quoted-string starting at the opening quote; returns the position
 * after the closing quote (or the end of the string when unterminated) and
 * appends the unescaped content to @out when given. */
static const char *
skip_quoted (const char *p,
             GString    *out)
{
  g_assert (*p == '"');
  p++;
  while (*p != '\0' && *p != '"')
    {
      if (*p == '\\' && p[1] != '\0')
        p++;
      if (out != NULL)
        g_string_append_c (out, *p);
      p++;
    }
  if (*p == '"')
    p++;
  return p;
}

/* Moves to the next top-level @sep (outside quotes and <...>) or the end. */
static const char *
skip_to_separator (const char *p,
                   char        sep)
{
  while (*p != '\0' && *p != sep)
    {
      if (*p == '"')
        p = skip_quoted (p, NULL);
      else if (*p == '<')
        {
          const char *close = strchr (p, '>');
          p = close != NULL ? close + 1 : p + strlen (p);
        }
      else
        p++;
    }
  return p;
}

/* Reads a token up to one of @stops, whitespace or the end. */
static const char *
read_token (const char *p,
            const char *stops,
            GString    *out)
{
  while (*p != '\0' && !is_ows (*p) && strchr (stops, *p) == NULL)
    {
      if (out != NULL)
        g_string_append_c (out, *p);
      p++;
    }
  return p;
}

static gboolean
rel_has_next (const char *rel)
{
  g_auto(GStrv) parts = g_strsplit_set (rel, " \t", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    if (g_ascii_strcasecmp (parts[i], "next") == 0)
      return TRUE;
  return FALSE;
}

char *
hub_http_parse_link_next (const char *value)
{
  const char *p = value;

  if (value == NULL)
    return NULL;

  while (*p != '\0')
    {
      const char *uri_start;
      const char *uri_end;
      gboolean is_next = FALSE;

      p = skip_ows (p);
      if (*p == ',')
        {
          p++;
          continue;
        }
      if (*p != '<')
        {
          /* Not a link-value: skip it. */
          p = skip_to_separator (p, ',');
          continue;
        }

      uri_start = p + 1;
      uri_end = strchr (uri_start, '>');
      if (uri_end == NULL)
        return NULL;
      p = uri_end + 1;

      for (;;)
        {
          g_autoptr(GString) name = g_string_new (NULL);
          g_autoptr(GString) val = g_string_new (NULL);

          p = skip_ows (p);
          if (*p != ';')
            break;
          p = skip_ows (p + 1);
          p = read_token (p, "=;,", name);
          p = skip_ows (p);
          if (*p == '=')
            {
              p = skip_ows (p + 1);
              if (*p == '"')
                p = skip_quoted (p, val);
              else
                p = read_token (p, ";,", val);
            }
          if (g_ascii_strcasecmp (name->str, "rel") == 0 && rel_has_next (val->str))
            is_next = TRUE;
        }

      if (is_next && uri_end > uri_start)
        return g_strndup (uri_start, uri_end - uri_start);

      p = skip_to_separator (p, ',');
    }

  return NULL;
}

/* A non-negative decimal integer, optionally quoted, clamped. */
static gboolean
parse_number (const char *str,
              gint64     *out)
{
  gint64 v = 0;
  const char *p = str;
  gboolean quoted = FALSE;

  if (*p == '"')
    {
      quoted = TRUE;
      p++;
    }
  if (!g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    {
      if (v < HEADER_NUMBER_MAX)
        v = v * 10 + (*p - '0');
      p++;
    }
  if (quoted && *p == '"')
    p++;
  if (*skip_ows (p) != '\0')
    return FALSE;
  *out = MIN (v, HEADER_NUMBER_MAX);
  return TRUE;
}

typedef struct {
  gboolean named_api;
  gint64   a;
  gint64   b;
  gboolean has_a;
  gboolean has_b;
} Member;

/* Parses one structured-field member: ';'-separated names (tokens or
 * quoted strings) and key=value parameters. Reads parameters @ka and @kb. */
static const char *
parse_member (const char *p,
              char        ka,
              char        kb,
              Member     *m)
{
  memset (m, 0, sizeof *m);
  m->a = m->b = -1;

  for (;;)
    {
      g_autoptr(GString) name = g_string_new (NULL);
      g_autoptr(GString) val = g_string_new (NULL);
      gboolean has_value = FALSE;

      p = skip_ows (p);
      if (*p == '"')
        p = skip_quoted (p, name);
      else
        p = read_token (p, "=;,", name);
      p = skip_ows (p);
      if (*p == '=')
        {
          has_value = TRUE;
          p = skip_ows (p + 1);
          if (*p == '"')
            {
              g_string_append_c (val, '"');
              p = skip_quoted (p, val);
              g_string_append_c (val, '"');
            }
          else
            p = read_token (p, ";,", val);
          p = skip_ows (p);
        }

      if (!has_value)
        {
          if (g_ascii_strcasecmp (name->str, "api") == 0)
            m->named_api = TRUE;
        }
      else if (name->len == 1 && g_ascii_tolower (name->str[0]) == ka)
        m->has_a = parse_number (val->str, &m->a);
      else if (name->len == 1 && g_ascii_tolower (name->str[0]) == kb)
        m->has_b = parse_number (val->str, &m->b);

      if (*p == ';')
        {
          p++;
          continue;
        }
      if (*p == '\0' || *p == ',')
        break;
      /* Garbage inside a member: skip to the next parameter or member. */
      while (*p != '\0' && *p != ';' && *p != ',')
        p = (*p == '"') ? skip_quoted (p, NULL) : p + 1;
      if (*p == ';')
        p++;
      else
        break;
    }

  return p;
}

static gboolean
parse_members (const char *value,
               char        ka,
               char        kb,
               gint64     *out_a,
               gint64     *out_b)
{
  const char *p = value;
  Member best = { 0 };
  gboolean have_best = FALSE;

  if (value == NULL)
    return FALSE;

  while (*p != '\0')
    {
      Member m;

      p = parse_member (p, ka, kb, &m);
      if ((m.has_a || m.has_b) && (!have_best || (m.named_api && !best.named_api)))
        {
          best = m;
          have_best = TRUE;
        }
      if (*p == ',')
        p++;
    }

  if (!have_best)
    return FALSE;
  if (best.has_a)
    *out_a = best.a;
  if (best.has_b)
    *out_b = best.b;
  return TRUE;
}

gboolean
hub_http_parse_rate_limit (const char   *value,
                           HubRateLimit *limit)
{
  g_return_val_if_fail (limit != NULL, FALSE);

  return parse_members (value, 'r', 't', &limit->remaining, &limit->reset);
}

gboolean
hub_http_parse_rate_limit_policy (const char   *value,
                                  HubRateLimit *limit)
{
  g_return_val_if_fail (limit != NULL, FALSE);

  return parse_members (value, 'q', 'w', &limit->quota, &limit->window);
}

gboolean
hub_http_parse_retry_after (const char *value,
                            gint64      now,
                            gint64     *out_seconds)
{
  g_autofree char *trimmed = NULL;
  g_autoptr(GDateTime) date = NULL;
  gint64 seconds;

  g_return_val_if_fail (out_seconds != NULL, FALSE);

  if (value == NULL)
    return FALSE;

  trimmed = g_strstrip (g_strdup (value));
  if (g_ascii_isdigit (trimmed[0]))
    {
      if (!parse_number (trimmed, &seconds))
        return FALSE;
      *out_seconds = seconds;
      return TRUE;
    }

  date = soup_date_time_new_from_http_string (trimmed);
  if (date == NULL)
    return FALSE;
  seconds = g_date_time_to_unix (date) - now;
  *out_seconds = CLAMP (seconds, 0, HEADER_NUMBER_MAX);
  return TRUE;
}
