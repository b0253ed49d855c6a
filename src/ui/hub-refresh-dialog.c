/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-ui"

#include "config.h"

#include "hub-refresh-dialog.h"

#include <glib/gi18n.h>
#include <string.h>

#include "hub-accessible.h"
#include "hub-sync.h"

struct _HubRefreshDialog
{
  AdwMessageDialog  parent_instance;

  AdwComboRow      *scope_row;
  AdwActionRow     *limit_row;
  GtkSpinButton    *limit_spin;
  AdwEntryRow      *arg_row;
};

G_DEFINE_FINAL_TYPE (HubRefreshDialog, hub_refresh_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* The scope kinds in the order of the combo row. A kind with a prefix takes
 * the entry's text as its argument; the first three are top-N scopes. */
typedef struct {
  const char *name;     /* scope, or prefix with its colon */
  gboolean    has_arg;
  const char *arg_title;
} ScopeKind;

static const ScopeKind scope_kinds[] = {
  { "trending",  FALSE, NULL },
  { "downloads", FALSE, NULL },
  { "likes",     FALSE, NULL },
  { "author:",   TRUE,  N_("_Author") },
  { "task:",     TRUE,  N_("_Task, e.g. text-generation") },
  { "children:", TRUE,  N_("Model _ID, e.g. Qwen/Qwen2.5-7B") },
  { "all",       FALSE, NULL },
};

#define N_TOP_KINDS 3

static guint
selected_kind (HubRefreshDialog *self)
{
  guint kind = adw_combo_row_get_selected (self->scope_row);

  return kind < G_N_ELEMENTS (scope_kinds) ? kind : 0;
}

static void
update_rows (HubRefreshDialog *self)
{
  const ScopeKind *kind = &scope_kinds[selected_kind (self)];
  g_autofree char *scope = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->limit_row), selected_kind (self) < N_TOP_KINDS);
  gtk_widget_set_visible (GTK_WIDGET (self->arg_row), kind->has_arg);
  if (kind->has_arg)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->arg_row), _(kind->arg_title));

  scope = hub_refresh_dialog_dup_scope (self);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "refresh", scope != NULL);
  if (kind->has_arg && gtk_editable_get_text (GTK_EDITABLE (self->arg_row))[0] != '\0' && scope == NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->arg_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->arg_row), "error");
}

static void
on_entry_activated (HubRefreshDialog *self)
{
  g_autofree char *scope = hub_refresh_dialog_dup_scope (self);

  if (scope != NULL)
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (self), "refresh");
}

static void
hub_refresh_dialog_class_init (HubRefreshDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/HubEco/hub-refresh-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, HubRefreshDialog, scope_row);
  gtk_widget_class_bind_template_child (widget_class, HubRefreshDialog, limit_row);
  gtk_widget_class_bind_template_child (widget_class, HubRefreshDialog, limit_spin);
  gtk_widget_class_bind_template_child (widget_class, HubRefreshDialog, arg_row);
}

static void
hub_refresh_dialog_init (HubRefreshDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->limit_spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Number of models"),
                                  -1);
  g_signal_connect_swapped (self->scope_row, "notify::selected", G_CALLBACK (update_rows), self);
  g_signal_connect_swapped (self->arg_row, "changed", G_CALLBACK (update_rows), self);
  g_signal_connect_swapped (self->arg_row, "entry-activated", G_CALLBACK (on_entry_activated), self);
  update_rows (self);
  hub_accessible_mend (GTK_WIDGET (self));
}

/**
 * hub_refresh_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 *
 * Returns: (transfer floating): a new dialog, showing the trending top 1000.
 */
GtkWidget *
hub_refresh_dialog_new (GtkWindow *parent)
{
  return g_object_new (HUB_TYPE_REFRESH_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
}

/**
 * hub_refresh_dialog_set_scope:
 * @self: a dialog
 * @scope: a sync scope
 *
 * Shows @scope: its kind in the combo row, its argument in the entry.
 */
void
hub_refresh_dialog_set_scope (HubRefreshDialog *self,
                              const char       *scope)
{
  g_return_if_fail (HUB_IS_REFRESH_DIALOG (self));

  if (scope == NULL || !hub_sync_scope_validate (scope, NULL))
    scope = "trending";

  for (guint i = 0; i < G_N_ELEMENTS (scope_kinds); i++)
    {
      const ScopeKind *kind = &scope_kinds[i];

      if (kind->has_arg ? g_str_has_prefix (scope, kind->name) : g_str_equal (scope, kind->name))
        {
          gtk_editable_set_text (GTK_EDITABLE (self->arg_row),
                                 kind->has_arg ? scope + strlen (kind->name) : "");
          adw_combo_row_set_selected (self->scope_row, i);
          break;
        }
    }
  update_rows (self);
}

/**
 * hub_refresh_dialog_dup_scope:
 * @self: a dialog
 *
 * Returns: (transfer full) (nullable): the chosen scope, or %NULL when the
 *   choice is not a valid scope yet.
 */
char *
hub_refresh_dialog_dup_scope (HubRefreshDialog *self)
{
  const ScopeKind *kind;
  g_autofree char *scope = NULL;

  g_return_val_if_fail (HUB_IS_REFRESH_DIALOG (self), NULL);

  kind = &scope_kinds[selected_kind (self)];
  if (kind->has_arg)
    {
      g_autofree char *arg = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->arg_row))));

      if (*arg == '\0')
        return NULL;
      scope = g_strconcat (kind->name, arg, NULL);
    }
  else
    scope = g_strdup (kind->name);

  if (!hub_sync_scope_validate (scope, NULL))
    return NULL;
  return g_steal_pointer (&scope);
}

/**
 * hub_refresh_dialog_set_limit:
 * @self: a dialog
 * @limit: N for the top scopes; 0 shows the sync's default
 */
void
hub_refresh_dialog_set_limit (HubRefreshDialog *self,
                              guint             limit)
{
  g_return_if_fail (HUB_IS_REFRESH_DIALOG (self));

  gtk_spin_button_set_value (self->limit_spin, limit > 0 ? limit : HUB_SYNC_DEFAULT_TOP_LIMIT);
}

/**
 * hub_refresh_dialog_get_limit:
 * @self: a dialog
 *
 * Returns: N for a top scope, 0 (no limit) for the others.
 */
guint
hub_refresh_dialog_get_limit (HubRefreshDialog *self)
{
  g_return_val_if_fail (HUB_IS_REFRESH_DIALOG (self), 0);

  if (selected_kind (self) >= N_TOP_KINDS)
    return 0;
  return (guint) gtk_spin_button_get_value_as_int (self->limit_spin);
}
