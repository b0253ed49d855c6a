/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-ui"

#include "config.h"

#include "hub-window.h"

#include <glib/gi18n.h>

#include "hub-accessible.h"
#include "hub-backfill-dialog.h"
#include "hub-dataset-boxed.h"
#include "hub-import-dialog.h"
#include "hub-lineage-page.h"
#include "hub-refresh-bar.h"
#include "hub-settings.h"
#include "hub-share-page.h"
#include "hub-breakdown-page.h"
#include "hub-quality-page.h"
#include "hub-compare-page.h"
#include "hub-sizes-page.h"
#include "hub-trending-page.h"

struct _HubWindow
{
  AdwApplicationWindow  parent_instance;

  char                 *db_path;
  HubDataset           *dataset;
  GSettings            *settings;
  GCancellable         *load_cancellable;
  guint                 n_pages;

  GtkStack             *main_stack;
  AdwViewStack         *view_stack;
  AdwStatusPage        *error_page;
  GtkSpinner           *loading_spinner;
  HubRefreshBar        *refresh_bar;
  AdwToastOverlay      *toast_overlay;
  char                 *last_toast;
};

G_DEFINE_FINAL_TYPE (HubWindow, hub_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DB_PATH,
  PROP_DATASET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
load_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(HubWindow) self = user_data;
  g_autoptr(HubDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;

  dataset = hub_dataset_load_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->load_cancellable);
  gtk_spinner_stop (self->loading_spinner);

  if (dataset == NULL)
    {
      g_autofree char *description = NULL;

      description = g_markup_escape_text (error != NULL ? error->message : _("Unknown error"), -1);
      adw_status_page_set_description (self->error_page, description);
      gtk_stack_set_visible_child_name (self->main_stack, "error");
      g_debug ("Loading %s: %s", self->db_path, error != NULL ? error->message : "?");
      return;
    }

  hub_window_set_dataset (self, dataset);
  gtk_stack_set_visible_child_name (self->main_stack, "main");
}

/**
 * hub_window_reload:
 * @self: a window
 *
 * Loads the dataset from the store on a worker thread (building the store
 * from the embedded data on first launch); a load in progress is cancelled.
 * The pages keep the current dataset until the new one is ready.
 */
void
hub_window_reload (HubWindow *self)
{
  g_return_if_fail (HUB_IS_WINDOW (self));

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();

  if (self->dataset == NULL)
    {
      gtk_spinner_start (self->loading_spinner);
      gtk_stack_set_visible_child_name (self->main_stack, "loading");
    }

  hub_dataset_load_async (self->db_path, self->load_cancellable, load_done, g_object_ref (self));
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  hub_window_reload (HUB_WINDOW (widget));
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  hub_refresh_bar_present_dialog (HUB_WINDOW (widget)->refresh_bar);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  hub_import_dialog_present (HUB_WINDOW (widget));
}

static void
backfill_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  HubWindow *self = HUB_WINDOW (widget);

  gtk_window_present (GTK_WINDOW (hub_backfill_dialog_new (self, self->settings)));
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  hub_window_show_page (HUB_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
focus_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  HubWindow *self = HUB_WINDOW (widget);
  GtkWidget *page = hub_window_get_page (self, "trending");

  if (page == NULL || self->dataset == NULL)
    return;

  hub_window_show_page (self, "trending");
  hub_trending_page_focus_search (HUB_TRENDING_PAGE (page));
}

/* Ctrl+E: the visible page's "<name>.export-chart" action, for the pages
 * that have one (and when it is enabled). */
static void
export_chart_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  HubWindow *self = HUB_WINDOW (widget);
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);
  GtkWidget *page = adw_view_stack_get_visible_child (self->view_stack);
  g_autofree char *page_action = NULL;

  if (name == NULL || page == NULL || self->dataset == NULL)
    return;

  page_action = g_strdup_printf ("%s.export-chart", name);
  if (!gtk_widget_activate_action (page, page_action, NULL))
    g_debug ("The %s view has no chart to export", name);
}

/* "win.show-model" with a model id: the Trending view with its detail. */
static void
show_model_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  HubWindow *self = HUB_WINDOW (widget);
  GtkWidget *page = hub_window_get_page (self, "trending");
  gint32 index;

  if (self->dataset == NULL || page == NULL)
    return;
  index = hub_dataset_find_model (self->dataset, g_variant_get_string (parameter, NULL));
  if (index < 0)
    return;
  hub_window_show_page (self, "trending");
  hub_trending_page_show_model (HUB_TRENDING_PAGE (page), index);
}

/* "win.compare-model" with a model id or "family:ID": added to the
 * Compare view, which is shown. */
static void
compare_model_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  HubWindow *self = HUB_WINDOW (widget);
  GtkWidget *page = hub_window_get_page (self, "compare");

  if (self->dataset == NULL || page == NULL)
    return;
  hub_window_show_page (self, "compare");
  hub_compare_page_add (HUB_COMPARE_PAGE (page), g_variant_get_string (parameter, NULL));
}

