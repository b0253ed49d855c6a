/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hub-test-server.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#if defined(__SANITIZE_ADDRESS__)
# define HUB_LSAN 1
#elif defined(__has_feature)
# if __has_feature(address_sanitizer)
#  define HUB_LSAN 1
# endif
#endif
#ifdef HUB_LSAN
# include <sanitizer/lsan_interface.h>
#endif

#define RATE_LIMIT_QUOTA 500
#define RATE_LIMIT_WINDOW 300

static const char * const known_expand[] = {
  "author", "baseModels", "cardData", "childrenModelCount", "config", "createdAt",
  "disabled", "downloads", "downloadsAllTime", "gated", "gguf", "inference",
  "lastModified", "library_name", "likes", "mask_token", "model-index",
  "pipeline_tag", "private", "resourceGroup", "safetensors", "sha", "siblings",
  "spaces", "tags", "transformersInfo", "trendingScore", "widgetData",
  "usedStorage", NULL
};

static const char * const known_sort[] = {
  "trendingScore", "downloads", "likes", "createdAt", "lastModified", NULL
};

typedef struct {
  JsonObject *obj;      /* the dataset entry (shared by clones) */
  char       *id;
  char       *author;
  gint64      downloads;
  gint64      likes;
  gint64      trending;
  gint64      created;
  gint64      modified;
  gint64      all_time;
  guint       hash;
} Model;

typedef struct {
  guint        page;
  HubFaultKind kind;
  guint        arg;
  guint        times;
} Fault;

struct _HubTestServer
{
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *soup;
  char         *uri;
  guint         port;

  GMutex        lock;
  GCond         cond;
  gboolean      ready;
  GError       *start_error;

  GArray       *models;      /* Model */
  GHashTable   *by_id;       /* id → index + 1 */
  GHashTable   *orders;      /* sort → GArray of guint */
  GArray       *faults;      /* Fault */
  char         *token;
  guint         delay_ms;
  guint         page_cap;
  guint         generation;
  guint         nonce;

  guint         requests;
  guint         pages_served;
  guint         not_modified;
  gint64        rate_remaining;
  GHashTable   *last_headers;
  char         *last_query;

  /* Dataset revisions (backfill): Revision, oldest first. */
  GArray       *revisions;
  guint         commit_page_size;
  char         *storage_uri;   /* files redirect there when set */
  guint         file_requests;
};

typedef struct {
  char   *repo;
  char   *commit;
  char   *date;
  char   *path;
  GBytes *bytes;
} Revision;

static void
revision_clear (gpointer data)
{
  Revision *r = data;

  g_free (r->repo);
  g_free (r->commit);
  g_free (r->date);
  g_free (r->path);
  g_bytes_unref (r->bytes);
}

/* Loading ---------------------------------------------------------------- */

static gint64
member_int (JsonObject *obj,
            const char *name)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) == G_TYPE_STRING)
    return 0;
  return json_node_get_int (node);
}

static gint64
member_time (JsonObject *obj,
             const char *name)
{
  const char *s = json_object_get_string_member_with_default (obj, name, NULL);
  g_autoptr(GDateTime) dt = s != NULL ? g_date_time_new_from_iso8601 (s, NULL) : NULL;

  return dt != NULL ? g_date_time_to_unix (dt) : 0;
}

static void
model_clear (gpointer data)
{
  Model *m = data;

  g_clear_pointer (&m->obj, json_object_unref);
  g_free (m->id);
  g_free (m->author);
}

static gboolean
load_dataset (HubTestServer  *self,
              const char     *path,
              guint           n_models,
              GError        **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) raw = NULL;
  g_autoptr(GConverter) gunzip = NULL;
  g_autoptr(GInputStream) unzipped = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  guint n_real;

  raw = g_file_read (file, NULL, error);
  if (raw == NULL)
    return FALSE;
  if (g_str_has_suffix (path, ".gz"))
    {
      gunzip = G_CONVERTER (g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP));
      unzipped = g_converter_input_stream_new (G_INPUT_STREAM (raw), gunzip);
    }
  else
    unzipped = g_object_ref (G_INPUT_STREAM (raw));
  lines = g_data_input_stream_new (unzipped);

  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &local_error);
      JsonObject *obj;
      Model m = { 0 };

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (line == NULL)
        break;
      if (*line == '\0')
        continue;
      if (!json_parser_load_from_data (parser, line, -1, error))
        return FALSE;
      if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        continue;
      obj = json_node_get_object (json_parser_get_root (parser));
      m.obj = json_object_ref (obj);
      m.id = g_strdup (json_object_get_string_member_with_default (obj, "id", ""));
      m.author = g_strdup (json_object_get_string_member_with_default (obj, "author", ""));
      m.downloads = member_int (obj, "downloads");
      m.likes = member_int (obj, "likes");
      m.trending = member_int (obj, "trendingScore");
      m.created = member_time (obj, "createdAt");
      m.modified = member_time (obj, "lastModified");
      g_array_append_val (self->models, m);
    }

  n_real = self->models->len;
  if (n_real == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s holds no model", path);
      return FALSE;
    }

  /* Clones to reach @n_models: same data, suffixed ids. */
  for (guint k = 1; self->models->len < n_models; k++)
    for (guint i = 0; i < n_real && self->models->len < n_models; i++)
      {
        Model *src = &g_array_index (self->models, Model, i);
        Model m = *src;

        m.obj = json_object_ref (src->obj);
        g_autofree char *suffix = g_strdup_printf ("-r%u", k);
        const char *slash = strchr (src->id, '/');
        gsize name_len = slash != NULL ? strlen (slash + 1) : strlen (src->id);
        /* Ids stay valid: a name part has at most 96 characters. */
        gsize keep = strlen (src->id) - (name_len + strlen (suffix) > 96 ? name_len + strlen (suffix) - 96 : 0);

        m.id = g_strdup_printf ("%.*s%s", (int) keep, src->id, suffix);
        m.author = g_strdup (src->author);
        m.downloads = src->downloads / (k + 1);
        m.likes = src->likes / (k + 1);
        m.trending = src->trending / (k + 1);
        g_array_append_val (self->models, m);
      }

  for (guint i = 0; i < self->models->len; i++)
    {
      Model *m = &g_array_index (self->models, Model, i);

      m->hash = g_str_hash (m->id);
      /* A made-up total: several months of the current 30-day rate. */
      m->all_time = m->downloads * (3 + m->hash % 7) + m->hash % 1000;
      g_hash_table_insert (self->by_id, m->id, GUINT_TO_POINTER (i + 1));
    }

  return TRUE;
}

