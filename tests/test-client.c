/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hub-client.h"
#include "hub-test-server.h"
#include "hub-test-util.h"

#include <json-glib/json-glib.h>
#include <string.h>

typedef struct {
  HubTestServer *server;
  HubClient     *client;
  GArray        *delays;   /* guint ms of each `retrying` */
} Fixture;

static void
retrying_cb (HubClient  *client,
             guint       attempt,
             guint       delay_ms,
             const char *reason,
             Fixture    *f)
{
  g_assert_nonnull (reason);
  g_array_append_val (f->delays, delay_ms);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *dataset = hub_test_dataset_path ("hub-models.jsonl.gz");
  g_autoptr(GError) error = NULL;

  f->server = hub_test_server_new (dataset, 0, 0, &error);
  g_assert_no_error (error);
  f->client = hub_client_new (hub_test_server_get_uri (f->server));
  hub_client_set_token (f->client, NULL);
  /* Milliseconds instead of seconds, so faults test quickly. */
  hub_client_set_retry_base_delay (f->client, 5);
  hub_client_set_timeout (f->client, 2 * hub_test_slowdown ());
  f->delays = g_array_new (FALSE, FALSE, sizeof (guint));
  g_signal_connect (f->client, "retrying", G_CALLBACK (retrying_cb), f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->client);
  g_clear_pointer (&f->server, hub_test_server_free);
  g_array_unref (f->delays);
}

static char *
first_page_uri (Fixture *f,
                guint    limit)
{
  HubModelsQuery q = { .sort = "trendingScore", .limit = limit, .expand = TRUE };

  return hub_client_models_uri (f->client, &q);
}

static guint
count_entries (GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)));
  return json_array_get_length (json_node_get_array (json_parser_get_root (parser)));
}

static void
test_base_uri (void)
{
  g_autoptr(HubClient) a = NULL;
  g_autoptr(HubClient) b = NULL;
  g_autoptr(HubClient) c = NULL;
  g_autofree char *ua = NULL;
  g_autofree char *uri = NULL;
  HubModelsQuery q = { .sort = "downloads", .filter = "base_model:Qwen/Qwen3-8B", .limit = 50, .expand = TRUE };

  g_unsetenv ("HF_ENDPOINT");
  a = hub_client_new (NULL);
  g_assert_cmpstr (hub_client_get_base_uri (a), ==, HUB_CLIENT_DEFAULT_ENDPOINT);

  g_setenv ("HF_ENDPOINT", "http://mirror.example:8080/", TRUE);
  b = hub_client_new (NULL);
  g_assert_cmpstr (hub_client_get_base_uri (b), ==, "http://mirror.example:8080");
  /* An explicit endpoint beats the environment. */
  c = hub_client_new ("http://127.0.0.1:9");
  g_assert_cmpstr (hub_client_get_base_uri (c), ==, "http://127.0.0.1:9");
  g_unsetenv ("HF_ENDPOINT");

  g_object_get (a, "user-agent", &ua, NULL);
  g_assert_cmpstr (ua, ==, "HubEco/" PACKAGE_VERSION);

  uri = hub_client_models_uri (b, &q);
  g_assert_true (g_str_has_prefix (uri, "http://mirror.example:8080/api/models?sort=downloads&filter=base_model%3AQwen%2FQwen3-8B&limit=50&expand%5B%5D=author&"));
  g_assert_nonnull (strstr (uri, "expand%5B%5D=downloadsAllTime"));

  hub_client_set_base_uri (c, "ftp://nope");
  g_assert_null (hub_client_models_uri (c, &q));
  hub_client_set_base_uri (c, "not a uri");
  g_assert_null (hub_client_models_uri (c, &q));
}