static gboolean
hub_window_close_request (GtkWindow *window)
{
  HubWindow *self = HUB_WINDOW (window);

  if (self->settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_delay (self->settings);
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
      if (!gtk_window_is_maximized (window) && width > 0 && height > 0)
        {
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
        }
      g_settings_apply (self->settings);
    }

  return GTK_WINDOW_CLASS (hub_window_parent_class)->close_request (window);
}

static void
hub_window_constructed (GObject *object)
{
  HubWindow *self = HUB_WINDOW (object);

  G_OBJECT_CLASS (hub_window_parent_class)->constructed (object);

  if (self->settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }
  else
    gtk_window_set_default_size (GTK_WINDOW (self), 1280, 800);

  hub_window_add_page (self, hub_trending_page_new (), "trending", _("Trending"),
                       "view-list-ordered-symbolic");
  hub_window_add_page (self, hub_lineage_page_new (), "lineage", _("Lineage"), "network-workgroup-symbolic");
  hub_window_add_page (self, hub_sizes_page_new (), "sizes", _("Sizes"), "zoom-fit-best-symbolic");
  hub_window_add_page (self, hub_share_page_new (), "share", _("Share"), "applications-graphics-symbolic");
  /* "Entities": the top developers, broken down (a short title: seven
   * views share the 360 px switcher bar, whose labels then shorten). */
  hub_window_add_page (self, hub_breakdown_page_new (), "breakdown", C_("view", "Entities"), "view-grid-symbolic");
  hub_window_add_page (self, hub_quality_page_new (), "quality", C_("view", "Quality"), "starred-symbolic");
  hub_window_add_page (self, hub_compare_page_new (), "compare", C_("view", "Compare"), "view-dual-symbolic");
  hub_accessible_mend (GTK_WIDGET (self));

  if (self->settings != NULL)
    {
      g_autofree char *start_page = g_settings_get_string (self->settings, "visible-page");

      hub_window_show_page (self, start_page);
    }

  if (self->db_path != NULL)
    hub_window_reload (self);
}

static void
hub_window_dispose (GObject *object)
{
  HubWindow *self = HUB_WINDOW (object);

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), HUB_TYPE_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (hub_window_parent_class)->dispose (object);
}

static void
hub_window_finalize (GObject *object)
{
  HubWindow *self = HUB_WINDOW (object);

  g_free (self->last_toast);
  g_clear_pointer (&self->dataset, hub_dataset_unref);
  g_free (self->db_path);

  G_OBJECT_CLASS (hub_window_parent_class)->finalize (object);
}

static void
hub_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  HubWindow *self = HUB_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DB_PATH:
      g_value_set_string (value, self->db_path);
      break;
    case PROP_DATASET:
      g_value_set_boxed (value, self->dataset);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hub_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  HubWindow *self = HUB_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DB_PATH:
      self->db_path = g_value_dup_string (value);
      break;
    case PROP_DATASET:
      hub_window_set_dataset (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hub_window_class_init (HubWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = hub_window_constructed;
  object_class->dispose = hub_window_dispose;
  object_class->finalize = hub_window_finalize;
  object_class->get_property = hub_window_get_property;
  object_class->set_property = hub_window_set_property;
  window_class->close_request = hub_window_close_request;

  properties[PROP_DB_PATH] =
    g_param_spec_string ("db-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DATASET] =
    g_param_spec_boxed ("dataset", NULL, NULL, HUB_TYPE_DATASET_BOXED,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (HUB_TYPE_REFRESH_BAR);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/HubEco/hub-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HubWindow, refresh_bar);
  gtk_widget_class_bind_template_child (widget_class, HubWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, HubWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, HubWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, HubWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, HubWindow, loading_spinner);

  gtk_widget_class_install_action (widget_class, "win.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.backfill", NULL, backfill_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.focus-search", NULL, focus_search_action);
  gtk_widget_class_install_action (widget_class, "win.export-chart", NULL, export_chart_action);
  gtk_widget_class_install_action (widget_class, "win.show-model", "s", show_model_action);
  gtk_widget_class_install_action (widget_class, "win.compare-model", "s", compare_model_action);
}

static void set_view_accels (HubWindow *self);

static void
application_changed (HubWindow  *self,
                     GParamSpec *pspec,
                     gpointer    user_data)
{
  set_view_accels (self);
}

static void
hub_window_init (HubWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = hub_settings_new ();
  g_signal_connect (self, "notify::application", G_CALLBACK (application_changed), NULL);
}

/**
 * hub_window_new:
 * @application: the application
 * @db_path: the store to open
 *
 * Returns: (transfer full): a new window, loading @db_path.
 */
GtkWidget *
hub_window_new (GtkApplication *application,
                const char     *db_path)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (db_path != NULL, NULL);

  return g_object_new (HUB_TYPE_WINDOW,
                       "application", application,
                       "db-path", db_path,
                       NULL);
}

/**
 * hub_window_get_db_path:
 * Returns: the store path.
 */
const char *
hub_window_get_db_path (HubWindow *self)
{
  g_return_val_if_fail (HUB_IS_WINDOW (self), NULL);
  return self->db_path;
}

/**
 * hub_window_get_dataset:
 * Returns: (transfer none) (nullable): the loaded dataset.
 */
HubDataset *
hub_window_get_dataset (HubWindow *self)
{
  g_return_val_if_fail (HUB_IS_WINDOW (self), NULL);
  return self->dataset;
}

/**
 * hub_window_set_dataset:
 * @self: a window
 * @dataset: (nullable): the new dataset
 *
 * Hands @dataset to every page bound to the window's "dataset".
 */
void
hub_window_set_dataset (HubWindow  *self,
                        HubDataset *dataset)
{
  g_return_if_fail (HUB_IS_WINDOW (self));

  if (self->dataset == dataset)
    return;

  g_clear_pointer (&self->dataset, hub_dataset_unref);
  if (dataset != NULL)
    self->dataset = hub_dataset_ref (dataset);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
}

static gboolean
has_property (GtkWidget  *widget,
              const char *name,
              GType       type)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (widget), name);

  return pspec != NULL && g_type_is_a (pspec->value_type, type) && (pspec->flags & G_PARAM_WRITABLE);
}

