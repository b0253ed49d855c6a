/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What every libFuzzer harness shares: criticals and warnings are fatal (an
 * input must never reach one), and the input as a NUL-terminated string. */
#pragma once

#include <glib.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* A fatal GLib message (g_error, a critical or warning made fatal) ends in
 * SIGTRAP, which libFuzzer does not catch: it then writes no crash input.
 * As an abort it does. */
static void
fuzz_abort_on_trap (int signum)
{
  abort ();
}

static inline void
fuzz_init_logging (void)
{
  signal (SIGTRAP, fuzz_abort_on_trap);
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