/* Listing ---------------------------------------------------------------- */

static const char *sort_key;
static const Model *sort_models;

static gint64
model_sort_value (const Model *m,
                  const char  *key)
{
  if (g_str_equal (key, "downloads"))
    return m->downloads;
  if (g_str_equal (key, "likes"))
    return m->likes;
  if (g_str_equal (key, "createdAt"))
    return m->created;
  if (g_str_equal (key, "lastModified"))
    return m->modified;
  return m->trending;
}

static int
compare_models (const void *a,
                const void *b)
{
  const Model *ma = &sort_models[*(const guint *) a];
  const Model *mb = &sort_models[*(const guint *) b];
  gint64 va = model_sort_value (ma, sort_key);
  gint64 vb = model_sort_value (mb, sort_key);

  if (va != vb)
    return va > vb ? -1 : 1;
  return strcmp (ma->id, mb->id);
}

/* Called with the lock held. */
static GArray *
get_order (HubTestServer *self,
           const char    *sort)
{
  GArray *order = g_hash_table_lookup (self->orders, sort);

  if (order != NULL)
    return order;

  order = g_array_sized_new (FALSE, FALSE, sizeof (guint), self->models->len);
  for (guint i = 0; i < self->models->len; i++)
    g_array_append_val (order, i);
  /* qsort has no user data; the lock serialises every caller. */
  sort_key = sort;
  sort_models = (const Model *) self->models->data;
  qsort (order->data, order->len, sizeof (guint), compare_models);
  g_hash_table_insert (self->orders, g_strdup (sort), order);
  return order;
}

static gboolean
has_base_model_tag (JsonObject *obj,
                    const char *parent)
{
  JsonArray *tags;

  if (!json_object_has_member (obj, "tags") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (obj, "tags")))
    return FALSE;
  tags = json_object_get_array_member (obj, "tags");
  for (guint i = 0; i < json_array_get_length (tags); i++)
    {
      JsonNode *node = json_array_get_element (tags, i);
      const char *tag;
      const char *rest;
      const char *colon;

      if (json_node_get_value_type (node) != G_TYPE_STRING)
        continue;
      tag = json_node_get_string (node);
      if (!g_str_has_prefix (tag, "base_model:"))
        continue;
      rest = tag + strlen ("base_model:");
      if (g_str_equal (rest, parent))
        return TRUE;
      colon = strchr (rest, ':');
      if (colon != NULL && g_str_equal (colon + 1, parent))
        return TRUE;
    }
  return FALSE;
}

typedef struct {
  char      *sort;
  char      *author;
  char      *pipeline_tag;
  char      *search;
  char      *filter;
  char      *cursor;
  guint      limit;
  GPtrArray *expand;
} Query;

static void
query_clear (Query *q)
{
  g_free (q->sort);
  g_free (q->author);
  g_free (q->pipeline_tag);
  g_free (q->search);
  g_free (q->filter);
  g_free (q->cursor);
  g_clear_pointer (&q->expand, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Query, query_clear)

static gboolean
model_matches (const Model *m,
               const Query *q)
{
  if (q->author != NULL && g_ascii_strcasecmp (m->author, q->author) != 0)
    return FALSE;
  if (q->pipeline_tag != NULL &&
      g_strcmp0 (json_object_get_string_member_with_default (m->obj, "pipeline_tag", NULL),
                 q->pipeline_tag) != 0)
    return FALSE;
  if (q->search != NULL && strstr (m->id, q->search) == NULL)
    return FALSE;
  if (q->filter != NULL)
    {
      if (!g_str_has_prefix (q->filter, "base_model:"))
        return FALSE;
      if (!has_base_model_tag (m->obj, q->filter + strlen ("base_model:")))
        return FALSE;
    }
  return TRUE;
}

/* Cursors ----------------------------------------------------------------- */

static char *
make_cursor (guint offset,
             guint nonce)
{
  g_autofree char *plain = g_strdup_printf ("{\"o\":%u,\"n\":%u}", offset, nonce);

  return g_base64_encode ((const guchar *) plain, strlen (plain));
}

static gboolean
parse_cursor (const char *cursor,
              guint      *offset)
{
  gsize len = 0;
  g_autofree guchar *plain = NULL;
  g_autofree char *text = NULL;
  unsigned int o;
  unsigned int n;

  plain = g_base64_decode (cursor, &len);
  if (plain == NULL || len == 0 || len > 64)
    return FALSE;
  text = g_strndup ((const char *) plain, len);
  if (sscanf (text, "{\"o\":%u,\"n\":%u}", &o, &n) != 2)
    return FALSE;
  *offset = o;
  return TRUE;
}

/* The request's raw query without its cursor, then the new cursor. */
static char *
make_link (HubTestServer *self,
           const char    *raw_query,
           guint          offset,
           guint          nonce)
{
  g_autoptr(GString) s = g_string_new (self->uri);
  g_auto(GStrv) parts = g_strsplit (raw_query != NULL ? raw_query : "", "&", -1);
  g_autofree char *cursor = make_cursor (offset, nonce);
  g_autofree char *escaped = g_uri_escape_string (cursor, NULL, FALSE);
  gboolean first = TRUE;

  g_string_append (s, "/api/models?");
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (*parts[i] == '\0' || g_str_has_prefix (parts[i], "cursor="))
        continue;
      if (!first)
        g_string_append_c (s, '&');
      g_string_append (s, parts[i]);
      first = FALSE;
    }
  if (!first)
    g_string_append_c (s, '&');
  g_string_append_printf (s, "cursor=%s", escaped);

  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* Bodies ------------------------------------------------------------------ */

static void
append_json_string (GString    *s,
                    const char *str)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);
  g_autofree char *text = NULL;

  json_node_set_string (node, str);
  text = json_to_string (node, FALSE);
  g_string_append (s, text);
}