/* Ctrl+<position> shows each page. The window gets its application after
 * construction (the pages are added before), so this runs again then. */
static void
set_view_accels (HubWindow *self)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
  g_autoptr(GtkSelectionModel) pages = NULL;
  guint n;

  if (application == NULL)
    return;

  pages = adw_view_stack_get_pages (self->view_stack);
  n = MIN (g_list_model_get_n_items (G_LIST_MODEL (pages)), 9);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);
      g_autofree char *detailed = g_strdup_printf ("win.show-page::%s", adw_view_stack_page_get_name (page));
      g_autofree char *accel = g_strdup_printf ("<Control>%u", i + 1);
      const char *accels[] = { accel, NULL };

      gtk_application_set_accels_for_action (application, detailed, accels);
    }
}

/**
 * hub_window_add_page:
 * @self: a window
 * @page: (transfer floating): the page widget
 * @name: its name (for hub_window_show_page() and the "win.show-page" action)
 * @title: the switcher label
 * @icon_name: the switcher icon
 *
 * Adds a view to the window in one call: switcher entry, a Ctrl+<position>
 * shortcut, and the window's "db-path" and "dataset" bound into the page's
 * properties of those names when it has them.
 *
 * Returns: (transfer none): the view stack page.
 */
AdwViewStackPage *
hub_window_add_page (HubWindow  *self,
                     GtkWidget  *page,
                     const char *name,
                     const char *title,
                     const char *icon_name)
{
  AdwViewStackPage *stack_page;

  g_return_val_if_fail (HUB_IS_WINDOW (self), NULL);
  g_return_val_if_fail (GTK_IS_WIDGET (page), NULL);
  g_return_val_if_fail (name != NULL && title != NULL, NULL);

  stack_page = adw_view_stack_add_titled (self->view_stack, page, name, title);
  if (icon_name != NULL)
    adw_view_stack_page_set_icon_name (stack_page, icon_name);

  if (has_property (page, "db-path", G_TYPE_STRING))
    g_object_bind_property (self, "db-path", page, "db-path", G_BINDING_SYNC_CREATE);
  if (has_property (page, "dataset", HUB_TYPE_DATASET_BOXED))
    g_object_bind_property (self, "dataset", page, "dataset", G_BINDING_SYNC_CREATE);

  self->n_pages++;
  set_view_accels (self);

  return stack_page;
}

/**
 * hub_window_get_page:
 * @self: a window
 * @name: a page name
 *
 * Returns: (transfer none) (nullable): the page widget.
 */
GtkWidget *
hub_window_get_page (HubWindow  *self,
                     const char *name)
{
  g_return_val_if_fail (HUB_IS_WINDOW (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return adw_view_stack_get_child_by_name (self->view_stack, name);
}

/**
 * hub_window_show_page:
 * @self: a window
 * @name: a page name
 *
 * Shows page @name; an unknown name does nothing.
 */
void
hub_window_show_page (HubWindow  *self,
                      const char *name)
{
  g_return_if_fail (HUB_IS_WINDOW (self));
  g_return_if_fail (name != NULL);

  if (adw_view_stack_get_child_by_name (self->view_stack, name) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, name);
}

/**
 * hub_window_get_state:
 * Returns: "loading", "error" or "main".
 */
const char *
hub_window_get_state (HubWindow *self)
{
  g_return_val_if_fail (HUB_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->main_stack);
}

/**
 * hub_window_add_toast:
 * @toast: (transfer full): a toast for the window's overlay
 *
 * Shows @toast over the pages (what finished, with an action to follow up).
 */
void
hub_window_add_toast (HubWindow *self,
                      AdwToast  *toast)
{
  g_return_if_fail (HUB_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  g_free (self->last_toast);
  self->last_toast = g_strdup (adw_toast_get_title (toast));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * hub_window_get_last_toast:
 * Returns: (nullable): the title of the last toast shown, for tests.
 */
const char *
hub_window_get_last_toast (HubWindow *self)
{
  g_return_val_if_fail (HUB_IS_WINDOW (self), NULL);
  return self->last_toast;
}
