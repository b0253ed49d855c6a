/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-core"

#include "config.h"

#include "hub-format.h"

#include <string.h>
#include "hub-types.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>

/**
 * hub_format_count:
 * Returns: (transfer full) (nullable): @value with the locale's digit
 *   grouping, NULL when @value is unknown. A locale that groups nothing (C
 *   and C.UTF-8, Debian's default) gets groups of three separated by a
 *   no-break space, which no locale reads as a decimal mark: "19 830 791",
 *   not "19830791" (a narrow one drew as no gap in the chart font).
 */
char *
hub_format_count (gint64 value)
{
  const struct lconv *lc = localeconv ();
  g_autofree char *digits = NULL;
  GString *grouped;
  gsize n;

  if (value < 0)
    return NULL;
  /* glibc's ' flag groups digits by LC_NUMERIC. */
  if (lc->thousands_sep != NULL && lc->thousands_sep[0] != '\0')
    return g_strdup_printf ("%'" G_GINT64_FORMAT, value);
  digits = g_strdup_printf ("%" G_GINT64_FORMAT, value);
  n = strlen (digits);
  grouped = g_string_sized_new (n + n / 3 * 3);
  for (gsize i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        g_string_append (grouped, "\u00a0");
      g_string_append_c (grouped, digits[i]);
    }
  return g_string_free (grouped, FALSE);
}

/**
 * hub_format_params:
 * Returns: (transfer full) (nullable): @params in K/M/B/T units with at
 *   most one decimal (none from 100 up), NULL when unknown
 */
char *
hub_format_params (gint64 params)
{
  static const struct { double scale; const char *unit; } units[] = {
    { 1e12, "T" }, { 1e9, "B" }, { 1e6, "M" }, { 1e3, "K" },
  };

  if (params < 0)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    {
      double value = params / units[i].scale;
      double rounded = round (value * 10) / 10;

      /* 999.96M would print as "1000M" in the unit below: it is "1B". */
      if (value < 0.9995 && i + 1 < G_N_ELEMENTS (units))
        continue;
      if (value < 0.9995)
        break;
      if (rounded >= 100 || rounded == floor (rounded))
        return g_strdup_printf ("%.0f%s", round (value), units[i].unit);
      return g_strdup_printf ("%.1f%s", rounded, units[i].unit);
    }
  return g_strdup_printf ("%" G_GINT64_FORMAT, params);
}

char *
hub_format_duration (guint seconds)
{
  guint hours = seconds / 3600, minutes = seconds % 3600 / 60, rest = seconds % 60;

  if (hours > 0 && minutes > 0)
    /* TRANSLATORS: hours and minutes, as in "1 h 30 min" */
    return g_strdup_printf (_("%u h %u min"), hours, minutes);
  if (hours > 0)
    return g_strdup_printf (_("%u h"), hours);
  if (minutes > 0 && rest > 0)
    return g_strdup_printf (_("%u min %u s"), minutes, rest);
  if (minutes > 0)
    return g_strdup_printf (_("%u min"), minutes);
  return g_strdup_printf (_("%u s"), rest);
}

/**
 * hub_parse_params:
 * @out_params: (out): the count
 *
 * Returns: TRUE when @str is a parameter count such as "7B" or "1.5T"
 */
gboolean
hub_parse_params (const char *str,
                  gint64     *out_params)
{
  g_autofree char *copy = NULL;
  char *end = NULL;
  double value, scale = 1;

  g_return_val_if_fail (out_params != NULL, FALSE);

  if (str == NULL)
    return FALSE;
  copy = g_strstrip (g_strdup (str));
  if (*copy == '\0' || !(g_ascii_isdigit (*copy) || *copy == '.'))
    return FALSE;

  value = g_ascii_strtod (copy, &end);
  if (end == copy || !isfinite (value))
    return FALSE;
  while (*end == ' ')
    end++;
  switch (g_ascii_toupper (*end))
    {
    case '\0': scale = 1; break;
    case 'K': scale = 1e3; end++; break;
    case 'M': scale = 1e6; end++; break;
    case 'B': case 'G': scale = 1e9; end++; break;
    case 'T': scale = 1e12; end++; break;
    default: return FALSE;
    }
  if (*end != '\0')
    return FALSE;

  value = round (value * scale);
  if (value < 0 || value > (double) HUB_COUNT_MAX)
    return FALSE;
  *out_params = (gint64) value;
  return TRUE;
}

char *
hub_text_sanitize (const char *text,
                   gboolean    keep_newlines)
{
  GString *out;
  const char *p, *end;

  if (text == NULL)
    return g_strdup ("");
  out = g_string_sized_new (strlen (text));
  p = text;
  end = text + strlen (text);
  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_printf (out, "\\x%02x", (guchar) *p);
          p++;
          continue;
        }
      if ((c < 0x20 && !(keep_newlines && c == '\n') && c != '\t') || c == 0x7f)
        g_string_append_printf (out, "\\x%02x", c);
      else if (c >= 0x80 && c < 0xa0)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      p = g_utf8_next_char (p);
    }
  return g_string_free (out, FALSE);
}
