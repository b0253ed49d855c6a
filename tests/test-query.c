/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hub-query.h"

#include "hub-test-util.h"

#include <string.h>

static void
test_defaults (void)
{
  HubQuery q;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (hub_query_parse (&q, "", &error));
  g_assert_no_error (error);
  g_assert_cmpint (q.by, ==, HUB_QUERY_BY_AUTHOR);
  g_assert_cmpint (q.within, ==, HUB_QUERY_BY_NONE);
  g_assert_cmpint (q.axis, ==, HUB_QUERY_AXIS_SNAPSHOT);
  g_assert_cmpint (q.measure, ==, HUB_QUERY_MEASURE_DOWNLOADS_30D);
  g_assert_cmpuint (q.window_days, ==, 0);
  g_assert_cmpint (q.attribution, ==, HUB_QUERY_ATTRIBUTION_SELF);
  g_assert_cmpuint (q.top, ==, 0);
  g_assert_null (q.task);
  g_assert_cmpint (q.relation, ==, HUB_N_RELATIONS);
  g_assert_cmpint (q.created_from, ==, HUB_TIME_NONE);
  g_assert_cmpint (q.min_params, ==, HUB_COUNT_NONE);

  text = hub_query_to_string (&q);
  g_assert_cmpstr (text, ==, "by=author;axis=snapshot");
  hub_query_clear (&q);
}

static void
test_issue_example (void)
{
  HubQuery q;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (hub_query_parse (&q, "by=country;axis=week;window=1y;attribution=root;top=10;task=text-generation", &error));
  g_assert_no_error (error);
  g_assert_cmpint (q.by, ==, HUB_QUERY_BY_COUNTRY);
  g_assert_cmpint (q.axis, ==, HUB_QUERY_AXIS_WEEK);
  g_assert_cmpuint (q.window_days, ==, 365);
  g_assert_cmpint (q.attribution, ==, HUB_QUERY_ATTRIBUTION_ROOT);
  g_assert_cmpuint (q.top, ==, 10);
  g_assert_cmpstr (q.task, ==, "text-generation");

  text = hub_query_to_string (&q);
  g_assert_cmpstr (text, ==, "by=country;axis=week;window=1y;attribution=root;top=10;task=text-generation");
  hub_query_clear (&q);
}

/* Every key set to a non-default value survives text and back. */
static void
test_round_trip_all (void)
{
  HubQuery q, back;
  g_autofree char *text = NULL;
  g_autofree char *text2 = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (hub_query_parse (&q,
    " by = org-type ; within=modality;axis=quarter;series=my scope;x=1%;measure=interval;"
    "window=90d;attribution=root;top=100;task=fill-mask;library=transformers;"
    "country=US;org_type=company;relation=quantized;created_from=2024-01-01;"
    "created_to=2025-06-30T12:00:00Z;min_params=1.5B;max_params=70b;",
    &error) == FALSE);
  /* "x=1%" is a bad escape in the series name. */
  g_assert_error (error, HUB_QUERY_ERROR, HUB_QUERY_ERROR_BAD_VALUE);
  g_clear_error (&error);

  g_assert_true (hub_query_parse (&q,
    " by = org-type ; within=modality;axis=quarter;series=my scope%3Bx%3D1%25;measure=interval;"
    "window=90d;attribution=root;top=100;task=fill-mask;library=transformers;"
    "country=US;org_type=company;relation=quantized;created_from=2024-01-01;"
    "created_to=2025-06-30T12:00:00Z;min_params=1.5B;max_params=70b;",
    &error));
  g_assert_no_error (error);
  g_assert_cmpint (q.by, ==, HUB_QUERY_BY_ORG_TYPE);
  g_assert_cmpint (q.within, ==, HUB_QUERY_BY_MODALITY);
  g_assert_cmpstr (q.series, ==, "my scope;x=1%");
  g_assert_cmpuint (q.window_days, ==, 90);
  g_assert_cmpint (q.relation, ==, HUB_RELATION_QUANTIZED);
  g_assert_cmpint (q.created_from, ==, 1704067200);
  g_assert_cmpint (q.created_to, ==, 1751284800);
  g_assert_cmpint (q.min_params, ==, 1500000000);
  g_assert_cmpint (q.max_params, ==, 70000000000);

  text = hub_query_to_string (&q);
  g_assert_cmpstr (text, ==,
    "by=org_type;within=modality;axis=quarter;series=my%20scope%3Bx%3D1%25;measure=interval;"
    "window=90d;attribution=root;top=100;task=fill-mask;library=transformers;country=US;"
    "org_type=company;relation=quantized;created_from=2024-01-01;"
    "created_to=2025-06-30T12:00:00Z;min_params=1500000000;max_params=70000000000");
  g_assert_true (hub_query_parse (&back, text, &error));
  g_assert_no_error (error);
  g_assert_true (hub_query_equal (&q, &back));
  text2 = hub_query_to_string (&back);
  g_assert_cmpstr (text, ==, text2);

  hub_query_clear (&q);
  hub_query_clear (&back);
}

