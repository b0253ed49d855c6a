/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-client"

#include "config.h"

#include "hub-client.h"
#include "hub-format.h"
#include "hub-http-headers.h"
#include "hub-deadline.h"
#include "hub-input-limits.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#define DEFAULT_TIMEOUT_S          30
/* A whole request, retries included; a 1,000-model page takes seconds. */
#define DEFAULT_DEADLINE_S         300
#define DEFAULT_MAX_ATTEMPTS       5
#define DEFAULT_RETRY_BASE_MS      1000
/* A rate-limit window is 5 minutes: never wait longer than one window. */
#define DEFAULT_MAX_RETRY_DELAY_MS (301 * 1000)
/* A page of 1,000 full entries is a few MB; 50,000 entries about 80 MB. */

struct _HubClient
{
  GObject       parent_instance;

  SoupSession  *session;
  GMainContext *owner_context;
  GThread      *owner_thread;

  /* Read by worker threads: guarded by @lock. */
  GMutex        lock;
  char         *base_uri;
  char         *token;
  guint         max_attempts;
  guint         retry_base_delay;
  guint         max_retry_delay;
  HubRateLimit  rate_limit;
  guint         requests_sent;

  guint         timeout;
  guint         deadline;
};

G_DEFINE_FINAL_TYPE (HubClient, hub_client, G_TYPE_OBJECT)

G_DEFINE_QUARK (hub-client-error-quark, hub_client_error)

enum {
  PROP_0,
  PROP_BASE_URI,
  PROP_TOKEN,
  PROP_HAS_TOKEN,
  PROP_USER_AGENT,
  PROP_TIMEOUT,
  PROP_DEADLINE,
  PROP_MAX_ATTEMPTS,
  PROP_RETRY_BASE_DELAY,
  PROP_MAX_RETRY_DELAY,
  PROP_RATE_LIMIT_REMAINING,
  PROP_RATE_LIMIT_RESET,
  PROP_RATE_LIMIT_QUOTA,
  PROP_REQUESTS_SENT,
  N_PROPS
};

enum {
  SIGNAL_RETRYING,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char * const model_expand[] = {
  "author", "createdAt", "lastModified", "downloads", "downloadsAllTime",
  "likes", "trendingScore", "pipeline_tag", "library_name", "tags",
  "baseModels", "safetensors", "gguf", "gated", "cardData", "usedStorage",
  "childrenModelCount", NULL
};

const char * const *
hub_client_get_model_expand (void)
{
  return model_expand;
}

void
hub_client_response_free (HubClientResponse *response)
{
  if (response == NULL)
    return;
  g_clear_pointer (&response->body, g_bytes_unref);
  g_free (response->next_uri);
  g_free (response->etag);
  g_free (response);
}

/* Main-thread dispatch ---------------------------------------------------- */

typedef struct {
  HubClient *self;
  guint      notify_mask;   /* 1 << PROP_x */
  gboolean   retrying;
  guint      attempt;
  guint      delay_ms;
  char      *reason;
} Dispatch;

static void
dispatch_free (gpointer data)
{
  Dispatch *d = data;

  g_object_unref (d->self);
  g_free (d->reason);
  g_free (d);
}

static gboolean
dispatch_run (gpointer data)
{
  Dispatch *d = data;

  g_object_freeze_notify (G_OBJECT (d->self));
  for (guint prop = 1; prop < N_PROPS; prop++)
    if (d->notify_mask & (1u << prop))
      g_object_notify_by_pspec (G_OBJECT (d->self), properties[prop]);
  g_object_thaw_notify (G_OBJECT (d->self));

  if (d->retrying)
    g_signal_emit (d->self, signals[SIGNAL_RETRYING], 0, d->attempt, d->delay_ms, d->reason);

  return G_SOURCE_REMOVE;
}

/* Runs @d on the owner thread: now when we are on it, else from an idle. */
static void
dispatch (HubClient *self,
          Dispatch  *d)
{
  d->self = g_object_ref (self);

  if (g_thread_self () == self->owner_thread)
    {
      dispatch_run (d);
      dispatch_free (d);
    }
  else
    {
      g_autoptr(GSource) source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, dispatch_run, d, dispatch_free);
      g_source_set_static_name (source, "[hubeco] client dispatch");
      g_source_attach (source, self->owner_context);
    }
}

/* Properties -------------------------------------------------------------- */

static char *
make_user_agent (void)
{
  return g_strdup_printf ("HubEco/%s", PACKAGE_VERSION);
}

static void
hub_client_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  HubClient *self = HUB_CLIENT (object);

  g_mutex_lock (&self->lock);
  switch (prop_id)
    {
    case PROP_BASE_URI:
      g_value_set_string (value, self->base_uri);
      break;
    case PROP_HAS_TOKEN:
      g_value_set_boolean (value, self->token != NULL);
      break;
    case PROP_USER_AGENT:
      g_value_take_string (value, make_user_agent ());
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;
    case PROP_DEADLINE:
      g_value_set_uint (value, hub_client_get_deadline (self));
      break;
    case PROP_MAX_ATTEMPTS:
      g_value_set_uint (value, self->max_attempts);
      break;
    case PROP_RETRY_BASE_DELAY:
      g_value_set_uint (value, self->retry_base_delay);
      break;
    case PROP_MAX_RETRY_DELAY:
      g_value_set_uint (value, self->max_retry_delay);
      break;
    case PROP_RATE_LIMIT_REMAINING:
      g_value_set_int64 (value, self->rate_limit.remaining);
      break;
    case PROP_RATE_LIMIT_RESET:
      g_value_set_int64 (value, self->rate_limit.reset);
      break;
    case PROP_RATE_LIMIT_QUOTA:
      g_value_set_int64 (value, self->rate_limit.quota);
      break;
    case PROP_REQUESTS_SENT:
      g_value_set_uint (value, self->requests_sent);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
  g_mutex_unlock (&self->lock);
}

