/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What every libFuzzer harness shares: criticals and warnings are fatal (an
 * input must never reach one), and the input as a NUL-terminated string. */
#pragma once

#include <glib.h>
#include <stdint.h>
#include <string.h>

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static inline void
fuzz_init_logging (void)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  g_setenv ("G_MESSAGES_DEBUG", "", TRUE);
}

/* @data as a string that ends at its first NUL, as C callers see it. */
static inline char *
fuzz_strndup (const uint8_t *data,
              size_t         size)
{
  return g_strndup ((const char *) data, size);
}