/* Dates before the year 1000 print with a four-digit year and parse back
 * (found by fuzz-query: created_from=0024-01-01 printed as "24-01-01T0"). */
static void
test_round_trip_early_years (void)
{
  const char *dates[] = { "0001-01-01", "0024-01-01", "0999-12-31T23:59:59Z", "1000-01-01" };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      HubQuery q, back;
      g_autoptr(GError) error = NULL;
      g_autofree char *input = g_strdup_printf ("created_from=%s;created_to=%s", dates[i], dates[i]);
      g_autofree char *expected = g_strdup_printf ("created_from=%s;created_to=%s", dates[i], dates[i]);
      g_autofree char *text = NULL;

      g_assert_true (hub_query_parse (&q, input, &error));
      g_assert_no_error (error);
      text = hub_query_to_string (&q);
      g_assert_nonnull (strstr (text, expected));
      g_assert_true (hub_query_parse (&back, text, &error));
      g_assert_no_error (error);
      g_assert_true (hub_query_equal (&q, &back));
      hub_query_clear (&q);
      hub_query_clear (&back);
    }
}

/* Every enum value of every key round-trips. */
static void
test_round_trip_enums (void)
{
  for (guint by = 1; by < HUB_N_QUERY_BYS; by++)
    for (guint axis = 0; axis < HUB_N_QUERY_AXES; axis++)
      for (guint m = 0; m < HUB_N_QUERY_MEASURES; m++)
        {
          HubQuery q, back;
          g_autofree char *text = NULL;
          g_autoptr(GError) error = NULL;

          hub_query_init (&q);
          q.by = by;
          q.within = (by + axis) % HUB_N_QUERY_BYS;
          q.axis = axis;
          q.measure = m;
          q.window_days = (guint[]) { 0, 183, 365, 7, 1000 }[m % 5];
          q.attribution = (by + m) % 2;
          q.relation = (axis + m) % (HUB_N_RELATIONS + 1);
          text = hub_query_to_string (&q);
          g_assert_true (hub_query_parse (&back, text, &error));
          g_assert_no_error (error);
          if (!hub_query_equal (&q, &back))
            g_error ("%s did not round-trip", text);
          hub_query_clear (&q);
          hub_query_clear (&back);
        }
}

static void
check_bad (const char *text,
           int         code,
           const char *must_name)
{
  HubQuery q;
  g_autoptr(GError) error = NULL;

  g_assert_false (hub_query_parse (&q, text, &error));
  g_assert_error (error, HUB_QUERY_ERROR, code);
  if (strstr (error->message, must_name) == NULL)
    g_error ("error for '%s' does not name '%s': %s", text, must_name, error->message);
  /* The query is left at the defaults, owning nothing. */
  g_assert_cmpint (q.by, ==, HUB_QUERY_BY_AUTHOR);
  g_assert_null (q.task);
  hub_query_clear (&q);
}

