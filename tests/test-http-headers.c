/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hub-http-headers.h"

#include <string.h>

static void
test_link_next (void)
{
  const struct {
    const char *value;
    const char *expected;
  } cases[] = {
    /* The Hub's own shape. */
    { "<https://huggingface.co/api/models?sort=trendingScore&cursor=eyJ2Ijp7fX0%3D&limit=1000>; rel=\"next\"",
      "https://huggingface.co/api/models?sort=trendingScore&cursor=eyJ2Ijp7fX0%3D&limit=1000" },
    { "<http://a/x?c=1>; rel=next", "http://a/x?c=1" },
    { "<http://a/prev>; rel=\"prev\", <http://a/next>; rel=\"next\"", "http://a/next" },
    { "<http://a/first>; rel=\"first\";title=\"a, b; c\", <http://a/n>;rel=\"NEXT\"", "http://a/n" },
    { "<http://a/n>; title=\"x\"; rel=\"prefetch next\"", "http://a/n" },
    /* Commas and semicolons inside the target are kept verbatim. */
    { "<http://a/x?f=a,b;c=d>; rel=\"next\"", "http://a/x?f=a,b;c=d" },
    { "  <http://a/n>  ;  rel  =  \"next\"  ", "http://a/n" },
    { "garbage, <http://a/n>; rel=next", "http://a/n" },
    { "<http://a/x>; rel=\"nextish\"", NULL },
    { "<http://a/x>; rel=\"prev\"", NULL },
    { "<http://a/x>", NULL },
    { "<>; rel=next", NULL },
    { "<http://a/x; rel=next", NULL },
    { "", NULL },
    { "rel=next", NULL },
  };

  g_assert_null (hub_http_parse_link_next (NULL));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *next = hub_http_parse_link_next (cases[i].value);

      g_test_message ("Link: %s", cases[i].value);
      g_assert_cmpstr (next, ==, cases[i].expected);
    }
}

static void
test_rate_limit (void)
{
  HubRateLimit limit;

  hub_rate_limit_init (&limit);
  g_assert_true (hub_http_parse_rate_limit ("\"api\";r=489;t=189", &limit));
  g_assert_cmpint (limit.remaining, ==, 489);
  g_assert_cmpint (limit.reset, ==, 189);
  g_assert_cmpint (limit.quota, ==, -1);

  /* The "api" member wins over others, wherever it is. */
  hub_rate_limit_init (&limit);
  g_assert_true (hub_http_parse_rate_limit ("\"pages\";r=3;t=9, \"api\";r=0;t=42", &limit));
  g_assert_cmpint (limit.remaining, ==, 0);
  g_assert_cmpint (limit.reset, ==, 42);

  /* Without "api", the first member with values. */
  hub_rate_limit_init (&limit);
  g_assert_true (hub_http_parse_rate_limit ("default;r=7;t=1, other;r=8;t=2", &limit));
  g_assert_cmpint (limit.remaining, ==, 7);

  /* Only t. */
  hub_rate_limit_init (&limit);
  g_assert_true (hub_http_parse_rate_limit ("\"api\"; t=5", &limit));
  g_assert_cmpint (limit.remaining, ==, -1);
  g_assert_cmpint (limit.reset, ==, 5);

  /* Not understood: nothing changes. */
  hub_rate_limit_init (&limit);
  g_assert_false (hub_http_parse_rate_limit ("\"api\";r=-3;t=x", &limit));
  g_assert_false (hub_http_parse_rate_limit ("", &limit));
  g_assert_false (hub_http_parse_rate_limit (NULL, &limit));
  g_assert_false (hub_http_parse_rate_limit ("\"api\";r=12abc", &limit));
  g_assert_cmpint (limit.remaining, ==, -1);
  g_assert_cmpint (limit.reset, ==, -1);

  /* Huge values are clamped, not wrapped. */
  hub_rate_limit_init (&limit);
  g_assert_true (hub_http_parse_rate_limit ("api;r=99999999999999999999999999;t=1", &limit));
  g_assert_cmpint (limit.remaining, >, 0);
}