static void
set_uint_prop (HubClient *self,
               guint     *field,
               guint      value,
               guint      prop)
{
  gboolean changed;

  g_mutex_lock (&self->lock);
  changed = *field != value;
  *field = value;
  g_mutex_unlock (&self->lock);
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
hub_client_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  HubClient *self = HUB_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URI:
      hub_client_set_base_uri (self, g_value_get_string (value));
      break;
    case PROP_TOKEN:
      hub_client_set_token (self, g_value_get_string (value));
      break;
    case PROP_TIMEOUT:
      hub_client_set_timeout (self, g_value_get_uint (value));
      break;
    case PROP_DEADLINE:
      hub_client_set_deadline (self, g_value_get_uint (value));
      break;
    case PROP_MAX_ATTEMPTS:
      set_uint_prop (self, &self->max_attempts, MAX (1, g_value_get_uint (value)), prop_id);
      break;
    case PROP_RETRY_BASE_DELAY:
      hub_client_set_retry_base_delay (self, g_value_get_uint (value));
      break;
    case PROP_MAX_RETRY_DELAY:
      hub_client_set_max_retry_delay (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hub_client_dispose (GObject *object)
{
  HubClient *self = HUB_CLIENT (object);

  g_clear_object (&self->session);

  G_OBJECT_CLASS (hub_client_parent_class)->dispose (object);
}

static void
hub_client_finalize (GObject *object)
{
  HubClient *self = HUB_CLIENT (object);

  g_free (self->base_uri);
  if (self->token != NULL)
    memset (self->token, 0, strlen (self->token));
  g_free (self->token);
  g_main_context_unref (self->owner_context);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (hub_client_parent_class)->finalize (object);
}

static void
hub_client_class_init (HubClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = hub_client_get_property;
  object_class->set_property = hub_client_set_property;
  object_class->dispose = hub_client_dispose;
  object_class->finalize = hub_client_finalize;

  properties[PROP_BASE_URI] =
    g_param_spec_string ("base-uri", NULL, NULL, NULL, rw);
  properties[PROP_TOKEN] =
    g_param_spec_string ("token", NULL, NULL, NULL,
                         G_PARAM_WRITABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_TOKEN] =
    g_param_spec_boolean ("has-token", NULL, NULL, FALSE, ro);
  properties[PROP_USER_AGENT] =
    g_param_spec_string ("user-agent", NULL, NULL, NULL, ro);
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 0, 3600, DEFAULT_TIMEOUT_S, rw);
  properties[PROP_DEADLINE] =
    g_param_spec_uint ("deadline", NULL, NULL, 0, 86400, DEFAULT_DEADLINE_S, rw);
  properties[PROP_MAX_ATTEMPTS] =
    g_param_spec_uint ("max-attempts", NULL, NULL, 1, 100, DEFAULT_MAX_ATTEMPTS, rw);
  properties[PROP_RETRY_BASE_DELAY] =
    g_param_spec_uint ("retry-base-delay", NULL, NULL, 0, 3600000, DEFAULT_RETRY_BASE_MS, rw);
  properties[PROP_MAX_RETRY_DELAY] =
    g_param_spec_uint ("max-retry-delay", NULL, NULL, 0, G_MAXUINT, DEFAULT_MAX_RETRY_DELAY_MS, rw);
  properties[PROP_RATE_LIMIT_REMAINING] =
    g_param_spec_int64 ("rate-limit-remaining", NULL, NULL, -1, G_MAXINT64, -1, ro);
  properties[PROP_RATE_LIMIT_RESET] =
    g_param_spec_int64 ("rate-limit-reset", NULL, NULL, -1, G_MAXINT64, -1, ro);
  properties[PROP_RATE_LIMIT_QUOTA] =
    g_param_spec_int64 ("rate-limit-quota", NULL, NULL, -1, G_MAXINT64, -1, ro);
  properties[PROP_REQUESTS_SENT] =
    g_param_spec_uint ("requests-sent", NULL, NULL, 0, G_MAXUINT, 0, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_RETRYING] =
    g_signal_new ("retrying", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_STRING);
}

static void
hub_client_init (HubClient *self)
{
  g_autofree char *user_agent = make_user_agent ();
  const char *token = g_getenv ("HF_TOKEN");

  g_mutex_init (&self->lock);
  self->owner_context = g_main_context_ref_thread_default ();
  self->owner_thread = g_thread_self ();
  self->max_attempts = DEFAULT_MAX_ATTEMPTS;
  self->retry_base_delay = DEFAULT_RETRY_BASE_MS;
  self->max_retry_delay = DEFAULT_MAX_RETRY_DELAY_MS;
  self->timeout = DEFAULT_TIMEOUT_S;
  self->deadline = DEFAULT_DEADLINE_S;
  hub_rate_limit_init (&self->rate_limit);

  self->session = soup_session_new_with_options ("user-agent", user_agent,
                                                 "timeout", self->timeout,
                                                 "idle-timeout", 60,
                                                 NULL);

  if (token != NULL && *token != '\0')
    self->token = g_strstrip (g_strdup (token));
}

/**
 * hub_client_new:
 * @base_uri: (nullable): the endpoint; %NULL for $HF_ENDPOINT or the Hub
 */
HubClient *
hub_client_new (const char *base_uri)
{
  return g_object_new (HUB_TYPE_CLIENT, "base-uri", base_uri, NULL);
}

const char *
hub_client_get_base_uri (HubClient *self)
{
  g_return_val_if_fail (HUB_IS_CLIENT (self), NULL);

  return self->base_uri;
}

/**
 * hub_client_set_base_uri:
 * @base_uri: (nullable): %NULL or "" for $HF_ENDPOINT, else the Hub
 *
 * A trailing slash is dropped so paths join cleanly.
 */
void
hub_client_set_base_uri (HubClient  *self,
                         const char *base_uri)
{
  g_autofree char *value = NULL;
  gboolean changed;

  g_return_if_fail (HUB_IS_CLIENT (self));

  if (base_uri == NULL || *base_uri == '\0')
    base_uri = g_getenv ("HF_ENDPOINT");
  if (base_uri == NULL || *base_uri == '\0')
    base_uri = HUB_CLIENT_DEFAULT_ENDPOINT;

  value = g_strstrip (g_strdup (base_uri));
  while (g_str_has_suffix (value, "/") && strlen (value) > 1)
    value[strlen (value) - 1] = '\0';

  g_mutex_lock (&self->lock);
  changed = g_strcmp0 (self->base_uri, value) != 0;
  if (changed)
    {
      g_free (self->base_uri);
      self->base_uri = g_steal_pointer (&value);
    }
  g_mutex_unlock (&self->lock);

  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_URI]);
}