static void
test_errors (void)
{
  check_bad ("by=planet", HUB_QUERY_ERROR_BAD_VALUE, "planet");
  /* The valid names as `--by`'s help spells them (issue 19). */
  check_bad ("by=planet", HUB_QUERY_ERROR_BAD_VALUE, "country, org-type, modality");
  check_bad ("by=none", HUB_QUERY_ERROR_BAD_VALUE, "by");
  check_bad ("task=fill-mask;colour=red", HUB_QUERY_ERROR_UNKNOWN_KEY, "colour");
  check_bad ("axis=decade", HUB_QUERY_ERROR_BAD_VALUE, "decade");
  check_bad ("measure=stars", HUB_QUERY_ERROR_BAD_VALUE, "measure");
  check_bad ("window=2y", HUB_QUERY_ERROR_BAD_VALUE, "2y");
  check_bad ("window=0d", HUB_QUERY_ERROR_BAD_VALUE, "0d");
  check_bad ("window=-5d", HUB_QUERY_ERROR_BAD_VALUE, "-5d");
  check_bad ("window=99999999d", HUB_QUERY_ERROR_BAD_VALUE, "window");
  check_bad ("attribution=parent", HUB_QUERY_ERROR_BAD_VALUE, "parent");
  check_bad ("top=-1", HUB_QUERY_ERROR_BAD_VALUE, "top");
  check_bad ("top=ten", HUB_QUERY_ERROR_BAD_VALUE, "ten");
  check_bad ("top=10x", HUB_QUERY_ERROR_BAD_VALUE, "10x");
  check_bad ("relation=cousin", HUB_QUERY_ERROR_BAD_VALUE, "cousin");
  check_bad ("created_from=yesterday", HUB_QUERY_ERROR_BAD_VALUE, "yesterday");
  check_bad ("min_params=7Q", HUB_QUERY_ERROR_BAD_VALUE, "min_params");
  check_bad ("max_params=-7B", HUB_QUERY_ERROR_BAD_VALUE, "-7B");
  check_bad ("task=", HUB_QUERY_ERROR_BAD_VALUE, "task");
  check_bad ("by=country;by=author", HUB_QUERY_ERROR_DUPLICATE_KEY, "by");
  check_bad ("by=country;BY=author", HUB_QUERY_ERROR_DUPLICATE_KEY, "by");
  check_bad ("by=country;task=fill-mask;oops", HUB_QUERY_ERROR_SYNTAX, "oops");
  check_bad ("series=a%zz", HUB_QUERY_ERROR_BAD_VALUE, "series");
  check_bad ("series=a%00", HUB_QUERY_ERROR_BAD_VALUE, "series");
}

static void
test_set (void)
{
  HubQuery q;
  g_autoptr(GError) error = NULL;

  hub_query_init (&q);
  g_assert_true (hub_query_set (&q, "org-type", "university", &error));
  g_assert_cmpstr (q.org_type, ==, "university");
  g_assert_true (hub_query_set (&q, "window", "6m", &error));
  g_assert_cmpuint (q.window_days, ==, HUB_QUERY_WINDOW_6M);
  /* A failed set leaves the query as it was. */
  g_assert_false (hub_query_set (&q, "window", "forever", &error));
  g_assert_error (error, HUB_QUERY_ERROR, HUB_QUERY_ERROR_BAD_VALUE);
  g_assert_cmpuint (q.window_days, ==, HUB_QUERY_WINDOW_6M);
  g_clear_error (&error);
  g_assert_false (hub_query_set (&q, "org_type", "", &error));
  g_assert_cmpstr (q.org_type, ==, "university");
  g_clear_error (&error);
  g_assert_true (hub_query_set (&q, "relation", "any", &error));
  g_assert_cmpint (q.relation, ==, HUB_N_RELATIONS);
  g_assert_true (hub_query_set (&q, "relation", "base", &error));
  g_assert_cmpint (q.relation, ==, HUB_RELATION_NONE);

  /* Every listed key is accepted by hub_query_set(). */
  for (const char * const *k = hub_query_list_keys (); *k; k++)
    {
      HubQuery tmp;
      g_autoptr(GError) e = NULL;

      hub_query_init (&tmp);
      if (!hub_query_set (&tmp, *k, "x", &e))
        g_assert_true (g_error_matches (e, HUB_QUERY_ERROR, HUB_QUERY_ERROR_BAD_VALUE));
      hub_query_clear (&tmp);
    }
  hub_query_clear (&q);
}