static void
test_rate_limit_policy (void)
{
  HubRateLimit limit;

  hub_rate_limit_init (&limit);
  g_assert_true (hub_http_parse_rate_limit_policy ("\"fixed window\";\"api\";q=500;w=300", &limit));
  g_assert_cmpint (limit.quota, ==, 500);
  g_assert_cmpint (limit.window, ==, 300);
  g_assert_cmpint (limit.remaining, ==, -1);

  hub_rate_limit_init (&limit);
  g_assert_true (hub_http_parse_rate_limit_policy ("\"resolvers\";q=3000;w=300, \"fixed window\";\"api\";q=1000;w=300",
                                                   &limit));
  g_assert_cmpint (limit.quota, ==, 1000);

  hub_rate_limit_init (&limit);
  g_assert_true (hub_http_parse_rate_limit_policy ("fixed window;api;q=500;w=300", &limit));
  g_assert_cmpint (limit.quota, ==, 500);
  g_assert_cmpint (limit.window, ==, 300);

  hub_rate_limit_init (&limit);
  g_assert_false (hub_http_parse_rate_limit_policy ("\"api\";r=5", &limit));
  g_assert_cmpint (limit.quota, ==, -1);
}

static void
test_retry_after (void)
{
  gint64 s = -7;
  gint64 now = 1784318400; /* 2026-07-17T20:00:00Z */

  g_assert_true (hub_http_parse_retry_after ("120", now, &s));
  g_assert_cmpint (s, ==, 120);
  g_assert_true (hub_http_parse_retry_after ("  0 ", now, &s));
  g_assert_cmpint (s, ==, 0);

  g_assert_true (hub_http_parse_retry_after ("Fri, 17 Jul 2026 20:00:30 GMT", now, &s));
  g_assert_cmpint (s, ==, 30);
  /* A date in the past means "now". */
  g_assert_true (hub_http_parse_retry_after ("Fri, 17 Jul 2026 19:00:00 GMT", now, &s));
  g_assert_cmpint (s, ==, 0);

  s = -7;
  g_assert_false (hub_http_parse_retry_after ("-5", now, &s));
  g_assert_false (hub_http_parse_retry_after ("soon", now, &s));
  g_assert_false (hub_http_parse_retry_after ("", now, &s));
  g_assert_false (hub_http_parse_retry_after ("12 s", now, &s));
  g_assert_false (hub_http_parse_retry_after (NULL, now, &s));
  g_assert_cmpint (s, ==, -7);
}

/* Random and mutated inputs: the parsers must neither crash nor read out
 * of bounds (run under the sanitize option to be sure). */
static void
test_fuzz (void)
{
  const char *seeds[] = {
    "<http://a/x?c=1>; rel=\"next\", <http://a/p>; rel=prev",
    "\"api\";r=489;t=189",
    "\"fixed window\";\"api\";q=500;w=300",
    "Fri, 17 Jul 2026 20:00:30 GMT",
  };
  const char alphabet[] = "<>;,=\"\\ \tarelnxtq0123456789";
  GRand *rand = g_rand_new_with_seed (20260822);

  for (guint iter = 0; iter < 20000; iter++)
    {
      g_autoptr(GString) s = g_string_new (seeds[iter % G_N_ELEMENTS (seeds)]);
      guint edits = g_rand_int_range (rand, 1, 8);
      HubRateLimit limit;
      gint64 seconds;
      g_autofree char *next = NULL;

      for (guint e = 0; e < edits; e++)
        {
          guint pos = s->len > 0 ? g_rand_int_range (rand, 0, s->len) : 0;

          switch (g_rand_int_range (rand, 0, 3))
            {
            case 0:
              if (s->len > 0)
                g_string_erase (s, pos, 1);
              break;
            case 1:
              g_string_insert_c (s, pos, alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)]);
              break;
            default:
              g_string_truncate (s, pos);
              break;
            }
        }

      hub_rate_limit_init (&limit);
      next = hub_http_parse_link_next (s->str);
      if (next != NULL)
        g_assert_null (strchr (next, '>'));
      hub_http_parse_rate_limit (s->str, &limit);
      hub_http_parse_rate_limit_policy (s->str, &limit);
      g_assert_cmpint (limit.remaining, >=, -1);
      g_assert_cmpint (limit.reset, >=, -1);
      if (hub_http_parse_retry_after (s->str, 0, &seconds))
        g_assert_cmpint (seconds, >=, 0);
    }

  g_rand_free (rand);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/http-headers/link-next", test_link_next);
  g_test_add_func ("/http-headers/rate-limit", test_rate_limit);
  g_test_add_func ("/http-headers/rate-limit-policy", test_rate_limit_policy);
  g_test_add_func ("/http-headers/retry-after", test_retry_after);
  g_test_add_func ("/http-headers/fuzz", test_fuzz);

  return g_test_run ();
}