static void
append_member (GString    *s,
               const char *name,
               JsonNode   *node)
{
  g_autofree char *text = json_to_string (node, FALSE);

  g_string_append_printf (s, ",\"%s\":%s", name, text);
}

static void
append_entry (GString     *s,
              const Model *m,
              GPtrArray   *expand,
              gboolean     wrong_types,
              gboolean     bad_id)
{
  static const char * const default_fields[] = {
    "likes", "downloads", "trendingScore", "pipeline_tag", "library_name", "tags", "createdAt", NULL
  };

  g_string_append_printf (s, "{\"_id\":\"%08x%08x\",\"id\":", m->hash, (guint) m->created);
  if (bad_id)
    g_string_append (s, "42");
  else
    append_json_string (s, m->id);

  for (guint i = 0; ; i++)
    {
      const char *name;

      if (expand != NULL && expand->len > 0)
        {
          if (i >= expand->len)
            break;
          name = g_ptr_array_index (expand, i);
        }
      else if ((name = default_fields[i]) == NULL)
        break;

      if (wrong_types && g_str_equal (name, "downloads"))
        g_string_append (s, ",\"downloads\":\"lots\"");
      else if (wrong_types && g_str_equal (name, "likes"))
        g_string_append (s, ",\"likes\":[1,2]");
      else if (wrong_types && g_str_equal (name, "tags"))
        g_string_append (s, ",\"tags\":7");
      else if (wrong_types && g_str_equal (name, "createdAt"))
        g_string_append (s, ",\"createdAt\":12345");
      else if (g_str_equal (name, "downloads"))
        g_string_append_printf (s, ",\"downloads\":%" G_GINT64_FORMAT, m->downloads);
      else if (g_str_equal (name, "likes"))
        g_string_append_printf (s, ",\"likes\":%" G_GINT64_FORMAT, m->likes);
      else if (g_str_equal (name, "trendingScore"))
        g_string_append_printf (s, ",\"trendingScore\":%" G_GINT64_FORMAT, m->trending);
      else if (g_str_equal (name, "downloadsAllTime"))
        g_string_append_printf (s, ",\"downloadsAllTime\":%" G_GINT64_FORMAT, m->all_time);
      else if (g_str_equal (name, "author"))
        {
          g_string_append (s, ",\"author\":");
          append_json_string (s, m->author);
        }
      else if (json_object_has_member (m->obj, name))
        append_member (s, name, json_object_get_member (m->obj, name));
    }
  g_string_append_c (s, '}');
}

/* A gzip stream of @megabytes MB of spaces, a few KB per GB: one MB is
 * deflated after a full flush (so that its bytes do not depend on what came
 * before) and repeated, then an empty final block and the trailer. */
static GBytes *
gzip_bomb (guint megabytes)
{
  const gsize mb = 1024 * 1024;
  g_autofree guchar *spaces = g_malloc (mb);
  g_autofree guchar *out = g_malloc (2 * mb);
  GByteArray *gz = g_byte_array_new ();
  z_stream z = { 0 };
  uLong crc_mb;
  uLong crc = crc32 (0, NULL, 0);
  guint32 trailer[2];

  memset (spaces, ' ', mb);
  crc_mb = crc32 (0, spaces, mb);
  g_assert (deflateInit2 (&z, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) == Z_OK);
  for (guint i = 0; i < MIN (megabytes, 2u); i++)
    {
      z.next_in = spaces;
      z.avail_in = mb;
      z.next_out = out;
      z.avail_out = 2 * mb;
      g_assert (deflate (&z, Z_FULL_FLUSH) == Z_OK && z.avail_in == 0);
      g_byte_array_append (gz, out, 2 * mb - z.avail_out);
      crc = crc32_combine (crc, crc_mb, mb);
    }
  /* The second MB's bytes are any later MB's bytes. */
  for (guint i = 2; i < megabytes; i++)
    {
      g_byte_array_append (gz, out, 2 * mb - z.avail_out);
      crc = crc32_combine (crc, crc_mb, mb);
    }
  deflateEnd (&z);
  /* An empty final block with fixed codes, then CRC-32 and size mod 2^32. */
  g_byte_array_append (gz, (const guint8 *) "\x03\x00", 2);
  trailer[0] = GUINT32_TO_LE ((guint32) crc);
  trailer[1] = GUINT32_TO_LE ((guint32) ((guint64) megabytes * mb));
  g_byte_array_append (gz, (const guint8 *) trailer, sizeof trailer);
  return g_byte_array_free_to_bytes (gz);
}

/* Handlers ---------------------------------------------------------------- */

static void
set_json (SoupServerMessage *msg,
          guint              status,
          GString           *body)
{
  gsize len = body->len;

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE,
                                    g_string_free (body, FALSE), len);
}

static void
set_error (SoupServerMessage *msg,
           guint              status,
           const char        *text)
{
  GString *body = g_string_new ("{\"error\":");

  append_json_string (body, text);
  g_string_append_c (body, '}');
  set_json (msg, status, body);
}

/* A response held back on the server's context: released at once after a
 * delay (hold) or one byte per tick (trickle). */
typedef struct {
  SoupServerMessage *msg;
  gboolean           finished;
  GString           *body;     /* trickle: what is left to send from @sent */
  gsize              sent;
} Paused;