static void
test_developer_alias (void)
{
  g_autoptr(GError) error = NULL;
  HubQuery q;

  /* "developer" is the research's word for an authors.csv group. */
  g_assert_true (hub_query_parse (&q, "by=developer;within=developer", &error));
  g_assert_no_error (error);
  g_assert_cmpint (q.by, ==, HUB_QUERY_BY_GROUP);
  g_assert_cmpint (q.within, ==, HUB_QUERY_BY_GROUP);
  hub_query_clear (&q);
}

/* The model filters a list takes from a query (issue 15): every filter
 * key, and nothing else counts as "filter only". */
static void
test_filter (void)
{
  g_autoptr(GError) error = NULL;
  HubQuery q;
  HubListQuery filter;

  g_assert_true (hub_query_parse (&q, "task=text-generation;library=transformers;country=US;org_type=company;"
                                      "relation=finetune;created_from=2025-01-01;created_to=2025-07-01;"
                                      "min_params=1B;max_params=70B", &error));
  g_assert_no_error (error);
  g_assert_true (hub_query_is_filter_only (&q));
  hub_list_query_init (&filter);
  filter.search = (char *) "qwen";
  hub_query_get_filter (&q, &filter);
  g_assert_cmpstr (filter.task, ==, "text-generation");
  g_assert_cmpstr (filter.library, ==, "transformers");
  g_assert_cmpstr (filter.country, ==, "US");
  g_assert_cmpstr (filter.org_type, ==, "company");
  g_assert_cmpint (filter.relation, ==, HUB_RELATION_FINETUNE);
  g_assert_cmpint (filter.created_from, ==, hub_time_parse_iso8601 ("2025-01-01"));
  g_assert_cmpint (filter.created_to, ==, hub_time_parse_iso8601 ("2025-07-01"));
  g_assert_cmpint (filter.min_params, ==, 1000000000);
  g_assert_cmpint (filter.max_params, ==, 70000000000);
  /* What is not a filter stays the list's own. */
  g_assert_cmpstr (filter.search, ==, "qwen");
  hub_query_clear (&q);

  g_assert_true (hub_query_parse (&q, "", &error));
  g_assert_true (hub_query_is_filter_only (&q));
  hub_query_clear (&q);
  g_assert_true (hub_query_parse (&q, "task=fill-mask;top=5", &error));
  g_assert_false (hub_query_is_filter_only (&q));
  hub_query_clear (&q);
  g_assert_true (hub_query_parse (&q, "measure=interval", &error));
  g_assert_false (hub_query_is_filter_only (&q));
  hub_query_clear (&q);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/query/defaults", test_defaults);
  g_test_add_func ("/query/filter", test_filter);
  g_test_add_func ("/query/developer-alias", test_developer_alias);
  g_test_add_func ("/query/issue-example", test_issue_example);
  g_test_add_func ("/query/round-trip-all", test_round_trip_all);
  g_test_add_func ("/query/round-trip-enums", test_round_trip_enums);
  g_test_add_func ("/query/round-trip-early-years", test_round_trip_early_years);
  g_test_add_func ("/query/errors", test_errors);
  g_test_add_func ("/query/set", test_set);

  return g_test_run ();
}
