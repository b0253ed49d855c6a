/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hub-types.h"

#include "hub-test-util.h"

static void
test_relation_names (void)
{
  HubRelation r;

  for (HubRelation i = 0; i < HUB_N_RELATIONS; i++)
    {
      g_assert_true (hub_relation_from_string (hub_relation_to_string (i), &r));
      g_assert_cmpint (r, ==, i);
    }

  /* Names used by other sources (lineage-edges.csv says "finetuned", "merged"). */
  g_assert_true (hub_relation_from_string ("finetuned", &r));
  g_assert_cmpint (r, ==, HUB_RELATION_FINETUNE);
  g_assert_true (hub_relation_from_string ("Merged", &r));
  g_assert_cmpint (r, ==, HUB_RELATION_MERGE);
  g_assert_true (hub_relation_from_string ("quantization", &r));
  g_assert_cmpint (r, ==, HUB_RELATION_QUANTIZED);

  g_assert_false (hub_relation_from_string ("cousin", &r));
  g_assert_false (hub_relation_from_string ("", &r));
  g_assert_false (hub_relation_from_string (NULL, &r));
}

static void
test_param_sources (void)
{
  HubParamSource s;

  for (HubParamSource i = 0; i < HUB_N_PARAM_SOURCES; i++)
    {
      g_assert_true (hub_param_source_from_string (hub_param_source_to_string (i), &s));
      g_assert_cmpint (s, ==, i);
    }
  g_assert_false (hub_param_source_from_string ("guessed", &s));
}

static void
test_time (void)
{
  g_autofree char *s1 = NULL;
  g_autofree char *s2 = NULL;

  /* The createdAt floor of the Hub, in its own notation. */
  g_assert_cmpint (hub_time_parse_iso8601 ("2022-03-02T23:29:04.000Z"), ==, HUB_CREATED_AT_FLOOR);
  g_assert_cmpint (hub_time_parse_iso8601 ("2026-08-22T20:00:00Z"), ==, 1787428800);
  g_assert_cmpint (hub_time_parse_iso8601 ("2026-08-22"), ==, 1787356800);
  /* An explicit offset is honoured (fetched_at in top-models-daily is +09:00). */
  g_assert_cmpint (hub_time_parse_iso8601 ("2026-08-07T21:41:45.715386+09:00"), ==, 1786106505);

  g_assert_cmpint (hub_time_parse_iso8601 (NULL), ==, HUB_TIME_NONE);
  g_assert_cmpint (hub_time_parse_iso8601 (""), ==, HUB_TIME_NONE);
  g_assert_cmpint (hub_time_parse_iso8601 ("yesterday"), ==, HUB_TIME_NONE);
  g_assert_cmpint (hub_time_parse_iso8601 ("2026-13-45T00:00:00Z"), ==, HUB_TIME_NONE);

  s1 = hub_time_format_iso8601 (1787428800);
  g_assert_cmpstr (s1, ==, "2026-08-22T20:00:00Z");
  s2 = hub_time_format_iso8601 (HUB_TIME_NONE);
  g_assert_null (s2);
  /* Four-digit years, as ISO 8601 wants (GLib's %Y writes "24"). */
  {
    g_autofree char *early = hub_time_format_iso8601 (hub_time_parse_iso8601 ("0024-01-01"));

    g_assert_cmpstr (early, ==, "0024-01-01T00:00:00Z");
  }
}

static void
test_model_ids (void)
{
  const char *valid[] = {
    "007Arijit/Boomba-AI",
    "0199ae31-6bb7-7c8d-bb6e-a4d8862d23fd/Qwen3.5-9B-oQ8e-fp16",
    "Qwen/Qwen3.8-27B",
    "timm/mobilenetv3_small_100.lamb_in1k",
    "gpt2",
    "bert-base-uncased",
  };
  const char *invalid[] = {
    "",
    "/",
    "owner/",
    "/name",
    "a/b/c",
    "/root/models/checkpoint",
    "owner/name with space",
    "owner/na\xc3\xafve",
    "owner/..",
    "owner/-dash",
    "owner/dot.",
    "owner/semi;colon",
  };
  g_autofree char *long_name = g_strnfill (97, 'a');
  g_autofree char *long_id = g_strconcat ("owner/", long_name, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    g_assert_true (hub_model_id_is_valid (valid[i]));
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      if (hub_model_id_is_valid (invalid[i]))
        g_error ("accepted invalid id '%s'", invalid[i]);
    }
  g_assert_false (hub_model_id_is_valid (long_id));
  g_assert_false (hub_model_id_is_valid (NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/types/relation-names", test_relation_names);
  g_test_add_func ("/types/param-sources", test_param_sources);
  g_test_add_func ("/types/time", test_time);
  g_test_add_func ("/types/model-ids", test_model_ids);

  return g_test_run ();
}