static void
paused_finished_cb (SoupServerMessage *msg,
                    gpointer           data)
{
  Paused *p = data;

  p->finished = TRUE;
}

static void
paused_free (gpointer data)
{
  Paused *p = data;

  g_signal_handlers_disconnect_by_data (p->msg, p);
  g_object_unref (p->msg);
  if (p->body != NULL)
    g_string_free (p->body, TRUE);
  g_free (p);
}

static void
pause_with (HubTestServer     *self,
            SoupServerMessage *msg,
            guint              ms,
            GSourceFunc        tick,
            GString           *body)
{
  g_autoptr(GSource) source = g_timeout_source_new (MAX (ms, 1));
  Paused *p = g_new0 (Paused, 1);

  p->msg = g_object_ref (msg);
  p->body = body;
  g_signal_connect (msg, "finished", G_CALLBACK (paused_finished_cb), p);
  g_signal_connect (msg, "disconnected", G_CALLBACK (paused_finished_cb), p);
  soup_server_message_pause (msg);
  g_source_set_callback (source, tick, p, paused_free);
  g_source_attach (source, self->context);
}

static gboolean
unpause_cb (gpointer data)
{
  Paused *p = data;

  if (!p->finished)
    soup_server_message_unpause (p->msg);
  return G_SOURCE_REMOVE;
}

static void
hold (HubTestServer     *self,
      SoupServerMessage *msg,
      guint              ms)
{
  pause_with (self, msg, ms, unpause_cb, NULL);
}

/* A body sent one byte per tick, as a slow or hostile server would. */
static gboolean
trickle_tick (gpointer data)
{
  Paused *p = data;
  SoupMessageBody *out;

  if (p->finished)
    return G_SOURCE_REMOVE;
  out = soup_server_message_get_response_body (p->msg);
  soup_message_body_append (out, SOUP_MEMORY_COPY, p->body->str + p->sent, 1);
  if (++p->sent == p->body->len)
    soup_message_body_complete (out);
  soup_server_message_unpause (p->msg);
  return p->sent < p->body->len ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static void
trickle (HubTestServer     *self,
         SoupServerMessage *msg,
         GString           *body,
         guint              ms)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_headers_replace (headers, "Content-Type", "application/json");
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  pause_with (self, msg, ms, trickle_tick, body);
}

/* Writes a response header promising @body_len bytes, half the body, and
 * closes the connection. */
static void
close_mid_body (SoupServerMessage *msg,
                GString           *body)
{
  g_autoptr(GIOStream) io = soup_server_message_steal_connection (msg);
  GOutputStream *out;
  g_autofree char *head = NULL;

  if (io == NULL)
    return;
  out = g_io_stream_get_output_stream (io);
  head = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                          "Content-Length: %" G_GSIZE_FORMAT "\r\n\r\n", body->len);
  g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL);
  g_output_stream_write_all (out, body->str, body->len / 2, NULL, NULL, NULL);
  g_io_stream_close (io, NULL, NULL);
}

static Fault
take_fault (HubTestServer *self,
            guint          page)
{
  Fault none = { 0 };

  for (guint i = 0; i < self->faults->len; i++)
    {
      Fault *f = &g_array_index (self->faults, Fault, i);

      if (f->times > 0 && (f->page == 0 || f->page == page))
        {
          Fault taken = *f;

          if (--f->times == 0)
            g_array_remove_index (self->faults, i);
          return taken;
        }
    }
  return none;
}

static void
record_header (const char *name,
               const char *value,
               gpointer    data)
{
  g_hash_table_insert (data, g_ascii_strdown (name, -1), g_strdup (value));
}