/**
 * hub_client_set_token:
 * @token: (nullable): an access token; %NULL or "" for none
 *
 * The token is kept in memory only.
 */
void
hub_client_set_token (HubClient  *self,
                      const char *token)
{
  gboolean had;
  gboolean has;

  g_return_if_fail (HUB_IS_CLIENT (self));

  g_mutex_lock (&self->lock);
  had = self->token != NULL;
  if (self->token != NULL)
    memset (self->token, 0, strlen (self->token));
  g_clear_pointer (&self->token, g_free);
  if (token != NULL && *token != '\0')
    self->token = g_strstrip (g_strdup (token));
  has = self->token != NULL;
  g_mutex_unlock (&self->lock);

  if (had != has)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_TOKEN]);
}

gboolean
hub_client_get_has_token (HubClient *self)
{
  gboolean has;

  g_return_val_if_fail (HUB_IS_CLIENT (self), FALSE);

  g_mutex_lock (&self->lock);
  has = self->token != NULL;
  g_mutex_unlock (&self->lock);
  return has;
}

void
hub_client_set_retry_base_delay (HubClient *self,
                                 guint      milliseconds)
{
  g_return_if_fail (HUB_IS_CLIENT (self));

  set_uint_prop (self, &self->retry_base_delay, milliseconds, PROP_RETRY_BASE_DELAY);
}

void
hub_client_set_max_retry_delay (HubClient *self,
                                guint      milliseconds)
{
  g_return_if_fail (HUB_IS_CLIENT (self));

  set_uint_prop (self, &self->max_retry_delay, milliseconds, PROP_MAX_RETRY_DELAY);
}

/**
 * hub_client_set_timeout:
 * @seconds: I/O timeout; 0 for none
 *
 * Call from the thread that created the client, before any request is sent
 * or between requests (a libsoup rule).
 */
void
hub_client_set_timeout (HubClient *self,
                        guint      seconds)
{
  g_return_if_fail (HUB_IS_CLIENT (self));

  if (self->timeout == seconds)
    return;
  self->timeout = seconds;
  soup_session_set_timeout (self->session, seconds);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

/**
 * hub_client_set_deadline:
 * @seconds: the longest a page or a HEAD request may take, retries and
 *   waits included; 0 for none. File downloads resume with Range and are
 *   bounded by the idle timeout only.
 */
void
hub_client_set_deadline (HubClient *self,
                         guint      seconds)
{
  g_return_if_fail (HUB_IS_CLIENT (self));

  set_uint_prop (self, &self->deadline, seconds, PROP_DEADLINE);
}

guint
hub_client_get_deadline (HubClient *self)
{
  guint seconds;

  g_return_val_if_fail (HUB_IS_CLIENT (self), 0);

  g_mutex_lock (&self->lock);
  seconds = self->deadline;
  g_mutex_unlock (&self->lock);
  return seconds;
}

gint64
hub_client_get_rate_limit_remaining (HubClient *self)
{
  gint64 remaining;

  g_return_val_if_fail (HUB_IS_CLIENT (self), -1);

  g_mutex_lock (&self->lock);
  remaining = self->rate_limit.remaining;
  g_mutex_unlock (&self->lock);
  return remaining;
}

guint
hub_client_get_requests_sent (HubClient *self)
{
  guint sent;

  g_return_val_if_fail (HUB_IS_CLIENT (self), 0);

  g_mutex_lock (&self->lock);
  sent = self->requests_sent;
  g_mutex_unlock (&self->lock);
  return sent;
}

/* URIs -------------------------------------------------------------------- */

char *
hub_client_redact_uri (const char *uri)
{
  g_autoptr(GUri) parsed = NULL;

  if (uri == NULL)
    return g_strdup ("");
  parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED | G_URI_FLAGS_HAS_PASSWORD | G_URI_FLAGS_HAS_AUTH_PARAMS, NULL);
  if (parsed == NULL)
    return g_strdup (_("(invalid address)"));
  return g_uri_to_string_partial (parsed, G_URI_HIDE_USERINFO | G_URI_HIDE_PASSWORD | G_URI_HIDE_AUTH_PARAMS);
}

static void
append_param (GString    *s,
              const char *key,
              const char *value)
{
  g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);

  if (!g_str_has_suffix (s->str, "?"))
    g_string_append_c (s, '&');
  g_string_append_printf (s, "%s=%s", key, escaped);
}

