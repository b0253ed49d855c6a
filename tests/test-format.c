/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hub-format.h"
#include "hub-category-names.h"
#include "hub-test-util.h"

#include <locale.h>

static void
test_format_params (void)
{
  const struct { gint64 value; const char *text; } cases[] = {
    { 7615616512, "7.6B" },
    { 8030261248, "8B" },
    { 500000000, "500M" },
    { 751632384, "752M" },
    { 1500000000000, "1.5T" },
    { 125000, "125K" },
    { 999, "999" },
    { 0, "0" },
    { 1000000, "1M" },
    { 27781427952, "27.8B" },
    { 123456789012, "123B" },
    /* Rounding up to the next unit: never "1000M" or "1000K". */
    { 999960000, "1B" },
    { 999499999, "999M" },
    { 999700, "1M" },
    { 999960000000, "1T" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = hub_format_params (cases[i].value);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
  g_assert_null (hub_format_params (-1));
}

static void
test_parse_params (void)
{
  const struct { const char *text; gint64 value; } good[] = {
    { "7B", 7000000000 }, { "7b", 7000000000 }, { "7.6B", 7600000000 },
    { "500M", 500000000 }, { "1.5T", 1500000000000 }, { "125K", 125000 },
    { "125000", 125000 }, { " 3 B ", 3000000000 }, { "0", 0 },
  };
  const char *bad[] = { "", "B", "lots", "7X", "7BB", "-1B", "1e30", "7 B s", NULL };
  gint64 value = 42;

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_assert_true (hub_parse_params (good[i].text, &value));
      g_assert_cmpint (value, ==, good[i].value);
    }
  for (guint i = 0; bad[i] != NULL; i++)
    {
      value = 42;
      g_assert_false (hub_parse_params (bad[i], &value));
      g_assert_cmpint (value, ==, 42);
    }
  g_assert_false (hub_parse_params (NULL, &value));
}

static void
test_format_count (void)
{
  g_autofree char *plain = NULL;
  g_autofree char *zero = NULL;

  /* The C locale groups nothing: HubEco groups by three with a
   * no-break space (issue 19: "19830791" overflowed a card). */
  setlocale (LC_NUMERIC, "C");
  plain = hub_format_count (1234567);
  g_assert_cmpstr (plain, ==, "1\u00a0234\u00a0567");
  {
    g_autofree char *small = hub_format_count (999);
    g_autofree char *thousand = hub_format_count (1000);

    g_assert_cmpstr (small, ==, "999");
    g_assert_cmpstr (thousand, ==, "1\u00a0000");
  }
  zero = hub_format_count (0);
  g_assert_cmpstr (zero, ==, "0");
  g_assert_null (hub_format_count (-1));

  /* With a grouping locale, when one is installed. */
  if (setlocale (LC_NUMERIC, "en_US.UTF-8") != NULL)
    {
      g_autofree char *grouped = hub_format_count (1234567);
      g_assert_cmpstr (grouped, ==, "1,234,567");
      setlocale (LC_NUMERIC, "C");
    }
}

/* Escape sequences from outside become visible text (issue 22, item 4). */
static void
test_format_duration (void)
{
  static const struct { guint seconds; const char *text; } cases[] = {
    { 0, "0 s" }, { 45, "45 s" }, { 60, "1 min" }, { 61, "1 min 1 s" }, { 3599, "59 min 59 s" },
    { 3600, "1 h" }, { 3660, "1 h 1 min" }, { 5400, "1 h 30 min" }, { 5430, "1 h 30 min" },
    { 21600, "6 h" }, { 86400, "24 h" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = hub_format_duration (cases[i].seconds);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_sanitize (void)
{
  static const struct { const char *in; gboolean newlines; const char *out; } cases[] = {
    { "plain/Model-1.5 ü", FALSE, "plain/Model-1.5 ü" },
    { "a\x1b[31mred\x1b[0m", FALSE, "a\\x1b[31mred\\x1b[0m" },
    { "line\nnext", FALSE, "line\\x0anext" },
    { "line\nnext", TRUE, "line\nnext" },
    { "tab\there", FALSE, "tab\there" },
    { "bell\a del\x7f", FALSE, "bell\\x07 del\\x7f" },
    { "csi \xc2\x9b" "2J", FALSE, "csi \\u009b2J" },
    { "bad \xff byte", FALSE, "bad \\xff byte" },
    { "", FALSE, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = hub_text_sanitize (cases[i].in, cases[i].newlines);

      g_assert_cmpstr (out, ==, cases[i].out);
    }
  {
    g_autofree char *none = hub_text_sanitize (NULL, FALSE);

    g_assert_cmpstr (none, ==, "");
  }
}

/* Countries and organisation types as a person reads them (issue 19). */
static void
test_category_names (void)
{
  g_assert_cmpstr (hub_country_name ("US"), ==, "United States");
  /* iso-codes' common name where it has one. */
  g_assert_cmpstr (hub_country_name ("KR"), ==, "South Korea");
  g_assert_cmpstr (hub_country_name ("TW"), ==, "Taiwan");
  /* ONLINE is an authors.csv mark, not a country. */
  g_assert_cmpstr (hub_country_name ("ONLINE"), ==, "Online community");
  g_assert_cmpstr (hub_country_name ("XQ"), ==, "XQ");
  g_assert_null (hub_country_name (NULL));
  g_assert_null (hub_country_name (""));
  g_assert_cmpstr (hub_org_type_name ("company"), ==, "Company");
  g_assert_cmpstr (hub_org_type_name ("user"), ==, "Individual");
  g_assert_cmpstr (hub_org_type_name ("guild"), ==, "guild");
  g_assert_cmpstr (hub_category_name (HUB_QUERY_BY_COUNTRY, "CN"), ==, "China");
  g_assert_cmpstr (hub_category_name (HUB_QUERY_BY_ORG_TYPE, "university"), ==, "University");
  g_assert_cmpstr (hub_category_name (HUB_QUERY_BY_GROUP, "US"), ==, "US");
  g_assert_cmpstr (hub_category_name (HUB_QUERY_BY_MODALITY, "nlp"), ==, "Natural language");
  g_assert_cmpstr (hub_modality_name ("cv"), ==, "Computer vision");
  g_assert_cmpstr (hub_modality_name ("holography"), ==, "holography");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/format/sanitize", test_sanitize);
  g_test_add_func ("/format/params", test_format_params);
  g_test_add_func ("/format/parse-params", test_parse_params);
  g_test_add_func ("/format/count", test_format_count);
  g_test_add_func ("/format/duration", test_format_duration);
  g_test_add_func ("/format/category-names", test_category_names);

  return g_test_run ();
}