static void
handle_models_locked (HubTestServer     *self,
                      SoupServerMessage *msg)
{
  SoupMessageHeaders *req = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *resp = soup_server_message_get_response_headers (msg);
  const char *raw_query = g_uri_get_query (soup_server_message_get_uri (msg));
  g_auto(Query) q = { 0 };
  GUriParamsIter iter;
  char *key;
  char *value;
  g_autoptr(GError) error = NULL;
  g_autofree char *rate = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *next = NULL;
  GString *body;
  GArray *order;
  guint offset = 0;
  guint page;
  guint count;
  guint skipped;
  guint emitted;
  guint total_matches = 0;
  gboolean more = FALSE;
  Fault fault;

  self->requests++;
  g_hash_table_remove_all (self->last_headers);
  soup_message_headers_foreach (req, record_header, self->last_headers);
  g_free (self->last_query);
  self->last_query = g_strdup (raw_query);

  if (self->rate_remaining > 0)
    self->rate_remaining--;
  rate = g_strdup_printf ("\"api\";r=%" G_GINT64_FORMAT ";t=%d", self->rate_remaining, 120);
  soup_message_headers_replace (resp, "RateLimit", rate);
  soup_message_headers_replace (resp, "RateLimit-Policy", "\"fixed window\";\"api\";q=500;w=300");

  if (soup_server_message_get_method (msg) != SOUP_METHOD_GET)
    {
      set_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "Only GET");
      return;
    }

  if (self->token != NULL)
    {
      const char *auth = soup_message_headers_get_one (req, "Authorization");
      g_autofree char *expected = g_strdup_printf ("Bearer %s", self->token);

      if (g_strcmp0 (auth, expected) != 0)
        {
          set_error (msg, SOUP_STATUS_UNAUTHORIZED, "Invalid credentials in Authorization header");
          return;
        }
    }

  q.expand = g_ptr_array_new_with_free_func (g_free);
  g_uri_params_iter_init (&iter, raw_query != NULL ? raw_query : "", -1, "&", G_URI_PARAMS_NONE);
  while (g_uri_params_iter_next (&iter, &key, &value, &error))
    {
      g_autofree char *k = key;
      g_autofree char *v = value;

      if (g_str_equal (k, "expand[]") || g_str_equal (k, "expand"))
        {
          if (!g_strv_contains (known_expand, v))
            {
              g_autofree char *text = g_strdup_printf ("\"expand\" must be one of the allowed values, got \"%s\"", v);

              set_error (msg, SOUP_STATUS_BAD_REQUEST, text);
              return;
            }
          g_ptr_array_add (q.expand, g_steal_pointer (&v));
        }
      else if (g_str_equal (k, "sort"))
        g_free (q.sort), q.sort = g_steal_pointer (&v);
      else if (g_str_equal (k, "author"))
        g_free (q.author), q.author = g_steal_pointer (&v);
      else if (g_str_equal (k, "pipeline_tag"))
        g_free (q.pipeline_tag), q.pipeline_tag = g_steal_pointer (&v);
      else if (g_str_equal (k, "search"))
        g_free (q.search), q.search = g_steal_pointer (&v);
      else if (g_str_equal (k, "filter"))
        g_free (q.filter), q.filter = g_steal_pointer (&v);
      else if (g_str_equal (k, "cursor"))
        g_free (q.cursor), q.cursor = g_steal_pointer (&v);
      else if (g_str_equal (k, "limit"))
        q.limit = (guint) MIN (g_ascii_strtoull (v, NULL, 10), G_MAXUINT);
    }
  if (error != NULL)
    {
      set_error (msg, SOUP_STATUS_BAD_REQUEST, error->message);
      return;
    }
  if (q.sort != NULL && !g_strv_contains (known_sort, q.sort))
    {
      set_error (msg, SOUP_STATUS_BAD_REQUEST, "Invalid sort");
      return;
    }
  if (q.cursor != NULL && !parse_cursor (q.cursor, &offset))
    {
      set_error (msg, SOUP_STATUS_BAD_REQUEST, "Invalid cursor");
      return;
    }
  if (q.limit == 0)
    q.limit = 1000;
  q.limit = MIN (q.limit, self->page_cap);

  page = offset / q.limit + 1;
  fault = take_fault (self, page);

  switch (fault.kind)
    {
    case HUB_FAULT_STATUS:
      set_error (msg, fault.arg, "Scripted failure");
      return;
    case HUB_FAULT_RATE_LIMIT:
      g_free (rate);
      rate = g_strdup_printf ("\"api\";r=0;t=%u", fault.arg);
      soup_message_headers_replace (resp, "RateLimit", rate);
      set_error (msg, 429, "You have been rate-limited");
      return;
    case HUB_FAULT_RETRY_AFTER:
      {
        g_autofree char *after = g_strdup_printf ("%u", fault.arg);

        soup_message_headers_replace (resp, "Retry-After", after);
        set_error (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "Try later");
        return;
      }
    case HUB_FAULT_INVALID_JSON:
      body = g_string_new ("<html><body>Bad gateway, but 200</body></html>");
      set_json (msg, SOUP_STATUS_OK, body);
      return;
    case HUB_FAULT_GZIP_BOMB:
      {
        g_autoptr(GBytes) bomb = gzip_bomb (fault.arg);

        soup_message_headers_replace (resp, "Content-Encoding", "gzip");
        soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
        soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                          g_bytes_get_data (bomb, NULL), g_bytes_get_size (bomb));
        return;
      }
    default:
      break;
    }

  order = get_order (self, q.sort != NULL ? q.sort : "trendingScore");
  count = fault.kind == HUB_FAULT_HUGE_PAGE ? fault.arg : q.limit;
  if (fault.kind == HUB_FAULT_EMPTY_PAGE)
    count = 0;

  /* ETag: the generation of the data and the request. */
  etag = g_strdup_printf ("W/\"%u-%08x\"", self->generation, g_str_hash (raw_query != NULL ? raw_query : ""));
  if (fault.kind == 0 &&
      g_strcmp0 (soup_message_headers_get_one (req, "If-None-Match"), etag) == 0)
    {
      self->not_modified++;
      soup_message_headers_replace (resp, "ETag", etag);
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
      return;
    }

  body = g_string_sized_new (count * 1200 + 2);
  g_string_append_c (body, fault.kind == HUB_FAULT_OBJECT ? '{' : '[');
  if (fault.kind == HUB_FAULT_OBJECT)
    g_string_append (body, "\"models\":[");
  skipped = 0;
  emitted = 0;
  for (guint i = 0; i < order->len; i++)
    {
      const Model *m = &g_array_index (self->models, Model, g_array_index (order, guint, i));

      if (!model_matches (m, &q))
        continue;
      total_matches++;
      if (skipped < offset)
        {
          skipped++;
          continue;
        }
      if (emitted >= count)
        {
          more = TRUE;
          break;
        }
      if (emitted > 0)
        g_string_append_c (body, ',');
      append_entry (body, m, q.expand,
                    fault.kind == HUB_FAULT_WRONG_TYPES && emitted % 4 == 1,
                    fault.kind == HUB_FAULT_WRONG_TYPES && emitted == 2);
      emitted++;
    }
  if (fault.kind == HUB_FAULT_EMPTY_PAGE)
    more = total_matches > offset;
  g_string_append_c (body, ']');
  if (fault.kind == HUB_FAULT_OBJECT)
    g_string_append_c (body, '}');

  if (fault.kind == HUB_FAULT_TRUNCATED_JSON)
    g_string_truncate (body, body->len / 2);

  /* Cursors name a position, so a link back repeats an earlier cursor
   * exactly; an empty page needs a different cursor for the same position. */
  if (fault.kind == HUB_FAULT_LINK_BACK)
    {
      if (fault.arg <= 1)
        {
          g_autofree char *link = make_link (self, raw_query, 0, 0);

          *strstr (link, "cursor=") = '\0';
          link[strlen (link) - 1] = '\0';  /* the '&' or '?' before it */
          next = g_steal_pointer (&link);
        }
      else
        next = make_link (self, raw_query, (fault.arg - 1) * q.limit, 0);
    }
  else if (fault.kind == HUB_FAULT_EMPTY_PAGE && more)
    next = make_link (self, raw_query, offset, ++self->nonce);
  else if (more)
    next = make_link (self, raw_query, offset + emitted, 0);

  if (next != NULL)
    {
      g_autofree char *link = g_strdup_printf ("<%s>; rel=\"next\"", next);

      soup_message_headers_replace (resp, "Link", link);
    }
  soup_message_headers_replace (resp, "ETag", etag);
  self->pages_served++;

  if (fault.kind == HUB_FAULT_CLOSE_MID_BODY)
    {
      close_mid_body (msg, body);
      g_string_free (body, TRUE);
      return;
    }
  if (fault.kind == HUB_FAULT_TRICKLE)
    {
      trickle (self, msg, body, fault.arg);
      return;
    }

  set_json (msg, SOUP_STATUS_OK, body);

  if (fault.kind == HUB_FAULT_STALL)
    hold (self, msg, fault.arg);
  else if (self->delay_ms > 0)
    hold (self, msg, self->delay_ms);
}