static void
test_page (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *uri = first_page_uri (f, 100);
  g_autoptr(HubClientResponse) r = NULL;
  g_autoptr(HubClientResponse) r2 = NULL;
  g_autoptr(HubClientResponse) r3 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ua = NULL;
  g_autofree char *auth = NULL;

  r = hub_client_get (f->client, uri, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpuint (r->attempts, ==, 1);
  g_assert_cmpuint (count_entries (r->body), ==, 100);
  g_assert_nonnull (r->next_uri);
  g_assert_true (g_str_has_prefix (r->next_uri, hub_test_server_get_uri (f->server)));
  g_assert_nonnull (strstr (r->next_uri, "cursor="));
  g_assert_nonnull (r->etag);

  ua = hub_test_server_get_last_header (f->server, "User-Agent");
  g_assert_cmpstr (ua, ==, "HubEco/" PACKAGE_VERSION);
  auth = hub_test_server_get_last_header (f->server, "Authorization");
  g_assert_null (auth);
  g_assert_cmpint (hub_client_get_rate_limit_remaining (f->client), ==, 499);

  /* The next link is followed verbatim. */
  r2 = hub_client_get (f->client, r->next_uri, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_entries (r2->body), ==, 100);
  g_assert_cmpint (hub_client_get_rate_limit_remaining (f->client), ==, 498);

  /* The stored ETag saves the body. */
  r3 = hub_client_get (f->client, uri, r->etag, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (r3->not_modified);
  g_assert_cmpuint (r3->status, ==, 304);
  g_assert_null (r3->body);
  g_assert_cmpuint (hub_test_server_get_not_modified (f->server), ==, 1);

  /* After the counts move the ETag no longer matches. */
  hub_test_server_advance (f->server, 1);
  g_clear_pointer (&r3, hub_client_response_free);
  r3 = hub_client_get (f->client, uri, r->etag, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (r3->not_modified);
  g_assert_cmpstr (r3->etag, !=, r->etag);
}

static void
test_rate_limited_then_ok (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *uri = first_page_uri (f, 10);
  g_autoptr(HubClientResponse) r = NULL;
  g_autoptr(GError) error = NULL;
  gint64 t0 = g_get_monotonic_time ();

  /* 429 with RateLimit t=0: wait t+1 = 1 s, not the millisecond backoff. */
  hub_test_server_add_fault (f->server, 1, HUB_FAULT_RATE_LIMIT, 0, 1);
  r = hub_client_get (f->client, uri, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->attempts, ==, 2);
  g_assert_cmpuint (f->delays->len, ==, 1);
  g_assert_cmpuint (g_array_index (f->delays, guint, 0), ==, 1000);
  g_assert_cmpint (g_get_monotonic_time () - t0, >=, 1000 * 1000);
  g_assert_cmpuint (count_entries (r->body), ==, 10);

  /* Retry-After on a 503, capped by max-retry-delay. */
  g_array_set_size (f->delays, 0);
  hub_client_set_max_retry_delay (f->client, 20);
  hub_test_server_add_fault (f->server, 1, HUB_FAULT_RETRY_AFTER, 7, 1);
  g_clear_pointer (&r, hub_client_response_free);
  r = hub_client_get (f->client, uri, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_array_index (f->delays, guint, 0), ==, 20);
}

static void
test_503_twice (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *uri = first_page_uri (f, 10);
  g_autoptr(HubClientResponse) r = NULL;
  g_autoptr(GError) error = NULL;

  hub_test_server_add_fault (f->server, 1, HUB_FAULT_STATUS, 503, 2);
  r = hub_client_get (f->client, uri, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->attempts, ==, 3);
  g_assert_cmpuint (hub_test_server_get_requests (f->server), ==, 3);
  /* Backoff doubles: base 5 ms, then 10 ms, each plus at most 25 % jitter. */
  g_assert_cmpuint (f->delays->len, ==, 2);
  g_assert_cmpuint (g_array_index (f->delays, guint, 0), >=, 5);
  g_assert_cmpuint (g_array_index (f->delays, guint, 0), <=, 6);
  g_assert_cmpuint (g_array_index (f->delays, guint, 1), >=, 10);
  g_assert_cmpuint (g_array_index (f->delays, guint, 1), <=, 12);
}

static void
test_500_five_times (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *uri = first_page_uri (f, 10);
  g_autoptr(HubClientResponse) r = NULL;
  g_autoptr(GError) error = NULL;

  hub_test_server_add_fault (f->server, 1, HUB_FAULT_STATUS, 500, 5);
  r = hub_client_get (f->client, uri, NULL, NULL, &error);
  g_assert_null (r);
  g_assert_error (error, HUB_CLIENT_ERROR, HUB_CLIENT_ERROR_SERVER);
  g_assert_nonnull (strstr (error->message, "500"));
  g_assert_cmpuint (hub_test_server_get_requests (f->server), ==, 5);
  g_assert_cmpuint (f->delays->len, ==, 4);
}

static void
test_no_retry_statuses (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *uri = first_page_uri (f, 10);
  const guint statuses[] = { 401, 403, 404 };
  const int codes[] = { HUB_CLIENT_ERROR_UNAUTHORIZED, HUB_CLIENT_ERROR_FORBIDDEN, HUB_CLIENT_ERROR_NOT_FOUND };

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autoptr(HubClientResponse) r = NULL;
      g_autoptr(GError) error = NULL;
      guint before = hub_test_server_get_requests (f->server);

      hub_test_server_add_fault (f->server, 1, HUB_FAULT_STATUS, statuses[i], 1);
      r = hub_client_get (f->client, uri, NULL, NULL, &error);
      g_assert_null (r);
      g_assert_error (error, HUB_CLIENT_ERROR, codes[i]);
      g_assert_cmpuint (hub_test_server_get_requests (f->server), ==, before + 1);
    }
  g_assert_cmpuint (f->delays->len, ==, 0);
}

static void
test_bad_expand (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *uri = g_strdup_printf ("%s/api/models?expand%%5B%%5D=nonsense", hub_test_server_get_uri (f->server));
  g_autoptr(HubClientResponse) r = NULL;
  g_autoptr(GError) error = NULL;

  r = hub_client_get (f->client, uri, NULL, NULL, &error);
  g_assert_error (error, HUB_CLIENT_ERROR, HUB_CLIENT_ERROR_BAD_REQUEST);
  /* The Hub's own words are kept. */
  g_assert_nonnull (strstr (error->message, "nonsense"));
}

static void
test_bad_token (Fixture       *f,
                gconstpointer  data)
{
  const char *secret = "hf_SeCrEtTokenValue1234567890";
  g_autofree char *uri = first_page_uri (f, 10);
  g_autoptr(HubClientResponse) r = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *auth = NULL;

  hub_test_server_require_token (f->server, "hf_the_right_one");
  hub_client_set_token (f->client, secret);
  g_assert_true (hub_client_get_has_token (f->client));

  r = hub_client_get (f->client, uri, NULL, NULL, &error);
  g_assert_null (r);
  g_assert_error (error, HUB_CLIENT_ERROR, HUB_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_null (strstr (error->message, secret));
  g_assert_null (strstr (error->message, "SeCrEt"));
  g_assert_cmpuint (hub_test_server_get_requests (f->server), ==, 1);
  auth = hub_test_server_get_last_header (f->server, "Authorization");
  g_assert_cmpstr (auth, ==, "Bearer hf_SeCrEtTokenValue1234567890");

  /* The right token works. */
  hub_client_set_token (f->client, "hf_the_right_one");
  g_clear_error (&error);
  r = hub_client_get (f->client, uri, NULL, NULL, &error);
  g_assert_no_error (error);
}

/* A token with a line break inside is refused before any request
 * (issue 22, item 10). */
static void
test_token_control_chars (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *uri = first_page_uri (f, 10);
  g_autoptr(HubClientResponse) r = NULL;
  g_autoptr(GError) error = NULL;
  guint before = hub_test_server_get_requests (f->server);

  hub_client_set_token (f->client, "hf_first\r\nX-Injected: yes");
  r = hub_client_get (f->client, uri, NULL, NULL, &error);
  g_assert_null (r);
  g_assert_error (error, HUB_CLIENT_ERROR, HUB_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_nonnull (strstr (error->message, "line break"));
  g_assert_null (strstr (error->message, "hf_first"));
  g_assert_cmpuint (hub_test_server_get_requests (f->server), ==, before);
}

static void
test_token_stays_home (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *uri = first_page_uri (f, 10);
  g_autoptr(HubClientResponse) r = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *auth = NULL;

  /* A base-uri on another host: the server is a foreign host for the token. */
  hub_client_set_token (f->client, "hf_private");
  hub_client_set_base_uri (f->client, "http://localhost:1");
  r = hub_client_get (f->client, uri, NULL, NULL, &error);
  g_assert_no_error (error);
  auth = hub_test_server_get_last_header (f->server, "Authorization");
  g_assert_null (auth);
}

static void
test_timeout (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *uri = first_page_uri (f, 10);
  g_autoptr(HubClientResponse) r = NULL;
  g_autoptr(GError) error = NULL;

  hub_client_set_timeout (f->client, 1);
  hub_test_server_add_fault (f->server, 1, HUB_FAULT_STALL, 2500, 1);
  r = hub_client_get (f->client, uri, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->attempts, ==, 2);
  g_assert_cmpuint (count_entries (r->body), ==, 10);

  /* A server that always stalls: a network error after max-attempts. */
  g_object_set (f->client, "max-attempts", 2, NULL);
  hub_test_server_add_fault (f->server, 1, HUB_FAULT_STALL, 2500, 2);
  g_clear_pointer (&r, hub_client_response_free);
  r = hub_client_get (f->client, uri, NULL, NULL, &error);
  g_assert_error (error, HUB_CLIENT_ERROR, HUB_CLIENT_ERROR_NETWORK);
}

static void
test_closed_mid_body (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *uri = first_page_uri (f, 50);
  g_autoptr(HubClientResponse) r = NULL;
  g_autoptr(GError) error = NULL;

  hub_test_server_add_fault (f->server, 1, HUB_FAULT_CLOSE_MID_BODY, 0, 1);
  r = hub_client_get (f->client, uri, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->attempts, ==, 2);
  g_assert_cmpuint (count_entries (r->body), ==, 50);
}

static void
test_offline (void)
{
  g_autoptr(HubClient) client = hub_client_new ("http://hubeco-test.invalid");
  g_autoptr(GError) error = NULL;
  g_autoptr(HubClientResponse) r = NULL;

  hub_client_set_retry_base_delay (client, 1);
  r = hub_client_get (client, "http://hubeco-test.invalid/api/models", NULL, NULL, &error);
  g_assert_null (r);
  g_assert_error (error, HUB_CLIENT_ERROR, HUB_CLIENT_ERROR_OFFLINE);

  g_clear_error (&error);
  r = hub_client_get (client, "file:///etc/passwd", NULL, NULL, &error);
  g_assert_error (error, HUB_CLIENT_ERROR, HUB_CLIENT_ERROR_BAD_RESPONSE);
}

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
got_cb (GObject      *source,
        GAsyncResult *result,
        gpointer      data)
{
  GAsyncResult **out = data;

  *out = g_object_ref (result);
}

static void
test_async_and_cancel (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *uri = first_page_uri (f, 10);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(HubClientResponse) r = NULL;
  g_autoptr(GError) error = NULL;
  gint64 t0;

  hub_client_get_async (f->client, uri, NULL, NULL, got_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  r = hub_client_get_finish (f->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_entries (r->body), ==, 10);
  g_clear_object (&result);

  /* Cancelled during a long backoff: returns at once, as cancelled. */
  hub_client_set_retry_base_delay (f->client, 60000);
  hub_test_server_add_fault (f->server, 1, HUB_FAULT_STATUS, 503, 1);
  t0 = g_get_monotonic_time ();
  hub_client_get_async (f->client, uri, NULL, cancellable, got_cb, &result);
  g_timeout_add (200, cancel_cb, cancellable);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_clear_pointer (&r, hub_client_response_free);
  r = hub_client_get_finish (f->client, result, &error);
  g_assert_null (r);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - t0, <, 10 * G_USEC_PER_SEC);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/client/base-uri", test_base_uri);
  g_test_add_func ("/client/offline", test_offline);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/client/token-control-chars", test_token_control_chars);
  ADD ("/client/page", test_page);
  ADD ("/client/429-then-ok", test_rate_limited_then_ok);
  ADD ("/client/503-twice", test_503_twice);
  ADD ("/client/500-five-times", test_500_five_times);
  ADD ("/client/no-retry", test_no_retry_statuses);
  ADD ("/client/bad-expand", test_bad_expand);
  ADD ("/client/bad-token", test_bad_token);
  ADD ("/client/token-stays-home", test_token_stays_home);
  ADD ("/client/timeout", test_timeout);
  ADD ("/client/closed-mid-body", test_closed_mid_body);
  ADD ("/client/async-cancel", test_async_and_cancel);
#undef ADD

  return g_test_run ();
}
