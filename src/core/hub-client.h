/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define HUB_CLIENT_ERROR (hub_client_error_quark ())

typedef enum {
  HUB_CLIENT_ERROR_OFFLINE,       /* no network, DNS failure: keep working on stored data */
  HUB_CLIENT_ERROR_NETWORK,       /* timeouts / dropped connections, retries exhausted */
  HUB_CLIENT_ERROR_UNAUTHORIZED,  /* 401: missing or bad token */
  HUB_CLIENT_ERROR_FORBIDDEN,     /* 403: gated or not allowed */
  HUB_CLIENT_ERROR_NOT_FOUND,     /* 404 */
  HUB_CLIENT_ERROR_RATE_LIMITED,  /* 429, retries exhausted */
  HUB_CLIENT_ERROR_SERVER,        /* 5xx / 408, retries exhausted */
  HUB_CLIENT_ERROR_BAD_REQUEST,   /* any other 4xx (an unknown expand[] value is 400) */
  HUB_CLIENT_ERROR_BAD_RESPONSE,  /* unexpected status, body too large, bad URI */
} HubClientError;

GQuark hub_client_error_quark (void);

/* The Hub itself, when neither a property nor HF_ENDPOINT says otherwise. */
#define HUB_CLIENT_DEFAULT_ENDPOINT "https://huggingface.co"

/**
 * HubClientResponse:
 * One successful GET. @body is %NULL when @not_modified (HTTP 304).
 * @next_uri: the `Link: <...>; rel="next"` target (resolved against the
 * request URI when relative, else verbatim), or %NULL on the last page.
 */
typedef struct {
  guint     status;
  gboolean  not_modified;
  GBytes   *body;
  char     *next_uri;
  char     *etag;
  guint     attempts;
} HubClientResponse;

void hub_client_response_free (HubClientResponse *response);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HubClientResponse, hub_client_response_free)

/**
 * HubModelsQuery:
 * The parameters of `GET /api/models`. %NULL / 0 fields are left out.
 * With @expand the `expand[]` set the store needs is requested (author,
 * dates, counts, tags, lineage, sizes, gating, card data).
 */
typedef struct {
  const char *sort;          /* trendingScore, downloads, likes, createdAt, lastModified */
  const char *search;
  const char *author;
  const char *pipeline_tag;
  const char *filter;        /* e.g. base_model:<id> */
  guint       limit;         /* page size */
  gboolean    expand;
} HubModelsQuery;

/* The expand[] values requested by HubModelsQuery.expand, NULL-terminated. */
const char * const *hub_client_get_model_expand (void);

#define HUB_TYPE_CLIENT (hub_client_get_type ())
G_DECLARE_FINAL_TYPE (HubClient, hub_client, HUB, CLIENT, GObject)

/**
 * HubClient:
 * The one owner of the SoupSession that talks to the Hub API.
 *
 * Properties: `base-uri` (default: $HF_ENDPOINT, else
 * %HUB_CLIENT_DEFAULT_ENDPOINT), `token` (write-only; default $HF_TOKEN; sent
 * as `Authorization: Bearer` only to the host of `base-uri`, never logged or
 * put in an error), `has-token`, `user-agent` ("HubEco/<version>"), `timeout`
 * (seconds), `max-attempts` (5), `retry-base-delay` (milliseconds, 1000:
 * waits are base, 2·base, 4·base, 8·base plus up to 25 % jitter),
 * `max-retry-delay` (milliseconds; caps every wait, including rate-limit
 * waits), and the read-only `rate-limit-remaining`, `rate-limit-reset`,
 * `rate-limit-quota` (-1 when unknown) and `requests-sent`.
 *
 * The blocking calls may run on any thread (libsoup >= 3.2); property
 * notifications and the `retrying` signal are always emitted on the thread
 * whose main context was the thread-default when the client was created.
 *
 * Signals: `retrying (guint attempt, guint delay_ms, const char *reason)`
 * before each wait.
 */
HubClient  *hub_client_new                  (const char   *base_uri);

const char *hub_client_get_base_uri         (HubClient    *self);
void        hub_client_set_base_uri         (HubClient    *self,
                                             const char   *base_uri);
void        hub_client_set_token            (HubClient    *self,
                                             const char   *token);
gboolean    hub_client_get_has_token        (HubClient    *self);
void        hub_client_set_retry_base_delay (HubClient    *self,
                                             guint         milliseconds);
void        hub_client_set_max_retry_delay  (HubClient    *self,
                                             guint         milliseconds);
/* The longest a whole page or HEAD request may take (retries included);
 * 0 for none; 300 s by default. */
void        hub_client_set_deadline         (HubClient    *self,
                                             guint         seconds);
guint       hub_client_get_deadline         (HubClient    *self);
void        hub_client_set_timeout          (HubClient    *self,
                                             guint         seconds);
gint64      hub_client_get_rate_limit_remaining (HubClient *self);
guint       hub_client_get_requests_sent    (HubClient    *self);

/* `<base-uri>/api/models?...`, or NULL when base-uri is not a valid
 * http(s) URI. */
char       *hub_client_models_uri           (HubClient            *self,
                                             const HubModelsQuery *query);

/**
 * hub_client_get:
 * @uri: an absolute http(s) URI
 * @etag: (nullable): sent as `If-None-Match`
 *
 * GETs @uri with the retry policy: 408, 429, 500, 502, 503, 504, timeouts and
 * dropped connections are retried up to `max-attempts` times (429 waits for
 * `RateLimit` t+1 s or `Retry-After`); 401/403/404 fail at once. The body is
 * read in full. Blocking; call from a worker thread in a UI.
 *
 * Returns: (transfer full): the response, or %NULL with @error
 * (%G_IO_ERROR_CANCELLED when cancelled).
 */
HubClientResponse *hub_client_get           (HubClient     *self,
                                             const char    *uri,
                                             const char    *etag,
                                             GCancellable  *cancellable,
                                             GError       **error);

void        hub_client_get_async            (HubClient           *self,
                                             const char          *uri,
                                             const char          *etag,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
HubClientResponse *hub_client_get_finish    (HubClient     *self,
                                             GAsyncResult  *result,
                                             GError       **error);

/* Called as a download goes: bytes in the file so far, and the whole
 * size (0 while unknown). On the thread that downloads. */
typedef void (*HubClientProgress) (guint64  done,
                                   guint64  total,
                                   gpointer user_data);

/**
 * hub_client_download:
 * @file: where the bytes go; what it holds already is kept and the rest
 *   asked for with `Range` (a 200 answer starts it again)
 *
 * Downloads @uri with the retry policy of hub_client_get(); a connection
 * that drops mid-body is resumed from the bytes written. Redirects are
 * followed here, and the token never goes to another host (a storage
 * host). Blocking. FALSE with @error; @file keeps what arrived.
 */
gboolean    hub_client_download             (HubClient          *self,
                                             const char         *uri,
                                             GFile              *file,
                                             HubClientProgress   progress,
                                             gpointer            user_data,
                                             GCancellable       *cancellable,
                                             GError            **error);

/* The size of @uri (HEAD's Content-Length after redirects, 0 when the
 * server does not say). Blocking. */
gboolean    hub_client_get_size             (HubClient          *self,
                                             const char         *uri,
                                             guint64            *out_size,
                                             GCancellable       *cancellable,
                                             GError            **error);

/* Whether @uri is on the client's base-uri (same scheme, host and port). */
gboolean    hub_client_is_own_uri           (HubClient          *self,
                                             const char         *uri);

/* The URI with any password and auth parameters hidden, for messages. */
char       *hub_client_redact_uri           (const char   *uri);

G_END_DECLS