static void
handle_models (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           data)
{
  HubTestServer *self = data;

  g_mutex_lock (&self->lock);
  handle_models_locked (self, msg);
  g_mutex_unlock (&self->lock);
}

static void
handle_advance (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           data)
{
  HubTestServer *self = data;
  const char *days = query != NULL ? g_hash_table_lookup (query, "days") : NULL;
  guint n = days != NULL ? (guint) g_ascii_strtoull (days, NULL, 10) : 1;

  hub_test_server_advance (self, MAX (n, 1));
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_COPY, "advanced\n", 9);
}

/* Datasets (backfill) ------------------------------------------------------ */

/* GET /api/datasets/OWNER/NAME/commits/BRANCH?p=N: the commits newest
 * first, paged with a Link to the next page. */
static void
handle_commits_locked (HubTestServer     *self,
                       SoupServerMessage *msg,
                       const char        *path,
                       GHashTable        *query)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);   /* "", api, datasets, owner, name, commits, branch */
  g_autofree char *repo = NULL;
  g_autoptr(GPtrArray) matching = g_ptr_array_new ();
  const char *p = query != NULL ? g_hash_table_lookup (query, "p") : NULL;
  guint page = p != NULL ? (guint) g_ascii_strtoull (p, NULL, 10) : 0;
  guint size = MAX (self->commit_page_size, 1);
  GString *body;

  if (g_strv_length (parts) != 7 || strcmp (parts[5], "commits") != 0)
    {
      set_error (msg, 404, "Not found");
      return;
    }
  repo = g_strconcat (parts[3], "/", parts[4], NULL);
  for (guint i = self->revisions->len; i > 0; i--)
    {
      Revision *r = &g_array_index (self->revisions, Revision, i - 1);

      if (strcmp (r->repo, repo) == 0)
        g_ptr_array_add (matching, r);
    }
  if (matching->len == 0)
    {
      set_error (msg, 404, "Repository not found");
      return;
    }

  body = g_string_new ("[");
  for (guint i = page * size; i < MIN ((page + 1) * size, matching->len); i++)
    {
      Revision *r = g_ptr_array_index (matching, i);

      g_string_append_printf (body, "%s{\"id\":\"%s\",\"title\":\"Update models\",\"message\":\"\","
                              "\"authors\":[{\"user\":\"bot\"}],\"date\":\"%s\"}",
                              i > page * size ? "," : "", r->commit, r->date);
    }
  g_string_append_c (body, ']');
  if ((page + 1) * size < matching->len)
    {
      g_autofree char *link = g_strdup_printf ("<%s%s?p=%u>; rel=\"next\"", self->uri, path, page + 1);

      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Link", link);
    }
  set_json (msg, 200, body);
}

static Revision *
find_revision (HubTestServer *self,
               const char    *repo,
               const char    *commit,
               const char    *file)
{
  for (guint i = 0; i < self->revisions->len; i++)
    {
      Revision *r = &g_array_index (self->revisions, Revision, i);

      if (strcmp (r->repo, repo) == 0 && strcmp (r->commit, commit) == 0 && strcmp (r->path, file) == 0)
        return r;
    }
  return NULL;
}

/* A file's bytes with Range (206, 416) and HEAD, and the close-mid-body
 * fault scripted for HUB_TEST_SERVER_FILES. */
static void
serve_file (HubTestServer     *self,
            SoupServerMessage *msg,
            Revision          *r)
{
  SoupMessageHeaders *resp = soup_server_message_get_response_headers (msg);
  SoupMessageHeaders *req = soup_server_message_get_request_headers (msg);
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (r->bytes, &len);
  SoupRange *ranges = NULL;
  int n_ranges = 0;
  gboolean get = strcmp (soup_server_message_get_method (msg), "GET") == 0;
  Fault fault = { 0 };
  goffset start = 0;

  /* Faults are for downloads (GET), not for the HEADs that size them. */
  if (get)
    fault = take_fault (self, HUB_TEST_SERVER_FILES);

  if (soup_message_headers_get_ranges (req, (goffset) len, &ranges, &n_ranges))
    {
      start = ranges[0].start;
      soup_message_headers_free_ranges (req, ranges);
    }
  else if (soup_message_headers_get_one (req, "Range") != NULL)
    {
      g_autofree char *range = g_strdup_printf ("bytes */%" G_GSIZE_FORMAT, len);

      soup_message_headers_replace (resp, "Content-Range", range);
      soup_server_message_set_status (msg, 416, NULL);
      return;
    }

  if (fault.kind == HUB_FAULT_CLOSE_MID_BODY)
    {
      g_autoptr(GIOStream) io = soup_server_message_steal_connection (msg);
      g_autofree char *head = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"
                                               "Content-Length: %" G_GSIZE_FORMAT "\r\n\r\n", len);

      if (io != NULL)
        {
          GOutputStream *out = g_io_stream_get_output_stream (io);

          g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL);
          g_output_stream_write_all (out, data, len / 2, NULL, NULL, NULL);
          g_io_stream_close (io, NULL, NULL);
        }
      return;
    }
  if (fault.kind == HUB_FAULT_STATUS)
    {
      set_error (msg, fault.arg, "scripted fault");
      return;
    }

  if (start > 0)
    {
      soup_message_headers_set_content_range (resp, start, (goffset) len - 1, (goffset) len);
      soup_server_message_set_status (msg, 206, NULL);
    }
  else
    soup_server_message_set_status (msg, 200, NULL);
  soup_message_headers_set_content_length (resp, (goffset) len - start);
  if (!get)
    return;
  soup_server_message_set_response (msg, "application/octet-stream", SOUP_MEMORY_COPY,
                                    (const char *) data + start, len - (gsize) start);
}

