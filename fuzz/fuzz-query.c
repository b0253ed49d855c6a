/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer harness: the query text form (hub_query_parse). What parses must
 * print back to a text that parses to an equal query, printed the same. */
#include "config.h"

#include "fuzz-common.h"
#include "hub-query.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init_logging ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = fuzz_strndup (data, size);
  g_autofree char *printed = NULL;
  g_autofree char *printed_again = NULL;
  g_autoptr(GError) error = NULL;
  HubQuery query, back;

  if (!hub_query_parse (&query, text, &error))
    {
      g_assert (error != NULL && error->domain == HUB_QUERY_ERROR);
      g_assert (g_utf8_validate (error->message, -1, NULL));
      hub_query_clear (&query);
      return 0;
    }

  printed = hub_query_to_string (&query);
  if (!hub_query_parse (&back, printed, &error))
    g_error ("'%s' printed as '%s', which does not parse: %s", text, printed, error->message);
  g_assert (hub_query_equal (&query, &back));
  printed_again = hub_query_to_string (&back);
  g_assert (strcmp (printed, printed_again) == 0);

  hub_query_clear (&query);
  hub_query_clear (&back);
  return 0;
}