char *
hub_client_models_uri (HubClient            *self,
                       const HubModelsQuery *query)
{
  g_autoptr(GString) s = NULL;
  g_autoptr(GUri) parsed = NULL;
  g_autofree char *base = NULL;
  const char *scheme;

  g_return_val_if_fail (HUB_IS_CLIENT (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  g_mutex_lock (&self->lock);
  base = g_strdup (self->base_uri);
  g_mutex_unlock (&self->lock);

  parsed = g_uri_parse (base, G_URI_FLAGS_ENCODED, NULL);
  if (parsed == NULL)
    return NULL;
  scheme = g_uri_get_scheme (parsed);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    return NULL;
  if (g_uri_get_host (parsed) == NULL || *g_uri_get_host (parsed) == '\0')
    return NULL;

  s = g_string_new (base);
  g_string_append (s, "/api/models?");
  if (query->sort != NULL)
    append_param (s, "sort", query->sort);
  if (query->search != NULL)
    append_param (s, "search", query->search);
  if (query->author != NULL)
    append_param (s, "author", query->author);
  if (query->pipeline_tag != NULL)
    append_param (s, "pipeline_tag", query->pipeline_tag);
  if (query->filter != NULL)
    append_param (s, "filter", query->filter);
  if (query->limit > 0)
    {
      char buf[16];

      g_snprintf (buf, sizeof buf, "%u", query->limit);
      append_param (s, "limit", buf);
    }
  if (query->expand)
    for (guint i = 0; model_expand[i] != NULL; i++)
      append_param (s, "expand%5B%5D", model_expand[i]);

  if (g_str_has_suffix (s->str, "?"))
    g_string_truncate (s, s->len - 1);

  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* Same scheme, host and port: the token may go there. */
static gboolean
same_origin (GUri       *a,
             const char *b_str)
{
  g_autoptr(GUri) b = g_uri_parse (b_str, G_URI_FLAGS_ENCODED, NULL);

  if (b == NULL)
    return FALSE;
  return g_ascii_strcasecmp (g_uri_get_scheme (a), g_uri_get_scheme (b)) == 0 &&
         g_ascii_strcasecmp (g_uri_get_host (a), g_uri_get_host (b)) == 0 &&
         g_uri_get_port (a) == g_uri_get_port (b);
}

gboolean
hub_client_is_own_uri (HubClient  *self,
                       const char *uri)
{
  g_autoptr(GUri) parsed = NULL;
  g_autofree char *base = NULL;

  g_return_val_if_fail (HUB_IS_CLIENT (self), FALSE);

  if (uri == NULL || (parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED, NULL)) == NULL ||
      g_uri_get_host (parsed) == NULL)
    return FALSE;
  g_mutex_lock (&self->lock);
  base = g_strdup (self->base_uri);
  g_mutex_unlock (&self->lock);
  return same_origin (parsed, base);
}

/* The GET with retries ---------------------------------------------------- */

static gboolean
sleep_cancellable (guint          ms,
                   GCancellable  *cancellable,
                   GError       **error)
{
  GPollFD pollfd;

  if (ms == 0 || cancellable == NULL || !g_cancellable_make_pollfd (cancellable, &pollfd))
    {
      if (ms > 0)
        g_usleep ((gulong) ms * 1000);
      return !g_cancellable_set_error_if_cancelled (cancellable, error);
    }

  {
    gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

    while (!g_cancellable_is_cancelled (cancellable))
      {
        gint64 left = end - g_get_monotonic_time ();

        if (left <= 0)
          break;
        g_poll (&pollfd, 1, (int) MIN ((left + 999) / 1000, G_MAXINT));
      }
  }
  g_cancellable_release_fd (cancellable);
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

static gboolean
is_offline_error (const GError *error)
{
  return error->domain == G_RESOLVER_ERROR ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE);
}

static gboolean
is_transient_error (const GError *error)
{
  if (error->domain == SOUP_SESSION_ERROR)
    return error->code == SOUP_SESSION_ERROR_PARSING ||
           error->code == SOUP_SESSION_ERROR_ENCODING;
  if (error->domain != G_IO_ERROR)
    return FALSE;
  switch (error->code)
    {
    case G_IO_ERROR_CANCELLED:
    case G_IO_ERROR_NOT_SUPPORTED:
    case G_IO_ERROR_INVALID_ARGUMENT:
    case G_IO_ERROR_INVALID_DATA:
      return FALSE;
    default:
      return TRUE;
    }
}

static gboolean
is_retry_status (guint status)
{
  switch (status)
    {
    case 408: case 429: case 500: case 502: case 503: case 504:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Reads the whole (decoded) body through the one bounded reader, with the
 * file importer's limit on a JSON document: a page that inflates without
 * end stops there instead of filling memory. */
static GBytes *
read_body (GInputStream  *stream,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  GBytes *body = hub_read_all_capped (stream, hub_input_limits_get_document_bytes (),
                                      cancellable, &local_error);

  if (body == NULL && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE))
    {
      g_set_error (error, HUB_CLIENT_ERROR, HUB_CLIENT_ERROR_BAD_RESPONSE,
                   _("The response is larger than %zu MB once decompressed; it was not read further"),
                   (size_t) (hub_input_limits_get_document_bytes () / (1024 * 1024)));
      return NULL;
    }
  if (body == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return body;
}

/* Records RateLimit / RateLimit-Policy; returns the 1 << PROP mask changed. */
static guint
update_rate_limit (HubClient          *self,
                   SoupMessageHeaders *headers,
                   HubRateLimit       *out_limit)
{
  HubRateLimit limit;
  guint mask = 0;

  hub_rate_limit_init (&limit);
  hub_http_parse_rate_limit (soup_message_headers_get_one (headers, "RateLimit"), &limit);
  hub_http_parse_rate_limit_policy (soup_message_headers_get_one (headers, "RateLimit-Policy"), &limit);
  *out_limit = limit;

  g_mutex_lock (&self->lock);
  if (limit.remaining >= 0 && limit.remaining != self->rate_limit.remaining)
    {
      self->rate_limit.remaining = limit.remaining;
      mask |= 1u << PROP_RATE_LIMIT_REMAINING;
    }
  if (limit.reset >= 0 && limit.reset != self->rate_limit.reset)
    {
      self->rate_limit.reset = limit.reset;
      mask |= 1u << PROP_RATE_LIMIT_RESET;
    }
  if (limit.quota >= 0 && limit.quota != self->rate_limit.quota)
    {
      self->rate_limit.quota = limit.quota;
      mask |= 1u << PROP_RATE_LIMIT_QUOTA;
    }
  g_mutex_unlock (&self->lock);

  return mask;
}

/* The Hub's `{"error": "..."}`, shortened, or NULL. Never includes @token. */
static char *
hub_error_text (GBytes     *body,
                const char *token)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;
  const char *text;
  g_autofree char *copy = NULL;

  if (body == NULL || g_bytes_get_size (body) == 0 || g_bytes_get_size (body) > 64 * 1024)
    return NULL;
  parser = json_parser_new ();
  if (!hub_json_load_bounded (parser, g_bytes_get_data (body, NULL),
                              g_bytes_get_size (body), NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  text = json_object_get_string_member_with_default (json_node_get_object (root), "error", NULL);
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;
  if (token != NULL && strstr (text, token) != NULL)
    return NULL;
  copy = g_utf8_substring (text, 0, MIN (g_utf8_strlen (text, -1), 200));
  return hub_text_sanitize (copy, FALSE);
}

static void
set_status_error (GError     **error,
                  guint        status,
                  const char  *redacted_uri,
                  gboolean     had_token,
                  const char  *hub_text)
{
  g_autofree char *detail = hub_text != NULL ? g_strdup_printf (" (%s)", hub_text) : g_strdup ("");

  switch (status)
    {
    case 401:
      if (had_token)
        g_set_error (error, HUB_CLIENT_ERROR, HUB_CLIENT_ERROR_UNAUTHORIZED,
                     _("The Hub rejected the access token (HTTP 401). Check the token in Preferences or HF_TOKEN."));
      else
        g_set_error (error, HUB_CLIENT_ERROR, HUB_CLIENT_ERROR_UNAUTHORIZED,
                     _("The Hub requires an access token (HTTP 401). Set one in Preferences or HF_TOKEN."));
      break;
    case 403:
      g_set_error (error, HUB_CLIENT_ERROR, HUB_CLIENT_ERROR_FORBIDDEN,
                   _("Access denied (HTTP 403): the repository is gated or the token does not allow it."));
      break;
    case 404:
      g_set_error (error, HUB_CLIENT_ERROR, HUB_CLIENT_ERROR_NOT_FOUND,
                   _("Not found (HTTP 404): %s"), redacted_uri);
      break;
    case 408: case 500: case 502: case 503: case 504:
      g_set_error (error, HUB_CLIENT_ERROR, HUB_CLIENT_ERROR_SERVER,
                   _("The server kept failing (HTTP %u %s)%s"),
                   status, soup_status_get_phrase (status), detail);
      break;
    case 429:
      g_set_error (error, HUB_CLIENT_ERROR, HUB_CLIENT_ERROR_RATE_LIMITED,
                   _("The Hub's rate limit was reached (HTTP 429); try again in a few minutes"));
      break;
    default:
      if (status >= 400 && status < 500)
        g_set_error (error, HUB_CLIENT_ERROR, HUB_CLIENT_ERROR_BAD_REQUEST,
                     _("The Hub refused the request (HTTP %u %s)%s"),
                     status, soup_status_get_phrase (status), detail);
      else
        g_set_error (error, HUB_CLIENT_ERROR, HUB_CLIENT_ERROR_BAD_RESPONSE,
                     _("Unexpected answer from the server (HTTP %u %s)%s"),
                     status, soup_status_get_phrase (status), detail);
      break;
    }
}

static guint
backoff_delay (guint base_ms,
               guint attempt)
{
  guint64 delay = (guint64) base_ms << MIN (attempt - 1, 16);
  guint64 jitter = delay / 4 > 0 ? (guint64) g_random_int_range (0, (gint32) MIN (delay / 4, G_MAXINT32)) : 0;

  return (guint) MIN (delay + jitter, G_MAXUINT);
}

/* What one kind of request does beyond the shared retry policy: its
 * method, headers, which statuses succeed and how a successful body is
 * read. */
typedef struct {
  const char *method;
  const char *accept;
  gboolean    manual_redirects;  /* follow 3xx here, dropping the token off-origin */
  gboolean    bounded;           /* ends within the client's deadline */
  void      (*prepare) (SoupMessage *msg, gpointer data);
  gboolean  (*success) (guint status);
  /* Reads a successful body into @response (or elsewhere). */
  gboolean  (*consume) (SoupMessage        *msg,
                        GInputStream       *stream,
                        HubClientResponse  *response,
                        gpointer            data,
                        GCancellable       *cancellable,
                        GError            **error);
} RequestOps;

static gboolean
is_redirect (guint status)
{
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

/* Redirects followed for one request at most. */
#define MAX_REDIRECTS 5

/* The request with the retry policy of hub_client_get(). */
static HubClientResponse *
request_attempts (HubClient         *self,
                const char        *uri,
                const char        *etag,
                const RequestOps  *ops,
                gpointer           data,
                GCancellable      *cancellable,
                GError           **error)
{
  g_autoptr(GUri) parsed = NULL;
  g_autofree char *redacted = NULL;
  g_autofree char *token = NULL;
  g_autofree char *base = NULL;
  g_autoptr(GError) last_error = NULL;
  guint max_attempts;
  guint base_delay;
  guint max_delay;
  guint last_status = 0;
  guint redirects = 0;
  gboolean send_token;

  redacted = hub_client_redact_uri (uri);
  parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED, NULL);
  if (parsed == NULL || g_uri_get_host (parsed) == NULL ||
      (g_ascii_strcasecmp (g_uri_get_scheme (parsed), "http") != 0 &&
       g_ascii_strcasecmp (g_uri_get_scheme (parsed), "https") != 0))
    {
      g_set_error (error, HUB_CLIENT_ERROR, HUB_CLIENT_ERROR_BAD_RESPONSE,
                   _("Not a usable http(s) address: %s"), redacted);
      return NULL;
    }

  g_mutex_lock (&self->lock);
  token = g_strdup (self->token);
  base = g_strdup (self->base_uri);
  max_attempts = self->max_attempts;
  base_delay = self->retry_base_delay;
  max_delay = self->max_retry_delay;
  g_mutex_unlock (&self->lock);

  /* A Link may point elsewhere; the token only goes to the configured host. */
  send_token = token != NULL && same_origin (parsed, base);

  /* A line break in a header would split the request: say so before
   * anything is sent (never showing the token). */
  for (const char *p = send_token ? token : ""; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || (guchar) *p == 0x7f)
      {
        g_set_error (error, HUB_CLIENT_ERROR, HUB_CLIENT_ERROR_UNAUTHORIZED,
                     _("The access token contains a line break or another control character; "
                       "set it again in Preferences or HF_TOKEN. Nothing was sent."));
        return NULL;
      }

  for (guint attempt = 1; ; attempt++)
    {
      g_autoptr(SoupMessage) msg = soup_message_new_from_uri (ops->method, parsed);
      g_autoptr(GInputStream) stream = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GBytes) body = NULL;
      g_autofree char *reason = NULL;
      SoupMessageHeaders *request_headers = soup_message_get_request_headers (msg);
      HubRateLimit limit;
      guint delay = 0;
      guint status = 0;
      Dispatch *d;

      if (ops->manual_redirects)
        soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
      if (ops->accept != NULL)
        soup_message_headers_replace (request_headers, "Accept", ops->accept);
      if (etag != NULL && *etag != '\0')
        soup_message_headers_replace (request_headers, "If-None-Match", etag);
      if (send_token)
        {
          g_autofree char *auth = g_strdup_printf ("Bearer %s", token);

          soup_message_headers_replace (request_headers, "Authorization", auth);
          memset (auth, 0, strlen (auth));
        }
      if (ops->prepare != NULL)
        ops->prepare (msg, data);

      g_mutex_lock (&self->lock);
      self->requests_sent++;
      g_mutex_unlock (&self->lock);

      stream = soup_session_send (self->session, msg, cancellable, &local_error);
      d = g_new0 (Dispatch, 1);
      d->notify_mask = 1u << PROP_REQUESTS_SENT;

      if (stream != NULL)
        {
          SoupMessageHeaders *headers = soup_message_get_response_headers (msg);
          const char *location = soup_message_headers_get_one (headers, "Location");

          status = soup_message_get_status (msg);
          d->notify_mask |= update_rate_limit (self, headers, &limit);

          if (ops->manual_redirects && is_redirect (status) && location != NULL)
            {
              g_autoptr(GUri) target = g_uri_parse_relative (parsed, location, G_URI_FLAGS_ENCODED, NULL);

              g_input_stream_close (stream, NULL, NULL);
              dispatch (self, d);
              if (target == NULL || ++redirects > MAX_REDIRECTS)
                {
                  g_set_error (error, HUB_CLIENT_ERROR, HUB_CLIENT_ERROR_BAD_RESPONSE,
                               _("Too many or bad redirects from %s"), redacted);
                  return NULL;
                }
              g_uri_unref (parsed);
              parsed = g_steal_pointer (&target);
              /* Storage hosts never see the token. */
              send_token = send_token && same_origin (parsed, base);
              attempt--;
              continue;
            }

          if (ops->success (status))
            {
              g_autoptr(HubClientResponse) response = g_new0 (HubClientResponse, 1);
              const char *link = soup_message_headers_get_list (headers, "Link");
              g_autofree char *next = hub_http_parse_link_next (link);

              response->status = status;
              response->attempts = attempt;
              response->not_modified = status == 304;
              response->etag = g_strdup (soup_message_headers_get_one (headers, "ETag"));
              if (next != NULL)
                {
                  g_autoptr(GUri) resolved = g_uri_parse_relative (parsed, next, G_URI_FLAGS_ENCODED, NULL);

                  /* Absolute targets are kept exactly as sent. */
                  if (g_uri_is_valid (next, G_URI_FLAGS_ENCODED, NULL))
                    response->next_uri = g_steal_pointer (&next);
                  else if (resolved != NULL)
                    response->next_uri = g_uri_to_string (resolved);
                }
              if (ops->consume (msg, stream, response, data, cancellable, &local_error))
                {
                  g_input_stream_close (stream, NULL, NULL);
                  dispatch (self, d);
                  return g_steal_pointer (&response);
                }
              g_input_stream_close (stream, NULL, NULL);
              if (local_error->domain == HUB_CLIENT_ERROR)
                {
                  dispatch (self, d);
                  g_propagate_error (error, g_steal_pointer (&local_error));
                  return NULL;
                }
            }
          else
            {
              body = read_body (stream, cancellable, &local_error);
              g_input_stream_close (stream, NULL, NULL);
            }

          if (body != NULL && is_retry_status (status))
            {
              reason = g_strdup_printf ("HTTP %u %s", status, soup_status_get_phrase (status));
              delay = backoff_delay (base_delay, attempt);
              if (status == 429 && limit.reset >= 0)
                delay = (guint) MIN ((limit.reset + 1) * 1000, (gint64) G_MAXUINT);
              else
                {
                  gint64 after;

                  if (hub_http_parse_retry_after (soup_message_headers_get_one (headers, "Retry-After"),
                                                  g_get_real_time () / G_USEC_PER_SEC, &after))
                    delay = (guint) MIN (after * 1000, (gint64) G_MAXUINT);
                }
              last_status = status;
              g_clear_error (&last_error);
            }
          else if (body != NULL)
            {
              g_autofree char *hub_text = hub_error_text (body, token);

              dispatch (self, d);
              set_status_error (error, status, redacted, send_token, hub_text);
              return NULL;
            }
        }

      if (local_error != NULL)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              dispatch (self, d);
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
          if (is_offline_error (local_error))
            {
              dispatch (self, d);
              g_set_error (error, HUB_CLIENT_ERROR, HUB_CLIENT_ERROR_OFFLINE,
                           _("Offline: cannot reach %s (%s)"),
                           g_uri_get_host (parsed), local_error->message);
              return NULL;
            }
          if (!is_transient_error (local_error))
            {
              dispatch (self, d);
              g_set_error (error, HUB_CLIENT_ERROR, HUB_CLIENT_ERROR_NETWORK,
                           _("Cannot talk to %s: %s"),
                           g_uri_get_host (parsed), local_error->message);
              return NULL;
            }
          reason = g_strdup (local_error->message);
          delay = backoff_delay (base_delay, attempt);
          last_status = 0;
          g_clear_error (&last_error);
          last_error = g_steal_pointer (&local_error);
        }

      if (attempt >= max_attempts)
        {
          dispatch (self, d);
          if (last_error != NULL)
            g_set_error (error, HUB_CLIENT_ERROR, HUB_CLIENT_ERROR_NETWORK,
                         _("Cannot reach %s after %u attempts: %s"),
                         g_uri_get_host (parsed), attempt, last_error->message);
          else
            set_status_error (error, last_status, redacted, send_token, NULL);
          return NULL;
        }

      delay = MIN (delay, max_delay);
      g_debug ("%s %s: %s; attempt %u in %u ms", ops->method, redacted, reason, attempt + 1, delay);
      d->retrying = TRUE;
      d->attempt = attempt + 1;
      d->delay_ms = delay;
      d->reason = g_steal_pointer (&reason);
      dispatch (self, d);

      if (!sleep_cancellable (delay, cancellable, error))
        return NULL;
    }
}

/* request_attempts() within the deadline, when @ops is bounded. */
static HubClientResponse *
client_request (HubClient         *self,
                const char        *uri,
                const char        *etag,
                const RequestOps  *ops,
                gpointer           data,
                GCancellable      *cancellable,
                GError           **error)
{
  guint seconds = ops->bounded ? hub_client_get_deadline (self) : 0;
  g_autoptr(HubDeadline) deadline = NULL;
  g_autoptr(GError) local_error = NULL;
  HubClientResponse *response;

  deadline = hub_deadline_new (seconds, cancellable);
  response = request_attempts (self, uri, etag, ops, data,
                               hub_deadline_get_cancellable (deadline), &local_error);
  if (response != NULL)
    return response;
  if (hub_deadline_expired (deadline))
    {
      g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED, NULL);

      g_set_error (error, HUB_CLIENT_ERROR, HUB_CLIENT_ERROR_NETWORK,
                   _("No complete answer from %s within %u seconds; the request was stopped "
                     "(the limit is --timeout, or Request time limit in Preferences)"),
                   parsed != NULL && g_uri_get_host (parsed) != NULL ? g_uri_get_host (parsed) : _("the server"),
                   seconds);
      return NULL;
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

/* GET: 200, 203 and 304 succeed; the body is read whole (bounded). */
static gboolean
get_success (guint status)
{
  return status == 200 || status == 203 || status == 304;
}

static gboolean
get_consume (SoupMessage        *msg,
             GInputStream       *stream,
             HubClientResponse  *response,
             gpointer            data,
             GCancellable       *cancellable,
             GError            **error)
{
  GBytes *body = read_body (stream, cancellable, error);

  if (body == NULL)
    return FALSE;
  if (response->not_modified)
    g_bytes_unref (body);
  else
    response->body = body;
  return TRUE;
}

static const RequestOps get_ops = {
  "GET", "application/json", FALSE, TRUE, NULL, get_success, get_consume,
};

HubClientResponse *
hub_client_get (HubClient     *self,
                const char    *uri,
                const char    *etag,
                GCancellable  *cancellable,
                GError       **error)
{
  g_return_val_if_fail (HUB_IS_CLIENT (self), NULL);
  g_return_val_if_fail (uri != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return client_request (self, uri, etag, &get_ops, NULL, cancellable, error);
}

/* Downloads ------------------------------------------------------------- */

typedef struct {
  GFile              *file;
  guint64             done;        /* bytes in the file */
  guint64             total;       /* 0 until known */
  HubClientProgress   progress;
  gpointer            user_data;
} Download;

static void
download_prepare (SoupMessage *msg,
                  gpointer     data)
{
  Download *dl = data;

  if (dl->done > 0)
    soup_message_headers_set_range (soup_message_get_request_headers (msg), (goffset) dl->done, -1);
}

/* 206 continues the file, 200 starts it again, 416 means it is whole. */
static gboolean
download_success (guint status)
{
  return status == 200 || status == 206 || status == 416;
}

static gboolean
download_consume (SoupMessage        *msg,
                  GInputStream       *stream,
                  HubClientResponse  *response,
                  gpointer            data,
                  GCancellable       *cancellable,
                  GError            **error)
{
  Download *dl = data;
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GError) write_error = NULL;
  goffset start = 0, end = 0, total = 0;
  guint8 buf[64 * 1024];

  if (response->status == 416)
    return TRUE;

  if (response->status == 206)
    {
      if (!soup_message_headers_get_content_range (headers, &start, &end, &total) ||
          (guint64) start != dl->done)
        {
          g_set_error (error, HUB_CLIENT_ERROR, HUB_CLIENT_ERROR_BAD_RESPONSE,
                       _("The server resumed the download at the wrong place"));
          return FALSE;
        }
      if (total > 0)
        dl->total = (guint64) total;
      out = g_file_append_to (dl->file, G_FILE_CREATE_PRIVATE, cancellable, error);
    }
  else
    {
      goffset length = soup_message_headers_get_content_length (headers);

      dl->done = 0;
      if (length > 0)
        dl->total = (guint64) length;
      out = g_file_replace (dl->file, NULL, FALSE, G_FILE_CREATE_PRIVATE, cancellable, error);
    }
  if (out == NULL)
    return FALSE;

  for (;;)
    {
      gssize n = g_input_stream_read (stream, buf, sizeof buf, cancellable, error);

      if (n < 0)
        {
          /* What arrived is kept: the next attempt resumes after it. */
          g_output_stream_close (G_OUTPUT_STREAM (out), NULL, NULL);
          return FALSE;
        }
      if (n == 0)
        break;
      if (!g_output_stream_write_all (G_OUTPUT_STREAM (out), buf, (gsize) n, NULL, cancellable, &write_error))
        {
          g_autofree char *path = g_file_get_parse_name (dl->file);

          g_output_stream_close (G_OUTPUT_STREAM (out), NULL, NULL);
          if (g_error_matches (write_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_propagate_error (error, g_steal_pointer (&write_error));
              return FALSE;
            }
          /* A full disk is not the network's fault: no retry. */
          g_set_error (error, HUB_CLIENT_ERROR, HUB_CLIENT_ERROR_BAD_RESPONSE,
                       _("Could not write the download to %s: %s"), path, write_error->message);
          return FALSE;
        }
      dl->done += (guint64) n;
      if (dl->progress != NULL)
        dl->progress (dl->done, dl->total, dl->user_data);
    }
  if (!g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, error))
    return FALSE;
  if (dl->total > 0 && dl->done < dl->total)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT,
                   _("The download ended after %llu of %llu bytes"),
                   (unsigned long long) dl->done, (unsigned long long) dl->total);
      return FALSE;
    }
  return TRUE;
}

static const RequestOps download_ops = {
  "GET", NULL, TRUE, FALSE, download_prepare, download_success, download_consume,
};

gboolean
hub_client_download (HubClient          *self,
                     const char         *uri,
                     GFile              *file,
                     HubClientProgress   progress,
                     gpointer            user_data,
                     GCancellable       *cancellable,
                     GError            **error)
{
  g_autoptr(HubClientResponse) response = NULL;
  g_autoptr(GFileInfo) info = NULL;
  Download dl = { file, 0, 0, progress, user_data };

  g_return_val_if_fail (HUB_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (uri != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info != NULL)
    dl.done = (guint64) g_file_info_get_size (info);

  response = client_request (self, uri, NULL, &download_ops, &dl, cancellable, error);
  return response != NULL;
}

/* HEAD: the size of what a GET would send. */
static gboolean
head_success (guint status)
{
  return status == 200;
}

static gboolean
head_consume (SoupMessage        *msg,
              GInputStream       *stream,
              HubClientResponse  *response,
              gpointer            data,
              GCancellable       *cancellable,
              GError            **error)
{
  guint64 *size = data;

  *size = (guint64) MAX (soup_message_headers_get_content_length (soup_message_get_response_headers (msg)), 0);
  return TRUE;
}

static const RequestOps head_ops = {
  "HEAD", NULL, TRUE, TRUE, NULL, head_success, head_consume,
};

gboolean
hub_client_get_size (HubClient     *self,
                     const char    *uri,
                     guint64       *out_size,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(HubClientResponse) response = NULL;
  guint64 size = 0;

  g_return_val_if_fail (HUB_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (uri != NULL, FALSE);

  response = client_request (self, uri, NULL, &head_ops, &size, cancellable, error);
  if (response == NULL)
    return FALSE;
  *out_size = size;
  return TRUE;
}

typedef struct {
  char *uri;
  char *etag;
} GetData;

static void
get_data_free (gpointer data)
{
  GetData *g = data;

  g_free (g->uri);
  g_free (g->etag);
  g_free (g);
}

static void
get_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  GetData *g = task_data;
  GError *error = NULL;
  HubClientResponse *response;

  response = hub_client_get (source_object, g->uri, g->etag, cancellable, &error);
  if (response == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, response, (GDestroyNotify) hub_client_response_free);
}

/**
 * hub_client_get_async:
 *
 * hub_client_get() on a worker thread.
 */
void
hub_client_get_async (HubClient           *self,
                      const char          *uri,
                      const char          *etag,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GetData *g;

  g_return_if_fail (HUB_IS_CLIENT (self));
  g_return_if_fail (uri != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hub_client_get_async);
  g = g_new0 (GetData, 1);
  g->uri = g_strdup (uri);
  g->etag = g_strdup (etag);
  g_task_set_task_data (task, g, get_data_free);
  g_task_run_in_thread (task, get_thread);
}

HubClientResponse *
hub_client_get_finish (HubClient     *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (HUB_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