/* /datasets/OWNER/NAME/resolve/COMMIT/PATH: the file, or a redirect to the
 * storage server; /_storage/OWNER/NAME/COMMIT/PATH there. */
static void
handle_files_locked (HubTestServer     *self,
                     SoupServerMessage *msg,
                     const char        *path)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", 7);
  gboolean storage = g_str_has_prefix (path, "/_storage/");
  Revision *r = NULL;

  self->file_requests++;
  soup_message_headers_foreach (soup_server_message_get_request_headers (msg), record_header,
                                self->last_headers);
  if (storage && g_strv_length (parts) == 6)
    {
      /* "", _storage, owner, name, commit, path */
      g_autofree char *repo = g_strconcat (parts[2], "/", parts[3], NULL);
      r = find_revision (self, repo, parts[4], parts[5]);
    }
  else if (!storage && g_strv_length (parts) == 7 && strcmp (parts[4], "resolve") == 0)
    {
      /* "", datasets, owner, name, resolve, commit, path */
      g_autofree char *repo = g_strconcat (parts[2], "/", parts[3], NULL);
      r = find_revision (self, repo, parts[5], parts[6]);
    }
  if (r == NULL)
    {
      set_error (msg, 404, "Entry not found");
      return;
    }
  if (!storage && self->storage_uri != NULL)
    {
      g_autofree char *target = g_strdup_printf ("%s/_storage/%s/%s/%s", self->storage_uri, r->repo,
                                                 r->commit, r->path);

      soup_server_message_set_redirect (msg, 302, target);
      return;
    }
  serve_file (self, msg, r);
}

static void
handle_datasets (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           data)
{
  HubTestServer *self = data;

  g_mutex_lock (&self->lock);
  self->requests++;
  if (g_str_has_prefix (path, "/api/datasets/"))
    handle_commits_locked (self, msg, path, query);
  else
    handle_files_locked (self, msg, path);
  /* Slow answers (hub_test_server_set_delay()), unless the connection was
   * taken for a fault. */
  if (self->delay_ms > 0 && soup_server_message_get_status (msg) != 0)
    hold (self, msg, self->delay_ms);
  g_mutex_unlock (&self->lock);
}

void
hub_test_server_add_revision (HubTestServer *self,
                              const char    *repo,
                              const char    *commit,
                              const char    *date,
                              const char    *path,
                              const char    *local_file)
{
  Revision r = { g_strdup (repo), g_strdup (commit), g_strdup (date), g_strdup (path), NULL };
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (local_file, &contents, &len, &error));
  r.bytes = g_bytes_new_take (contents, len);
  g_mutex_lock (&self->lock);
  g_array_append_val (self->revisions, r);
  g_mutex_unlock (&self->lock);
}

void
hub_test_server_set_commit_page_size (HubTestServer *self,
                                      guint          size)
{
  g_mutex_lock (&self->lock);
  self->commit_page_size = size;
  g_mutex_unlock (&self->lock);
}

void
hub_test_server_redirect_files (HubTestServer *self,
                                HubTestServer *storage)
{
  g_mutex_lock (&self->lock);
  g_free (self->storage_uri);
  self->storage_uri = g_strdup (storage != NULL ? storage->uri : NULL);
  g_mutex_unlock (&self->lock);
}

guint
hub_test_server_get_file_requests (HubTestServer *self)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = self->file_requests;
  g_mutex_unlock (&self->lock);
  return n;
}

/* Thread ------------------------------------------------------------------ */

static gpointer
server_thread (gpointer data)
{
  HubTestServer *self = data;
  GError *error = NULL;
  GSList *uris;

#ifdef HUB_LSAN
  /* libsoup 3.2's SoupServer leaks the address of its listener and each
   * socket it accepts (soup-listener.c). Only this thread runs the server,
   * and no HubEco code: LeakSanitizer ignores what it allocates. */
  __lsan_disable ();
#endif

  g_main_context_push_thread_default (self->context);

  self->soup = soup_server_new (NULL, NULL);
  soup_server_add_handler (self->soup, "/api/models", handle_models, self, NULL);
  soup_server_add_handler (self->soup, "/_test/advance", handle_advance, self, NULL);
  soup_server_add_handler (self->soup, "/api/datasets", handle_datasets, self, NULL);
  soup_server_add_handler (self->soup, "/datasets", handle_datasets, self, NULL);
  soup_server_add_handler (self->soup, "/_storage", handle_datasets, self, NULL);

  if (self->port == 0)
    soup_server_listen_local (self->soup, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  else
    {
      g_autoptr(GInetAddress) any = g_inet_address_new_from_string ("127.0.0.1");
      g_autoptr(GSocketAddress) addr = g_inet_socket_address_new (any, self->port);

      soup_server_listen (self->soup, addr, 0, &error);
    }

  g_mutex_lock (&self->lock);
  if (error == NULL)
    {
      uris = soup_server_get_uris (self->soup);
      self->port = g_uri_get_port (uris->data);
      self->uri = g_strdup_printf ("http://127.0.0.1:%u", self->port);
      g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
    }
  self->start_error = error;
  self->ready = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);

  if (error == NULL)
    g_main_loop_run (self->loop);

  soup_server_disconnect (self->soup);
  g_clear_object (&self->soup);
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

HubTestServer *
hub_test_server_new (const char  *dataset_path,
                     guint        n_models,
                     guint        port,
                     GError     **error)
{
  HubTestServer *self = g_new0 (HubTestServer, 1);

  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->models = g_array_new (FALSE, TRUE, sizeof (Model));
  g_array_set_clear_func (self->models, model_clear);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->orders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
  self->faults = g_array_new (FALSE, TRUE, sizeof (Fault));
  self->last_headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->revisions = g_array_new (FALSE, TRUE, sizeof (Revision));
  g_array_set_clear_func (self->revisions, revision_clear);
  self->commit_page_size = 50;
  self->page_cap = 1000;
  self->rate_remaining = RATE_LIMIT_QUOTA;
  self->port = port;

  if (!load_dataset (self, dataset_path, n_models, error))
    {
      hub_test_server_free (self);
      return NULL;
    }

  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->thread = g_thread_new ("hub-test-server", server_thread, self);

  g_mutex_lock (&self->lock);
  while (!self->ready)
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);

  if (self->start_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->start_error));
      hub_test_server_free (self);
      return NULL;
    }

  return self;
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
hub_test_server_free (HubTestServer *self)
{
  if (self == NULL)
    return;

  if (self->thread != NULL)
    {
      g_autoptr(GSource) source = g_idle_source_new ();

      g_source_set_callback (source, quit_cb, self->loop, NULL);
      g_source_attach (source, self->context);
      g_thread_join (self->thread);
    }
  g_clear_pointer (&self->loop, g_main_loop_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_error (&self->start_error);
  g_hash_table_unref (self->by_id);
  g_hash_table_unref (self->orders);
  g_array_unref (self->models);
  g_array_unref (self->faults);
  g_hash_table_unref (self->last_headers);
  g_array_unref (self->revisions);
  g_free (self->storage_uri);
  g_free (self->last_query);
  g_free (self->token);
  g_free (self->uri);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self);
}

const char *
hub_test_server_get_uri (HubTestServer *self)
{
  return self->uri;
}

guint
hub_test_server_get_n_models (HubTestServer *self)
{
  return self->models->len;
}

GPtrArray *
hub_test_server_list_ids (HubTestServer *self,
                          const char    *sort)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  GArray *order;

  g_mutex_lock (&self->lock);
  order = get_order (self, sort);
  for (guint i = 0; i < order->len; i++)
    g_ptr_array_add (ids, g_strdup (g_array_index (self->models, Model, g_array_index (order, guint, i)).id));
  g_mutex_unlock (&self->lock);
  return ids;
}

gint64
hub_test_server_get_all_time (HubTestServer *self,
                              const char    *id)
{
  gint64 value = -1;
  guint index;

  g_mutex_lock (&self->lock);
  index = GPOINTER_TO_UINT (g_hash_table_lookup (self->by_id, id));
  if (index > 0)
    value = g_array_index (self->models, Model, index - 1).all_time;
  g_mutex_unlock (&self->lock);
  return value;
}

void
hub_test_server_advance (HubTestServer *self,
                         guint          days)
{
  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->models->len; i++)
    {
      Model *m = &g_array_index (self->models, Model, i);
      /* About a day's share of the 30-day count, never zero. */
      gint64 per_day = m->downloads / 30 + 1 + m->hash % 5;

      m->all_time += per_day * days;
      m->likes += (m->hash >> 3) % 3 == 0 ? days : 0;
    }
  self->generation++;
  g_hash_table_remove (self->orders, "likes");
  g_mutex_unlock (&self->lock);
}

void
hub_test_server_add_fault (HubTestServer *self,
                           guint          page,
                           HubFaultKind   kind,
                           guint          arg,
                           guint          times)
{
  Fault f = { page, kind, arg, times };

  g_mutex_lock (&self->lock);
  g_array_append_val (self->faults, f);
  g_mutex_unlock (&self->lock);
}

void
hub_test_server_clear_faults (HubTestServer *self)
{
  g_mutex_lock (&self->lock);
  g_array_set_size (self->faults, 0);
  g_mutex_unlock (&self->lock);
}

void
hub_test_server_require_token (HubTestServer *self,
                               const char    *token)
{
  g_mutex_lock (&self->lock);
  g_free (self->token);
  self->token = g_strdup (token);
  g_mutex_unlock (&self->lock);
}

void
hub_test_server_set_delay (HubTestServer *self,
                           guint          ms)
{
  g_mutex_lock (&self->lock);
  self->delay_ms = ms;
  g_mutex_unlock (&self->lock);
}

void
hub_test_server_set_page_cap (HubTestServer *self,
                              guint          cap)
{
  g_mutex_lock (&self->lock);
  self->page_cap = MAX (cap, 1);
  g_mutex_unlock (&self->lock);
}

#define COUNTER_GETTER(name, field)            \
  guint                                        \
  hub_test_server_get_##name (HubTestServer *self) \
  {                                            \
    guint v;                                   \
    g_mutex_lock (&self->lock);                \
    v = self->field;                           \
    g_mutex_unlock (&self->lock);              \
    return v;                                  \
  }

COUNTER_GETTER (requests, requests)
COUNTER_GETTER (pages_served, pages_served)
COUNTER_GETTER (not_modified, not_modified)

char *
hub_test_server_get_last_header (HubTestServer *self,
                                 const char    *name)
{
  g_autofree char *key = g_ascii_strdown (name, -1);
  char *value;

  g_mutex_lock (&self->lock);
  value = g_strdup (g_hash_table_lookup (self->last_headers, key));
  g_mutex_unlock (&self->lock);
  return value;
}

char *
hub_test_server_get_last_query (HubTestServer *self)
{
  char *value;

  g_mutex_lock (&self->lock);
  value = g_strdup (self->last_query);
  g_mutex_unlock (&self->lock);
  return value;
}
